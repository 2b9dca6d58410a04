// ipabs optimize FILE --objective firms-cost: the cheapest structure for the firms that meets the
// constraints, searched over the levers' ranges (models/design/optimize.ts).
import type { Deal } from '../../models/deal-format/schema.js';
import { nameIn } from './shared.js';
import { optimizeDesign, OBJECTIVES, type Objective, type OptimizeResult, type FrontierRow } from '../../models/design/optimize.js';
import { LEVER_NAMES, type LeverName, type LeverSpec } from '../../models/design/levers.js';
import type { DesignConstraint } from '../../models/design/constraints.js';
import { parseDomesticGrade } from '../../models/ratings/domestic-scale.js';
import { isRating, RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { TDR_METHODS } from '../../models/ratings/tdr.js';
import { dealCost } from '../../models/cost/compare.js';
import { withMarketCoupons } from '../../models/design/market-coupons.js';
import { designedDealFile } from '../../models/design/designed-deal.js';
import { formatMoney, formatRate, textTable } from '../../models/format.js';
import { kindWord, translator, type Lang, type Translate } from '../../models/i18n/index.js';
import { flagInt, flagString, parseArgs, UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import { choice } from './rate.js';
import { gridFrom, requireRawDeal, seedFrom } from './price.js';

/** Exit status when no candidate meets the constraints (the closest one and what binds are printed). */
export const INFEASIBLE_EXIT = 2;

const FLAGS = {
  objective: 'value', 'min-rating': 'value', 'min-el-rating': 'value', 'max-draw999': 'value', 'max-exhaustion': 'value', 'max-cost': 'value',
  paths: 'value', seed: 'value', points: 'value', refine: 'value', tdr: 'value', grid: 'value', out: 'value', json: 'bool',
} as const;

/** `--lever NAME=MIN:MAX` (or NAME=VALUE, or frequency=a,b) may be given many times: taken out before the other flags are read. */
export function leverFlags(argv: string[]): { rest: string[]; specs: LeverSpec[] } {
  const rest: string[] = [];
  const specs: LeverSpec[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    let text: string | undefined;
    if (a === '--lever') { text = argv[++i]; if (text === undefined) throw new UsageError('option --lever needs a value, e.g. --lever senior-share=0.7:0.95'); }
    else if (a.startsWith('--lever=')) text = a.slice('--lever='.length);
    else { rest.push(a); continue; }
    specs.push(parseLever(text));
  }
  return { rest, specs };
}

export function parseLever(text: string): LeverSpec {
  const m = /^([a-z-]+)=(.+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--lever: write NAME=MIN:MAX (e.g. senior-share=0.7:0.95, undertaking=0:150000000, frequency=quarterly,semiannual), got ${JSON.stringify(text)}`);
  const name = m[1] as LeverName;
  if (!(LEVER_NAMES as readonly string[]).includes(name)) throw new UsageError(`--lever: unknown lever "${m[1]}" (levers: ${LEVER_NAMES.join(', ')})`);
  const v = m[2]!;
  if (name === 'frequency') return { name, range: { kind: 'choices', values: v.split(',').map((x) => x.trim()).filter(Boolean) } };
  const parts = v.split(':');
  const nums = parts.map((x) => Number(x.trim()));
  if (parts.length > 2 || nums.some((x, i) => parts[i]!.trim() === '' || !Number.isFinite(x))) throw new UsageError(`--lever ${name}: MIN:MAX must be two numbers (or one, to hold it fixed), got ${JSON.stringify(v)}`);
  return { name, range: { kind: 'interval', min: nums[0]!, max: nums[nums.length - 1]! } };
}

const num = (args: ParsedArgs, flag: string): number | undefined => {
  const raw = flagString(args, flag);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${flag}: must be a number, got ${JSON.stringify(raw)}`);
  return x;
};

/** `YUAN` (every guarantee and undertaking) or `ID=YUAN` (one of them). */
function perEnhancement(args: ParsedArgs, flag: string): { enhancement: string | null; max: number } | undefined {
  const raw = flagString(args, flag);
  if (raw === undefined) return undefined;
  const m = /^(?:([A-Za-z0-9_.-]+)=)?(.+)$/.exec(raw.trim())!;
  const x = Number(m[2]);
  if (!Number.isFinite(x)) throw new UsageError(`--${flag}: must be a number, or ID=number for one enhancement, got ${JSON.stringify(raw)}`);
  return { enhancement: m[1] ?? null, max: x };
}

export function constraintsFrom(args: ParsedArgs): DesignConstraint[] {
  const out: DesignConstraint[] = [];
  const g = flagString(args, 'min-rating');
  if (g !== undefined) {
    const grade = parseDomesticGrade(g);
    if (!grade) throw new UsageError(`--min-rating: a domestic grade such as AAA, AA+ or AA(sf), got ${JSON.stringify(g)}`);
    out.push({ kind: 'senior-rating', min: grade });
  }
  const el = flagString(args, 'min-el-rating');
  if (el !== undefined) {
    if (!isRating(el)) throw new UsageError(`--min-el-rating: must be one of ${RATING_ORDER.join(', ')}, got ${JSON.stringify(el)}`);
    out.push({ kind: 'senior-el-rating', min: el });
  }
  const d = perEnhancement(args, 'max-draw999');
  if (d) out.push({ kind: 'draw999', ...d });
  const e = perEnhancement(args, 'max-exhaustion');
  if (e) out.push({ kind: 'exhaustion', ...e });
  const c = num(args, 'max-cost');
  if (c !== undefined) out.push({ kind: 'firms-cost', max: c });
  return out;
}

export async function optimizeCommand(argv: string[], io: Io): Promise<number> {
  const { rest, specs } = leverFlags(argv);
  const args = parseArgs(rest, FLAGS);
  const lang = ioLang(io);
  const deal = requireRawDeal(args.positional[0], 'optimize');
  const objective = (flagString(args, 'objective') ?? 'firms-cost') as Objective;
  if (!(OBJECTIVES as readonly string[]).includes(objective)) throw new UsageError(`--objective: must be one of ${OBJECTIVES.join(', ')}, got ${JSON.stringify(objective)}`);
  let result: OptimizeResult;
  try {
    result = await optimizeDesign(deal, {
      objective, levers: specs, constraints: constraintsFrom(args),
      paths: flagInt(args, 'paths', 20_000, 1_000, 5_000_000), seed: seedFrom(args),
      points: flagInt(args, 'points', 4, 2, 9), refine: flagInt(args, 'refine', 3, 0, 6),
      tdrMethod: choice(flagString(args, 'tdr'), TDR_METHODS, 'tdr'), grid: gridFrom(args),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message.replace(/^lever /, '--lever ').replace(/^constraints\[\d+\]\./, ''));
    throw err;
  }
  const asGiven = shippedAsGiven(deal);
  const out = flagString(args, 'out');
  if (out && result.bestDeal) io.writeFile(out, `${JSON.stringify(designedDealFile(result.bestDeal, deal), null, 2)}\n`);
  const { bestDeal: _b, candidates, ...rest2 } = result;
  io.out(args.flags.has('json')
    ? JSON.stringify({ ...rest2, shippedAsGiven: asGiven, candidates, out: out && result.bestDeal ? out : null }, null, 2)
    : formatOptimize(result, asGiven, lang, out && result.bestDeal ? out : null));
  return result.status === 'infeasible' ? INFEASIBLE_EXIT : 0;
}

/** The shipped deal at its own coupons: the firms' and the issuer's cost as `compare` reports them. */
export function shippedAsGiven(deal: Deal): { firmsCost: number; issuerCost: number } | null {
  try {
    const c = dealCost(withMarketCoupons(deal));
    return { firmsCost: c.subsidyAdjustedCostRate, issuerCost: c.issuerCostRate };
  } catch {
    return null;
  }
}

const pct = (x: number | null | undefined, d = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : formatRate(x, d));

function leverValue(unit: string, v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return unit === 'share' ? formatRate(v, 2) : formatMoney(v);
}

function frontierTable(t: Translate, rows: FrontierRow[], unit: string, head: string): string {
  return textTable([head, t('design.col.firmsCost'), t('design.col.tried')], rows.map((r) => [leverValue(unit, r.value), r.firmsCost === null ? t('design.none') : pct(r.firmsCost), String(r.tried)]));
}

export function formatOptimize(r: OptimizeResult, asGiven: { firmsCost: number; issuerCost: number } | null, lang: Lang, out: string | null): string {
  const t = translator(lang);
  const lines = [t('design.cli.title', { name: nameIn(r.deal, lang), id: r.deal.id })];
  lines.push(t('design.cli.run', { paths: r.run.paths.toLocaleString('en-US'), seed: r.run.seed, tdr: r.run.tdrMethod, points: r.run.points, refine: r.run.refine }));
  lines.push(t('design.cli.constraints', { list: r.constraints.map((c) => constraintText(t, c)).join('; ') }), '');
  lines.push(textTable([t('design.col.lever'), t('design.col.range'), t('design.col.shipped'), t('design.col.best')], r.levers.map((l) => [
    t(`design.lever.${l.name}`), l.range.kind === 'choices' ? l.range.values.join(', ') : `${leverValue(l.unit, l.range.min)} – ${leverValue(l.unit, l.range.max)}`,
    leverValue(l.unit, l.current), leverValue(l.unit, l.best),
  ])), '');
  const best = r.best ?? r.closest;
  const col = (c: OptimizeResult['shipped'] | null, f: (c: OptimizeResult['shipped']) => string) => (c ? f(c) : '—');
  const senior = (c: OptimizeResult['shipped']) => c.tranches.reduce((b, x) => (x.share > 0 && (b === null || x.class === 'senior') ? x : b), null as OptimizeResult['shipped']['tranches'][number] | null);
  lines.push(textTable([t('design.col.figure'), t('design.col.asGiven'), t('design.col.shippedMarket'), r.best ? t('design.col.best') : t('design.col.closest')], [
    [t('design.row.firmsCost'), asGiven ? pct(asGiven.firmsCost) : '—', pct(r.shipped.firmsCost), col(best, (c) => pct(c.firmsCost))],
    [t('design.row.firmsCostBefore'), '', pct(r.shipped.firmsCostBeforeSubsidy), col(best, (c) => pct(c.firmsCostBeforeSubsidy))],
    [t('design.row.issuerCost'), asGiven ? pct(asGiven.issuerCost) : '—', pct(r.shipped.issuerCost), col(best, (c) => pct(c.issuerCost))],
    [t('design.row.seniorShare'), '', col(r.shipped, (c) => pct(senior(c)?.share ?? null, 2)), col(best, (c) => pct(senior(c)?.share ?? null, 2))],
    [t('design.row.seniorGrade'), '', r.shipped.seniorGrade ?? '—', col(best, (c) => c.seniorGrade ?? '—')],
    [t('design.row.seniorEl'), '', col(r.shipped, (c) => (c.seniorEl ? `${pct(c.seniorEl.value, 4)} ± ${pct(c.seniorEl.stdErr, 4)}` : '—')), col(best, (c) => (c.seniorEl ? `${pct(c.seniorEl.value, 4)} ± ${pct(c.seniorEl.stdErr, 4)}` : '—'))],
    ...r.shipped.tranches.map((x) => [t('design.row.coupon', { tranche: x.id }), '', `${pct(x.coupon)} ${x.grade}`, col(best, (c) => { const y = c.tranches.find((z) => z.id === x.id); return y ? `${pct(y.coupon)} ${y.grade} (${pct(y.share, 1)})` : '—'; })]),
    ...r.shipped.enhancements.map((e) => [t('design.row.enhancement', { id: e.id, kind: kindWord(t, e.kind) }), '', `${formatMoney(e.capacity ?? 0)} / ${formatMoney(e.draw999)} / ${pct(e.exhaustion)}`, col(best, (c) => { const y = c.enhancements.find((z) => z.id === e.id); return y ? `${formatMoney(y.capacity ?? 0)} / ${formatMoney(y.draw999)} / ${pct(y.exhaustion)}` : '—'; })]),
  ]), t('design.cli.enhancementColumns'), '');
  if (r.status === 'infeasible') lines.push(t('design.cli.infeasible'));
  lines.push(r.status === 'optimal' ? t('design.cli.binding') : t('design.cli.misses'));
  lines.push(...(r.binding.length ? r.binding.map((b) => `  - ${bindingText(t, b, r)}`) : [`  - ${t('design.cli.noneBinding')}`]), '');
  if (r.frontier.seniorShare) lines.push(t('design.cli.frontier.seniorShare'), frontierTable(t, r.frontier.seniorShare, 'share', t('design.lever.senior-share')), '');
  if (r.frontier.capacity) lines.push(t('design.cli.frontier.capacity', { lever: t(`design.lever.${r.frontier.capacity.lever}`) }), frontierTable(t, r.frontier.capacity.rows, 'yuan', t(`design.lever.${r.frontier.capacity.lever}`)), '');
  lines.push(t('design.cli.evaluations', { total: r.evaluations.total, lattice: r.evaluations.lattice, refine: r.evaluations.refine, seconds: r.seconds.toFixed(1) }));
  if (out) lines.push(t('design.cli.out', { file: out }));
  return lines.join('\n');
}

export function bindingText(t: Translate, b: OptimizeResult['binding'][number], r: OptimizeResult): string {
  const val = (v: number | string | undefined, kind: string) => (v === undefined ? '—' : typeof v === 'string' ? v : kind === 'draw999' ? formatMoney(v) : formatRate(v, 4));
  if (b.kind === 'bound') {
    const unit = r.levers.find((l) => l.name === b.lever)?.unit ?? 'yuan';
    return t(`design.binding.bound.${b.end ?? 'lower'}`, { lever: t(`design.lever.${b.lever!}`), value: leverValue(unit, b.value ?? null) });
  }
  if (b.kind === 'market-price') return t('design.binding.market-price', { tranche: b.tranche ?? '', grade: String(b.value ?? '') });
  if (b.kind === 'invalid') return t('design.binding.invalid', { detail: b.detail });
  return t(`design.binding.${b.kind}`, { id: b.enhancement ?? '', value: val(b.value, b.kind), limit: val(b.limit, b.kind) });
}

export function constraintText(t: Translate, c: DesignConstraint): string {
  switch (c.kind) {
    case 'senior-rating': return t('design.constraint.senior-rating', { grade: c.min });
    case 'senior-el-rating': return t('design.constraint.senior-el-rating', { rating: c.min });
    case 'draw999': return t('design.constraint.draw999', { id: c.enhancement ?? t('design.every'), max: formatMoney(c.max) });
    case 'exhaustion': return t('design.constraint.exhaustion', { id: c.enhancement ?? t('design.every'), max: formatRate(c.max, 3) });
    case 'firms-cost': return t('design.constraint.firms-cost', { max: formatRate(c.max, 3) });
  }
}

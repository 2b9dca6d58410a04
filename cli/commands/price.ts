// ipabs price FILE: each tranche's domestic grade, WAL, benchmark, grid spread and market coupon.
import { readFileSync } from 'node:fs';
import { nameIn } from './shared.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { loadDealFile } from '../../models/deal-format/load.js';
import { formatProblem } from '../../models/deal-format/validate.js';
import { priceMarketCoupons, type MarketPricing } from '../../models/design/market-coupons.js';
import { simulatedTdr } from '../../models/design/pool-tdr.js';
import { DEFAULT_SPREAD_GRID, gridProblems, spreadGridSchema, type SpreadGrid } from '../../models/market/spread-grid.js';
import { TDR_METHODS } from '../../models/ratings/tdr.js';
import { formatBp, formatRate, textTable } from '../../models/format.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { flagInt, flagString, parseArgs, threadsFrom, UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import { choice } from './rate.js';

const FLAGS = { paths: 'value', seed: 'value', threads: 'value', tdr: 'value', grid: 'value', json: 'bool' } as const;

/** A deal file as written (market coupons unpriced), or a usage error listing its problems. */
export function requireRawDeal(file: string | undefined, command: string): Deal {
  if (!file) throw new UsageError(`${command} needs a deal file`);
  const r = loadDealFile(file);
  if (!r.ok) throw new UsageError(`${file} is not a valid deal:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  return r.deal;
}

/** --grid FILE: a spread grid of the same shape as the shipped one, checked. */
export function gridFrom(args: ParsedArgs): SpreadGrid {
  const file = flagString(args, 'grid');
  if (file === undefined) return DEFAULT_SPREAD_GRID;
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(file, 'utf8')); } catch (err) { throw new UsageError(`--grid: cannot read ${file} as JSON: ${(err as Error).message}`); }
  const r = spreadGridSchema.safeParse(raw);
  if (!r.success) throw new UsageError(`--grid ${file}: ${r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  const problems = gridProblems(r.data);
  if (problems.length) throw new UsageError(`--grid ${file}: ${problems.join('; ')}`);
  return r.data;
}

export function seedFrom(args: ParsedArgs): number | string {
  const raw = flagString(args, 'seed') ?? '1';
  return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : raw;
}


export async function priceCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const lang = ioLang(io);
  const deal = requireRawDeal(args.positional[0], 'price');
  const grid = gridFrom(args);
  const paths = flagInt(args, 'paths', 0, 0, 10_000_000);
  const method = choice(flagString(args, 'tdr'), TDR_METHODS, 'tdr');
  if (paths === 0 && method && method !== 'stress-multiplier') throw new UsageError(`--tdr: "${method}" needs a simulation of the pool; give --paths (e.g. 20000) or use --tdr stress-multiplier`);
  const seed = seedFrom(args);
  let pricing: MarketPricing;
  try {
    const tdr = paths > 0 ? await simulatedTdr(deal, { paths, seed, threads: threadsFrom(args), method }) : undefined;
    pricing = priceMarketCoupons(deal, { grid, tdr });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const out = { ...pricingJson(pricing), grid: { id: grid.id, over: grid.over }, tdrSource: paths > 0 ? { paths, seed } : null };
  io.out(args.flags.has('json') ? JSON.stringify(out, null, 2) : formatPricing(pricing, deal, grid, lang, paths > 0 ? { paths, seed } : null));
  return 0;
}

/** The answer without the whole priced deal and rating (what `--json` and the API give). */
export function pricingJson(p: MarketPricing) {
  return { deal: { id: p.deal.meta.id, name: p.deal.meta.name, issueDate: p.deal.meta.issueDate }, tdrMethod: p.tdrMethod, rounds: p.rounds, settled: p.settled, tranches: p.tranches };
}

export function formatPricing(p: MarketPricing, deal: Deal, grid: SpreadGrid, lang: Lang, sim: { paths: number; seed: number | string } | null): string {
  const t = translator(lang);
  const pct = (x: number | null) => (x === null ? '—' : formatRate(x, 3));
  const lines = [t('price.cli.title', { name: nameIn(deal.meta, lang), id: deal.meta.id })];
  lines.push(sim ? t('price.cli.tdr.simulated', { method: p.tdrMethod, paths: sim.paths.toLocaleString('en-US'), seed: sim.seed }) : t('price.cli.tdr.stress-multiplier'));
  const curve = p.tranches.find((x) => x.price)?.price?.curvePoint;
  if (curve) lines.push(t(curve.staleDays >= 0 ? 'price.cli.curve' : 'price.cli.curveAfter', { date: curve.date, days: Math.abs(curve.staleDays), issue: deal.meta.issueDate, source: curve.source }));
  lines.push(t('price.cli.grid', { id: grid.id }), t(p.settled ? 'price.cli.settled' : 'price.cli.unsettled', { n: p.rounds }), '');
  lines.push(textTable(
    [t('price.col.tranche'), t('price.col.grade'), t('price.col.basis'), t('price.col.wal'), t('price.col.curve'), t('price.col.spread'), t('price.col.premium'), t('price.col.yield'), t('price.col.benchmark'), t('price.col.coupon'), t('price.col.inDeal')],
    p.tranches.map((x) => {
      const pr = x.price;
      const bench = !pr ? '—' : pr.benchmark.name === 'CGB'
        ? t('price.benchmark.CGB', { rate: formatRate(pr.benchmark.rate, 3) })
        : t('price.benchmark.LPR1Y', { rate: formatRate(pr.benchmark.rate, 2), spread: formatBp(pr.spreadOverBenchmark) });
      return [
        x.id, x.grade === 'below BB(sf)' ? t('rating.below-scale') : x.grade, t(`price.basis.${x.ratingBasis}`), x.walYears.toFixed(3),
        pr ? formatRate(pr.curvePoint.rate, 3) : '—', pr ? `${pr.gridSpreadBp.toFixed(1)} bp` : '—', pr ? `${pr.premiumBp} bp` : '—',
        pr ? formatRate(pr.yield, 3) : x.couponInDeal === null && !x.market ? t('price.residual') : t('price.noPrice'),
        bench, pct(x.coupon), x.market ? t('price.market') : x.couponInDeal === null ? t('price.residual') : pct(x.couponInDeal),
      ];
    }),
  ));
  lines.push('', t('price.cli.note'));
  return lines.join('\n');
}

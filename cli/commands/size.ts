import { describeTarget, leverWords, sizeEnhancement, sizingMessage, targetOf, formatPercent, type GuarantorFigures, type SizingResult, type SizingTarget } from '../../models/sizing/solve.js';
import { kindWord, translator, type Lang, type Translate } from '../../models/i18n/index.js';
import { ioLang } from '../lang.js';
import { LEVER_KINDS, type LeverKind } from '../../models/sizing/levers.js';
import { BELOW_LOWEST_RATING, isRating, RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, threadsFrom, UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal, nameIn } from './shared.js';


/** Exit status when even the largest amount misses the target (the report is still printed). */
export const UNREACHABLE_EXIT = 2;

const FLAGS = {
  enhancement: 'value', lever: 'value', 'target-rating': 'value', 'target-pl': 'value',
  paths: 'value', seed: 'value', threads: 'value', stress: 'value',
  tolerance: 'value', max: 'value', 'discount-rate': 'value', json: 'bool',
} as const;

/** The model's field names, as the flags that set them. */
const FIELD_TO_FLAG: Array<[RegExp, string]> = [
  [/^enhancement:/, '--enhancement:'], [/^lever:/, '--lever:'], [/^target\.rating:/, '--target-rating:'],
  [/^target\.max:/, '--target-pl:'], [/^tolerance:/, '--tolerance:'], [/^maxAmount:/, '--max:'], [/^discountRate:/, '--discount-rate:'],
];

function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = flagString(args, name);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name}: must be a number, got ${JSON.stringify(raw)}`);
  return x;
}

export function targetFrom(args: ParsedArgs): SizingTarget {
  const rating = flagString(args, 'target-rating');
  const pl = flagString(args, 'target-pl');
  if (rating !== undefined && pl !== undefined) throw new UsageError('give one target, not both: --target-rating R (e.g. Aa2) or --target-pl P (e.g. 0.001)');
  if (rating === undefined && pl === undefined) throw new UsageError('give a target: --target-rating R (e.g. Aa2) or --target-pl P (e.g. 0.001)');
  if (rating !== undefined) {
    if (!isRating(rating)) throw new UsageError(`--target-rating: must be one of ${RATING_ORDER.join(', ')}, got ${JSON.stringify(rating)}`);
    return { kind: 'rating', rating };
  }
  const p = Number(pl);
  if (pl!.trim() === '' || !(p > 0 && p < 1)) throw new UsageError(`--target-pl: a probability of loss must be strictly between 0 and 1 (0.001 = 0.1%), got ${JSON.stringify(pl)}`);
  return { kind: 'probability-of-loss', max: p };
}

export async function sizeCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const deal = requireDeal(args.positional[0], 'size');
  const enhancement = flagString(args, 'enhancement');
  if (!enhancement) throw new UsageError(`--enhancement: give the id of the enhancement to size (enhancements: ${deal.enhancements.map((e) => e.id).join(', ') || 'none'}; reserve accounts: ${deal.accounts.map((a) => a.id).join(', ') || 'none'})`);
  const leverRaw = flagString(args, 'lever');
  if (leverRaw !== undefined && !(LEVER_KINDS as readonly string[]).includes(leverRaw)) throw new UsageError(`--lever: must be one of ${LEVER_KINDS.join(', ')}, got ${JSON.stringify(leverRaw)}`);
  const target = targetFrom(args);
  const seedRaw = flagString(args, 'seed') ?? '1';
  const maxRaw = flagString(args, 'max');
  let result: SizingResult;
  try {
    result = await sizeEnhancement(deal, {
      enhancement,
      lever: leverRaw as LeverKind | undefined,
      target,
      paths: flagInt(args, 'paths', 100_000, 1, 10_000_000),
      seed: /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw,
      threads: threadsFrom(args),
      stress: flagString(args, 'stress'),
      tolerance: numberFlag(args, 'tolerance'),
      maxAmount: maxRaw,
      discountRate: numberFlag(args, 'discount-rate'),
    });
  } catch (err) {
    if (err instanceof RangeError) {
      const m = FIELD_TO_FLAG.reduce((s, [re, flag]) => s.replace(re, flag), err.message);
      throw new UsageError(m);
    }
    throw err;
  }
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatSizing(result, ioLang(io)));
  // A search that ran but found no size is not a usage error: report it, and say so in the status.
  return result.status === 'unreachable' ? UNREACHABLE_EXIT : 0;
}

export function formatSizing(r: SizingResult, lang: Lang = 'en'): string {
  const t = translator(lang);
  const money = (x: number | null) => (x === null ? t('cli.size.beyond') : formatMoney(x));
  const target = targetOf(r);
  const lines = [
    `${printable(nameIn(r.deal, lang))} (${r.deal.id})`,
    t('cli.size.sizing', { lever: leverWords(r.lever, lang), id: r.lever.id, target: describeTarget(target, r.target.tranche, lang) }),
    t('cli.size.run', { paths: r.run.paths.toLocaleString('en-US'), seed: String(r.run.seed), stress: r.run.stress, tolerance: formatMoney(r.run.tolerance), max: formatMoney(r.lever.maxAmount) }),
    '',
    sizingMessage(r, target, lang),
  ];
  if (r.status !== 'unreachable') {
    lines.push(
      t('cli.size.range', { lo: money(r.uncertainty.lowAmount), hi: money(r.uncertainty.highAmount) }),
      t('cli.size.at', { tranche: r.target.tranche, measure: t(`cli.size.measure.${r.target.kind}`), value: formatPercent(r.atRequired.value), se: formatPercent(r.atRequired.stdErr), wal: r.atRequired.walYears.toFixed(2), rating: r.atRequired.impliedRating === BELOW_LOWEST_RATING ? t('words.belowLowest') : r.atRequired.impliedRating }),
    );
    if (r.requiredShare !== undefined && r.requiredShare !== null) lines.push(t('cli.size.share', { share: formatPercent(r.requiredShare) }));
  }
  lines.push(t('cli.size.given', { amount: formatMoney(r.lever.currentAmount) }));
  if (!r.monotone) lines.push(t('cli.size.notMonotone'));
  if (r.rangeWide) lines.push(t('cli.size.wide'));
  if (r.guarantor) lines.push('', ...formatGuarantor(r.guarantor, t('cli.size.atRequired', { amount: formatMoney(r.requiredAmount!) }), t));
  if (r.guarantorAtHighAmount) lines.push('', ...formatGuarantor(r.guarantorAtHighAmount, t('cli.size.atConservative', { amount: formatMoney(r.uncertainty.highAmount!) }), t));
  if (r.guarantorAtCurrent && r.requiredAmount !== r.lever.currentAmount) lines.push('', ...formatGuarantor(r.guarantorAtCurrent, t('cli.size.atCurrent', { amount: formatMoney(r.lever.currentAmount) }), t));
  // What sizing this layer moves onto the others (a party paying more, a tranche losing more).
  const moved = r.otherLayers.filter((x) => x.atAnswer > x.atCurrent + Math.max(1, 0.01 * x.atCurrent));
  if (moved.length) lines.push('', t('cli.size.layers'), ...moved.map((x) => t('cli.size.layer', { name: x.name, before: formatMoney(x.atCurrent), after: formatMoney(x.atAnswer) })));
  return lines.join('\n');
}

function formatGuarantor(g: GuarantorFigures, where: string, t: Translate): string[] {
  const f = g.breakEvenFee;
  const rows: string[][] = [
    [t('cli.size.g.draw'), `${formatMoney(g.expectedDraw)} ± ${formatMoney(g.expectedDrawStdErr)}`],
    [t('cli.size.g.draw99'), t('cli.size.g.ci', { value: formatMoney(g.draw99), lo: formatMoney(g.draw99CI95[0]), hi: formatMoney(g.draw99CI95[1]) })],
    [t('cli.size.g.draw999'), t('cli.size.g.ci', { value: formatMoney(g.draw999), lo: formatMoney(g.draw999CI95[0]), hi: formatMoney(g.draw999CI95[1]) })],
    [t('cli.size.g.exhausted'), `${formatRate(g.exhaustionProbability, 3)} ± ${formatRate(g.exhaustionProbabilityStdErr, 3)}`],
    [t('cli.size.g.fee'), t('cli.size.g.feeValue', { rate: formatPercent(f.annualRate), se: formatPercent(f.annualRateStdErr), tranches: f.coveredTranches.join(', '), pv: formatMoney(f.pvExpectedDraws), discount: formatRate(f.discountRate, 2) })],
  ];
  if (g.statedFee !== null) rows.push([t('cli.size.g.stated'), t('cli.size.g.statedValue', { rate: formatRate(g.statedFee, 2) })]);
  return [
    t('cli.size.guarantorHead', { kind: kindWord(t, g.kind), id: g.enhancementId, where }),
    ...rows.map(([k, v]) => `  ${k!.padEnd(17)}${v}`),
    t('cli.size.g.recoveries'),
    '',
    textTable([t('cli.size.col.party'), t('cli.size.col.cap'), t('cli.size.col.paid'), t('cli.size.col.pd')], g.parties.map((p) => [
      p.id, p.capacity === null ? t('common.unlimited') : formatMoney(p.capacity), formatMoney(p.expectedPaid), formatRate(p.defaultProbability, 2),
    ])),
  ];
}

import { cpus } from 'node:os';
import { sizeEnhancement, formatPercent, type GuarantorFigures, type SizingResult, type SizingTarget } from '../../models/sizing/solve.js';
import { LEVER_KINDS, type LeverKind } from '../../models/sizing/levers.js';
import { isRating, RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { formatMoney, formatRate, printable, textTable } from '../../models/format.js';
import { flagInt, flagString, parseArgs, UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';


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
  const threadsRaw = flagString(args, 'threads');
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
      threads: threadsRaw === 'all' ? Math.max(1, cpus().length) : flagInt(args, 'threads', 1, 1, 64),
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
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatSizing(result));
  // A search that ran but found no size is not a usage error: report it, and say so in the status.
  return result.status === 'unreachable' ? UNREACHABLE_EXIT : 0;
}

const money = (x: number | null) => (x === null ? 'beyond the largest amount tried' : formatMoney(x));

export function formatSizing(r: SizingResult): string {
  const lines = [
    `${printable(r.deal.name)} (${r.deal.id})`,
    `Sizing the ${r.lever.label} of "${r.lever.id}" so that ${r.target.description}`,
    `${r.run.paths.toLocaleString('en-US')} paths, seed ${r.run.seed}, stress ${r.run.stress}; common random numbers (the same paths at every size); bisection to ${formatMoney(r.run.tolerance)}; searched 0.00 to ${formatMoney(r.lever.maxAmount)}`,
    '',
    r.message,
  ];
  if (r.status !== 'unreachable') {
    lines.push(
      `  Monte Carlo range (95%): ${money(r.uncertainty.lowAmount)} to ${money(r.uncertainty.highAmount)} (sizes at which the estimate ∓ 1.96 standard errors meets the target)`,
      `  ${r.target.tranche} at the required size: ${r.target.kind === 'rating' ? 'expected loss' : 'probability of loss'} ${formatPercent(r.atRequired.value)} ± ${formatPercent(r.atRequired.stdErr)}, WAL ${r.atRequired.walYears.toFixed(2)}y, implied rating ${r.atRequired.impliedRating}`,
    );
    if (r.requiredShare !== undefined && r.requiredShare !== null) lines.push(`  subordination: ${formatPercent(r.requiredShare)} of the notes`);
  }
  lines.push(`  in the deal as given: ${formatMoney(r.lever.currentAmount)}`);
  if (!r.monotone) lines.push('  warning: a larger amount gave a higher estimate on these paths; the bisection assumed it would not (see trials in --json)');
  if (r.guarantor) lines.push('', ...formatGuarantor(r.guarantor, `at the required ${formatMoney(r.requiredAmount!)}`));
  if (r.guarantorAtHighAmount) lines.push('', ...formatGuarantor(r.guarantorAtHighAmount, `at the conservative ${formatMoney(r.uncertainty.highAmount!)}`));
  return lines.join('\n');
}

function formatGuarantor(g: GuarantorFigures, where: string): string[] {
  const f = g.breakEvenFee;
  const rows: string[][] = [
    ['expected draw', `${formatMoney(g.expectedDraw)} ± ${formatMoney(g.expectedDrawStdErr)}`],
    ['99% draw', `${formatMoney(g.draw99)} (95% CI ${formatMoney(g.draw99CI95[0])} to ${formatMoney(g.draw99CI95[1])})`],
    ['99.9% draw', `${formatMoney(g.draw999)} (95% CI ${formatMoney(g.draw999CI95[0])} to ${formatMoney(g.draw999CI95[1])})`],
    ['P(exhausted)', `${formatRate(g.exhaustionProbability, 3)} ± ${formatRate(g.exhaustionProbabilityStdErr, 3)}`],
    ['break-even fee', `${formatPercent(f.annualRate)} ± ${formatPercent(f.annualRateStdErr)} a year on ${f.coveredTranches.join(', ')} (PV of expected draws ${formatMoney(f.pvExpectedDraws)}, discounted at ${formatRate(f.discountRate, 2)} a year)`],
  ];
  if (g.statedFee !== null) rows.push(['fee in the deal', `${formatRate(g.statedFee, 2)} a year`]);
  return [
    `${g.kind} "${g.enhancementId}" ${where}:`,
    ...rows.map(([k, v]) => `  ${k!.padEnd(17)}${v}`),
    '',
    textTable(['party', 'cap', 'expected paid', 'P(default)'], g.parties.map((p) => [
      p.id, p.capacity === null ? 'unlimited' : formatMoney(p.capacity), formatMoney(p.expectedPaid), formatRate(p.defaultProbability, 2),
    ])),
  ];
}

import { simulate } from '../../models/montecarlo/simulate.js';
import { breakEvenTable, domesticRating, expectedTdrSet, type DomesticRatingResult } from '../../models/breakeven/index.js';
import { DEFAULT_ALLOCATIONS, type DefaultAllocation } from '../../models/stress/index.js';
import { TDR_METHODS, type TdrMethod } from '../../models/ratings/tdr.js';
import { flagInt, flagString, parseArgs, threadsFrom, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import { requireDeal } from './shared.js';
import { formatRating } from './rating-text.js';


const FLAGS = { paths: 'value', seed: 'value', threads: 'value', tdr: 'value', allocation: 'value', lang: 'value', json: 'bool' } as const;

export function choice<T extends string>(raw: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${flag}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/** The whole rating of a deal: Monte Carlo TDR (unless paths is 0) and the BDR table. */
export async function rateDealCommand(file: string | undefined, o: { paths: number; seed: number | string; threads: number; tdr?: TdrMethod; allocation?: DefaultAllocation }): Promise<DomesticRatingResult> {
  const deal = requireDeal(file, 'rate');
  const table = breakEvenTable(deal, { allocation: o.allocation });
  const method = o.tdr ?? deal.rating?.tdrMethod ?? (o.paths > 0 ? 'monte-carlo' : 'stress-multiplier');
  if (o.paths === 0) {
    if (method !== 'stress-multiplier') throw new UsageError(`--tdr: "${method}" needs a simulation of the pool; give --paths (e.g. 100000) or use --tdr stress-multiplier`);
    return domesticRating(table, expectedTdrSet(deal, table), method);
  }
  const sim = await simulate(deal, { paths: o.paths, seed: o.seed, threads: o.threads });
  return domesticRating(table, sim.targetDefaultRates, method, { basis: sim.impliedRatingBasis, tranches: sim.tranches });
}

export async function rateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const lang = ioLang(io);
  const seedRaw = flagString(args, 'seed') ?? '1';
  let result: DomesticRatingResult;
  try {
    result = await rateDealCommand(args.positional[0], {
      paths: flagInt(args, 'paths', 100_000, 0, 50_000_000),
      seed: /^-?\d+$/.test(seedRaw) && Number.isSafeInteger(Number(seedRaw)) ? Number(seedRaw) : seedRaw,
      threads: threadsFrom(args),
      tdr: choice(flagString(args, 'tdr'), TDR_METHODS, 'tdr'),
      allocation: choice(flagString(args, 'allocation'), DEFAULT_ALLOCATIONS, 'allocation'),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  io.out(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatRating(result, lang));
  return 0;
}

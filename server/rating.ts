// The domestic rating (TDR/BDR) for the pages and the API. The break-even table is exact and fast,
// computed here and cached per stored deal version; the target default rates come from a finished
// Monte Carlo run of the same pool (runs go through the run queue like any other), or, until one
// exists, from the stress multipliers on the expected default rate.
import type { Deal } from '../models/deal-format/schema.js';
import { pricedDeal, PricingError } from '../models/engine/pricing.js';
import type { RunInfo, RunManager } from './runs/manager.js';
import type { SimulationResult } from '../models/montecarlo/results.js';
import type { TdrMethod, TdrSet } from '../models/ratings/tdr.js';
import { gradeSourceText } from '../models/ratings/domestic-scale.js';
import { breakEvenTable, domesticRating, expectedTdrSet, type BreakEvenTable, type DomesticRatingResult } from '../models/breakeven/index.js';
import { describeScenario } from '../models/stress/index.js';
import type { Translate } from '../models/i18n/index.js';
import { cacheKey, remember, type ValidDeal } from './deals.js';
import { HttpError } from './http-errors.js';

/** Where the TDR of a rating came from. */
export type TdrSource =
  | { kind: 'run'; runId: string; paths: number; seed: number; finishedAt: string | null }
  | { kind: 'expected'; reason: string };

export interface RatingView {
  rating: DomesticRatingResult;
  tdrSource: TdrSource;
  /** Each scenario in words, in the reader's language. */
  descriptions: Record<string, string>;
  /** Where the grade table's numbers come from, in the reader's language. */
  gradeSource: string;
}

/** The compare page's figure: the most senior tranche's domestic rating and its cushion. */
export interface SeniorRating {
  tranche: string;
  domesticRating: string;
  standAloneRating: string;
  ratingBasis: 'stand-alone' | 'credit-substitution';
  bdr: number;
  bindingScenario: string;
  /** BDR − TDR at the grade it got (negative under credit substitution when the structure alone falls short). */
  cushionAtRating: number | null;
  tdrAtRating: number | null;
  /** 'run': TDR from a finished Monte Carlo run; 'expected': stress multipliers until there is one. */
  source: 'run' | 'expected';
  runId: string | null;
}

/**
 * What of a deal the simulated default distribution depends on: a run of another version with the
 * same of these still counts. The pool as priced: under cost-plus the notes set the firms' rates,
 * and with them an amortizing loan's principal outstanding at default.
 */
function poolKey(input: Deal): string {
  let deal = input;
  try { deal = pricedDeal(input); } catch { /* a price that cannot be met: the deal as given (its rating fails with the reason) */ }
  const { issueDate, maturityDate, paymentFrequency, calendar, roll } = deal.meta;
  return JSON.stringify([issueDate, maturityDate, paymentFrequency, calendar, roll, deal.pool, deal.simulation ?? null, deal.rating?.grades ?? null, deal.rail ?? null]);
}

const hasTdr = (r: unknown): r is SimulationResult => typeof r === 'object' && r !== null && typeof (r as { targetDefaultRates?: unknown }).targetDefaultRates === 'object';

export class Ratings {
  private readonly tables = new Map<string, BreakEvenTable>();

  constructor(private readonly runs: RunManager) {}

  /** The exact break-even table of a deal version (cached). */
  table(d: ValidDeal): BreakEvenTable {
    const key = cacheKey(d.stored);
    let t = this.tables.get(key);
    if (!t) {
      try {
        t = breakEvenTable(d.deal);
      } catch (err) {
        if (err instanceof RangeError || err instanceof PricingError) throw new HttpError(422, err.message);
        throw err;
      }
      remember(this.tables, key, t);
    }
    return t;
  }

  /** Base-case Monte Carlo runs of this deal's pool, newest first, optionally with given paths and seed. */
  matchingRuns(deal: Deal, o: { paths?: number; seed?: number } = {}): RunInfo[] {
    const key = poolKey(deal);
    return this.runs.list().filter((info) => {
      if (info.task !== 'simulate' || info.dealId !== deal.meta.id || info.stress !== null) return false;
      if (o.paths !== undefined && info.paths !== o.paths) return false;
      if (o.seed !== undefined && info.seed !== o.seed) return false;
      const job = this.runs.inputs(info.id);
      return job !== null && typeof job === 'object' && 'deal' in job && poolKey(job.deal as Deal) === key;
    });
  }

  /** A finished run whose result carries target default rates, if any. */
  finishedRun(deal: Deal, o: { paths?: number; seed?: number } = {}): { info: RunInfo; result: SimulationResult } | null {
    for (const info of this.matchingRuns(deal, o)) {
      if (info.state !== 'done') continue;
      const result = this.runs.get(info.id)?.result;
      if (hasTdr(result)) return { info, result };
    }
    return null;
  }

  /** The run named by id, checked to be a finished base-case run of this deal's pool. */
  namedRun(deal: Deal, runId: string): { info: RunInfo; result: SimulationResult } {
    const run = this.runs.get(runId);
    if (!run) throw new HttpError(404, `run: no run "${runId}"`);
    if (run.info.dealId !== deal.meta.id || run.info.task !== 'simulate') throw new HttpError(400, `run: ${runId} is not a Monte Carlo run of ${deal.meta.id}`);
    if (run.info.stress !== null) throw new HttpError(400, `run: ${runId} ran under the stress "${run.info.stress}"; target default rates come from a base-case run (no stress)`);
    if (run.info.state !== 'done') throw new HttpError(409, `run: ${runId} is ${run.info.state}; target default rates come from a finished run`);
    if (!this.matchingRuns(deal).some((x) => x.id === runId)) throw new HttpError(409, `run: ${runId} simulated another version of the pool (the deal changed since); start a new run`);
    if (!hasTdr(run.result)) throw new HttpError(409, `run: ${runId} was made before runs reported target default rates; start a new run`);
    return { info: run.info, result: run.result };
  }

  /** The most senior tranche's rating, for comparing deals. */
  senior(d: ValidDeal, t: Translate): SeniorRating {
    const v = this.view(d, t);
    const x = v.rating.tranches.reduce((a, b) => (b.seniority < a.seniority ? b : a));
    const grade = x.domesticRating === 'below BB(sf)' ? null : x.domesticRating;
    return {
      tranche: x.id, domesticRating: x.domesticRating, standAloneRating: x.standAloneRating, ratingBasis: x.ratingBasis,
      bdr: x.bdr, bindingScenario: x.bindingScenario, cushionAtRating: x.cushionAtRating, tdrAtRating: grade ? v.rating.tdr[grade] : null,
      source: v.tdrSource.kind, runId: v.tdrSource.kind === 'run' ? v.tdrSource.runId : null,
    };
  }

  /** The rating with TDR from a run (given, or the newest matching one), else from the stress multipliers. */
  view(d: ValidDeal, t: Translate, o: { runId?: string; paths?: number; seed?: number; method?: TdrMethod } = {}): RatingView {
    const table = this.table(d);
    const run = o.runId ? this.namedRun(d.deal, o.runId) : this.finishedRun(d.deal, { paths: o.paths, seed: o.seed });
    let set: TdrSet;
    let source: TdrSource;
    let rating: DomesticRatingResult;
    if (run) {
      set = { ...run.result.targetDefaultRates, simulation: { paths: run.info.paths, seed: run.info.seed, runId: run.info.id } };
      source = { kind: 'run', runId: run.info.id, paths: run.info.paths, seed: run.info.seed, finishedAt: run.info.finishedAt };
      const method = o.method ?? d.deal.rating?.tdrMethod ?? 'monte-carlo';
      rating = domesticRating(table, set, method, { basis: run.result.impliedRatingBasis, tranches: run.result.tranches });
    } else {
      if (o.method && o.method !== 'stress-multiplier') throw new HttpError(409, `tdr: "${o.method}" needs a finished Monte Carlo run of this pool; start one with POST /api/deals/${d.deal.meta.id}/rating`);
      set = expectedTdrSet(d.deal, table);
      source = { kind: 'expected', reason: t('rating.web.no-run') };
      rating = domesticRating(table, set, 'stress-multiplier');
    }
    const descriptions = Object.fromEntries(rating.scenarios.map((s) => [s.name, describeScenario({ name: s.name, stresses: s.stresses, reason: s.reason }, t)]));
    return { rating, tdrSource: source, descriptions, gradeSource: gradeSourceText(t, set.gradeTable.source) };
  }
}

// 临界值求解 The break-even solver: the value of one stressed quantity at which a named tranche first
// fails to receive all promised interest and principal on time, found by bracketing and bisection
// on the deal's own waterfall.
//
//   default-rate  the largest cumulative default rate (share of the initial pool principal) at which
//                 the tranche is still paid in full: its BDR (临界违约率). Searched on [0, 1].
//   recovery      the lowest recovery rate (share of the exposure, for every obligor) at which it is
//                 still paid, at a given default rate. Searched on [0, 1].
//   coupon        the highest coupon of the tranche (its spread, for a benchmark coupon) at which it
//                 is still paid, at a given default rate. Searched on [0, 1] ([−10%, 1] for a spread).
//
// Bracketing: the search checks both ends first; a tranche paid even at the risky end ("never
// fails": BDR 100%, needs no recovery, any coupon) or not paid even at the safe end ("fails anyway":
// short with no defaults at all) is reported as such. Otherwise bisection halves the bracket until
// it is no wider than the tolerance — 0.01% of the pool (1e-4) for default and recovery rates,
// 0.01 bp (1e-6) for coupons — and the answer is the end of the bracket at which the tranche was
// paid: the reported BDR is at most one tolerance below the true break-even, never above it.
//
// Arithmetic: 'certified' (the default) bisects on doubles, then re-runs the bracket's two ends
// through the exact decimal waterfall; if the decimals disagree anywhere it bisects in decimals
// from scratch. 'exact' bisects in decimals throughout, 'float' on doubles only (for searches that
// call the solver thousands of times). The arithmetic never changes the predicate, only rounding.
import type { Decimal } from 'decimal.js';
import { exactNum, floatNum, type Num } from '../money/num.js';
import { defaultScenarioInputs, paidInFull, Runner } from './default-run.js';
import type { ScenarioPlan } from './scenario-plan.js';

export const VARIES = ['default-rate', 'recovery', 'coupon'] as const;
export type Vary = (typeof VARIES)[number];
export type Arithmetic = 'certified' | 'exact' | 'float';

export const RATE_TOLERANCE = 1e-4;
export const COUPON_TOLERANCE = 1e-6;

export interface SolveOptions {
  vary: Vary;
  tranche: number;
  /** Run without external support (every enhancement party pays nothing): the stand-alone test. */
  standAlone: boolean;
  /** The default rate held fixed when varying recovery or coupon. */
  defaultRate?: number;
  arithmetic?: Arithmetic;
  tolerance?: number;
}

export type SolveStatus = 'found' | 'never-fails' | 'fails-anyway';

export interface SolveResult {
  /** The break-even value (see the file header for which end of the bracket). */
  value: number;
  status: SolveStatus;
  /** [end at which the tranche is paid, end at which it is not]; equal ends when not found. */
  bracket: [number, number];
  tolerance: number;
  evaluations: { float: number; exact: number };
}

interface Search {
  /** The end where the tranche is most likely paid, and the risky end. */
  safe: number;
  risky: number;
  tolerance: number;
}

function searchOf(plan: ScenarioPlan, o: SolveOptions): Search {
  if (o.vary === 'default-rate') return { safe: 0, risky: 1, tolerance: o.tolerance ?? RATE_TOLERANCE };
  if (o.vary === 'recovery') return { safe: 1, risky: 0, tolerance: o.tolerance ?? RATE_TOLERANCE };
  const benchmark = plan.prog.deal.liabilities.tranches[o.tranche]!.coupon.type === 'benchmark';
  return { safe: benchmark ? -0.1 : 0, risky: 1, tolerance: o.tolerance ?? COUPON_TOLERANCE };
}

/** The plan with the varied quantity set to x (recovery and coupon change the plan; a default rate does not). */
export type PlanAt = (x: number) => ScenarioPlan;

/**
 * The waterfall runs of one search at its trial values, remembered: one run says for every tranche
 * whether it was paid, so the tranches of a scenario share the runs where their bisections meet
 * (they all start at 100%, 0%, 50%, 25% …). The answers are exactly those of separate searches.
 */
export class Trials {
  readonly runs = { float: 0, exact: 0 };
  private readonly floatRunners = new Map<ScenarioPlan, Runner<number>>();
  private readonly exactRunners = new Map<ScenarioPlan, Runner<Decimal>>();
  private readonly seen = new Map<string, Uint8Array>();

  /** `defaultRate` is held when another quantity varies; `planAt` must not depend on the tranche to share across tranches. */
  constructor(readonly planAt: PlanAt, readonly vary: Vary, readonly standAlone: boolean, readonly defaultRate = 0) {}

  paid(x: number, exact: boolean, tranche: number): boolean {
    const key = `${exact ? 'e' : 'f'}${x}`;
    let hit = this.seen.get(key);
    if (!hit) {
      hit = exact ? this.run(x, exactNum, this.exactRunners) : this.run(x, floatNum, this.floatRunners);
      this.runs[exact ? 'exact' : 'float']++;
      this.seen.set(key, hit);
    }
    return hit[tranche] === 1;
  }

  private run<T>(x: number, num: Num<T>, runners: Map<ScenarioPlan, Runner<T>>): Uint8Array {
    const plan = this.planAt(x);
    let runner = runners.get(plan);
    if (!runner) { runner = new Runner(plan, num); runners.set(plan, runner); }
    const d = this.vary === 'default-rate' ? x : this.defaultRate;
    const L = runner.run(defaultScenarioInputs(plan, num, d, this.standAlone).inputs);
    return Uint8Array.from(plan.prog.tranches, (_, t) => (paidInFull(plan.prog, num, L, t) ? 1 : 0));
  }
}

function bisect(good: (x: number) => boolean, s: Search): { value: number; status: SolveStatus; bracket: [number, number] } {
  if (good(s.risky)) return { value: s.risky, status: 'never-fails', bracket: [s.risky, s.risky] };
  if (!good(s.safe)) return { value: s.safe, status: 'fails-anyway', bracket: [s.safe, s.safe] };
  let a = s.safe;
  let b = s.risky;
  while (Math.abs(b - a) > s.tolerance) {
    const m = (a + b) / 2;
    if (good(m)) a = m; else b = m;
  }
  return { value: a, status: 'found', bracket: [a, b] };
}

/**
 * Solve for one tranche and one scenario. `planAt` gives the scenario's plan at a trial value;
 * `trials` shares runs with the other tranches of the same scenario (see Trials).
 */
export function solveBreakEven(planAt: PlanAt, o: SolveOptions, trials = new Trials(planAt, o.vary, o.standAlone, o.defaultRate ?? 0)): SolveResult {
  const s = searchOf(planAt(0), o);
  const arithmetic = o.arithmetic ?? 'certified';
  const before = { ...trials.runs };
  const goodFloat = (x: number) => trials.paid(x, false, o.tranche);
  const goodExact = (x: number) => trials.paid(x, true, o.tranche);
  let r;
  if (arithmetic === 'exact') r = bisect(goodExact, s);
  else {
    r = bisect(goodFloat, s);
    if (arithmetic === 'certified') {
      const [a, b] = r.bracket;
      const confirmed = r.status === 'found' ? goodExact(a) && !goodExact(b)
        : r.status === 'never-fails' ? goodExact(s.risky) : !goodExact(s.safe);
      if (!confirmed) r = bisect(goodExact, s);
    }
  }
  return { ...r, tolerance: s.tolerance, evaluations: { float: trials.runs.float - before.float, exact: trials.runs.exact - before.exact } };
}

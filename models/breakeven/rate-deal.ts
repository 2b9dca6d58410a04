// The TDR/BDR rating of a deal (境内评级): each tranche's break-even default rate under every scenario
// of the deal's stress catalogue, the binding (lowest) one, and — given target default rates per
// grade — the domestic rating, the cushion per grade and, for tranches covered by a guarantee or a
// shortfall undertaking, credit substitution by the provider's own rating.
//
// The BDR is the tranche's own: external support (undertakings, guarantees, loss-sharing funds) pays
// nothing in the break-even runs. Support enters through credit substitution: an enhancement that
// alone carries the tranche through a total loss of the pool (every fee, coupon and principal it
// covers, within its capacity) lends the tranche its providers' rating — the weakest of its parties,
// who each pay only their share — and the tranche gets the better of that and its stand-alone rating.
//
// `breakEvenTable` is the deterministic part (no simulation; fast, same answer every time): the
// function an optimizer calls. `domesticRating` combines it with a TDR table.
import type { Deal } from '../deal-format/schema.js';
import { pricedDeal } from '../engine/pricing.js';
import { compileDeal, type DealProgram } from '../engine/program.js';
import { allocationFor, catalogueFor, CONCENTRATED_POOL_MAX, inertReason, stressCaseOf, type DefaultAllocation, type InertReason, type Scenario, type StressEntry } from '../stress/index.js';
import { BELOW_SCALE, gradeTableFor, type DomesticRating } from '../ratings/domestic-scale.js';
import { assignDomesticRating, cushions, withCreditSubstitution } from '../ratings/domestic-rating.js';
import { stressMultiplierTdr, tdrOf, type ByGrade, type TdrMethod, type TdrSet } from '../ratings/tdr.js';
import { buildScenarioPlan, dealFacts, type PlanOptions, type ScenarioPlan } from './scenario-plan.js';
import { supportOf, type SupportReport } from './support.js';
import { expectedDefaultRate } from './expected-default.js';
import { RATE_TOLERANCE, solveBreakEven, Trials, type Arithmetic, type SolveResult, type SolveStatus, type Vary } from './solve.js';

export interface BreakEvenOptions {
  /** The scenarios to run; default: the deal's catalogue (the default catalogue as the deal changes it). */
  scenarios?: readonly Scenario[];
  /** How defaults fall on the obligors; default: the deal's `rating.defaultAllocation`, else by pool size. */
  allocation?: DefaultAllocation;
  arithmetic?: Arithmetic;
  /** Bisection tolerance of the BDR (share of the pool); default 0.0001 (0.01%). */
  tolerance?: number;
  /** Only these tranche ids; default every tranche. */
  tranches?: readonly string[];
}

export interface ScenarioReport {
  name: string;
  stresses: StressEntry[];
  source: string | null;
  reason: string;
  reasonZh: string | null;
  /** Why the scenario changes nothing in this deal (its BDRs equal the base scenario's), or null. */
  inert: InertReason | null;
}

export interface TrancheBreakEven {
  id: string;
  class: string;
  seniority: number;
  balance: number;
  /** Notes ranked below this tranche, as a share of the pool principal. */
  subordination: number;
  bdrByScenario: Record<string, number>;
  statusByScenario: Record<string, SolveStatus>;
  /** The lowest BDR over the catalogue, and the scenario that gives it (the first, on a tie). */
  bdr: number;
  bindingScenario: string;
  /** Largest-first: how many whole obligors, largest first, default within the BDR. */
  largestObligorsCovered: number | null;
  /** Enhancements covering this tranche's interest and principal, with what they lend it. */
  support: SupportReport | null;
}

export interface BreakEvenTable {
  deal: { id: string; name: string; nameZh: string | null };
  allocation: DefaultAllocation;
  /** Why this allocation: given by the deal or the caller, or chosen by pool size. */
  allocationSource: 'deal' | 'option' | 'concentrated-pool' | 'granular-pool';
  tolerance: number;
  arithmetic: Arithmetic;
  poolPrincipal: number;
  obligors: number;
  /** Expected cumulative default rate from the obligors' default probabilities (exposure at default, as the simulation counts it). */
  expectedDefaultRate: number;
  scenarios: ScenarioReport[];
  tranches: TrancheBreakEven[];
  evaluations: { float: number; exact: number };
}

export function scenarioReport(s: Scenario, deal: Deal): ScenarioReport {
  return { name: s.name, stresses: s.stresses, source: s.source ?? null, reason: s.reason, reasonZh: s.reasonZh ?? null, inert: inertReason(s, dealFacts(deal)) };
}

/** The tranche index of an id, or a RangeError naming the allowed ids. */
export function trancheIndex(prog: DealProgram, id: string, field = 'tranche'): number {
  const i = prog.tranches.findIndex((t) => t.id === id);
  if (i < 0) throw new RangeError(`${field}: no tranche "${id}" in ${prog.deal.meta.id} (tranches: ${prog.tranches.map((t) => t.id).join(', ')})`);
  return i;
}

/** A scenario of the deal's catalogue by name, or a RangeError listing the names. */
export function scenarioByName(deal: Deal, name: string, field = 'scenario'): Scenario {
  const all = catalogueFor(deal.rating);
  const s = all.find((x) => x.name === name);
  if (!s) throw new RangeError(`${field}: unknown scenario "${name}" (this deal's scenarios: ${all.map((x) => x.name).join(', ')})`);
  return s;
}


/** The plan of a scenario at a trial value of the varied quantity. */
export function planFunction(prog: DealProgram, scenario: Scenario, vary: Vary, tranche: number, base: PlanOptions): (x: number) => ScenarioPlan {
  const c = stressCaseOf(scenario);
  if (vary === 'default-rate') {
    const plan = buildScenarioPlan(prog, c, base);
    return () => plan;
  }
  // Recovery and coupon change the plan; build each trial's once (bisection revisits none, but the
  // certification re-runs the bracket's ends).
  const cache = new Map<number, ScenarioPlan>();
  return (x) => {
    let p = cache.get(x);
    if (!p) {
      p = buildScenarioPlan(prog, c, vary === 'recovery' ? { ...base, recoveryRate: x } : { ...base, coupon: { tranche, value: x } });
      cache.set(x, p);
    }
    return p;
  };
}

/** Every tranche's BDR under every scenario of the catalogue (stand-alone: no external support). */
export function breakEvenTable(deal: Deal, o: BreakEvenOptions = {}): BreakEvenTable {
  // The assets as priced: under cost-plus the firms' rates and fees are solved from the notes.
  const prog = compileDeal(pricedDeal(deal));
  const scenarios = o.scenarios ?? catalogueFor(deal.rating);
  const n = prog.obligors.length;
  const allocation = o.allocation ?? allocationFor(deal.rating, n);
  const allocationSource = o.allocation ? 'option' : deal.rating?.defaultAllocation ? 'deal' : n <= CONCENTRATED_POOL_MAX ? 'concentrated-pool' : 'granular-pool';
  const arithmetic = o.arithmetic ?? 'certified';
  const tolerance = o.tolerance ?? RATE_TOLERANCE;
  const wanted = o.tranches ? o.tranches.map((id) => trancheIndex(prog, id)) : prog.tranches.map((_, i) => i);
  const pool = prog.poolPurchasePrice.toNumber();
  const evaluations = { float: 0, exact: 0 };

  const results: SolveResult[][] = scenarios.map((s) => {
    const planAt = planFunction(prog, s, 'default-rate', 0, { allocation });
    const trials = new Trials(planAt, 'default-rate', true);
    return wanted.map((t) => {
      const r = solveBreakEven(planAt, { vary: 'default-rate', tranche: t, standAlone: true, arithmetic, tolerance }, trials);
      evaluations.float += r.evaluations.float;
      evaluations.exact += r.evaluations.exact;
      return r;
    });
  });

  const sizes = prog.obligors.map((ob) => ob.purchasePrice.toNumber()).sort((a, b) => b - a);
  const tranches = wanted.map((t, j): TrancheBreakEven => {
    const tr = prog.tranches[t]!;
    const bdrByScenario: Record<string, number> = {};
    const statusByScenario: Record<string, SolveStatus> = {};
    let bdr = Infinity;
    let binding = '';
    scenarios.forEach((s, i) => {
      const r = results[i]![j]!;
      bdrByScenario[s.name] = r.value;
      statusByScenario[s.name] = r.status;
      if (r.value < bdr) { bdr = r.value; binding = s.name; }
    });
    let covered: number | null = null;
    if (allocation === 'largest-first') {
      covered = 0;
      let cum = 0;
      for (const size of sizes) { cum += size / pool; if (cum <= bdr + 1e-12) covered++; else break; }
    }
    const below = prog.tranches.reduce((s, x) => (x.seniority > tr.seniority ? s + x.initialBalance.toNumber() : s), 0);
    return {
      id: tr.id, class: tr.class, seniority: tr.seniority, balance: tr.initialBalance.toNumber(),
      subordination: pool > 0 ? below / pool : 0,
      bdrByScenario, statusByScenario, bdr, bindingScenario: binding, largestObligorsCovered: covered,
      support: supportOf(prog, t),
    };
  });

  return {
    deal: { id: deal.meta.id, name: deal.meta.name, nameZh: deal.meta.nameZh ?? null },
    allocation, allocationSource, tolerance, arithmetic, poolPrincipal: pool, obligors: n,
    expectedDefaultRate: expectedDefaultRate(prog),
    scenarios: scenarios.map((s) => scenarioReport(s, deal)),
    tranches, evaluations,
  };
}

/** A TDR set without simulation: stress multipliers on the expected default rate. */
export function expectedTdrSet(deal: Deal, table: BreakEvenTable): TdrSet {
  const grades = gradeTableFor(deal.rating?.grades);
  return {
    gradeTable: grades, monteCarlo: null, lognormal: null,
    stressMultiplier: stressMultiplierTdr(grades, table.expectedDefaultRate),
    baseCaseDefaultRate: { value: table.expectedDefaultRate, stdErr: null, source: 'expected' },
    simulation: null,
  };
}

export interface RatedTranche extends TrancheBreakEven {
  standAloneRating: DomesticRating;
  domesticRating: DomesticRating;
  /** 'stand-alone' when the structure earns the rating, 'credit-substitution' when a provider's rating lifts it. */
  ratingBasis: 'stand-alone' | 'credit-substitution';
  cushion: ByGrade<number>;
  /** Cushion at the rating it got (BDR − that grade's TDR), null below the scale. */
  cushionAtRating: number | null;
  /** The other scale, from the same simulation: the Moody's-style implied rating of the tranche's expected loss. */
  expectedLoss: { rating: string; expectedLossRate: number; expectedLossRateStdErr: number } | null;
}

/** What the simulation says of each tranche on the expected-loss scale (SimulationResult.tranches). */
export interface ExpectedLossView { id: string; impliedRating: string; expectedLossRate: number; expectedLossRateStdErr: number }

export interface DomesticRatingResult extends Omit<BreakEvenTable, 'tranches'> {
  scale: string;
  /** The expected-loss scale shown beside it (when a simulation supplied it). */
  expectedLossScale: string | null;
  tdrMethod: TdrMethod;
  /** The TDR per grade the ratings use. */
  tdr: ByGrade<number>;
  tdrSet: TdrSet;
  tranches: RatedTranche[];
}

export const DOMESTIC_SCALE_LABEL = 'domestic structured-finance scale (TDR/BDR), AAA(sf) … BB(sf)';

/**
 * Rate every tranche of a break-even table against a TDR set; `expectedLoss` (from the same
 * simulation) adds each tranche's rating on the Moody's-style expected-loss scale beside it.
 */
export function domesticRating(table: BreakEvenTable, set: TdrSet, method: TdrMethod = 'monte-carlo', expectedLoss?: { basis: string; tranches: readonly ExpectedLossView[] }): DomesticRatingResult {
  const chosen = tdrOf(set, method);
  if (!chosen) throw new RangeError(`tdrMethod: "${method}" needs a Monte Carlo run of the pool (give paths), or use "stress-multiplier"`);
  const tdr = chosen.byGrade;
  const tranches = table.tranches.map((t): RatedTranche => {
    // Short even with no defaults in some scenario: no default rate is low enough, whatever the TDR.
    const failsAnyway = t.statusByScenario[t.bindingScenario] === 'fails-anyway';
    const standAloneRating = failsAnyway ? BELOW_SCALE : assignDomesticRating(tdr, t.bdr);
    const domestic = withCreditSubstitution(standAloneRating, t.support?.floor ?? null);
    const c = cushions(tdr, t.bdr);
    const el = expectedLoss?.tranches.find((x) => x.id === t.id);
    return {
      ...t, standAloneRating, domesticRating: domestic,
      ratingBasis: domestic === standAloneRating ? 'stand-alone' : 'credit-substitution',
      cushion: c, cushionAtRating: domestic === BELOW_SCALE ? null : c[domestic],
      expectedLoss: el ? { rating: el.impliedRating, expectedLossRate: el.expectedLossRate, expectedLossRateStdErr: el.expectedLossRateStdErr } : null,
    };
  });
  return { ...table, scale: DOMESTIC_SCALE_LABEL, expectedLossScale: expectedLoss ? `Moody's-style expected loss: ${expectedLoss.basis}` : null, tdrMethod: method, tdr, tdrSet: set, tranches };
}

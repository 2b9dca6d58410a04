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
import type { Deal } from '../deal/schema.js';
import { compileDeal, type DealProgram } from '../engine/program.js';
import { exactNum } from '../money/num.js';
import { createLedger, runWaterfall } from '../waterfall/run.js';
import { cumulativeDefaultProbability } from '../credit/default-times.js';
import type { Scenario } from '../stress/scenario.js';
import { inertReason, stressCaseOf } from '../stress/scenario.js';
import type { InertReason } from '../stress/common.js';
import type { StressEntry } from '../stress/registry.js';
import { allocationFor, catalogueFor, CONCENTRATED_POOL_MAX, type DefaultAllocation } from '../stress/rating-inputs.js';
import {
  BELOW_SCALE, floorFromIssuerGrade, gradeRank, gradeTableFor, type DomesticGrade, type DomesticRating, type GradeTable, type IssuerGrade,
} from '../ratings/domestic-scale.js';
import { assignDomesticRating, cushions, withCreditSubstitution } from '../ratings/domestic-rating.js';
import { stressMultiplierTdr, type ByGrade, type TdrMethod, type TdrTable } from '../ratings/tdr.js';
import { buildScenarioPlan, dealFacts, type PlanOptions, type ScenarioPlan } from './scenario-plan.js';
import { paidInFull } from './default-run.js';
import { RATE_TOLERANCE, solveBreakEven, type Arithmetic, type SolveResult, type SolveStatus, type Vary } from './solve.js';

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

export interface SupportReport {
  enhancements: Array<{
    id: string;
    kind: string;
    /** Alone, it pays everything the tranche is promised (and what ranks ahead in its cover) when the pool pays nothing. */
    fullCover: boolean;
    parties: Array<{ id: string; name: string; domesticRating: IssuerGrade | null }>;
    /** The floor it lends: the weakest party's rating as a grade, if it covers fully and every party is rated. */
    floor: DomesticGrade | null;
  }>;
  /** The best floor of the tranche's enhancements. */
  floor: DomesticGrade | null;
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
  deal: { id: string; name: string };
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

function scenarioReport(s: Scenario, deal: Deal): ScenarioReport {
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

/**
 * Expected cumulative default rate over the deal's life, as the Monte Carlo engine counts defaults:
 * a default in month m (1 … last payment month) costs the principal outstanding before the flows
 * due in month m, if it falls within the deal's periods.
 */
export function expectedDefaultRate(prog: DealProgram): number {
  const P = prog.periods.length;
  const H = Math.max(1, prog.periods[P - 1]!.monthIndex);
  let sum = 0;
  prog.obligors.forEach((ob, i) => {
    const credit = prog.deal.pool.obligors[i]!.credit;
    const spec = { annualDefaultProbability: credit.annualDefaultProbability, pdTermStructure: credit.pdTermStructure };
    const price = ob.purchasePrice.toNumber();
    let before = cumulativeDefaultProbability(spec, 0);
    for (let m = 1; m <= H; m++) {
      const f = cumulativeDefaultProbability(spec, m / 12);
      let repaid = 0;
      for (let j = 0; j < ob.dueMonths.length; j++) if (ob.dueMonths[j]! < m) repaid += ob.duePrincipal[j]!;
      sum += (f - before) * Math.max(0, price - repaid);
      before = f;
    }
  });
  return sum / prog.poolPurchasePrice.toNumber();
}

/** Enhancement indices whose cover-shortfall step covers tranche t's interest and principal. */
function coveringEnhancements(prog: DealProgram, t: number): number[] {
  const out = new Set<number>();
  for (const steps of [prog.normalSteps, prog.triggerSteps ?? []]) {
    for (const st of steps) {
      if (st.type !== 'cover-shortfall' || !st.interest.includes(t) || !st.principal.includes(t)) continue;
      for (const src of st.sources) if (src.type === 'enhancement') out.add(src.index);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** Whether enhancement e alone pays tranche t in full when the pool pays nothing at all. */
function coversFully(prog: DealProgram, t: number, e: number): boolean {
  const enh = prog.enhancements[e]!;
  const dead = Float64Array.from(prog.parties, (_, k) => (k >= enh.firstParty && k < enh.firstParty + enh.parties.length ? Infinity : 0));
  const L = runWaterfall(prog, exactNum, { collections: exactNum.vector(prog.periods.length), partyDefaultPeriod: dead }, createLedger(prog, exactNum));
  return paidInFull(prog, exactNum, L, t);
}

function supportOf(prog: DealProgram, t: number): SupportReport | null {
  const idx = coveringEnhancements(prog, t);
  if (idx.length === 0) return null;
  const rated = new Map((prog.deal.rating?.providers ?? []).map((p) => [p.party, p.domesticRating]));
  const enhancements = idx.map((e) => {
    const enh = prog.enhancements[e]!;
    const fullCover = coversFully(prog, t, e);
    const parties = enh.parties.map((p) => ({ id: p.id, name: p.name, domesticRating: rated.get(p.id) ?? null }));
    let floor: DomesticGrade | null = null;
    if (fullCover && parties.length > 0 && parties.every((p) => p.domesticRating !== null)) {
      // Several liability (按份责任): every party must pay its share, so the weakest one sets the floor.
      const floors = parties.map((p) => floorFromIssuerGrade(p.domesticRating!));
      floor = floors.some((f) => f === null) ? null : floors.reduce((w, f) => (gradeRank(f!) > gradeRank(w!) ? f : w))!;
    }
    return { id: enh.id, kind: enh.kind, fullCover, parties, floor };
  });
  const floors = enhancements.flatMap((e) => (e.floor ? [e.floor] : []));
  const floor = floors.length ? floors.reduce((b, f) => (gradeRank(f) < gradeRank(b) ? f : b)) : null;
  return { enhancements, floor };
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
  const prog = compileDeal(deal);
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
    return wanted.map((t) => {
      const r = solveBreakEven(planAt, { vary: 'default-rate', tranche: t, standAlone: true, arithmetic, tolerance });
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
    deal: { id: deal.meta.id, name: deal.meta.name },
    allocation, allocationSource, tolerance, arithmetic, poolPrincipal: pool, obligors: n,
    expectedDefaultRate: expectedDefaultRate(prog),
    scenarios: scenarios.map((s) => scenarioReport(s, deal)),
    tranches, evaluations,
  };
}

/** Target default rates for a rating: the simulation's, or the stress-multiplier ones alone. */
export interface TdrSet {
  gradeTable: GradeTable;
  monteCarlo: TdrTable | null;
  lognormal: TdrTable | null;
  stressMultiplier: TdrTable;
  /** The base-case default rate the multipliers scale, and where it comes from. */
  baseCaseDefaultRate: { value: number; stdErr: number | null; source: 'simulation' | 'expected' };
  simulation: { paths: number; seed: number | string; runId?: string } | null;
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
}

export interface DomesticRatingResult extends Omit<BreakEvenTable, 'tranches'> {
  scale: string;
  tdrMethod: TdrMethod;
  /** The TDR per grade the ratings use. */
  tdr: ByGrade<number>;
  tdrSet: TdrSet;
  tranches: RatedTranche[];
}

export const DOMESTIC_SCALE_LABEL = 'domestic structured-finance scale (TDR/BDR), AAA(sf) … BB(sf)';

/** Rate every tranche of a break-even table against a TDR set. */
export function domesticRating(table: BreakEvenTable, set: TdrSet, method: TdrMethod = 'monte-carlo'): DomesticRatingResult {
  const chosen = method === 'monte-carlo' ? set.monteCarlo : method === 'lognormal' ? set.lognormal : set.stressMultiplier;
  if (!chosen) throw new RangeError(`tdrMethod: "${method}" needs a Monte Carlo run of the pool (give paths), or use "stress-multiplier"`);
  const tdr = chosen.byGrade;
  const tranches = table.tranches.map((t): RatedTranche => {
    const standAloneRating = assignDomesticRating(tdr, t.bdr);
    const domestic = withCreditSubstitution(standAloneRating, t.support?.floor ?? null);
    const c = cushions(tdr, t.bdr);
    return {
      ...t, standAloneRating, domesticRating: domestic,
      ratingBasis: domestic === standAloneRating ? 'stand-alone' : 'credit-substitution',
      cushion: c, cushionAtRating: domestic === BELOW_SCALE ? null : c[domestic],
    };
  });
  return { ...table, scale: DOMESTIC_SCALE_LABEL, tdrMethod: method, tdr, tdrSet: set, tranches };
}

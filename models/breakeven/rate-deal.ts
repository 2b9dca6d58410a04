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
import { Decimal } from 'decimal.js';
import { cumulativeDefaultProbability } from '../credit/default-times.js';
import { assetKindOf } from '../pool/asset-registry.js';
import type { Scenario } from '../stress/scenario.js';
import { inertReason, stressCaseOf } from '../stress/scenario.js';
import type { InertReason } from '../stress/common.js';
import type { StressEntry } from '../stress/registry.js';
import { allocationFor, catalogueFor, CONCENTRATED_POOL_MAX, type DefaultAllocation } from '../stress/rating-inputs.js';
import {
  BELOW_SCALE, floorFromIssuerGrade, gradeRank, gradeTableFor, type DomesticGrade, type DomesticRating, type IssuerGrade,
} from '../ratings/domestic-scale.js';
import { assignDomesticRating, cushions, withCreditSubstitution } from '../ratings/domestic-rating.js';
import { stressMultiplierTdr, tdrOf, type ByGrade, type TdrMethod, type TdrSet } from '../ratings/tdr.js';
import { buildScenarioPlan, dealFacts, periodOfMonth, type PlanOptions, type ScenarioPlan } from './scenario-plan.js';
import { defaultScenarioInputs, paidInFull } from './default-run.js';
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
    const { credit, asset } = prog.deal.pool.obligors[i]!;
    const spec = { annualDefaultProbability: credit.annualDefaultProbability, pdTermStructure: credit.pdTermStructure };
    const kind = assetKindOf(asset);
    let before = cumulativeDefaultProbability(spec, 0);
    for (let m = 1; m <= H; m++) {
      const f = cumulativeDefaultProbability(spec, m / 12);
      let repaid = new Decimal(0);
      for (let j = 0; j < ob.dueMonths.length; j++) if (ob.dueMonths[j]! < m) repaid = repaid.plus(ob.duePrincipal[j]!);
      const outstanding = Decimal.max(0, ob.purchasePrice.minus(repaid));
      // A default after the last flow costs nothing: there is nothing left to miss.
      const exposure = outstanding.isZero() ? 0 : Math.max(0, kind.exposureAtDefault(asset, outstanding).toNumber());
      if (periodOfMonth(prog, m) < P) sum += (f - before) * exposure;
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
  const enhancements = idx.map((e) => {
    const enh = prog.enhancements[e]!;
    const fullCover = coversFully(prog, t, e);
    const parties = enh.parties.map((p) => ({ id: p.id, name: p.name, domesticRating: p.domesticRating ?? null }));
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

export interface BreakEvenQuery {
  tranche: string;
  vary: Vary;
  /** A scenario of the deal's catalogue; default "base" if the catalogue has it, else its first. */
  scenario?: string;
  /** The default rate held fixed when varying recovery or coupon; default the deal's expected default rate. */
  defaultRate?: number;
  /** Every obligor recovers this share of its exposure (instead of the deal's recovery assumptions). */
  recovery?: number;
  allocation?: DefaultAllocation;
  /** Count external support (undertakings, guarantees pay up to their capacity); default false: stand-alone. */
  withSupport?: boolean;
  arithmetic?: Arithmetic;
}

export interface BreakEvenPeriod {
  period: number;
  date: string;
  /** Pool collections (after defaults, with recoveries) at the break-even value and just past it. */
  collections: [number, number];
  /** What the tranche was paid (interest + principal) at both ends. */
  paid: [number, number];
  /** What it was owed and not paid at the end of the period (interest arrears + principal due), just past break-even. */
  shortfallPast: number;
}

export interface BreakEvenAnswer extends SolveResult {
  deal: { id: string; name: string };
  tranche: string;
  vary: Vary;
  scenario: ScenarioReport;
  allocation: DefaultAllocation;
  standAlone: boolean;
  /** The default rate held fixed (recovery, coupon), or null when it is what varies. */
  defaultRate: number | null;
  /** The recovery override, or null (the deal's own assumptions, after the scenario's stresses). */
  recovery: number | null;
  /** The deal's coupon of the tranche (its spread for a benchmark coupon), for comparison when varying the coupon. */
  currentCoupon: number | null;
  periods: BreakEvenPeriod[];
}

const inUnit = (x: number | undefined, field: string, what: string) => {
  if (x !== undefined && !(x >= 0 && x <= 1)) throw new RangeError(`${field}: ${what} must be between 0 and 1 (0.2 = 20%), got ${x}`);
};

/** One tranche, one scenario, one varied quantity: the break-even value and the waterfall around it. */
export function breakEven(deal: Deal, q: BreakEvenQuery): BreakEvenAnswer {
  const prog = compileDeal(deal);
  const t = trancheIndex(prog, q.tranche);
  inUnit(q.defaultRate, 'defaultRate', 'a default rate');
  inUnit(q.recovery, 'recovery', 'a recovery rate');
  if (q.vary === 'recovery' && q.recovery !== undefined) throw new RangeError('recovery: give a fixed recovery only when varying the default rate or the coupon, not when varying recovery itself');
  if (q.vary === 'default-rate' && q.defaultRate !== undefined) throw new RangeError('defaultRate: give a fixed default rate only when varying recovery or coupon, not when varying the default rate itself');
  const coupon = deal.liabilities.tranches[t]!.coupon;
  if (q.vary === 'coupon' && coupon.type === 'none') {
    throw new RangeError(`vary: tranche "${q.tranche}" has no coupon (a subordinated tranche takes the residual); vary the coupon of a tranche with a fixed or benchmark coupon (${deal.liabilities.tranches.filter((x) => x.coupon.type !== 'none').map((x) => x.id).join(', ')})`);
  }
  const catalogue = catalogueFor(deal.rating);
  const scenario = q.scenario !== undefined ? scenarioByName(deal, q.scenario) : catalogue.find((s) => s.name === 'base') ?? catalogue[0]!;
  const allocation = q.allocation ?? allocationFor(deal.rating, prog.obligors.length);
  const defaultRate = q.vary === 'default-rate' ? null : q.defaultRate ?? expectedDefaultRate(prog);
  const planAt = planFunction(prog, scenario, q.vary, t, { allocation, ...(q.recovery !== undefined ? { recoveryRate: q.recovery } : {}) });
  const standAlone = !q.withSupport;
  const r = solveBreakEven(planAt, { vary: q.vary, tranche: t, standAlone, arithmetic: q.arithmetic, ...(defaultRate !== null ? { defaultRate } : {}) });

  // The exact waterfall at both ends of the bracket, period by period.
  const ledgerAt = (x: number) => {
    const plan = planAt(x);
    const d = q.vary === 'default-rate' ? x : defaultRate!;
    const { inputs } = defaultScenarioInputs(plan, exactNum, d, standAlone);
    return runWaterfall(plan.prog, exactNum, inputs, createLedger(plan.prog, exactNum));
  };
  const [good, bad] = r.bracket;
  const La = ledgerAt(good);
  const Lb = ledgerAt(bad);
  const nT = prog.tranches.length;
  const periods = prog.periods.map((p, k): BreakEvenPeriod => {
    const i = k * nT + t;
    const paid = (L: typeof La) => L.interestPaid[i]!.plus(L.principalPaid[i]!).toNumber();
    const owedPrincipal = p.isFinal || prog.tranches[t]!.principalRule === 'scheduled'
      ? Lb.balance[i]!.minus(prog.tranches[t]!.targetByPeriod[k] ?? 0).toNumber() : 0;
    return {
      period: k + 1, date: p.paymentDate,
      collections: [La.collections[k]!.toNumber(), Lb.collections[k]!.toNumber()],
      paid: [paid(La), paid(Lb)],
      shortfallPast: Math.max(0, Lb.interestShortfall[i]!.toNumber() + Math.max(0, p.isFinal ? Lb.balance[i]!.toNumber() : owedPrincipal)),
    };
  });
  return {
    ...r, deal: { id: deal.meta.id, name: deal.meta.name }, tranche: q.tranche, vary: q.vary,
    scenario: scenarioReport(scenario, deal), allocation, standAlone, defaultRate, recovery: q.recovery ?? null,
    currentCoupon: coupon.type === 'fixed' ? coupon.rate : coupon.type === 'benchmark' ? coupon.spread : null,
    periods,
  };
}

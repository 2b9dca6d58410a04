// A stress scenario made concrete for one compiled deal: everything the deterministic default run
// needs that does not depend on the default rate — each obligor's contractual cash per period after
// the scenario's yield and rate stresses, the timing of defaults over the periods, when recoveries
// and their delayed part arrive, prepayment rates, and the order in which obligors default. What
// does not depend on the scenario either (PlanBase) is worked out once per compiled deal.
//
// Conventions (docs/rating.md):
// - Defaults of period k happen at its start (just after the previous payment date): the defaulted
//   share of an obligor misses its collections of period k and later. Its exposure is its principal
//   outstanding then; its recovery is rate × exposure ("exposure" basis) or rate × appraised IP value
//   capped at the exposure ("appraised-value", as in the Monte Carlo engine), arriving `lagMonths`
//   later in the first period whose payment date is that month or after; after the final payment
//   date it is lost to the notes.
// - Timing shapes spread defaults over the pool's life (periods that start with principal
//   outstanding); a vector gives one share per payment period.
// - Prepayment (loans only): a share 1 − (1 − CPR)^(months/12) of what is still performing repays
//   its principal at the start of each period.
import type { Deal } from '../deal-format/schema.js';
import type { DealProgram, ProgramTranche } from '../engine/program.js';
import { monthlyPrepaymentRate } from '../credit/recovery.js';
import { toDayNumber } from '../calendar/iso-date.js';
import type { DealFacts, DefaultAllocation, StressCase, TimingShape } from '../stress/index.js';
import { assetKindOf } from '../pool/asset-registry.js';

/**
 * What a deal's scenarios share, worked out once per compiled deal: each obligor's contractual cash,
 * principal and exposure at the start of every period as plain numbers, when each period starts,
 * and which period a month's cash falls in.
 */
export interface PlanBase {
  prog: DealProgram;
  periods: number;
  obligors: number;
  poolPrincipal: number;
  /** [o * P + k]: obligor o's contractual collections in period k (fen amounts). */
  collections: Float64Array;
  /** [o * P + k]: obligor o's principal outstanding at the start of period k. */
  balanceStart: Float64Array;
  /** [o * P + k]: its exposure at default then (the asset kind's: principal outstanding, less a deposit it holds, …). */
  exposureStart: Float64Array;
  /** Month (from issue) in which period k starts, and its length in months. */
  startMonth: Int32Array;
  months: Int32Array;
  /** Year fraction of each period on ACT/365 (for yield and rate stresses on balances). */
  yearFraction: Float64Array;
  /** periodOfMonth[m]: the first period whose payment month is m or later (P after the deal). */
  periodOfMonth: Int32Array;
  /** Per obligor: the deal's recovery (mean, basis, lag), appraised IP, whether it can prepay, whether its rate floats. */
  recoveryMean: Float64Array;
  recoveryBasisExposure: Uint8Array;
  lagMonths: Int32Array;
  appraised: Float64Array;
  prepayable: Uint8Array;
  floating: Uint8Array;
  /** Periods that start with some exposure: the pool's life. */
  alive: boolean[];
  /** Obligors in the order largest-first allocation defaults them (largest purchase price first). */
  bySize: Int32Array;
}

export interface ScenarioPlan {
  base: PlanBase;
  /** The deal program with the scenario's coupons (rate rise, an overridden coupon). */
  prog: DealProgram;
  periods: number;
  obligors: number;
  allocation: DefaultAllocation;
  /** Initial pool principal (what the trust paid): the denominator of every default rate. */
  poolPrincipal: number;
  /** [o * P + k]: collections after the scenario's yield and rate stresses (the base's when none). */
  collections: Float64Array;
  balanceStart: Float64Array;
  exposureStart: Float64Array;
  /** Share of the total default amount falling in each period (adds up to 1). */
  timing: Float64Array;
  /** Per obligor: recovery rate (after the scenario's haircut) and whether it is a share of the exposure. */
  recoveryRate: Float64Array;
  recoveryOnExposure: Uint8Array;
  /** Share of each recovery that is delayed, and by how many months. */
  delayedShare: number;
  delayMonths: number;
  /** Per period: share of what a prepayable obligor still has performing that prepays at its start. */
  prepayShare: Float64Array;
  /** A revolving deal's purchase rate after the scenario's cut (循环购买率下降); null for a static pool. */
  purchaseRate: number | null;
  /** Pro rata: the pool summed per group (see PooledPlan); null for largest-first. */
  pooled: PooledPlan | null;
}

/**
 * Pro rata, every performing obligor defaults the same share of itself each period, and every
 * prepayable one prepays the same share: within each group (0: cannot prepay, 1: can) all obligors
 * keep the same surviving share, so the pool can be summed per group once per scenario and a run
 * costs periods × groups instead of periods × obligors.
 */
export interface PooledPlan {
  /** [g * P + k]: the group's exposure, collections and principal at the start of period k. */
  exposure: Float64Array;
  collections: Float64Array;
  balance: Float64Array;
  /** [(g * P + k) * P + r]: what a whole default of the group in period k recovers in period r (main and delayed parts). */
  recovery: Float64Array;
  recoveryLate: Float64Array;
}

const fen = (x: number) => Math.round(x * 100) / 100;

/** An asset whose rate resets on a benchmark (LPR + spread): loans, leases, entrusted loans say so in their `rate`. */
function floatingAsset(asset: object): boolean {
  const rate = (asset as { rate?: { type?: unknown } }).rate;
  return rate?.type === 'benchmark';
}

/** The facts about a deal that say whether a stress bites there. */
export function dealFacts(deal: Deal): DealFacts {
  return {
    prepayableAssets: deal.pool.obligors.some((o) => assetKindOf(o.asset).prepayable(o.asset)),
    basePrepaymentRate: deal.simulation?.prepaymentRate ?? 0,
    benchmarkLinked: deal.liabilities.tranches.some((t) => t.coupon.type === 'benchmark') || deal.pool.obligors.some((o) => floatingAsset(o.asset)),
    recoveries: deal.pool.obligors.some((o) => o.credit.recovery.mean > 0),
    revolving: deal.revolving !== undefined,
  };
}

/** Shares of the total default amount per period for a timing shape (the pool's life: `alive`). */
export function timingShares(shape: TimingShape, alive: readonly boolean[]): Float64Array {
  const P = alive.length;
  const w = new Float64Array(P);
  if (shape.shape === 'vector') {
    if (shape.vector.length !== P) throw new RangeError(`vector: has ${shape.vector.length} shares but the deal has ${P} payment periods (one share per period, first period first)`);
    shape.vector.forEach((x, k) => { w[k] = x; });
    return w;
  }
  const life = alive.flatMap((a, k) => (a ? [k] : []));
  if (life.length === 0) return w;
  for (const k of life) w[k] = 1 / life.length;
  if (shape.shape === 'even') return w;
  const s = shape.share;
  for (const k of life) w[k] = w[k]! * (1 - s);
  const at = shape.shape === 'front-loaded' ? life[0]! : life[life.length - 1]!;
  w[at] = w[at]! + s;
  return w;
}

/** First period whose payment month is `month` or later; P when the month is after the deal. */
export function periodOfMonth(prog: DealProgram, month: number): number {
  const k = prog.periods.findIndex((p) => p.monthIndex >= month);
  return k === -1 ? prog.periods.length : k;
}

const bases = new WeakMap<DealProgram, PlanBase>();

/** The scenario-independent part of the plans of a compiled deal (cached per program). */
export function planBase(prog: DealProgram): PlanBase {
  const hit = bases.get(prog);
  if (hit) return hit;
  const deal = prog.deal;
  const P = prog.periods.length;
  const nO = prog.obligors.length;
  const collections = new Float64Array(nO * P);
  const balanceStart = new Float64Array(nO * P);
  const exposureStart = new Float64Array(nO * P);
  const startMonth = Int32Array.from(prog.periods, (_, k) => (k === 0 ? 0 : prog.periods[k - 1]!.monthIndex));
  const months = Int32Array.from(prog.periods, (p, k) => Math.max(0, p.monthIndex - startMonth[k]!));
  const yearFraction = Float64Array.from(prog.periods, (p) => (toDayNumber(p.accrualEnd) - toDayNumber(p.accrualStart)) / 365);
  const src = deal.pool.obligors;
  const lagMonths = Int32Array.from(src, (o) => o.credit.recovery.lagMonths);
  const lastMonth = P > 0 ? prog.periods[P - 1]!.monthIndex : 0;
  const periodOfMonthTable = Int32Array.from({ length: lastMonth + 2 }, (_, m) => periodOfMonth(prog, m));
  prog.obligors.forEach((ob, i) => {
    const kind = assetKindOf(src[i]!.asset);
    let outstanding = ob.purchasePrice;
    for (let k = 0; k < P; k++) {
      const at = i * P + k;
      const bal = outstanding.toNumber();
      balanceStart[at] = bal;
      exposureStart[at] = bal > 0 ? Math.max(0, kind.exposureAtDefault(src[i]!.asset, outstanding).toNumber()) : 0;
      collections[at] = ob.collectionsByPeriod[k]!.toNumber();
      outstanding = ob.balanceAfterPeriod[k]!;
    }
  });
  const alive = Array.from({ length: P }, (_, k) => {
    for (let i = 0; i < nO; i++) if (exposureStart[i * P + k]! > 0) return true;
    return false;
  });
  const base: PlanBase = {
    prog, periods: P, obligors: nO, poolPrincipal: prog.poolPurchasePrice.toNumber(),
    collections, balanceStart, exposureStart, startMonth, months, yearFraction, periodOfMonth: periodOfMonthTable,
    recoveryMean: Float64Array.from(src, (o) => o.credit.recovery.mean),
    recoveryBasisExposure: Uint8Array.from(src, (o) => (o.credit.recovery.basis === 'exposure' ? 1 : 0)),
    lagMonths,
    appraised: Float64Array.from(prog.obligors, (o) => o.appraisedValue),
    prepayable: Uint8Array.from(src, (o) => (assetKindOf(o.asset).prepayable(o.asset) ? 1 : 0)),
    floating: Uint8Array.from(src, (o) => (floatingAsset(o.asset) ? 1 : 0)),
    alive,
    bySize: Int32Array.from(prog.obligors.map((_, i) => i)
      .sort((a, b) => prog.obligors[b]!.purchasePrice.comparedTo(prog.obligors[a]!.purchasePrice) || a - b)),
  };
  bases.set(prog, base);
  return base;
}

/** The period a cash flow of month `month` falls in (P: after the deal's final payment date). */
export function periodAt(base: PlanBase, month: number): number {
  return month < base.periodOfMonth.length ? base.periodOfMonth[month]! : base.periods;
}

/**
 * The period in which a recovery of a period-k default arriving in month `month` is collected: that
 * month's period, but never before period k (a default at the start of period k with no lag is
 * recovered in period k, not in the period that ended the month it started).
 */
export function recoveryPeriod(base: PlanBase, k: number, month: number): number {
  return Math.max(k, periodAt(base, month));
}

export interface PlanOptions {
  allocation: DefaultAllocation;
  /** Override every obligor's recovery: this share of the exposure (for break-even recovery and closed forms). */
  recoveryRate?: number;
  /** Override a tranche's coupon: [tranche index, annual fixed rate or spread over its benchmark]. */
  coupon?: { tranche: number; value: number };
}

/** The scenario's tranches: benchmark coupons up by the rate stress; an overridden coupon replaced. */
function stressedTranches(prog: DealProgram, c: StressCase, o: PlanOptions): ProgramTranche[] {
  return prog.tranches.map((t, i) => {
    const coupon = prog.deal.liabilities.tranches[i]!.coupon;
    let rates = t.couponByPeriod;
    if (o.coupon && o.coupon.tranche === i) {
      // A spread below minus the benchmark would make a negative coupon: the coupon floors at 0.
      rates = coupon.type === 'benchmark' ? rates.map((r) => Math.max(0, r - coupon.spread + o.coupon!.value)) : rates.map(() => o.coupon!.value);
    }
    if (c.rateRise > 0 && coupon.type === 'benchmark') rates = rates.map((r) => r + c.rateRise);
    return rates === t.couponByPeriod ? t : { ...t, couponByPeriod: rates };
  });
}

export function buildScenarioPlan(prog: DealProgram, c: StressCase, o: PlanOptions): ScenarioPlan {
  const base = planBase(prog);
  const P = base.periods;
  const nO = base.obligors;
  // Yield down (spread compression) and floating-rate assets up with the benchmark, on the balance.
  let collections = base.collections;
  if (c.spreadCompression > 0 || c.rateRise > 0) {
    collections = Float64Array.from(base.collections);
    for (let i = 0; i < nO; i++) {
      for (let k = 0; k < P; k++) {
        const at = i * P + k;
        const bal = base.balanceStart[at]!;
        if (!(bal > 0)) continue;
        const yf = base.yearFraction[k]!;
        if (c.spreadCompression > 0) collections[at] = Math.max(0, collections[at]! - fen(bal * c.spreadCompression * yf));
        if (c.rateRise > 0 && base.floating[i]) collections[at] = collections[at]! + fen(bal * c.rateRise * yf);
      }
    }
  }
  const baseCpr = prog.deal.simulation?.prepaymentRate ?? 0;
  const cpr = c.prepayment === null ? baseCpr : 'annualRate' in c.prepayment ? c.prepayment.annualRate : Math.min(0.99, baseCpr * c.prepayment.multiplier);
  const smm = cpr > 0 ? monthlyPrepaymentRate(cpr) : 0;
  const recoveryRate = Float64Array.from(base.recoveryMean, (m) => (o.recoveryRate !== undefined ? o.recoveryRate : m * c.recoveryMultiplier));
  const recoveryOnExposure = o.recoveryRate !== undefined ? new Uint8Array(nO).fill(1) : base.recoveryBasisExposure;
  const delayMonths = c.recoveryDelay?.months ?? 0;
  return {
    base,
    prog: { ...prog, tranches: stressedTranches(prog, c, o) },
    periods: P, obligors: nO, allocation: o.allocation, poolPrincipal: base.poolPrincipal,
    collections, balanceStart: base.balanceStart, exposureStart: base.exposureStart,
    timing: timingShares(c.timing, base.alive),
    recoveryRate, recoveryOnExposure,
    delayedShare: c.recoveryDelay?.share ?? 0,
    delayMonths,
    prepayShare: Float64Array.from(base.months, (m) => (smm > 0 ? 1 - (1 - smm) ** m : 0)),
    purchaseRate: prog.revolving ? prog.revolving.purchaseRate * c.purchaseRateMultiplier : null,
    pooled: o.allocation === 'pro-rata' ? poolPerGroup(base, collections, recoveryRate, recoveryOnExposure, delayMonths) : null,
  };
}

function poolPerGroup(base: PlanBase, collections: Float64Array, recoveryRate: Float64Array, onExposure: Uint8Array, delayMonths: number): PooledPlan {
  const P = base.periods;
  const exposure = new Float64Array(2 * P);
  const cash = new Float64Array(2 * P);
  const balance = new Float64Array(2 * P);
  const recovery = new Float64Array(2 * P * P);
  const recoveryLate = new Float64Array(2 * P * P);
  for (let o = 0; o < base.obligors; o++) {
    const g = base.prepayable[o]!;
    for (let k = 0; k < P; k++) {
      const at = o * P + k;
      const e = base.exposureStart[at]!;
      exposure[g * P + k] = exposure[g * P + k]! + e;
      cash[g * P + k] = cash[g * P + k]! + collections[at]!;
      balance[g * P + k] = balance[g * P + k]! + base.balanceStart[at]!;
      const r = recoveryRate[o]!;
      const whole = onExposure[o] ? r * e : Math.min(r * base.appraised[o]!, e);
      if (!(whole > 0)) continue;
      const month = base.startMonth[k]! + base.lagMonths[o]!;
      const rp = recoveryPeriod(base, k, month);
      if (rp < P) recovery[(g * P + k) * P + rp] = recovery[(g * P + k) * P + rp]! + whole;
      const dp = recoveryPeriod(base, k, month + delayMonths);
      if (dp < P) recoveryLate[(g * P + k) * P + dp] = recoveryLate[(g * P + k) * P + dp]! + whole;
    }
  }
  return { exposure, collections: cash, balance, recovery, recoveryLate };
}

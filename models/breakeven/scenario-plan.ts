// A stress scenario made concrete for one compiled deal: everything the deterministic default run
// needs that does not depend on the default rate — each obligor's contractual cash per period after
// the scenario's yield and rate stresses, the timing of defaults over the periods, when recoveries
// and their delayed part arrive, prepayment rates, and the order in which obligors default.
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
import type { Deal } from '../deal/schema.js';
import type { DealProgram, ProgramTranche } from '../engine/program.js';
import { monthlyPrepaymentRate } from '../credit/recovery.js';
import { toDayNumber } from '../calendar/iso-date.js';
import type { DealFacts, DefaultAllocation, StressCase, TimingShape } from '../stress/index.js';
import { assetKindOf } from '../pool/asset-registry.js';

export interface ScenarioPlan {
  prog: DealProgram;
  periods: number;
  obligors: number;
  allocation: DefaultAllocation;
  /** Initial pool principal (what the trust paid): the denominator of every default rate. */
  poolPrincipal: number;
  /** [o * P + k]: obligor o's contractual collections in period k (fen amounts), after yield/rate stresses. */
  collections: Float64Array;
  /** [o * P + k]: obligor o's principal outstanding at the start of period k. */
  balanceStart: Float64Array;
  /** [o * P + k]: its exposure at default then (the asset kind's: principal outstanding, less a deposit it holds, …). */
  exposureStart: Float64Array;
  /** Share of the total default amount falling in each period (adds up to 1). */
  timing: Float64Array;
  /** Per obligor: recovery rate (after the scenario's haircut) and whether it is a share of the exposure. */
  recoveryRate: Float64Array;
  recoveryOnExposure: Uint8Array;
  appraised: Float64Array;
  /** [o * P + k]: the period a default of period k recovers in (P: after the deal), and its delayed part's. */
  recoveryPeriod: Int32Array;
  delayedPeriod: Int32Array;
  /** Share of each recovery that is delayed (0: none). */
  delayedShare: number;
  /** [o * P + k]: share of what obligor o still has performing that prepays at the start of period k. */
  prepayShare: Float64Array;
  /** Obligors in the order largest-first allocation defaults them (largest purchase price first). */
  bySize: Int32Array;
  /** A revolving deal's purchase rate after the scenario's cut (循环购买率下降); null for a static pool. */
  purchaseRate: number | null;
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

/** Year fraction of period k on ACT/365 (for yield and rate stresses on balances). */
const yearFraction = (prog: DealProgram, k: number): number => {
  const p = prog.periods[k]!;
  return (toDayNumber(p.accrualEnd) - toDayNumber(p.accrualStart)) / 365;
};

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
  const deal = prog.deal;
  const P = prog.periods.length;
  const nO = prog.obligors.length;
  const collections = new Float64Array(nO * P);
  const balanceStart = new Float64Array(nO * P);
  const exposureStart = new Float64Array(nO * P);
  const recoveryPeriod = new Int32Array(nO * P);
  const delayedPeriod = new Int32Array(nO * P);
  const prepayShare = new Float64Array(nO * P);
  const recoveryRate = new Float64Array(nO);
  const recoveryOnExposure = new Uint8Array(nO);
  const appraised = new Float64Array(nO);
  const baseCpr = deal.simulation?.prepaymentRate ?? 0;
  const cpr = c.prepayment === null ? baseCpr : 'annualRate' in c.prepayment ? c.prepayment.annualRate : Math.min(0.99, baseCpr * c.prepayment.multiplier);
  const smm = cpr > 0 ? monthlyPrepaymentRate(cpr) : 0;
  const startMonth = (k: number) => (k === 0 ? 0 : prog.periods[k - 1]!.monthIndex);

  prog.obligors.forEach((ob, i) => {
    const src = deal.pool.obligors[i]!;
    const rec = src.credit.recovery;
    recoveryRate[i] = o.recoveryRate !== undefined ? o.recoveryRate : rec.mean * c.recoveryMultiplier;
    recoveryOnExposure[i] = o.recoveryRate !== undefined || rec.basis === 'exposure' ? 1 : 0;
    appraised[i] = ob.appraisedValue;
    const kind = assetKindOf(src.asset);
    const floating = floatingAsset(src.asset);
    const prepays = kind.prepayable(src.asset) && smm > 0;
    let outstanding = ob.purchasePrice;
    let bal = outstanding.toNumber();
    for (let k = 0; k < P; k++) {
      const at = i * P + k;
      balanceStart[at] = bal;
      exposureStart[at] = bal > 0 ? Math.max(0, kind.exposureAtDefault(src.asset, outstanding).toNumber()) : 0;
      const yf = yearFraction(prog, k);
      let cash = ob.collectionsByPeriod[k]!.toNumber();
      // Yield down (spread compression) and floating-rate assets up with the benchmark, on the balance.
      if (c.spreadCompression > 0 && bal > 0) cash = Math.max(0, cash - fen(bal * c.spreadCompression * yf));
      if (c.rateRise > 0 && floating && bal > 0) cash += fen(bal * c.rateRise * yf);
      collections[at] = cash;
      const month = startMonth(k) + rec.lagMonths;
      recoveryPeriod[at] = periodOfMonth(prog, month);
      delayedPeriod[at] = periodOfMonth(prog, month + (c.recoveryDelay?.months ?? 0));
      const months = prog.periods[k]!.monthIndex - startMonth(k);
      prepayShare[at] = prepays && bal > 0 ? 1 - (1 - smm) ** Math.max(0, months) : 0;
      outstanding = ob.balanceAfterPeriod[k]!;
      bal = outstanding.toNumber();
    }
  });

  const alive = Array.from({ length: P }, (_, k) => {
    for (let i = 0; i < nO; i++) if (exposureStart[i * P + k]! > 0) return true;
    return false;
  });
  const bySize = Int32Array.from(prog.obligors.map((_, i) => i)
    .sort((a, b) => prog.obligors[b]!.purchasePrice.comparedTo(prog.obligors[a]!.purchasePrice) || a - b));
  return {
    prog: { ...prog, tranches: stressedTranches(prog, c, o) },
    periods: P, obligors: nO, allocation: o.allocation,
    poolPrincipal: prog.poolPurchasePrice.toNumber(),
    collections, balanceStart, exposureStart, timing: timingShares(c.timing, alive),
    recoveryRate, recoveryOnExposure, appraised, recoveryPeriod, delayedPeriod,
    delayedShare: c.recoveryDelay?.share ?? 0,
    prepayShare, bySize,
    purchaseRate: prog.revolving ? prog.revolving.purchaseRate * c.purchaseRateMultiplier : null,
  };
}

// Foreign exchange for an offshore loan brought onshore (e.g. the Futian "+1" firm's Hong Kong
// placement in HKD, USD or CNH), as the firm sees it in yuan.
//
// - Rate path: geometric Brownian motion on S = CNY per unit of foreign currency,
//     S(t+Δ) = S(t) · exp((μ − σ²/2)Δ + σ√Δ · Z),   Z ~ N(0, 1),
//   drift μ by default the interest differential r_CNY − r_foreign (the risk-neutral drift, so the
//   expected rate tracks the forward), volatility σ annual. Plain numbers, typed arrays; seeded
//   with seedrandom's Tyche-i, or any normal source the Monte Carlo engine passes in.
// - Forwards by covered interest parity on money-market conventions (simple interest; CNY, CNH,
//   HKD and GBP on ACT/365, USD and EUR on ACT/360):
//     F = S · (1 + (r_CNY + basis) · d/365) / (1 + r_foreign · d/B_foreign),
//   forward points = (F − S) / pip, pip = 0.0001.
// - Hedge cost of a hedge ratio h, as an annual rate added to the foreign coupon on the hedged
//   part: from forward points (F/S − 1) · 365/d, or from a cross-currency swap as
//   r_CNY − r_foreign + basis spread. Negative when CNY rates are below the foreign rates (hedging
//   a USD or HKD debt then earns the carry: F < S).
// - Conversion spread c: each conversion is done at mid · (1 − c) when the firm sells foreign
//   currency (the proceeds) and at mid · (1 + c) when it buys it (debt service).
import seedrandom from 'seedrandom';
import { checkFraction, checkNumber } from '../market/inputs.js';
import { checkDate, daysFrom, type IsoDate } from '../calendar/iso-date.js';
import { xirr } from '../money/xirr.js';

export const PIP = 0.0001;

/** Money-market day basis of a currency's interest rates. */
export function moneyMarketBasis(currency: string): 360 | 365 {
  if (['USD', 'EUR', 'JPY', 'CHF'].includes(currency)) return 360;
  if (['CNY', 'CNH', 'HKD', 'GBP', 'AUD', 'SGD'].includes(currency)) return 365;
  throw new Error(`currency: no money-market day basis known for ${JSON.stringify(currency)} (known: USD, EUR, JPY, CHF on 360; CNY, CNH, HKD, GBP, AUD, SGD on 365)`);
}

export interface ForwardInput {
  /** CNY per unit of foreign currency, mid. */
  spot: number;
  domesticRate: number;
  foreignRate: number;
  foreignCurrency: string;
  days: number;
  /** Annual spread added to the CNY side (a cross-currency basis that makes hedging dearer). */
  basisSpread?: number;
}

const checkRate = (x: unknown, field: string): number => checkNumber(x, field, -0.1, 1);

/** Outright forward by covered interest parity. */
export function forwardRate(i: ForwardInput): number {
  const spot = checkNumber(i.spot, 'spot', 1e-9, 1e9);
  const rd = checkRate(i.domesticRate, 'domesticRate') + (i.basisSpread === undefined ? 0 : checkRate(i.basisSpread, 'basisSpread'));
  const rf = checkRate(i.foreignRate, 'foreignRate');
  const days = checkNumber(i.days, 'days', 0, 366 * 50);
  return (spot * (1 + (rd * days) / 365)) / (1 + (rf * days) / moneyMarketBasis(i.foreignCurrency));
}

/** Forward points in pips: (F − S) / 0.0001. */
export const forwardPoints = (spot: number, forward: number): number => (forward - spot) / PIP;
export const forwardFromPoints = (spot: number, points: number): number => spot + points * PIP;

export type HedgeQuote =
  | { method: 'forward-points'; spot: number; points: number; days: number }
  | { method: 'cross-currency-swap'; domesticRate: number; foreignRate: number; basisSpread: number };

/**
 * The annual cost of hedging (decimal, ACT/365), to add to the foreign coupon on the hedged part.
 * Forward points: (F/S − 1) · 365 / days. Cross-currency swap: r_CNY − r_foreign + basis.
 */
export function hedgeCostRate(q: HedgeQuote): number {
  if (q.method === 'forward-points') {
    const spot = checkNumber(q.spot, 'spot', 1e-9, 1e9);
    const days = checkNumber(q.days, 'days', 1, 366 * 50);
    const forward = forwardFromPoints(spot, checkNumber(q.points, 'points', -1e9, 1e9));
    if (forward <= 0) throw new Error(`points: ${q.points} pips would make the forward ${forward}, not positive`);
    return (forward / spot - 1) * (365 / days);
  }
  if (q.method === 'cross-currency-swap') {
    return checkRate(q.domesticRate, 'domesticRate') - checkRate(q.foreignRate, 'foreignRate') + checkRate(q.basisSpread, 'basisSpread');
  }
  throw new Error(`method: must be "forward-points" or "cross-currency-swap", got ${JSON.stringify((q as { method?: unknown }).method)}`);
}

/** The foreign loan's coupon in CNY terms for a hedge ratio h: r_foreign + h · hedge cost. */
export const hedgedCouponRate = (foreignRate: number, hedgeRatio: number, hedgeCost: number): number =>
  foreignRate + checkFraction(hedgeRatio, 'hedgeRatio') * hedgeCost;

// ---------- normal draws ----------

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`p: must be strictly between 0 and 1, got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Standard normal draws from Tyche-i seeded by a string, by inversion of (k + 0.5)/2³² uniforms. */
export function seededNormals(seed: string): () => number {
  if (typeof seed !== 'string' || seed.length === 0) throw new Error(`seed: must be a non-empty string, got ${JSON.stringify(seed)}`);
  const next = seedrandom.tychei(`ipabs-fx/${seed}`).int32;
  return () => inverseNormalCdf(((next() >>> 0) + 0.5) * TWO_POW_MINUS_32);
}

// ---------- rate paths ----------

export interface FxPathSpec {
  spot: number;
  /** Annual drift μ (continuous); use r_CNY − r_foreign for the risk-neutral path. */
  drift: number;
  /** Annual volatility σ. */
  vol: number;
  /** Times in years, strictly increasing, all > 0. */
  times: readonly number[];
  paths: number;
  /** A seed string, or a normal source from the Monte Carlo engine. */
  seed?: string;
  normal?: () => number;
}

/**
 * Simulated rates, row-major: out[p · times.length + k] is path p's rate at times[k].
 * Exact lognormal steps, so any time grid gives the right marginal laws.
 */
export function simulateFxPaths(spec: FxPathSpec): Float64Array {
  const spot = checkNumber(spec.spot, 'spot', 1e-9, 1e9);
  const mu = checkNumber(spec.drift, 'drift', -1, 1);
  const vol = checkNumber(spec.vol, 'vol', 0, 2);
  const paths = checkNumber(spec.paths, 'paths', 1, 1e7);
  if (!Number.isInteger(paths)) throw new Error(`paths: must be a whole number, got ${paths}`);
  const n = spec.times.length;
  let prev = 0;
  spec.times.forEach((t, k) => {
    if (typeof t !== 'number' || !(t > prev)) throw new Error(`times[${k}]: must be greater than ${prev}, got ${t}`);
    prev = t;
  });
  const normal = spec.normal ?? seededNormals(spec.seed ?? 'fx');
  const drifts = new Float64Array(n);
  const vols = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const dt = (spec.times[k] as number) - (k === 0 ? 0 : (spec.times[k - 1] as number));
    drifts[k] = (mu - 0.5 * vol * vol) * dt;
    vols[k] = vol * Math.sqrt(dt);
  }
  const out = new Float64Array(paths * n);
  for (let p = 0; p < paths; p++) {
    let logS = Math.log(spot);
    for (let k = 0; k < n; k++) {
      logS += (drifts[k] as number) + (vols[k] as number) * normal();
      out[p * n + k] = Math.exp(logS);
    }
  }
  return out;
}

/** E[S(t)] = S₀ · e^{μt}. */
export const expectedFxRate = (spot: number, drift: number, t: number): number => spot * Math.exp(drift * t);

/** The q-quantile of S(t): S₀ · exp((μ − σ²/2)t + σ√t · Φ⁻¹(q)). */
export const fxRateQuantile = (spot: number, drift: number, vol: number, t: number, q: number): number =>
  spot * Math.exp((drift - 0.5 * vol * vol) * t + vol * Math.sqrt(t) * inverseNormalCdf(q));

// ---------- the firm's CNY cost of a foreign-currency loan ----------

export interface ForeignLoanCostInput {
  drawDate: IsoDate;
  /** Loan currency: 'HKD', 'USD', 'CNH', … */
  currency: string;
  /** Principal received, in the loan currency. */
  principal: number;
  /** Debt service due, in the loan currency (interest after any tax gross-up, and principal). */
  payments: ReadonlyArray<{ date: IsoDate; amount: number }>;
  /** CNY per unit of the loan currency on the draw date, mid. */
  spot: number;
  domesticRate: number;
  foreignRate: number;
  /** Annual volatility of the rate (CNH/CNY: near 0). */
  vol: number;
  /** Share of each payment bought forward on the draw date. */
  hedgeRatio: number;
  /** Cross-currency basis added to the CNY side of the forwards (annual). */
  basisSpread?: number;
  /** Share of mid paid on each conversion (e.g. 0.002 for 20 bp). */
  conversionSpread: number;
  /** Annual drift; defaults to domesticRate − foreignRate. */
  drift?: number;
  paths?: number;
  seed?: string;
}

export interface ForeignLoanCost {
  /** CNY flows (firm view: + received, − paid) with the unhedged part at its expected rate. */
  expectedFlows: Array<{ date: IsoDate; amount: number }>;
  expectedCostRate: number;
  /** CNY flows on the path whose unhedged FX loss is the 99th percentile. */
  stressedFlows: Array<{ date: IsoDate; amount: number }>;
  stressedCostRate: number;
  /** Unhedged part: Σ (1 − h) · due · (E[S_t] − S₀), CNY. */
  expectedFxLoss: number;
  /** 99th percentile over the simulated paths of Σ (1 − h) · due · (S_t − S₀), CNY. */
  fxLoss99: number;
  /** Its 95% confidence interval (order statistics at n·0.99 ∓ 1.96·√(n·0.99·0.01)). */
  fxLoss99CI95: [number, number];
  /** Hedged part: Σ h · due · (F_t − S₀), CNY (negative: the hedge earns carry). */
  hedgeResult: number;
  /** Expected CNY paid in conversion spreads. */
  conversionCost: number;
  forwards: number[];
}

/**
 * Distribution-free 95% interval of the q-quantile from n sorted samples: the order statistics at
 * ranks n·q ∓ 1.96·√(n·q·(1−q)) (the number of samples below the true quantile is Binomial(n, q)).
 */
export function orderStatisticCI95(sorted: readonly number[], q: number): [number, number] {
  const n = sorted.length;
  const half = 1.96 * Math.sqrt(n * q * (1 - q));
  const lo = Math.max(0, Math.floor(n * q - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(n * q + half) - 1);
  return [sorted[lo] as number, sorted[hi] as number];
}

/** The firm's CNY cost of a foreign-currency loan, hedged in part, with expected and 99% FX loss. */
export function foreignLoanCnyCost(i: ForeignLoanCostInput): ForeignLoanCost {
  const draw = checkDate(i.drawDate, 'drawDate');
  const principal = checkNumber(i.principal, 'principal', 0, 1e15);
  const spot = checkNumber(i.spot, 'spot', 1e-9, 1e9);
  const h = checkFraction(i.hedgeRatio, 'hedgeRatio');
  const c = checkNumber(i.conversionSpread, 'conversionSpread', 0, 0.1);
  const rd = checkRate(i.domesticRate, 'domesticRate');
  const rf = checkRate(i.foreignRate, 'foreignRate');
  const vol = checkNumber(i.vol, 'vol', 0, 2);
  const mu = i.drift === undefined ? rd - rf : checkNumber(i.drift, 'drift', -1, 1);
  if (i.payments.length === 0) throw new Error('payments: must list at least one payment');
  const days = i.payments.map((p, k) => {
    checkDate(p.date, `payments[${k}].date`);
    checkNumber(p.amount, `payments[${k}].amount`, 0, 1e15);
    const d = daysFrom(draw, p.date);
    if (d <= 0) throw new Error(`payments[${k}].date: must be after the draw date ${draw}, got ${p.date}`);
    if (k > 0 && d <= daysFrom(draw, (i.payments[k - 1] as { date: string }).date)) {
      throw new Error(`payments[${k}].date: payments must be in strictly increasing date order, got ${p.date}`);
    }
    return d;
  });
  moneyMarketBasis(i.currency);
  const times = days.map((d) => d / 365);
  const forwards = days.map((d) =>
    forwardRate({ spot, domesticRate: rd, foreignRate: rf, foreignCurrency: i.currency, days: d, basisSpread: i.basisSpread ?? 0 }),
  );
  const dues = i.payments.map((p) => p.amount);
  const received = principal * spot * (1 - c);

  const flowsFor = (unhedgedRates: readonly number[]) => [
    { date: draw, amount: received },
    ...i.payments.map((p, k) => ({
      date: p.date,
      amount: -(dues[k] as number) * (h * (forwards[k] as number) + (1 - h) * (unhedgedRates[k] as number)) * (1 + c),
    })),
  ];

  const expectedRates = times.map((t) => expectedFxRate(spot, mu, t));
  let expectedFxLoss = 0;
  let hedgeResult = 0;
  let conversionCost = principal * spot * c;
  dues.forEach((a, k) => {
    expectedFxLoss += (1 - h) * a * ((expectedRates[k] as number) - spot);
    hedgeResult += h * a * ((forwards[k] as number) - spot);
    conversionCost += a * (h * (forwards[k] as number) + (1 - h) * (expectedRates[k] as number)) * c;
  });

  // 99% FX loss on the unhedged part, by simulation (the sum over payment dates has no closed form).
  const paths = i.paths ?? 20_000;
  const n = times.length;
  const rates = simulateFxPaths({ spot, drift: mu, vol, times, paths, seed: i.seed ?? 'foreign-loan' });
  const losses = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let loss = 0;
    for (let k = 0; k < n; k++) loss += (dues[k] as number) * ((rates[p * n + k] as number) - spot);
    losses[p] = (1 - h) * loss;
  }
  const order = Array.from({ length: paths }, (_, p) => p).sort((x, y) => (losses[x] as number) - (losses[y] as number));
  const qIndex = Math.min(paths - 1, Math.ceil(0.99 * paths) - 1);
  const stressedPath = order[qIndex] as number;
  const stressedRates = Array.from({ length: n }, (_, k) => rates[stressedPath * n + k] as number);

  const expectedFlows = flowsFor(expectedRates);
  const stressedFlows = flowsFor(stressedRates);
  return {
    expectedFlows,
    expectedCostRate: xirr(expectedFlows),
    stressedFlows,
    stressedCostRate: xirr(stressedFlows),
    expectedFxLoss,
    fxLoss99: losses[stressedPath] as number,
    fxLoss99CI95: orderStatisticCI95(order.map((p) => losses[p] as number), 0.99),
    hedgeResult,
    conversionCost,
    forwards,
  };
}

// Importance sampling on the systematic factor (重要性抽样), for rare losses such as a
// well-enhanced senior tranche's.
//
// The global factor M (G in the sector copula) is drawn from N(μ, 1) instead of N(0, 1); a
// negative μ makes bad years — and senior losses — common. Each path carries the likelihood
// ratio
//   w(M) = φ(M) / φ(M − μ) = exp(−μM + μ²/2),
// and any path quantity Y (a tranche loss, an enhancement draw) is estimated without bias by
//   Ŷ = (1/n) Σ w_k Y_k,   standard error = sd(w_k Y_k) / √n.
// Everything else in a path (idiosyncratic draws, W of the t copula, recoveries) is drawn from
// its true conditional law, so the one ratio is the whole correction.
//
// Choosing μ. The zero-variance sampling density of M for E[f(M)] (f ≥ 0) is f(z)φ(z)/E[f];
// following Glasserman & Li ("Importance sampling for portfolio credit risk", Management
// Science 51 (2005) 1643-1656) we shift to the MODE of that density, with f the conditional
// loss of the tranche in the large-pool approximation (vasicek.ts): μ = argmax_z ln f(z) − z²/2.
// For a senior tranche this lands a little below the factor value at which the large pool's
// loss reaches the attachment point. The approximation only steers the sampler: the estimator
// stays unbiased for the real (finite, heterogeneous) pool whatever μ is.
import { RunningStats } from './statistics.js';
import { inverseNormalCdf, normalCdf } from './normal.js';
import { trancheLossFraction } from './vasicek.js';

/** Likelihood ratio φ(m)/φ(m − μ) of a path whose global factor m was drawn from N(μ, 1). */
export function likelihoodRatio(shift: number, m: number): number {
  return Math.exp(-shift * m + 0.5 * shift * shift);
}

/** One kind of name of a large pool, for the approximate conditional loss. */
export interface LargePoolSegment {
  /** Share of the pool's exposure (any positive scale; normalized). */
  exposure: number;
  /** Default probability over the horizon. */
  pd: number;
  /** Factor loading ρ (correlation with the global factor). */
  rho: number;
  /** Loss given default as a fraction of exposure. */
  lgd: number;
}

/**
 * Loss rate of an infinitely granular pool given the global factor z:
 * Σ e_i LGD_i Φ((Φ⁻¹(p_i) − √ρ_i z)/√(1−ρ_i)) / Σ e_i.
 */
export function largePoolConditionalLoss(segments: readonly LargePoolSegment[]): (z: number) => number {
  if (segments.length === 0) throw new RangeError('pool: needs at least one segment, got none');
  const problems: string[] = [];
  segments.forEach((s, i) => {
    if (!(s.exposure >= 0) || !Number.isFinite(s.exposure)) problems.push(`segments[${i}].exposure: must be a finite number ≥ 0, got ${s.exposure}`);
    if (!(s.pd >= 0 && s.pd <= 1)) problems.push(`segments[${i}].pd: must be a probability between 0 and 1, got ${s.pd}`);
    if (!(s.rho >= 0 && s.rho < 1)) problems.push(`segments[${i}].rho: must be a correlation in [0, 1), got ${s.rho}`);
    if (!(s.lgd >= 0 && s.lgd <= 1)) problems.push(`segments[${i}].lgd: must be a fraction between 0 and 1, got ${s.lgd}`);
  });
  const total = segments.reduce((a, s) => a + s.exposure, 0);
  if (problems.length === 0 && !(total > 0)) problems.push('segments: the exposures must not all be zero');
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const share = segments.map((s) => (s.exposure / total) * s.lgd);
  const c = segments.map((s) => inverseNormalCdf(s.pd));
  const a = segments.map((s) => Math.sqrt(s.rho));
  const b = segments.map((s) => Math.sqrt(1 - s.rho));
  return (z: number) => {
    let loss = 0;
    for (let i = 0; i < share.length; i++) loss += share[i]! * normalCdf((c[i]! - a[i]! * z) / b[i]!);
    return loss;
  };
}

export interface ShiftOptions {
  /** Search interval for μ (default [−8, 8]). */
  min?: number;
  max?: number;
  /** Grid points before the golden-section refinement (default 1601). */
  gridPoints?: number;
}

/**
 * The mode of f(z)φ(z): argmax over z of ln f(z) − z²/2, for a conditional quantity f ≥ 0 of
 * the global factor. Returns 0 (no shift) when f is zero everywhere on the search interval.
 */
export function zeroVarianceModeShift(f: (z: number) => number, options: ShiftOptions = {}): number {
  const lo = options.min ?? -8;
  const hi = options.max ?? 8;
  const n = options.gridPoints ?? 1601;
  if (!(lo < hi) || !Number.isSafeInteger(n) || n < 3) throw new RangeError(`shift search: needs min < max and at least 3 grid points, got [${lo}, ${hi}] with ${n}`);
  const g = (z: number) => {
    const v = f(z);
    return v > 0 ? Math.log(v) - 0.5 * z * z : -Infinity;
  };
  let best = -1;
  let bestValue = -Infinity;
  const step = (hi - lo) / (n - 1);
  for (let k = 0; k < n; k++) {
    const v = g(lo + k * step);
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  if (best < 0) return 0;
  // Golden-section refinement on the neighbouring grid cells.
  let a = lo + Math.max(0, best - 1) * step;
  let b = lo + Math.min(n - 1, best + 1) * step;
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let g1 = g(x1);
  let g2 = g(x2);
  for (let i = 0; i < 60 && b - a > 1e-10; i++) {
    if (g1 < g2) {
      a = x1;
      x1 = x2;
      g1 = g2;
      x2 = a + r * (b - a);
      g2 = g(x2);
    } else {
      b = x2;
      x2 = x1;
      g2 = g1;
      x1 = b - r * (b - a);
      g1 = g(x1);
    }
  }
  return (a + b) / 2;
}

/**
 * Shift μ for estimating the expected loss of tranche [attachment, detachment]: the mode of
 * the zero-variance density with the large-pool conditional tranche loss.
 */
export function trancheFactorShift(
  segments: readonly LargePoolSegment[],
  attachment: number,
  detachment: number,
  options: ShiftOptions = {},
): number {
  if (!(attachment >= 0 && detachment <= 1 && attachment < detachment)) {
    throw new RangeError(`tranche: needs 0 ≤ attachment < detachment ≤ 1, got [${attachment}, ${detachment}]`);
  }
  const loss = largePoolConditionalLoss(segments);
  return zeroVarianceModeShift((z) => trancheLossFraction(loss(z), attachment, detachment), options);
}

/**
 * Unbiased importance-sampling estimator of E[Y]: accumulates w·Y per path. Mergeable in block
 * order like RunningStats (same bits whatever the thread split).
 */
export class WeightedEstimator {
  /** Moments of the products w·Y. */
  readonly products = new RunningStats();
  /** Σ w and Σ w², for the effective sample size. */
  weightSum = 0;
  weightSquareSum = 0;

  add(value: number, weight: number): void {
    this.products.add(value * weight);
    this.weightSum += weight;
    this.weightSquareSum += weight * weight;
  }

  merge(other: WeightedEstimator): this {
    this.products.merge(other.products);
    this.weightSum += other.weightSum;
    this.weightSquareSum += other.weightSquareSum;
    return this;
  }

  get count(): number {
    return this.products.count;
  }

  /** (1/n) Σ w Y. */
  get mean(): number {
    return this.products.mean;
  }

  /** sd(w Y)/√n. */
  get standardError(): number {
    return this.products.standardError;
  }

  /** Kish's effective sample size (Σw)²/Σw²: how many unweighted paths the weights are worth. */
  get effectiveSampleSize(): number {
    return this.weightSquareSum > 0 ? (this.weightSum * this.weightSum) / this.weightSquareSum : 0;
  }
}

function checkPairs(values: ArrayLike<number>, weights: ArrayLike<number>): void {
  if (values.length !== weights.length) throw new RangeError(`weights: need one weight per value (${values.length}), got ${weights.length}`);
  if (values.length === 0) throw new RangeError('values: need at least one value, got none');
}

/** Importance-sampling estimate (1/n) Σ w_k y_k. */
export function weightedMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  checkPairs(values, weights);
  const e = new WeightedEstimator();
  for (let i = 0; i < values.length; i++) e.add(values[i]!, weights[i]!);
  return e.mean;
}

/** Standard error of weightedMean: sd(w y)/√n. */
export function weightedStandardError(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  checkPairs(values, weights);
  const e = new WeightedEstimator();
  for (let i = 0; i < values.length; i++) e.add(values[i]!, weights[i]!);
  return e.standardError;
}

// Statistics for Monte Carlo output (统计量): running moments that merge across blocks,
// sample and weighted quantiles, fixed-bin histograms and the chi-square goodness-of-fit test.
//
// Reproducibility: RunningStats.merge is deterministic, so merging per-block accumulators in
// block order gives the same bits whatever thread computed each block.
import { regularizedGammaQ, logGamma } from './special.js';

/**
 * Running mean and variance (Welford 1962; merge by Chan, Golub & LeVeque 1979). For
 * importance-sampled paths use WeightedEstimator (importance-sampling.ts).
 */
export class RunningStats {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Fold `other` into this accumulator (merge blocks in a fixed order for identical bits). */
  merge(other: RunningStats): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      this.count = other.count;
      this.mean = other.mean;
      this.m2 = other.m2;
      this.min = other.min;
      this.max = other.max;
      return this;
    }
    const n = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }

  /** Sample variance (divisor n − 1); 0 with fewer than two observations. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }

  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /** Standard error of the mean, sd/√n. */
  get standardError(): number {
    return this.count > 0 ? Math.sqrt(this.variance / this.count) : 0;
  }

  static of(values: ArrayLike<number>): RunningStats {
    const s = new RunningStats();
    for (let i = 0; i < values.length; i++) s.add(values[i]!);
    return s;
  }
}

function checkLevel(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level: must be between 0 and 1, got ${q}`);
}

/**
 * Quantile of sorted values by Hyndman & Fan's type 7 (the default of R and NumPy): with
 * h = (n − 1)q, linear interpolation between the values at ⌊h⌋ and ⌈h⌉ (0-based).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  checkLevel(q);
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile: needs at least one value, got none');
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  return a + (h - lo) * (sorted[hi]! - a);
}

/** Several type-7 quantiles of unsorted values (sorts a copy once). */
export function quantiles(values: ArrayLike<number>, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return levels.map((q) => quantileSorted(sorted, q));
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantiles(values, [q])[0]!;
}

/**
 * Quantile of a weighted sample (importance sampling): the smallest value x such that the
 * weights of the values ≤ x add up to at least q times the total weight (the inverse of the
 * weighted empirical cdf; with equal weights this is type 1, not type 7).
 */
export function weightedQuantile(values: ArrayLike<number>, weights: ArrayLike<number>, q: number): number {
  return weightedQuantiles(values, weights, [q])[0]!;
}

export function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, levels: readonly number[]): number[] {
  levels.forEach(checkLevel);
  const n = values.length;
  if (weights.length !== n) throw new RangeError(`weights: need one weight per value (${n}), got ${weights.length}`);
  if (n === 0) throw new RangeError('quantile: needs at least one value, got none');
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights[${i}]: must be a finite number ≥ 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weights: must not all be zero');
  return levels.map((q) => {
    const target = q * total;
    let cum = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      cum += weights[i]!;
      if (cum >= target && weights[i]! > 0) return values[i]!;
    }
    return values[order[n - 1]!]!;
  });
}

export interface Histogram {
  /** Bin edges: bins + 1 values, from min to max. */
  edges: number[];
  /** Count (or total weight) per bin; bin k is [edges[k], edges[k+1]), the last bin includes max. */
  counts: number[];
  /** Values below min and above max. */
  underflow: number;
  overflow: number;
}

/** Histogram with `bins` equal bins on [min, max]; optional weights. */
export function histogram(values: ArrayLike<number>, min: number, max: number, bins: number, weights?: ArrayLike<number>): Histogram {
  if (!(Number.isFinite(min) && Number.isFinite(max) && max > min)) throw new RangeError(`histogram range: needs finite min < max, got [${min}, ${max}]`);
  if (!Number.isSafeInteger(bins) || bins < 1 || bins > 100_000) throw new RangeError(`histogram bins: must be a whole number from 1 to 100000, got ${bins}`);
  if (weights && weights.length !== values.length) throw new RangeError(`weights: need one weight per value (${values.length}), got ${weights.length}`);
  const counts = new Array<number>(bins).fill(0);
  let underflow = 0;
  let overflow = 0;
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const w = weights ? weights[i]! : 1;
    if (x < min) underflow += w;
    else if (x > max) overflow += w;
    else counts[Math.min(bins - 1, Math.floor((x - min) / width))]! += w;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? max : min + k * width));
  return { edges, counts, underflow, overflow };
}

/** Pearson's statistic Σ (observed − expected)² / expected. */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  if (observed.length !== expected.length) throw new RangeError(`expected: need one expected count per observed count (${observed.length}), got ${expected.length}`);
  let stat = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = expected[k]!;
    if (!(e > 0)) throw new RangeError(`expected[${k}]: must be > 0, got ${e}`);
    stat += (observed[k]! - e) ** 2 / e;
  }
  return stat;
}

/** P(χ²_dof ≥ statistic) = Q(dof/2, statistic/2). */
export function chiSquarePValue(statistic: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new RangeError(`degrees of freedom: must be > 0, got ${degreesOfFreedom}`);
  if (!(statistic >= 0)) throw new RangeError(`chi-square statistic: must be ≥ 0, got ${statistic}`);
  return regularizedGammaQ(degreesOfFreedom / 2, statistic / 2);
}

export interface ChiSquareTest {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** The pooled bins: [first category, last category] of each, with observed and expected counts. */
  bins: Array<{ from: number; to: number; observed: number; expected: number }>;
}

/**
 * Goodness of fit of counts per category 0 … K−1 against probabilities: adjacent categories
 * are pooled, left to right, until every bin expects at least `minExpected` (Cochran's rule,
 * default 5); a short last bin joins the previous one. dof = bins − 1 − estimatedParameters.
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  probabilities: readonly number[],
  minExpected = 5,
  estimatedParameters = 0,
): ChiSquareTest {
  if (observed.length !== probabilities.length) {
    throw new RangeError(`probabilities: need one probability per category (${observed.length}), got ${probabilities.length}`);
  }
  const n = observed.reduce((a, b) => a + b, 0);
  const bins: ChiSquareTest['bins'] = [];
  let cur: ChiSquareTest['bins'][number] | null = null;
  for (let k = 0; k < observed.length; k++) {
    if (cur === null) cur = { from: k, to: k, observed: 0, expected: 0 };
    cur.to = k;
    cur.observed += observed[k]!;
    cur.expected += n * probabilities[k]!;
    if (cur.expected >= minExpected) {
      bins.push(cur);
      cur = null;
    }
  }
  if (cur !== null) {
    const last = bins[bins.length - 1];
    if (last) {
      last.to = cur.to;
      last.observed += cur.observed;
      last.expected += cur.expected;
    } else {
      bins.push(cur);
    }
  }
  const dof = bins.length - 1 - estimatedParameters;
  if (dof < 1) throw new RangeError(`chi-square test: needs at least ${2 + estimatedParameters} bins after pooling, got ${bins.length}`);
  const statistic = chiSquareStatistic(bins.map((b) => b.observed), bins.map((b) => b.expected));
  return { statistic, degreesOfFreedom: dof, pValue: chiSquarePValue(statistic, dof), bins };
}

/** Binomial probability P(K = k) for K ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n: must be a whole number ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: must be a probability between 0 and 1, got ${p}`);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

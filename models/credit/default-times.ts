// Default times on the engine's monthly grid (违约时间).
//
// Each name has a cumulative default probability F(t) by t years: from a constant annual
// probability PD (constant hazard λ = −ln(1−PD), F(t) = 1 − (1−PD)^t), or from a term structure
// of cumulative probabilities (piecewise-constant hazard between the given horizons). The
// copula (copula.ts) gives each name a latent X_i with a known marginal distribution H (Φ, or
// the Student-t cdf for the t copula); the name defaults by the end of month m when
//   X_i < c_{i,m} = H⁻¹(F(m/12)),
// so its marginal default-time distribution is exactly F, whatever the correlation. The
// DEFAULT MONTH is the first m (1-based, months after issue) with X_i < c_{i,m}, or NO_DEFAULT
// (0) when the name survives the horizon.
//
// Fast path. Conditional on the systematic part of a path, X_i < c is the event
// ε_i < z = (c·scale − systematic)/√(1−ρ), i.e. u_i < Φ(z) for the uniform u_i behind ε_i.
// Names with the same thresholds and the same loadings form a CLASS, so a path needs one Φ per
// class for "defaults before the horizon" p. Given the factors the names of a class are
// independent trials with probability p, so the sampler jumps from one default to the next: the
// survivors in between are geometric, ⌊ln u / ln(1 − p)⌋ (one uniform and one logarithm per
// default instead of one uniform per name: 1,000 names at p = 9% draw ~180 uniforms, not 1,000).
// Only the defaulting names need their month, from a uniform u on (0, p): in a large class
// (≥ ROW_CLASS_SIZE names) from the class's conditional cumulative probabilities Φ(z_m) by month,
// computed once per path when the class first has a default; in a small class from
// ε_i = Φ⁻¹(u) against the thresholds. The law is exactly that of computing every X_i
// (LatentFactorModel.sampleLatent, kept as sampleDefaultMonthsFromLatent for the tests), with
// other uniforms: the months agree in distribution, not path by path.
import type { RandomSource } from './rng.js';
import { type CopulaName, type CopulaSpec, LatentFactorModel } from './copula.js';
import { inverseNormalCdf, normalCdf } from './normal.js';
import { studentTQuantile } from './student-t.js';

/** Classes with at least this many names find default months from a per-path row of Φ(z_m). */
export const ROW_CLASS_SIZE = 8;

/**
 * A class whose conditional probability of default by the horizon is below this jumps from one
 * default to the next (one logarithm and two uniforms per default); at or above it, it draws one
 * uniform per name (cheaper when most names default).
 */
export const GAP_SAMPLING_BELOW = 0.25;

/** Buckets of the per-path guide table that finds a default's month in a class row. */
const GUIDE_SIZE = 64;

/** Default month of a name that survives the horizon. */
export const NO_DEFAULT = 0;

export interface PdTermPoint {
  years: number;
  cumulative: number;
}

/** A name's default probability: annual (constant hazard), optionally overridden by a term structure. */
export interface DefaultProbabilitySpec {
  annualDefaultProbability: number;
  pdTermStructure?: readonly PdTermPoint[];
}

/** A name of the default model: its copula membership and its default probability. */
export interface DefaultName extends CopulaName {
  pd: DefaultProbabilitySpec;
}

function isProbability(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && x <= 1;
}

/** Problems with a default-probability spec, as messages naming the field ([] when valid). */
export function defaultProbabilityProblems(spec: DefaultProbabilitySpec, field = 'pd'): string[] {
  const problems: string[] = [];
  if (!isProbability(spec.annualDefaultProbability)) {
    problems.push(`${field}.annualDefaultProbability: must be a probability between 0 and 1, got ${JSON.stringify(spec.annualDefaultProbability)}`);
  }
  const ts = spec.pdTermStructure;
  if (ts !== undefined) {
    if (ts.length === 0) problems.push(`${field}.pdTermStructure: must have at least one point, or be left out`);
    let prevYears = 0;
    let prevCum = 0;
    ts.forEach((p, k) => {
      const f = `${field}.pdTermStructure[${k}]`;
      if (typeof p.years !== 'number' || !Number.isFinite(p.years) || !(p.years > prevYears)) {
        problems.push(`${f}.years: horizons must be positive and strictly increasing, got ${JSON.stringify(p.years)} after ${prevYears}`);
      }
      if (!isProbability(p.cumulative)) {
        problems.push(`${f}.cumulative: must be a probability between 0 and 1, got ${JSON.stringify(p.cumulative)}`);
      } else if (p.cumulative < prevCum) {
        problems.push(`${f}.cumulative: cumulative default probabilities cannot fall with the horizon, got ${p.cumulative} after ${prevCum}`);
      }
      if (typeof p.years === 'number' && p.years > prevYears) prevYears = p.years;
      if (isProbability(p.cumulative) && p.cumulative > prevCum) prevCum = p.cumulative;
    });
  }
  return problems;
}

/** Constant hazard rate (per year) equivalent to an annual default probability: λ = −ln(1 − PD). */
export function hazardFromAnnualPd(pd: number): number {
  if (!isProbability(pd)) throw new RangeError(`annualDefaultProbability: must be a probability between 0 and 1, got ${pd}`);
  return -Math.log1p(-pd);
}

/** Cumulative hazard Λ(t) = −ln(1 − F(t)) at `years`. */
function cumulativeHazard(spec: DefaultProbabilitySpec, years: number): number {
  const ts = spec.pdTermStructure;
  if (ts === undefined || ts.length === 0) return years === 0 ? 0 : years * -Math.log1p(-spec.annualDefaultProbability);
  // Knots (0, 0), (t_k, Λ_k); Λ is linear in between (constant hazard per segment) and continues
  // with the last segment's hazard beyond the last horizon.
  let t0 = 0;
  let l0 = 0;
  for (let k = 0; k < ts.length; k++) {
    const t1 = ts[k]!.years;
    const l1 = -Math.log1p(-ts[k]!.cumulative);
    if (years <= t1 || k === ts.length - 1) {
      if (years === t0) return l0;
      if (l1 === Infinity) return years > t0 ? Infinity : l0;
      return l0 + ((l1 - l0) * (years - t0)) / (t1 - t0);
    }
    t0 = t1;
    l0 = l1;
  }
  return l0; // unreachable: the loop returns at the last knot
}

/** Cumulative default probability F(t) by `years` years. */
export function cumulativeDefaultProbability(spec: DefaultProbabilitySpec, years: number): number {
  const problems = defaultProbabilityProblems(spec);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  if (!(years >= 0)) throw new RangeError(`years: must be ≥ 0, got ${years}`);
  return -Math.expm1(-cumulativeHazard(spec, years));
}

/** F(m/12) for m = 1 … horizonMonths: element m−1 is the probability of default by the end of month m. */
export function monthlyCumulativeDefaultProbabilities(spec: DefaultProbabilitySpec, horizonMonths: number): Float64Array {
  checkHorizon(horizonMonths);
  const out = new Float64Array(horizonMonths);
  for (let m = 1; m <= horizonMonths; m++) out[m - 1] = cumulativeDefaultProbability(spec, m / 12);
  return out;
}

/**
 * A stressed default probability: the annual PD and every cumulative point multiplied by
 * `multiplier`, capped at 1 (a PD stress such as pd=2x).
 */
export function stressDefaultProbability(spec: DefaultProbabilitySpec, multiplier: number): DefaultProbabilitySpec {
  if (!(multiplier >= 0) || !Number.isFinite(multiplier)) throw new RangeError(`pd multiplier: must be a number ≥ 0, got ${multiplier}`);
  const stressed: DefaultProbabilitySpec = { annualDefaultProbability: Math.min(1, spec.annualDefaultProbability * multiplier) };
  if (spec.pdTermStructure) {
    stressed.pdTermStructure = spec.pdTermStructure.map((p) => ({ years: p.years, cumulative: Math.min(1, p.cumulative * multiplier) }));
  }
  return stressed;
}

function checkHorizon(horizonMonths: number): void {
  if (!Number.isSafeInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 1200) {
    throw new RangeError(`horizonMonths: must be a whole number of months from 1 to 1200, got ${horizonMonths}`);
  }
}

/** First index m in [0, n) with x < thresholds[offset + m] (thresholds non-decreasing), or n. */
export function firstAbove(thresholds: Float64Array, offset: number, n: number, x: number): number {
  if (n === 0) return 0;
  // Branch-free halving (a default's month is unpredictable, so mispredicted branches would
  // cost more than the comparisons). Invariant: the answer lies in [base, base + len].
  let base = offset;
  let len = n;
  while (len > 1) {
    const half = len >>> 1;
    base = x >= thresholds[base + half]! ? base + half : base;
    len -= half;
  }
  return base - offset + (x >= thresholds[base]! ? 1 : 0);
}

export interface DefaultModelInput {
  names: readonly DefaultName[];
  copula: CopulaSpec;
  /** Months simulated; defaults after it are NO_DEFAULT. */
  horizonMonths: number;
}

/**
 * The compiled default model: the copula plus each name's latent thresholds by month.
 * Per path: `beginPath` (systematic factors, importance-sampling weight), then
 * `sampleDefaultMonths` (the names that default, and when). Not thread-safe: one instance per worker.
 */
export class DefaultTimeModel {
  readonly latent: LatentFactorModel;
  readonly nameCount: number;
  readonly horizonMonths: number;
  /** Threshold class of each name. */
  readonly classOf: Int32Array;
  /** Loading group of each class. */
  readonly classGroup: Int32Array;
  /** Latent thresholds c_{class, m}: classCount × horizonMonths, row-major (month m at index m−1). */
  readonly thresholds: Float64Array;
  /** Per path: each class's conditional probability of default before the horizon. */
  readonly classHorizonProbability: Float64Array;
  /** Number of names in each class. */
  readonly classSize: Int32Array;
  /** Per path, large classes only: conditional cumulative default probability by month (classCount × H). */
  private readonly classMonthProbability: Float64Array;
  /** Per path, large classes only: the guide table of each class row (classCount × GUIDE_SIZE). */
  private readonly classGuide: Int32Array;
  /** Path counter at which each class's row was last computed (−1: never). */
  private readonly classRowStamp: Float64Array;
  private pathCounter = 0;
  /** The names of each class, in name order: class c is classMembers[classStart[c] … classStart[c + 1]). */
  private readonly classMembers: Int32Array;
  private readonly classStart: Int32Array;
  /** Per path: the defaulted names, when the caller does not want them. */
  private readonly defaultedScratch: Int32Array;

  constructor(input: DefaultModelInput) {
    checkHorizon(input.horizonMonths);
    const problems: string[] = [];
    input.names.forEach((n, i) => problems.push(...defaultProbabilityProblems(n.pd, `names[${i}].pd`)));
    if (problems.length > 0) throw new RangeError(problems.join('; '));
    this.latent = new LatentFactorModel(input.copula, input.names);
    this.nameCount = input.names.length;
    this.horizonMonths = input.horizonMonths;
    const H = input.horizonMonths;
    const spec = input.copula;
    const quantile = spec.kind === 't' ? (p: number) => studentTQuantile(p, spec.nu) : inverseNormalCdf;

    const classKey = new Map<string, number>();
    const rows: Float64Array[] = [];
    const groups: number[] = [];
    const quantileCache = new Map<number, number>();
    this.classOf = new Int32Array(this.nameCount);
    input.names.forEach((n, i) => {
      const g = this.latent.groupOf[i]!;
      const key = `${g}|${JSON.stringify([n.pd.annualDefaultProbability, n.pd.pdTermStructure ?? null])}`;
      let c = classKey.get(key);
      if (c === undefined) {
        c = rows.length;
        classKey.set(key, c);
        const cum = monthlyCumulativeDefaultProbabilities(n.pd, H);
        const row = new Float64Array(H);
        for (let m = 0; m < H; m++) {
          const p = cum[m]!;
          let q = quantileCache.get(p);
          if (q === undefined) {
            q = quantile(p);
            quantileCache.set(p, q);
          }
          row[m] = q;
        }
        rows.push(row);
        groups.push(g);
      }
      this.classOf[i] = c;
    });
    this.classGroup = Int32Array.from(groups);
    this.thresholds = new Float64Array(rows.length * H);
    rows.forEach((r, c) => this.thresholds.set(r, c * H));
    this.classHorizonProbability = new Float64Array(rows.length);
    this.classSize = new Int32Array(rows.length);
    for (let i = 0; i < this.nameCount; i++) this.classSize[this.classOf[i]!]!++;
    this.classMonthProbability = new Float64Array(rows.length * H);
    this.classRowStamp = new Float64Array(rows.length).fill(-1);
    this.classGuide = new Int32Array(rows.length * GUIDE_SIZE);
    this.classStart = new Int32Array(rows.length + 1);
    for (let c = 0; c < rows.length; c++) this.classStart[c + 1] = this.classStart[c]! + this.classSize[c]!;
    this.classMembers = new Int32Array(this.nameCount);
    const next = this.classStart.slice(0, rows.length);
    for (let i = 0; i < this.nameCount; i++) this.classMembers[next[this.classOf[i]!]!++] = i;
    this.defaultedScratch = new Int32Array(this.nameCount);
  }

  get classCount(): number {
    return this.classGroup.length;
  }

  /**
   * Start a path: draw the systematic factors (importance-sampling shift μ on the global
   * factor) and each class's conditional default probability. Returns the path's
   * likelihood-ratio weight (1 when μ = 0).
   */
  beginPath(rng: RandomSource, shift = 0): number {
    const latent = this.latent;
    const weight = latent.drawSystematic(rng, shift);
    this.pathCounter++;
    const H = this.horizonMonths;
    const scale = latent.scale;
    for (let c = 0; c < this.classGroup.length; c++) {
      const g = this.classGroup[c]!;
      const threshold = this.thresholds[c * H + H - 1]!;
      // ±∞ thresholds (PD 0 or 1) give z = ±∞ and Φ(z) = 0 or 1.
      const z = (threshold * scale - latent.systematic[g]!) / latent.idiosyncratic[g]!;
      this.classHorizonProbability[c] = normalCdf(z);
    }
    return weight;
  }

  /**
   * Default months of the current path (after `beginPath`): `months[i]` is name i's default
   * month (1 … horizonMonths) or NO_DEFAULT; the indices of the defaulted names are written, in
   * name order, to the start of `defaulted` (if given). Returns how many names defaulted.
   * Class by class, in class order: a class with a small conditional probability p draws two
   * uniforms per default and one more to end the class; one with p ≥ GAP_SAMPLING_BELOW one per name.
   */
  sampleDefaultMonths(rng: RandomSource, months: Int32Array, defaulted?: Int32Array): number {
    const n = this.nameCount;
    if (months.length < n) throw new RangeError(`months: needs room for ${n} names, got ${months.length}`);
    if (defaulted !== undefined && defaulted.length < n) throw new RangeError(`defaulted: needs room for ${n} names, got ${defaulted.length}`);
    const who = defaulted ?? this.defaultedScratch;
    const members = this.classMembers;
    const classStart = this.classStart;
    months.fill(NO_DEFAULT, 0, n);
    let count = 0;
    for (let c = 0; c < this.classGroup.length; c++) {
      const p = this.classHorizonProbability[c]!;
      if (!(p > 0)) continue;
      const end = classStart[c + 1]!;
      if (p >= GAP_SAMPLING_BELOW) {
        // Most names default: one uniform per name, u < p is a default and u itself its month's draw.
        for (let k = classStart[c]!; k < end; k++) {
          const u = rng.uniform();
          if (u < p) {
            const i = members[k]!;
            months[i] = this.monthOf(c, u);
            who[count++] = i;
          }
        }
        continue;
      }
      // Few names default: jump from one default to the next. Given the factors the names of a class
      // are independent trials with probability p, so the number of survivors before the next
      // default is geometric, ⌊ln u / ln(1 − p)⌋; the default's month comes from a second uniform
      // scaled to (0, p) — the conditional law of u_i given u_i < p.
      const perLog = 1 / Math.log1p(-p);
      let k = classStart[c]! - 1;
      for (;;) {
        k += 1 + Math.floor(Math.log(rng.uniform()) * perLog);
        if (!(k < end)) break;
        const i = members[k]!;
        months[i] = this.monthOf(c, rng.uniform() * p);
        who[count++] = i;
      }
    }
    // Callers read the defaulted names in name order (obligors before counterparties).
    if (count > 1 && this.classGroup.length > 1) who.subarray(0, count).sort();
    return count;
  }

  /** The default month (1 … H) of a name of class c that defaulted by the horizon, from its uniform u < Φ(z_H). */
  private monthOf(c: number, u: number): number {
    const H = this.horizonMonths;
    let m: number;
    if (this.classSize[c]! >= ROW_CLASS_SIZE) {
      if (this.classRowStamp[c] !== this.pathCounter) this.fillClassRow(c);
      m = this.monthInRow(c, u);
    } else {
      const latent = this.latent;
      const g = this.classGroup[c]!;
      const x = (latent.systematic[g]! + latent.idiosyncratic[g]! * inverseNormalCdf(u)) / latent.scale;
      m = firstAbove(this.thresholds, c * H, H, x);
    }
    // m === H only by rounding at the boundary u ≈ Φ(z_H): the name defaulted by the horizon.
    return m < H ? m + 1 : H;
  }

  /**
   * Φ(z_m) for every month of class c on the current path, and its guide table: GUIDE_SIZE
   * buckets of equal width over [0, Φ(z_H)), each with the first month whose probability exceeds
   * the bucket's lower end (Chen & Asau's guide table for inversion by look-up).
   */
  private fillClassRow(c: number): void {
    const latent = this.latent;
    const H = this.horizonMonths;
    const g = this.classGroup[c]!;
    const sys = latent.systematic[g]!;
    const idio = latent.idiosyncratic[g]!;
    const scale = latent.scale;
    const base = c * H;
    const row = this.classMonthProbability;
    for (let m = 0; m < H; m++) row[base + m] = normalCdf((this.thresholds[base + m]! * scale - sys) / idio);
    const guide = this.classGuide;
    const gb = c * GUIDE_SIZE;
    const step = row[base + H - 1]! / GUIDE_SIZE;
    let m = 0;
    for (let k = 0; k < GUIDE_SIZE; k++) {
      while (m < H - 1 && row[base + m]! <= k * step) m++;
      guide[gb + k] = m;
    }
    this.classRowStamp[c] = this.pathCounter;
  }

  /**
   * The first month m (0-based) with u < Φ(z_m) in class c's row, or H: the same answer as a
   * search over the row (firstAbove), found from the guide table in a step or two. The walk back
   * makes it exact whatever the rounding of the bucket index.
   */
  private monthInRow(c: number, u: number): number {
    const H = this.horizonMonths;
    const row = this.classMonthProbability;
    const base = c * H;
    const top = row[base + H - 1]!;
    let k = Math.floor((u / top) * GUIDE_SIZE);
    if (k >= GUIDE_SIZE) k = GUIDE_SIZE - 1;
    else if (!(k >= 0)) k = 0;
    let m = this.classGuide[c * GUIDE_SIZE + k]!;
    while (m > 0 && u < row[base + m - 1]!) m--;
    while (m < H && u >= row[base + m]!) m++;
    return m;
  }

  /**
   * On the current path (after `beginPath`): name i's probability of default within `month` months,
   * conditional on the path's systematic factors — the default rate of a granular pool of names like
   * it (large-pool limit). Months beyond the horizon read the horizon's.
   */
  conditionalCumulativeDefault(name: number, month: number): number {
    if (month <= 0) return 0;
    const H = this.horizonMonths;
    const c = this.classOf[name]!;
    const g = this.classGroup[c]!;
    const latent = this.latent;
    const threshold = this.thresholds[c * H + Math.min(month, H) - 1]!;
    return normalCdf((threshold * latent.scale - latent.systematic[g]!) / latent.idiosyncratic[g]!);
  }

  /** The default month implied by a latent value x for name i (NO_DEFAULT beyond the horizon). */
  defaultMonthOf(name: number, x: number): number {
    const H = this.horizonMonths;
    const m = firstAbove(this.thresholds, this.classOf[name]! * H, H, x);
    return m < H ? m + 1 : NO_DEFAULT;
  }

  /**
   * The slow, literal route for checks: compute every X_i (one uniform per name) and compare with
   * the thresholds; the same law as sampleDefaultMonths, from other uniforms. Call after `beginPath`.
   */
  sampleDefaultMonthsFromLatent(rng: RandomSource, months: Int32Array, latentOut?: Float64Array): number {
    const x = latentOut ?? new Float64Array(this.nameCount);
    this.latent.sampleLatent(rng, x);
    let count = 0;
    for (let i = 0; i < this.nameCount; i++) {
      const m = this.defaultMonthOf(i, x[i]!);
      months[i] = m;
      if (m !== NO_DEFAULT) count++;
    }
    return count;
  }
}

/** Compile a default model (validates every name and the copula; throws RangeError listing the problems). */
export function createDefaultTimeModel(input: DefaultModelInput): DefaultTimeModel {
  return new DefaultTimeModel(input);
}

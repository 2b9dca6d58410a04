// Recoveries on default (违约回收) and prepayment (提前还款).
//
// When an obligor defaults, the pledged IP (质押的知识产权) is disposed of after `lagMonths`;
// the trust recovers a random fraction R of the IP's appraised value (评估价值), capped at the
// exposure. R has a beta distribution with the deal's mean and standard deviation (shapes by
// the method of moments, normal.ts betaFromMeanSd).
//
// PD–LGD correlation. R is drawn by inversion from a latent normal Z_R:
//   Z_R = ℓ·M + √(1−ℓ²)·ξ,   R = F⁻¹_Beta(Φ(Z_R)),
// with M the path's global systematic factor (the same M that drives defaults), ξ an
// independent normal and ℓ ∈ [0, 1] the loading (`recoveryFactorLoading`). Z_R is standard
// normal whatever ℓ, so R keeps exactly its beta distribution (the deal's mean and sd) over all
// paths; but in a bad year (M low: many defaults) the underlying normal is shifted down by ℓ·M
// and recoveries are lower — by about ℓ·|M| standard deviations of Z_R. ℓ = 0 is independence.
//
// Speed: F⁻¹_Beta∘Φ is tabulated once per distribution on a grid of z (linear interpolation,
// error below 1e-6 for ordinary shapes, ~1e-5 for extreme U-shaped ones — far under the Monte
// Carlo error), so a draw costs one uniform, one Φ⁻¹
// and a table look-up. Exactly one uniform is drawn per recovery, even when sd = 0, so that the
// recovery stream stays aligned when a stress changes the recovery assumptions.
import type { RandomSource } from './rng.js';
import { type BetaDistribution, betaFromMeanSd, inverseNormalCdf, normalCdf } from './normal.js';
import { inverseRegularizedBeta } from './special.js';

/** A name's recovery assumptions (the deal's obligor `credit.recovery`). */
export interface RecoverySpec {
  /** Mean recovery as a fraction of the pledged IP's appraised value. */
  mean: number;
  /** Standard deviation of that fraction. */
  stdDev: number;
  /** Months from the default month to the month the recovery is received. */
  lagMonths: number;
}

/** Quantile of a beta distribution given by mean and sd. */
export function betaQuantile(p: number, dist: BetaDistribution): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaQuantile: p must be in [0, 1], got ${p}`);
  if (dist.sd === 0) return dist.mean;
  return inverseRegularizedBeta(p, dist.alpha, dist.beta);
}

const TABLE_Z_MAX = 8.5; // Φ(−8.5) ≈ 1e-17: beyond any draw of a 32-bit uniform
const TABLE_INTERVALS = 4096;
const TABLE_STEP = (2 * TABLE_Z_MAX) / TABLE_INTERVALS;

/** R(z) = F⁻¹_Beta(Φ(z)) on an even grid of z in [−8.5, 8.5]. */
export class RecoveryTable {
  readonly values: Float64Array;

  constructor(readonly dist: BetaDistribution) {
    this.values = new Float64Array(TABLE_INTERVALS + 1);
    for (let j = 0; j <= TABLE_INTERVALS; j++) {
      const z = -TABLE_Z_MAX + j * TABLE_STEP;
      this.values[j] = betaQuantile(normalCdf(z), dist);
    }
    // Rounding in the inversion must not make the table non-monotone.
    for (let j = 1; j <= TABLE_INTERVALS; j++) if (this.values[j]! < this.values[j - 1]!) this.values[j] = this.values[j - 1]!;
  }

  /** The recovery fraction at latent value z (linear interpolation; clamped beyond ±8.5). */
  at(z: number): number {
    const t = (z + TABLE_Z_MAX) / TABLE_STEP;
    if (!(t > 0)) return this.values[0]!;
    if (t >= TABLE_INTERVALS) return this.values[TABLE_INTERVALS]!;
    const j = Math.floor(t);
    const f = t - j;
    const a = this.values[j]!;
    return a + f * (this.values[j + 1]! - a);
  }
}

const tableCache = new Map<string, RecoveryTable>();

/** The (cached) table of a beta distribution; tables cost ~5–40 ms to build. */
export function recoveryTable(dist: BetaDistribution): RecoveryTable {
  const key = `${dist.mean}/${dist.sd}`;
  let t = tableCache.get(key);
  if (t === undefined) {
    t = new RecoveryTable(dist);
    tableCache.set(key, t);
  }
  return t;
}

/** Problems with one name's recovery spec ([] when valid). */
export function recoveryProblems(spec: RecoverySpec, field = 'recovery'): string[] {
  const problems: string[] = [];
  try {
    betaFromMeanSd(spec.mean, spec.stdDev, field);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (!Number.isSafeInteger(spec.lagMonths) || spec.lagMonths < 0 || spec.lagMonths > 1200) {
    problems.push(`${field}.lagMonths: must be a whole number of months from 0 to 1200, got ${JSON.stringify(spec.lagMonths)}`);
  }
  return problems;
}

/** Recovery draws for a list of names (the obligors of a deal, in the default model's order). */
export class RecoveryModel {
  readonly nameCount: number;
  readonly lagMonths: Int32Array;
  readonly mean: Float64Array;
  private readonly tables: Array<RecoveryTable | null>;
  private readonly loading: number;
  private readonly idiosyncratic: number;

  /**
   * @param specs one per name
   * @param factorLoading ℓ ∈ [0, 1]: PD–LGD correlation through the global systematic factor
   */
  constructor(specs: readonly RecoverySpec[], factorLoading = 0) {
    const problems: string[] = [];
    specs.forEach((s, i) => problems.push(...recoveryProblems(s, `names[${i}].recovery`)));
    if (!(factorLoading >= 0 && factorLoading <= 1)) {
      problems.push(`recoveryFactorLoading: must be between 0 and 1, got ${JSON.stringify(factorLoading)}`);
    }
    if (problems.length > 0) throw new RangeError(problems.join('; '));
    this.nameCount = specs.length;
    this.lagMonths = Int32Array.from(specs.map((s) => s.lagMonths));
    this.mean = Float64Array.from(specs.map((s) => s.mean));
    this.tables = specs.map((s) => (s.stdDev === 0 ? null : recoveryTable(betaFromMeanSd(s.mean, s.stdDev))));
    this.loading = factorLoading;
    this.idiosyncratic = Math.sqrt(1 - factorLoading * factorLoading);
  }

  /**
   * Recovery fraction of name i's appraised value, given the path's global factor M. Draws
   * exactly one uniform.
   */
  sampleFraction(rng: RandomSource, name: number, globalFactor: number): number {
    const u = rng.uniform();
    const table = this.tables[name];
    if (table === undefined) throw new RangeError(`name: must be an index from 0 to ${this.nameCount - 1}, got ${name}`);
    if (table === null) return this.mean[name]!;
    return table.at(this.loading * globalFactor + this.idiosyncratic * inverseNormalCdf(u));
  }
}

/** Cash recovered: fraction × appraised value, never more than the exposure (nor below 0). */
export function recoveryAmount(fraction: number, appraisedValue: number, exposure: number): number {
  return Math.max(0, Math.min(fraction * appraisedValue, exposure));
}

/** Month (from issue) in which the recovery of a default in `defaultMonth` arrives. */
export function recoveryMonth(defaultMonth: number, lagMonths: number): number {
  return defaultMonth + lagMonths;
}

/**
 * Single monthly mortality from a constant annual prepayment rate (CPR):
 * SMM = 1 − (1 − CPR)^(1/12), so twelve months of SMM compound to the CPR.
 */
export function monthlyPrepaymentRate(annualRate: number): number {
  if (!(annualRate >= 0 && annualRate <= 1)) throw new RangeError(`prepaymentRate: must be an annual rate between 0 and 1, got ${annualRate}`);
  return -Math.expm1(Math.log1p(-annualRate) / 12);
}

/** Prepayment rate for a period of `months` months at a constant annual rate: 1 − (1 − CPR)^(months/12). */
export function periodPrepaymentRate(annualRate: number, months: number): number {
  if (!(months >= 0) || !Number.isFinite(months)) throw new RangeError(`months: must be a number ≥ 0, got ${months}`);
  monthlyPrepaymentRate(annualRate);
  return -Math.expm1((Math.log1p(-annualRate) * months) / 12);
}

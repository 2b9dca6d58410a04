// 目标违约率 TDR (target default rate) per domestic grade: the pool's cumulative default rate (defaulted
// principal / initial pool principal) that is exceeded only with the grade's target default
// probability p. Three ways, as agencies' reports use them:
//   monte-carlo        the (1 − p) quantile of the simulated distribution, with its 95% interval;
//   lognormal          a lognormal fitted to the simulated mean and standard deviation (method of
//                      moments: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2), TDR = exp(μ + σ·Φ⁻¹(1 − p));
//   stress-multiplier  the base-case (expected) cumulative default rate × the grade's 压力乘数.
// Each is capped at 1 (the whole pool). Pure functions: the simulation supplies the distribution.
import { inverseNormalCdf } from '../credit/normal.js';
import { DOMESTIC_GRADES, type DomesticGrade, type GradeTable } from './domestic-scale.js';

export const TDR_METHODS = ['monte-carlo', 'lognormal', 'stress-multiplier'] as const;
export type TdrMethod = (typeof TDR_METHODS)[number];

export type ByGrade<T> = Record<DomesticGrade, T>;

export interface TdrTable {
  method: TdrMethod;
  byGrade: ByGrade<number>;
  /** 95% confidence interval of each TDR (Monte Carlo: the order-statistic interval of the quantile). */
  ci95: ByGrade<[number, number]> | null;
}

export interface LognormalFit { mu: number; sigma: number }

const cap = (x: number) => Math.min(1, Math.max(0, x));

function byGrade<T>(table: GradeTable, f: (p: number, multiplier: number) => T): ByGrade<T> {
  const out = {} as ByGrade<T>;
  for (const row of table.rows) out[row.grade] = f(row.targetDefaultProbability, row.stressMultiplier);
  return out;
}

/**
 * TDR read off a simulated distribution: `quantile(q)` is the cumulative default rate at
 * probability level q, `interval(q)` its 95% interval.
 */
export function monteCarloTdr(table: GradeTable, quantile: (q: number) => number, interval: (q: number) => [number, number]): TdrTable {
  return {
    method: 'monte-carlo',
    byGrade: byGrade(table, (p) => cap(quantile(1 - p))),
    ci95: byGrade(table, (p) => { const [lo, hi] = interval(1 - p); return [cap(lo), cap(hi)]; }),
  };
}

/** Lognormal parameters matching a mean and standard deviation; null when the mean is 0 (no defaults seen). */
export function lognormalFromMoments(mean: number, sd: number): LognormalFit | null {
  if (!(mean > 0) || !(sd >= 0)) return null;
  const sigma2 = Math.log1p((sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

export function lognormalQuantile(fit: LognormalFit, q: number): number {
  return Math.exp(fit.mu + fit.sigma * inverseNormalCdf(q));
}

export function lognormalTdr(table: GradeTable, fit: LognormalFit | null): TdrTable {
  return { method: 'lognormal', byGrade: byGrade(table, (p) => (fit ? cap(lognormalQuantile(fit, 1 - p)) : 0)), ci95: null };
}

export function stressMultiplierTdr(table: GradeTable, baseCaseDefaultRate: number): TdrTable {
  if (!(baseCaseDefaultRate >= 0 && baseCaseDefaultRate <= 1)) throw new RangeError(`baseCaseDefaultRate: must be a fraction between 0 and 1, got ${baseCaseDefaultRate}`);
  return { method: 'stress-multiplier', byGrade: byGrade(table, (_p, m) => cap(baseCaseDefaultRate * m)), ci95: null };
}

/** The grades of a TDR table, best first (every grade of the scale). */
export const gradesOf = (t: { byGrade: ByGrade<number> }): DomesticGrade[] => DOMESTIC_GRADES.filter((g) => g in t.byGrade);

/** Target default rates for rating a deal: from a simulation of its pool, or the stress multipliers alone. */
export interface TdrSet {
  gradeTable: GradeTable;
  monteCarlo: TdrTable | null;
  lognormal: (TdrTable & { fit: LognormalFit | null }) | null;
  stressMultiplier: TdrTable;
  /** The base-case cumulative default rate the multipliers scale: the simulated mean, or the expected rate. */
  baseCaseDefaultRate: { value: number; stdErr: number | null; source: 'simulation' | 'expected' };
  simulation: { paths: number; seed: number | string; runId?: string } | null;
}

/** The TDR table of a method, or null when the set has none (no simulation). */
export function tdrOf(set: TdrSet, method: TdrMethod): TdrTable | null {
  return method === 'monte-carlo' ? set.monteCarlo : method === 'lognormal' ? set.lognormal : set.stressMultiplier;
}

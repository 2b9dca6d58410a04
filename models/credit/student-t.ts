// Student-t distribution with ν degrees of freedom (t 分布), for the thresholds of the t copula.
// Through the regularized incomplete beta function: for t < 0,
//   F(t) = ½ I_{ν/(ν+t²)}(ν/2, ½),
// and near the centre, P(|T| ≤ t) = I_{t²/(ν+t²)}(½, ν/2) (which avoids cancellation).
import { inverseRegularizedBeta, logBeta, regularizedBeta } from './special.js';

function checkNu(nu: number): void {
  if (!(nu > 0) || !Number.isFinite(nu)) throw new RangeError(`degrees of freedom ν: must be a finite number > 0, got ${nu}`);
}

/** Student-t cumulative distribution P(T ≤ t). */
export function studentTCdf(t: number, nu: number): number {
  checkNu(nu);
  if (Number.isNaN(t)) return NaN;
  if (t === -Infinity) return 0;
  if (t === Infinity) return 1;
  const t2 = t * t;
  // |t| < ½ keeps both tails above 0.3 for every ν, so the central form cannot cancel badly.
  if (Math.abs(t) < 0.5) {
    const central = 0.5 * regularizedBeta(t2 / (nu + t2), 0.5, nu / 2);
    return t < 0 ? 0.5 - central : 0.5 + central;
  }
  const tail = 0.5 * regularizedBeta(nu / (nu + t2), nu / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** Student-t density. */
export function studentTPdf(t: number, nu: number): number {
  checkNu(nu);
  return Math.exp(-0.5 * (nu + 1) * Math.log1p((t * t) / nu) - 0.5 * Math.log(nu) - logBeta(nu / 2, 0.5));
}

/** Student-t quantile: the t with P(T ≤ t) = p. ±∞ at p = 0 and 1. */
export function studentTQuantile(p: number, nu: number): number {
  checkNu(nu);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const lower = p < 0.5;
  const tailP = lower ? p : 1 - p; // < 0.5
  let t: number;
  if (tailP > 0.25) {
    // Central region: P(|T| ≤ t) = 1 − 2·tailP = I_y(½, ν/2), y = t²/(ν+t²).
    const y = inverseRegularizedBeta(1 - 2 * tailP, 0.5, nu / 2);
    t = Math.sqrt((nu * y) / (1 - y));
  } else {
    // Tail: 2·tailP = I_x(ν/2, ½), x = ν/(ν+t²).
    const x = inverseRegularizedBeta(2 * tailP, nu / 2, 0.5);
    t = Math.sqrt((nu * (1 - x)) / x);
  }
  return lower ? -t : t;
}

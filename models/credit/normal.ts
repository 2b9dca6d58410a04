// The normal distribution and the samplers the credit model builds on (正态分布).
//
// - erfc: W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp.
//   23 (1969) 631-638, as in his CALERF routine (netlib specfun); relative error ~1e-16.
// - Φ⁻¹: M. J. Wichura, Algorithm AS 241 "The percentage points of the normal distribution",
//   Applied Statistics 37 (1988) 477-484 (PPND16), relative error ~1e-16.
// - Bivariate normal: Z. Drezner & G. O. Wesolowsky (1989), with A. Genz's double-precision
//   modifications ("Numerical computation of rectangular bivariate and trivariate normal and t
//   probabilities", Statistics and Computing 14 (2004) 251-260).
// - Gamma: G. Marsaglia & W. W. Tsang, "A simple method for generating gamma variables",
//   ACM TOMS 26 (2000) 363-372.
import type { RandomSource } from './random-source.js';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.39894228040143267794;

// Cody's coefficients: erf on |x| ≤ 0.46875, erfc on (0.46875, 4], erfc on (4, ∞).
const CODY_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153] as const;
const CODY_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062] as const;
const CODY_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
  881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
] as const;
const CODY_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
  3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
] as const;
const CODY_P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
] as const;
const CODY_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;
const SQRT_1_PI = 0.56418958354775628695;

/** exp(−y²) computed as exp(−r²)·exp(−(y−r)(y+r)) with r = y rounded down to 1/16 (Cody's trick against cancellation). */
function expMinusSquare(y: number): number {
  const r = Math.trunc(y * 16) / 16;
  return Math.exp(-r * r) * Math.exp(-(y - r) * (y + r));
}

/** Complementary error function erfc(x) = 1 − erf(x). (Horner forms unrolled: this is on the per-path path.) */
export function erfc(x: number): number {
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const z = y > 1.11e-16 ? y * y : 0;
    const num = (((CODY_A[4] * z + CODY_A[0]) * z + CODY_A[1]) * z + CODY_A[2]) * z + CODY_A[3];
    const den = (((z + CODY_B[0]) * z + CODY_B[1]) * z + CODY_B[2]) * z + CODY_B[3];
    return 1 - (x * num) / den;
  } else if (y <= 4) {
    const num =
      (((((((CODY_C[8] * y + CODY_C[0]) * y + CODY_C[1]) * y + CODY_C[2]) * y + CODY_C[3]) * y + CODY_C[4]) * y + CODY_C[5]) * y +
        CODY_C[6]) * y + CODY_C[7];
    const den =
      (((((((y + CODY_D[0]) * y + CODY_D[1]) * y + CODY_D[2]) * y + CODY_D[3]) * y + CODY_D[4]) * y + CODY_D[5]) * y + CODY_D[6]) * y +
      CODY_D[7];
    result = (num / den) * expMinusSquare(y);
  } else if (y >= 26.543) {
    result = 0;
  } else {
    const z = 1 / (y * y);
    const num = ((((CODY_P[5] * z + CODY_P[0]) * z + CODY_P[1]) * z + CODY_P[2]) * z + CODY_P[3]) * z + CODY_P[4];
    const den = ((((z + CODY_Q[0]) * z + CODY_Q[1]) * z + CODY_Q[2]) * z + CODY_Q[3]) * z + CODY_Q[4];
    result = ((SQRT_1_PI - (z * num) / den) / y) * expMinusSquare(y);
  }
  if (Number.isNaN(x)) return NaN;
  return x < 0 ? 2 - result : result;
}

/** Standard normal cumulative distribution Φ(x). Accurate to ~1e-16 relative in the lower tail. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Inverse standard normal Φ⁻¹(p) (AS 241 PPND16). Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞; p outside [0, 1]
 * is an error.
 */
export function inverseNormalCdf(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  if (!(p >= 0 && p <= 1)) throw new RangeError(`inverseNormalCdf: p must be in [0, 1], got ${p}`);
  let r = q < 0 ? p : 1 - p;
  if (r === 0) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}

// Gauss-Legendre half-rules (points in (0,1) and weights) with 6, 12 and 20 points, as in Genz's BVND.
const GL_W = [
  [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
  [0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029],
  [0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
    0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259],
] as const;
const GL_X = [
  [0.9324695142031522, 0.6612093864662647, 0.238619186083197],
  [0.9815606342467191, 0.904117256370475, 0.769902674194305, 0.5873179542866171, 0.3678314989981802, 0.1252334085114692],
  [0.9931285991850949, 0.9639719272779138, 0.9122344282513259, 0.8391169718222188, 0.7463319064601508,
    0.636053680726515, 0.5108670019508271, 0.3737060887154196, 0.2277858511416451, 0.07652652113349733],
] as const;

/** P(X > h, Y > k) for standard bivariate normal (X, Y) with correlation r (Genz's BVNU). */
function bivariateUpper(h: number, k: number, r: number): number {
  if (h === Infinity || k === Infinity) return 0;
  if (h === -Infinity) return k === -Infinity ? 1 : normalCdf(-k);
  if (k === -Infinity) return normalCdf(-h);
  const g = Math.abs(r) < 0.3 ? 0 : Math.abs(r) < 0.75 ? 1 : 2;
  const w = GL_W[g]!;
  const x = GL_X[g]!;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < w.length; i++) {
      let sn = Math.sin((asr * (1 - x[i]!)) / 2);
      bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
      sn = Math.sin((asr * (1 + x[i]!)) / 2);
      bvn += w[i]! * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return Math.max(0, Math.min(1, (bvn * asr) / (4 * Math.PI) + normalCdf(-h) * normalCdf(-k)));
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) * (h - k);
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    let asr = -(bs / as + hk) / 2;
    if (asr > -100) bvn = a * Math.exp(asr) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -100) {
      const b = Math.sqrt(bs);
      const sp = Math.sqrt(2 * Math.PI) * normalCdf(-b / a);
      bvn -= Math.exp(-hk / 2) * sp * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a /= 2;
    for (let i = 0; i < w.length; i++) {
      for (const sign of [-1, 1]) {
        const xs = (a + a * sign * x[i]!) ** 2;
        const rs = Math.sqrt(1 - xs);
        asr = -(bs / xs + hk) / 2;
        if (asr > -100) {
          const sp = 1 + c * xs * (1 + d * xs);
          const ep = Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs;
          bvn += a * w[i]! * Math.exp(asr) * (ep - sp);
        }
      }
    }
    bvn = -bvn / (2 * Math.PI);
  }
  if (r > 0) bvn += normalCdf(-Math.max(h, k));
  else bvn = -bvn + Math.max(0, normalCdf(-h) - normalCdf(-k));
  return Math.max(0, Math.min(1, bvn));
}

/** Bivariate standard normal cdf P(X ≤ h, Y ≤ k) with correlation r ∈ [−1, 1] (accuracy ~1e-15). */
export function bivariateNormalCdf(h: number, k: number, r: number): number {
  if (!(r >= -1 && r <= 1)) throw new RangeError(`bivariateNormalCdf: correlation must be in [-1, 1], got ${r}`);
  if (Number.isNaN(h) || Number.isNaN(k)) return NaN;
  return bivariateUpper(-h, -k, r);
}

// ---------- samplers ----------

/**
 * Gamma(shape, 1) variate by Marsaglia–Tsang (shape ≥ 1; for shape < 1 the usual boost
 * Gamma(a) = Gamma(a+1)·U^(1/a)). Uses a variable number of draws (rejection).
 */
export function sampleGamma(rng: RandomSource, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape: must be a finite number > 0, got ${shape}`);
  if (shape < 1) {
    const g = sampleGamma(rng, shape + 1);
    return g * Math.pow(rng.uniform(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v; // squeeze: accepts ~98% without a log
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Chi-square variate with ν degrees of freedom: 2·Gamma(ν/2). */
export function sampleChiSquare(rng: RandomSource, nu: number): number {
  if (!(nu > 0) || !Number.isFinite(nu)) throw new RangeError(`chi-square degrees of freedom: must be a finite number > 0, got ${nu}`);
  return 2 * sampleGamma(rng, nu / 2);
}

/** A beta distribution given by its mean and standard deviation, with the shape parameters. */
export interface BetaDistribution {
  mean: number;
  sd: number;
  /** α and β; both Infinity when sd = 0 (the distribution is the point `mean`). */
  alpha: number;
  beta: number;
}

/** The smallest non-zero standard deviation of a beta distribution given by its mean and sd. */
export const MIN_BETA_SD = 1e-4;

/**
 * Beta shape parameters from a mean and a standard deviation (method of moments):
 * with k = m(1−m)/s² − 1, α = m·k and β = (1−m)·k. A beta distribution with mean m has
 * variance below m(1−m), so s² < m(1−m) is required; s = 0 is the point mass at m.
 */
export function betaFromMeanSd(mean: number, sd: number, field = 'recovery'): BetaDistribution {
  if (!(mean >= 0 && mean <= 1)) throw new RangeError(`${field}.mean: must be between 0 and 1, got ${mean}`);
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`${field}.stdDev: must be a number ≥ 0, got ${sd}`);
  if (sd === 0) return { mean, sd, alpha: Infinity, beta: Infinity };
  // Below this the shapes α + β ≈ mean(1−mean)/sd² pass 10⁷–10⁶¹⁶: the quantile table takes seconds
  // to hours (or the shapes overflow), for a spread no one could tell from a fixed recovery.
  if (sd < MIN_BETA_SD) {
    throw new RangeError(`${field}.stdDev: must be 0 (a fixed recovery) or at least ${MIN_BETA_SD}; a beta distribution this narrow cannot be drawn from, got ${sd}`);
  }
  const maxSd = Math.sqrt(mean * (1 - mean));
  if (!(sd < maxSd)) {
    throw new RangeError(
      `${field}.stdDev: a beta distribution with mean ${mean} needs a standard deviation below √(mean·(1−mean)) = ${maxSd.toPrecision(6)}, got ${sd}`,
    );
  }
  const k = (mean * (1 - mean)) / (sd * sd) - 1;
  return { mean, sd, alpha: mean * k, beta: (1 - mean) * k };
}

/** Beta variate as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β); the point mass when sd = 0. */
export function sampleBeta(rng: RandomSource, dist: BetaDistribution): number {
  if (dist.sd === 0) return dist.mean;
  const x = sampleGamma(rng, dist.alpha);
  const y = sampleGamma(rng, dist.beta);
  return x / (x + y);
}

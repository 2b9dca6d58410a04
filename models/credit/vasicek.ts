// The Vasicek large homogeneous pool (大数同质资产池) in closed form: the theory the Monte
// Carlo engine is tested against and the formulas the docs show.
//
// O. Vasicek, "Loan portfolio value", Risk 15 (December 2002) 160-162. With one-factor Gaussian
// correlation ρ, default probability p over the horizon and a fixed loss given default LGD, the
// loss rate of an infinitely granular pool given the systematic factor M is
//   L(M) = LGD · Φ((Φ⁻¹(p) − √ρ M) / √(1−ρ)),
// a decreasing function of M, which gives
//   P(L ≤ x)  = Φ((√(1−ρ) Φ⁻¹(x/LGD) − Φ⁻¹(p)) / √ρ),          0 < x < LGD
//   q-quantile = LGD · Φ((Φ⁻¹(p) + √ρ Φ⁻¹(q)) / √(1−ρ))
//   E[L]      = LGD · p.
// Tranche [a, d] (attachment, detachment as fractions of the pool): loss as a fraction of the
// tranche is min(max(L − a, 0), d − a)/(d − a), and with K < LGD and k = K/LGD,
//   E[(L − K)⁺] = LGD · (Φ₂(Φ⁻¹(p), m*; √ρ) − k Φ(m*)),   m* = (Φ⁻¹(p) − √(1−ρ) Φ⁻¹(k)) / √ρ,
// because p(M) > k exactly when M < m*, and E[p(M); M < m*] = P(X < Φ⁻¹(p), M < m*) with
// corr(X, M) = √ρ. `vasicekTrancheExpectedLossByIntegration` checks it by quadrature over M.
import { bivariateNormalCdf, inverseNormalCdf, normalCdf, normalPdf } from './normal.js';
import { binomialPmf } from './statistics.js';

export interface VasicekPool {
  /** Default probability of each loan over the horizon. */
  pd: number;
  /** Asset correlation ρ in [0, 1). */
  rho: number;
  /** Loss given default, a fraction in (0, 1]. */
  lgd: number;
}

export function vasicekProblems(pool: VasicekPool): string[] {
  const problems: string[] = [];
  if (!(pool.pd >= 0 && pool.pd <= 1)) problems.push(`pd: must be a probability between 0 and 1, got ${pool.pd}`);
  if (!(pool.rho >= 0 && pool.rho < 1)) problems.push(`rho: must be a correlation in [0, 1), got ${pool.rho}`);
  if (!(pool.lgd > 0 && pool.lgd <= 1)) problems.push(`lgd: must be a fraction in (0, 1], got ${pool.lgd}`);
  return problems;
}

function check(pool: VasicekPool): void {
  const problems = vasicekProblems(pool);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
}

/** Default rate of the large pool given the systematic factor M = z. */
export function vasicekConditionalDefaultRate(z: number, pd: number, rho: number): number {
  if (pd <= 0) return 0;
  if (pd >= 1) return 1;
  return normalCdf((inverseNormalCdf(pd) - Math.sqrt(rho) * z) / Math.sqrt(1 - rho));
}

/** P(L ≤ x) for the large-pool loss rate L. */
export function vasicekLossCdf(x: number, pool: VasicekPool): number {
  check(pool);
  const { pd, rho, lgd } = pool;
  if (x < 0) return 0;
  if (x >= lgd) return 1;
  if (pd === 0) return 1;
  if (pd === 1) return 0;
  if (rho === 0) return x >= lgd * pd ? 1 : 0;
  if (x === 0) return 0;
  return normalCdf((Math.sqrt(1 - rho) * inverseNormalCdf(x / lgd) - inverseNormalCdf(pd)) / Math.sqrt(rho));
}

/** Density of the large-pool loss rate at x in (0, LGD). */
export function vasicekLossDensity(x: number, pool: VasicekPool): number {
  check(pool);
  const { pd, rho, lgd } = pool;
  if (!(x > 0 && x < lgd) || pd === 0 || pd === 1 || rho === 0) return 0;
  const y = inverseNormalCdf(x / lgd);
  const w = (Math.sqrt(1 - rho) * y - inverseNormalCdf(pd)) / Math.sqrt(rho);
  return (normalPdf(w) * Math.sqrt((1 - rho) / rho)) / (normalPdf(y) * lgd);
}

/** q-quantile of the large-pool loss rate. */
export function vasicekLossQuantile(q: number, pool: VasicekPool): number {
  check(pool);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile level: must be between 0 and 1, got ${q}`);
  const { pd, rho, lgd } = pool;
  if (pd === 0) return 0;
  if (pd === 1) return lgd;
  return lgd * normalCdf((inverseNormalCdf(pd) + Math.sqrt(rho) * inverseNormalCdf(q)) / Math.sqrt(1 - rho));
}

/** E[L] = LGD · p. */
export function vasicekExpectedLoss(pool: VasicekPool): number {
  check(pool);
  return pool.lgd * pool.pd;
}

/** E[(L − K)⁺] for the large-pool loss rate (closed form through the bivariate normal). */
export function vasicekExpectedExcessLoss(strike: number, pool: VasicekPool): number {
  check(pool);
  const { pd, rho, lgd } = pool;
  if (strike <= 0) return lgd * pd - strike;
  if (strike >= lgd || pd === 0) return 0;
  if (pd === 1) return lgd - strike;
  const k = strike / lgd;
  if (rho === 0) return lgd * Math.max(pd - k, 0);
  const c = inverseNormalCdf(pd);
  const mStar = (c - Math.sqrt(1 - rho) * inverseNormalCdf(k)) / Math.sqrt(rho);
  const value = lgd * (bivariateNormalCdf(c, mStar, Math.sqrt(rho)) - k * normalCdf(mStar));
  return Math.max(0, value);
}

function checkTranche(attachment: number, detachment: number): void {
  if (!(attachment >= 0 && detachment <= 1 && attachment < detachment)) {
    throw new RangeError(`tranche: needs 0 ≤ attachment < detachment ≤ 1, got [${attachment}, ${detachment}]`);
  }
}

/** Expected loss of tranche [a, d] as a fraction of the tranche's size (closed form). */
export function vasicekTrancheExpectedLoss(pool: VasicekPool, attachment: number, detachment: number): number {
  checkTranche(attachment, detachment);
  return (vasicekExpectedExcessLoss(attachment, pool) - vasicekExpectedExcessLoss(detachment, pool)) / (detachment - attachment);
}

/** Loss of tranche [a, d] as a fraction of its size, for a pool loss rate L. */
export function trancheLossFraction(lossRate: number, attachment: number, detachment: number): number {
  const x = (lossRate - attachment) / (detachment - attachment);
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Adaptive Simpson on [a, b] to absolute tolerance `tol`. */
export function adaptiveSimpson(f: (x: number) => number, a: number, b: number, tol = 1e-12, maxDepth = 50): number {
  const fa = f(a);
  const fb = f(b);
  const m = (a + b) / 2;
  const fm = f(m);
  const whole = ((b - a) / 6) * (fa + 4 * fm + fb);
  const recurse = (a: number, b: number, fa: number, fm: number, fb: number, whole: number, tol: number, depth: number): number => {
    const m = (a + b) / 2;
    const lm = (a + m) / 2;
    const rm = (m + b) / 2;
    const flm = f(lm);
    const frm = f(rm);
    const left = ((m - a) / 6) * (fa + 4 * flm + fm);
    const right = ((b - m) / 6) * (fm + 4 * frm + fb);
    const delta = left + right - whole;
    if (depth <= 0 || Math.abs(delta) <= 15 * tol) return left + right + delta / 15;
    return recurse(a, m, fa, flm, fm, left, tol / 2, depth - 1) + recurse(m, b, fm, frm, fb, right, tol / 2, depth - 1);
  };
  return recurse(a, b, fa, fm, fb, whole, tol, maxDepth);
}

/**
 * Tranche expected loss by integrating the conditional tranche loss over M ~ N(0,1) (adaptive
 * Simpson on [−10, 10], split where the conditional pool loss crosses a and d so every piece is
 * smooth). An independent check of the closed form.
 */
export function vasicekTrancheExpectedLossByIntegration(pool: VasicekPool, attachment: number, detachment: number): number {
  check(pool);
  checkTranche(attachment, detachment);
  const { pd, rho, lgd } = pool;
  const loss = (z: number) => lgd * vasicekConditionalDefaultRate(z, pd, rho);
  const integrand = (z: number) => trancheLossFraction(loss(z), attachment, detachment) * normalPdf(z);
  const cuts = [-10, 10];
  if (rho > 0 && pd > 0 && pd < 1) {
    const c = inverseNormalCdf(pd);
    for (const level of [attachment, detachment]) {
      const k = level / lgd;
      if (k > 0 && k < 1) {
        const z = (c - Math.sqrt(1 - rho) * inverseNormalCdf(k)) / Math.sqrt(rho);
        if (z > -10 && z < 10) cuts.push(z);
      }
    }
  }
  cuts.sort((x, y) => x - y);
  let total = 0;
  for (let i = 0; i + 1 < cuts.length; i++) total += adaptiveSimpson(integrand, cuts[i]!, cuts[i + 1]!, 1e-13);
  return total;
}

/**
 * Expected loss of tranche [a, d] for a FINITE homogeneous pool of n loans (the exact binomial
 * mixture over the factor, by quadrature): how far the large-pool value is from n loans.
 */
export function finitePoolTrancheExpectedLoss(pool: VasicekPool, n: number, attachment: number, detachment: number): number {
  check(pool);
  checkTranche(attachment, detachment);
  return adaptiveSimpson((z) => {
    const p = vasicekConditionalDefaultRate(z, pool.pd, pool.rho);
    const sd = Math.sqrt(n * p * (1 - p));
    let e = 0;
    for (let k = Math.max(0, Math.floor(n * p - 12 * sd - 5)); k <= Math.min(n, Math.ceil(n * p + 12 * sd + 5)); k++) {
      e += binomialPmf(k, n, p) * trancheLossFraction((pool.lgd * k) / n, attachment, detachment);
    }
    return e * normalPdf(z);
  }, -9, 9, 1e-10);
}

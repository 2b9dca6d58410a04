import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { finitePoolTrancheExpectedLoss, vasicekExpectedLoss, vasicekLossDensity, vasicekLossQuantile, vasicekTrancheExpectedLoss, type VasicekPool } from '../../../models/credit/vasicek.js';
import type { Deal } from '../../../models/deal-format/schema.js';

// The whole engine (deal → copula → missed flows → recoveries → waterfall) against the Vasicek
// large-pool closed form: 2,000 identical one-year bullet loans, PD 5%, ρ = 0.2, LGD 60% fixed
// (recovered in the month of default), one annual payment. The pool loss rate is 0.6 × defaults / N.
const N = 2000;
function homogeneousDeal(rates = { loan: 0.05, senior: 0.03 }): Deal {
  const obligors = Array.from({ length: N }, (_, i) => ({
    id: `l${i}`, name: `Loan ${i}`, sector: 'one', ip: { appraisedValue: 1_000_000 },
    asset: { kind: 'loan', principal: 1_000_000, startDate: '2024-01-15', termMonths: 12, paymentFrequency: 'annual', rate: { type: 'fixed', annualRate: rates.loan }, amortization: 'interest-only-bullet' },
    credit: { annualDefaultProbability: 0.05, recovery: { mean: 0.4, stdDev: 0, lagMonths: 0, basis: 'exposure' } },
  }));
  const r = validateDeal({
    schemaVersion: 1,
    meta: { id: 'vasicek', name: 'Homogeneous pool', market: 'exchange-abs', issueDate: '2024-01-15', maturityDate: '2025-01-15', currency: 'CNY', paymentFrequency: 'annual', dayCount: 'ACT/365F', calendar: 'NONE', roll: 'unadjusted' },
    pool: { obligors },
    liabilities: { tranches: [
      { id: 'senior', seniority: 1, class: 'senior', currency: 'CNY', balance: N * 850_000, coupon: { type: 'fixed', rate: rates.senior }, principal: { type: 'pass-through' }, interestDeferrable: true },
      { id: 'junior', seniority: 2, class: 'subordinated', currency: 'CNY', balance: N * 150_000, coupon: { type: 'fixed', rate: 0 }, principal: { type: 'pass-through' }, interestDeferrable: true },
    ] },
    fees: [], accounts: [], triggers: [],
    waterfall: { normal: [{ type: 'pay-interest', tranches: ['senior'] }, { type: 'pay-principal', tranches: ['senior', 'junior'] }, { type: 'pay-residual', to: 'originator', holdUntilRepaid: [] }] },
    enhancements: [],
    simulation: { copula: 'gaussian', rho: 0.2 },
    provenance: [{ path: '/pool', kind: 'assumption', reason: 'test pool' }],
  });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.deal;
}

describe('Monte Carlo engine against the Vasicek large-pool closed form (ρ = 0.2)', function () {
  this.timeout(60_000);
  const pool: VasicekPool = { pd: 0.05, rho: 0.2, lgd: 0.6 };
  const paths = 16_384;
  let result: Awaited<ReturnType<typeof simulate>>;
  before(async () => { result = await simulate(homogeneousDeal(), { paths, seed: 11 }); });

  it('has the expected loss PD × LGD = 3% within 4 standard errors', () => {
    expect(vasicekExpectedLoss(pool)).to.be.closeTo(0.03, 1e-12);
    expect(result.pool.expectedLossRate).to.be.closeTo(0.03, 4 * result.pool.expectedLossRateStdErr);
  });

  for (const q of ['0.5', '0.9', '0.99'] as const) {
    it(`matches the ${Number(q) * 100}% loss quantile within Monte Carlo error and granularity`, () => {
      const x = vasicekLossQuantile(Number(q), pool);
      // Sampling error of a quantile: √(q(1−q)/n) / f(x_q), four of them; plus the finite pool's
      // distance from the infinite one (≈ a few loss steps of LGD/N = 0.03%, and the granularity
      // adjustment, well under 0.3% of loss here); plus the histogram resolution (0.01%).
      const tol = 4 * Math.sqrt((Number(q) * (1 - Number(q))) / paths) / vasicekLossDensity(x, pool) + 0.003 + 1e-4;
      expect(result.pool.lossRateQuantiles[q]).to.be.closeTo(x, tol);
    });
  }

  it('gives each quantile a 95% interval about as wide as the closed form\'s sampling error says', () => {
    for (const q of ['0.5', '0.9', '0.99'] as const) {
      const [lo, hi] = result.pool.lossRateQuantileCI95[q];
      const est = result.pool.lossRateQuantiles[q];
      expect(lo).to.be.at.most(est);
      expect(hi).to.be.at.least(est);
      // Asymptotic width 2 × 1.96 √(q(1−q)/n) / f(x_q): within a factor 1.5 either way (the density
      // is the large-pool one; histogram steps of 0.01% blur small widths).
      const width = (2 * 1.96 * Math.sqrt((Number(q) * (1 - Number(q))) / paths)) / vasicekLossDensity(vasicekLossQuantile(Number(q), pool), pool);
      expect(hi - lo).to.be.within(width / 1.5, width * 1.5);
    }
  });

  // 目标违约率: the TDR of a grade is the (1 − p) quantile of the pool's cumulative default rate, here
  // defaults / N (bullet loans default on their whole principal): Vasicek with LGD 1.
  const defaults: VasicekPool = { pd: 0.05, rho: 0.2, lgd: 1 };
  it('has a mean cumulative default rate of PD = 5% within 4 standard errors', () => {
    const c = result.pool.cumulativeDefaultRate;
    expect(c.mean).to.be.closeTo(0.05, 4 * c.stdErr);
  });

  for (const grade of ['AA(sf)', 'A(sf)', 'BBB(sf)'] as const) {
    it(`reads the ${grade} target default rate off the simulation as Vasicek's default-rate quantile at 1 − p`, () => {
      const tdr = result.targetDefaultRates;
      const p = tdr.gradeTable.rows.find((r) => r.grade === grade)!.targetDefaultProbability;
      const x = vasicekLossQuantile(1 - p, defaults);
      const tol = 4 * Math.sqrt((p * (1 - p)) / paths) / vasicekLossDensity(x, defaults) + 0.005 + 1e-4;
      expect(tdr.monteCarlo!.byGrade[grade]).to.be.closeTo(x, tol);
      const [lo, hi] = tdr.monteCarlo!.ci95![grade];
      expect(lo).to.be.at.most(tdr.monteCarlo!.byGrade[grade]);
      expect(hi).to.be.at.least(tdr.monteCarlo!.byGrade[grade]);
    });
  }

  it('fits the lognormal TDR to the simulated mean and standard deviation of the default rate', () => {
    const { fit } = result.targetDefaultRates.lognormal!;
    const c = result.pool.cumulativeDefaultRate;
    expect(Math.exp(fit!.mu + fit!.sigma ** 2 / 2)).to.be.closeTo(c.mean, 1e-9);
    expect(Math.sqrt(Math.expm1(fit!.sigma ** 2)) * c.mean).to.be.closeTo(c.stdDev, 1e-9);
  });
});

describe('tranche expected loss through the whole waterfall against Vasicek (ρ = 0.2)', function () {
  this.timeout(60_000);
  // No interest anywhere (loans and notes at 0%), so the trust's only cash is principal and
  // recoveries, paid sequentially: the junior note is the pool's [0%, 15%] tranche and the senior
  // [15%, 100%], and a tranche's loss of present value is its principal shortfall.
  const pool: VasicekPool = { pd: 0.05, rho: 0.2, lgd: 0.6 };
  const paths = 16_384;
  let plain: Awaited<ReturnType<typeof simulate>>;
  let shifted: Awaited<ReturnType<typeof simulate>>;
  before(async () => {
    const deal = homogeneousDeal({ loan: 0, senior: 0 });
    plain = await simulate(deal, { paths, seed: 5 });
    // The senior note loses only when defaults pass 25%: importance sampling on the factor.
    shifted = await simulate(deal, { paths, seed: 5, importanceShift: 'auto' });
  });

  for (const [id, a, d, how] of [['junior', 0, 0.15, 'plain'], ['senior', 0.15, 1, 'importance']] as const) {
    it(`prices the ${id} note as tranche [${a * 100}%, ${d * 100}%] within 4 standard errors plus the finite pool's granularity (${how} sampling)`, () => {
      const t = (how === 'plain' ? plain : shifted).tranches.find((x) => x.id === id)!;
      const theory = vasicekTrancheExpectedLoss(pool, a, d);
      const granularity = Math.abs(finitePoolTrancheExpectedLoss(pool, N, a, d) - theory);
      const tolerance = 4 * t.expectedLossRateStdErr + granularity;
      expect(Math.abs(t.expectedLossRate - theory), `simulated ${t.expectedLossRate} ± ${t.expectedLossRateStdErr}, Vasicek ${theory}, tolerance ${tolerance}`).to.be.below(tolerance);
      expect(tolerance / theory).to.be.below(0.35);
    });
  }
});

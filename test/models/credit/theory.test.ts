// Checks of the simulated default model against theory (issue 5, "Checks against theory").
// Every test runs at a fixed seed, so it either always passes or always fails; the tolerances
// below say how far a CORRECT model can land from theory at that sample size.
import { expect } from 'chai';
import { createDefaultTimeModel } from '../../../models/credit/default-times.js';
import { normalPdf } from '../../../models/credit/normal.js';
import { regularizedBeta } from '../../../models/credit/special.js';
import { binomialPmf, chiSquareGoodnessOfFit, quantiles, RunningStats } from '../../../models/credit/statistics.js';
import {
  adaptiveSimpson, trancheLossFraction, vasicekConditionalDefaultRate, vasicekLossDensity, vasicekLossQuantile,
  finitePoolTrancheExpectedLoss, vasicekTrancheExpectedLoss,
} from '../../../models/credit/vasicek.js';
import { homogeneousNames, simulateDefaults } from './simulate.js';

describe('credit theory: ρ = 0 gives binomial default counts', () => {
  it('100 independent loans with PD 2% over one year: default counts match Binomial(100, 0.02) (chi-square, 20,000 paths)', () => {
    const model = createDefaultTimeModel({ names: homogeneousNames(100, 0.02), copula: { kind: 'gaussian', rho: 0 }, horizonMonths: 12 });
    const paths = 20_000;
    const { defaults } = simulateDefaults(model, 2023, paths);
    const observed = new Array<number>(101).fill(0);
    for (const d of defaults) observed[d]!++;
    const probabilities = Array.from({ length: 101 }, (_, k) => binomialPmf(k, 100, 0.02));
    const test = chiSquareGoodnessOfFit(observed, probabilities); // tail bins pooled to expect ≥ 5
    expect(test.bins.length).to.be.at.least(8);
    // Tolerance: a correct sampler fails at p < 0.001 for only 1 seed in 1,000. The test still
    // has power: a PD off by 5% (2.1% instead of 2%) gives a statistic near 50 on ~8 degrees of
    // freedom here, p ~ 1e-8.
    expect(test.pValue).to.be.greaterThan(0.001);
    const mean = defaults.reduce((a, b) => a + b, 0) / paths;
    expect(mean).to.be.closeTo(2, 4 * Math.sqrt(100 * 0.02 * 0.98 / paths));
  });
});

describe('credit theory: a large pool at ρ = 0.2 follows the Vasicek closed form', () => {
  // 1,000 loans, PD 5% a year, ρ = 0.2, LGD fixed at 60%; 20,000 paths of one year.
  const N = 1000;
  const pool = { pd: 0.05, rho: 0.2, lgd: 0.6 };
  const paths = 20_000;
  let loss: Float64Array;

  before(() => {
    const model = createDefaultTimeModel({ names: homogeneousNames(N, pool.pd), copula: { kind: 'gaussian', rho: pool.rho }, horizonMonths: 12 });
    const { defaults } = simulateDefaults(model, 77, paths);
    loss = Float64Array.from(defaults, (d) => (pool.lgd * d) / N);
  });

  /** Exact loss-rate cdf of the FINITE pool: ∫ P(Binomial(N, p(z)) ≤ k) φ(z) dz, by quadrature. */
  function finitePoolLossQuantile(q: number): number {
    const cdfAt = (k: number) =>
      adaptiveSimpson((z) => {
        const p = vasicekConditionalDefaultRate(z, pool.pd, pool.rho);
        return (k >= N ? 1 : regularizedBeta(1 - p, N - k, k + 1)) * normalPdf(z);
      }, -9, 9, 1e-10);
    let k = 0;
    while (cdfAt(k) < q) k++;
    return (pool.lgd * k) / N;
  }

  it('has loss quantiles at 50%, 90% and 99% within Monte Carlo error plus the pool\'s granularity', () => {
    const levels = [0.5, 0.9, 0.99];
    const simulated = quantiles(loss, levels);
    levels.forEach((q, i) => {
      const theory = vasicekLossQuantile(q, pool);
      // Monte Carlo: a sample q-quantile has standard error √(q(1−q)/n) / f(x_q), f the loss
      // density (taken from the closed form); allow 4 of them.
      const se = Math.sqrt((q * (1 - q)) / paths) / vasicekLossDensity(theory, pool);
      // Granularity: 1,000 loans are not infinitely many. The exact finite-pool quantile (binomial
      // mixture, by quadrature) differs from the large-pool one by |finite − theory|, and losses
      // come in steps of LGD/N = 0.06% that the sample quantile interpolates across.
      const granularity = Math.abs(finitePoolLossQuantile(q) - theory) + pool.lgd / N;
      const tolerance = 4 * se + granularity;
      expect(Math.abs(simulated[i]! - theory), `${q * 100}% quantile: simulated ${simulated[i]}, Vasicek ${theory}, tolerance ${tolerance}`).to.be.lessThan(tolerance);
      // The tolerance is tight: a few tenths of a percent of the pool at most (Vasicek 99%: 14.97%).
      expect(tolerance).to.be.lessThan(0.012);
    });
  });

  for (const [a, d] of [[0.05, 0.15], [0.1, 0.3]] as const) {
    it(`prices tranche [${a * 100}%, ${d * 100}%] at the Vasicek expected loss within Monte Carlo error plus granularity`, () => {
      const s = new RunningStats();
      for (const l of loss) s.add(trancheLossFraction(l, a, d));
      const theory = vasicekTrancheExpectedLoss(pool, a, d);
      // Granularity: the exact expected tranche loss of the FINITE pool (binomial mixture over M,
      // by quadrature) differs from the large-pool value; allow that difference plus 4 Monte
      // Carlo standard errors.
      const finite = finitePoolTrancheExpectedLoss(pool, N, a, d);
      const granularity = Math.abs(finite - theory);
      const tolerance = 4 * s.standardError + granularity;
      expect(Math.abs(s.mean - theory), `simulated ${s.mean}, Vasicek ${theory}, finite pool ${finite}, tolerance ${tolerance}`).to.be.lessThan(tolerance);
      expect(tolerance / theory).to.be.lessThan(0.3);
    });
  }
});

describe('credit theory: the t copula has fatter joint tails', () => {
  it('gives a higher 99.9% pool loss than the Gaussian copula at the same ρ (ν = 5, disjoint 99% confidence intervals)', () => {
    const names = homogeneousNames(500, 0.02);
    const paths = 30_000;
    const q = 0.999;
    const tail = (copula: Parameters<typeof createDefaultTimeModel>[0]['copula']) => {
      const model = createDefaultTimeModel({ names, copula, horizonMonths: 12 });
      const sorted = Float64Array.from(simulateDefaults(model, 5, paths).defaults, (d) => d / 500).sort();
      // Distribution-free 99% interval for the quantile from order statistics:
      // ranks nq ± 2.576 √(nq(1−q)).
      const half = 2.576 * Math.sqrt(paths * q * (1 - q));
      return {
        quantile: quantiles(sorted, [q])[0]!,
        low: sorted[Math.floor(paths * q - half)]!,
        high: sorted[Math.ceil(paths * q + half)]!,
      };
    };
    const gaussian = tail({ kind: 'gaussian', rho: 0.2 });
    const t = tail({ kind: 't', rho: 0.2, nu: 5 });
    expect(t.low, `t 99.9%: ${t.quantile}, Gaussian 99.9%: ${gaussian.quantile}`).to.be.greaterThan(gaussian.high);
    // The Gaussian one sits where Vasicek puts it (22.6% default rate) within its interval and granularity.
    expect(vasicekLossQuantile(q, { pd: 0.02, rho: 0.2, lgd: 1 })).to.be.within(gaussian.low - 0.01, gaussian.high + 0.01);
  });
});

import { expect } from 'chai';
import {
  largePoolConditionalLoss, likelihoodRatio, trancheFactorShift, weightedMean, WeightedEstimator, weightedStandardError,
  zeroVarianceModeShift,
} from '../../../models/credit/importance-sampling.js';
import { createDefaultTimeModel } from '../../../models/credit/default-times.js';
import { inverseNormalCdf, normalCdf } from '../../../models/credit/normal.js';
import { createBlockRng } from '../../../models/credit/rng.js';
import { trancheLossFraction, vasicekConditionalDefaultRate } from '../../../models/credit/vasicek.js';
import { homogeneousNames, simulateDefaults } from './simulate.js';

describe('credit/importance-sampling: estimator and shift', () => {
  it('estimates a rare factor probability P(M < −3) without bias and with a far smaller error than plain sampling', () => {
    const rng = createBlockRng(1, 0);
    const plain = new WeightedEstimator();
    const shifted = new WeightedEstimator();
    for (let i = 0; i < 20_000; i++) {
      const m0 = rng.normal();
      plain.add(m0 < -3 ? 1 : 0, 1);
      const m = -3 + rng.normal();
      shifted.add(m < -3 ? 1 : 0, likelihoodRatio(-3, m));
    }
    const truth = normalCdf(-3); // 0.00135
    expect(Math.abs(shifted.mean - truth)).to.be.lessThan(4 * shifted.standardError);
    expect(shifted.standardError / truth).to.be.lessThan(0.02);
    expect(plain.standardError / truth).to.be.greaterThan(0.15);
  });

  it('computes the weighted mean (1/n)Σwy, its standard error sd(wy)/√n, and merges blocks', () => {
    expect(weightedMean([1, 2, 3], [1, 1, 1])).to.be.closeTo(2, 1e-15);
    expect(weightedStandardError([1, 2, 3], [1, 1, 1])).to.be.closeTo(1 / Math.sqrt(3), 1e-15);
    expect(weightedMean([1, 0, 4], [0.5, 3, 0.25])).to.be.closeTo((0.5 + 1) / 3, 1e-15);
    const all = new WeightedEstimator();
    const a = new WeightedEstimator();
    const b = new WeightedEstimator();
    [[0.3, 2], [0, 0.1], [1, 0.7], [0.2, 1.4]].forEach(([y, w], i) => {
      all.add(y!, w!);
      (i < 2 ? a : b).add(y!, w!);
    });
    a.merge(b);
    expect(a.mean).to.be.closeTo(all.mean, 1e-16);
    expect(a.standardError).to.be.closeTo(all.standardError, 1e-16);
    expect(a.effectiveSampleSize).to.be.closeTo((4.2 * 4.2) / (4 + 0.01 + 0.49 + 1.96), 1e-12);
    expect(() => weightedMean([1], [1, 2])).to.throw('weights: need one weight per value (1), got 2');
  });

  it('shifts to the mode of f(z)φ(z): for f = e^(−2z) that is z = −2', () => {
    expect(zeroVarianceModeShift((z) => Math.exp(-2 * z))).to.be.closeTo(-2, 1e-6);
    expect(zeroVarianceModeShift((z) => (z < -1 ? 1 : 0))).to.be.closeTo(-1, 0.011);
    expect(zeroVarianceModeShift(() => 0)).to.equal(0);
  });

  it('shifts a senior tranche [20%, 100%] below the factor value where the large pool reaches 20% loss', () => {
    const segments = [{ exposure: 1, pd: 0.02, rho: 0.2, lgd: 1 }];
    const loss = largePoolConditionalLoss(segments);
    expect(loss(-1.3)).to.be.closeTo(vasicekConditionalDefaultRate(-1.3, 0.02, 0.2), 1e-16);
    const zAttach = (inverseNormalCdf(0.02) - Math.sqrt(0.8) * inverseNormalCdf(0.2)) / Math.sqrt(0.2); // −2.909
    const mu = trancheFactorShift(segments, 0.2, 1);
    expect(mu).to.be.lessThan(zAttach);
    expect(mu).to.be.greaterThan(zAttach - 1);
    expect(mu).to.be.closeTo(-3.237, 0.001);
    // Segments are exposure-weighted: half the pool with LGD 0 halves the loss.
    expect(largePoolConditionalLoss([...segments, { exposure: 1, pd: 0.5, rho: 0, lgd: 0 }])(-1.3)).to.be.closeTo(loss(-1.3) / 2, 1e-16);
    expect(() => largePoolConditionalLoss([{ exposure: 1, pd: 2, rho: 1, lgd: 0.5 }])).to.throw(
      'segments[0].pd: must be a probability between 0 and 1, got 2; segments[0].rho: must be a correlation in [0, 1), got 1',
    );
  });
});

describe('credit/importance-sampling: the senior tranche of a correlated pool (issue 5, rare losses)', () => {
  it('agrees with plain sampling within the combined standard errors, with a standard error at least 5 times smaller', () => {
    // ρ = 0.2, PD 2%, LGD 100%, 500 loans, tranche [20%, 100%]: the senior loses in ~0.2% of years.
    const names = homogeneousNames(500, 0.02);
    const model = createDefaultTimeModel({ names, copula: { kind: 'gaussian', rho: 0.2 }, horizonMonths: 12 });
    const paths = 30_000;
    const mu = trancheFactorShift([{ exposure: 1, pd: 0.02, rho: 0.2, lgd: 1 }], 0.2, 1);
    const plain = new WeightedEstimator();
    const is = new WeightedEstimator();
    const p = simulateDefaults(model, 21, paths);
    const q = simulateDefaults(model, 22, paths, mu);
    for (let i = 0; i < paths; i++) {
      plain.add(trancheLossFraction(p.defaults[i]! / 500, 0.2, 1), p.weights[i]!);
      is.add(trancheLossFraction(q.defaults[i]! / 500, 0.2, 1), q.weights[i]!);
    }
    expect(plain.mean).to.be.greaterThan(0); // plain sampling saw some senior losses, so the comparison means something
    expect(Math.abs(is.mean - plain.mean)).to.be.lessThan(3 * Math.hypot(is.standardError, plain.standardError));
    expect(is.standardError).to.be.lessThan(plain.standardError / 5);
    expect(is.standardError / is.mean).to.be.lessThan(0.05);
  });
});

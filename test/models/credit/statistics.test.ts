import { expect } from 'chai';
import {
  binomialPmf, chiSquareGoodnessOfFit, chiSquarePValue, chiSquareStatistic, histogram, quantile, quantiles, RunningStats,
  weightedQuantile, weightedQuantiles,
} from '../../../models/credit/statistics.js';

describe('credit/statistics', () => {
  it('computes running mean and variance, and merging blocks equals one pass', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const s = RunningStats.of(values);
    expect(s.mean).to.be.closeTo(44 / 11, 1e-15);
    expect(s.variance).to.be.closeTo(5.6, 1e-14); // Σ(x−4)² = 56, /10
    expect(s.standardError).to.be.closeTo(Math.sqrt(5.6 / 11), 1e-15);
    expect([s.min, s.max]).to.deep.equal([1, 9]);
    const merged = RunningStats.of(values.slice(0, 4)).merge(RunningStats.of(values.slice(4, 7))).merge(RunningStats.of(values.slice(7)));
    expect(merged.count).to.equal(11);
    expect(merged.mean).to.be.closeTo(s.mean, 1e-15);
    expect(merged.variance).to.be.closeTo(s.variance, 1e-14);
    expect(new RunningStats().merge(new RunningStats()).count).to.equal(0);
  });

  it('takes type-7 quantiles (R and NumPy default)', () => {
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(oneToTen, 0.9)).to.be.closeTo(9.1, 1e-14); // R: quantile(1:10, 0.9)
    expect(quantiles([3, 1, 2], [0, 0.5, 1])).to.deep.equal([1, 2, 3]);
    expect(quantile([10, 20], 0.25)).to.equal(12.5);
    expect(() => quantile([], 0.5)).to.throw('quantile: needs at least one value, got none');
    expect(() => quantile([1], 1.5)).to.throw('quantile level: must be between 0 and 1, got 1.5');
  });

  it('takes weighted quantiles as the inverse of the weighted empirical cdf', () => {
    expect(weightedQuantile([1, 2, 3], [1, 1, 2], 0.5)).to.equal(2); // cdf: 0.25, 0.5, 1
    expect(weightedQuantile([1, 2, 3], [1, 1, 2], 0.51)).to.equal(3);
    expect(weightedQuantiles([5, 1, 3], [1, 1, 1], [0.3, 0.9])).to.deep.equal([1, 5]);
    expect(() => weightedQuantile([1, 2], [1, -1], 0.5)).to.throw('weights[1]: must be a finite number ≥ 0, got -1');
  });

  it('counts a histogram with fixed bins, the last one closed', () => {
    const h = histogram([0, 0.06, 0.11, 0.16, 0.2, 0.25, -1, 3], 0, 0.2, 4);
    expect(h.counts).to.deep.equal([1, 1, 1, 2]);
    expect(h.edges).to.deep.equal([0, 0.05, 0.1, 0.15000000000000002, 0.2]);
    expect([h.underflow, h.overflow]).to.deep.equal([1, 2]);
    expect(() => histogram([1], 1, 1, 3)).to.throw('histogram range: needs finite min < max, got [1, 1]');
  });

  it('gives chi-square p-values: 3.841 on 1 dof is the 5% point, and 2 dof is exp(−x/2)', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).to.be.closeTo(0.05, 1e-14);
    expect(chiSquarePValue(7, 2)).to.be.closeTo(Math.exp(-3.5), 1e-15);
    expect(chiSquareStatistic([10, 20], [15, 15])).to.be.closeTo(50 / 15, 1e-15);
  });

  it('pools sparse categories until each expects at least 5 before testing', () => {
    const t = chiSquareGoodnessOfFit([50, 30, 15, 4, 1, 0], [0.5, 0.3, 0.15, 0.03, 0.015, 0.005]);
    expect(t.bins.map((b) => [b.from, b.to, b.observed])).to.deep.equal([[0, 0, 50], [1, 1, 30], [2, 2, 15], [3, 5, 5]]);
    expect(t.bins[3]!.expected).to.be.closeTo(5, 1e-12);
    expect(t.degreesOfFreedom).to.equal(3);
    expect(t.statistic).to.be.closeTo(0, 1e-12);
    expect(t.pValue).to.be.closeTo(1, 1e-12);
  });

  it('gives binomial probabilities that sum to 1', () => {
    expect(binomialPmf(2, 100, 0.02)).to.be.closeTo(0.2734139115697745, 1e-13); // scipy binom.pmf
    let total = 0;
    for (let k = 0; k <= 100; k++) total += binomialPmf(k, 100, 0.02);
    expect(total).to.be.closeTo(1, 1e-13);
    expect(binomialPmf(101, 100, 0.02)).to.equal(0);
  });
});

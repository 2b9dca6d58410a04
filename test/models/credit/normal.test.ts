import { expect } from 'chai';
import {
  betaFromMeanSd, bivariateNormalCdf, erfc, inverseNormalCdf, normalCdf, normalPdf, sampleBeta, sampleChiSquare, sampleGamma,
} from '../../../models/credit/normal.js';
import { createBlockRng } from '../../../models/credit/rng.js';
import { RunningStats } from '../../../models/credit/statistics.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('credit/normal: Φ, Φ⁻¹ and the bivariate normal', () => {
  it('matches 40-digit values of Φ (mpmath ncdf) to 1e-13 relative, far into the lower tail', () => {
    const reference: Array<[number, number]> = [
      [-1.5, 0.066807201268858066004],
      [2.3, 0.98927588997832418958],
      [-5, 2.8665157187919391167e-7],
      [-10, 7.6198530241605260660e-24],
      [-30, 4.9067139271481870595e-198],
    ];
    for (const [x, p] of reference) expect(rel(normalCdf(x), p), `Φ(${x})`).to.be.lessThan(1e-13);
    expect(normalCdf(0)).to.equal(0.5);
    expect(normalCdf(-Infinity)).to.equal(0);
    expect(normalCdf(Infinity)).to.equal(1);
    expect(erfc(0)).to.equal(1);
    expect(normalPdf(0)).to.be.closeTo(0.3989422804014327, 1e-16);
  });

  it('inverts Φ to full double precision (AS 241), including the far tails', () => {
    expect(inverseNormalCdf(0.02)).to.be.closeTo(-2.053748910631823, 1e-14); // scipy norm.ppf
    expect(inverseNormalCdf(0.975)).to.be.closeTo(1.959963984540054, 1e-14);
    expect(inverseNormalCdf(1e-10)).to.be.closeTo(-6.361340902404056, 1e-13);
    for (const p of [1e-300, 1e-50, 1e-12, 1e-6, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-9]) {
      const back = normalCdf(inverseNormalCdf(p));
      expect(Math.abs(back - p) / Math.min(p, 1 - p), `Φ(Φ⁻¹(${p}))`).to.be.lessThan(1e-12);
    }
    expect(inverseNormalCdf(0)).to.equal(-Infinity);
    expect(inverseNormalCdf(1)).to.equal(Infinity);
    expect(() => inverseNormalCdf(1.5)).to.throw('inverseNormalCdf: p must be in [0, 1], got 1.5');
  });

  it('gives bivariate normal probabilities to 1e-14 (mpmath quadrature), for weak, strong and negative correlation', () => {
    expect(bivariateNormalCdf(-1.2, 0.5, 0.3)).to.be.closeTo(0.09806003111184062, 1e-14);
    expect(bivariateNormalCdf(-2, -1.5, 0.95)).to.be.closeTo(0.022100008764184883, 1e-14);
    expect(bivariateNormalCdf(1, 0.8, -0.6)).to.be.closeTo(0.6326642224748742, 1e-14);
    expect(bivariateNormalCdf(-3, -3, 0.5)).to.be.closeTo(8.188966183219211e-5, 1e-16);
    // Sheppard's formula at the origin: ¼ + arcsin(r)/(2π).
    for (const r of [-0.9, -0.2, 0, 0.5, 0.99]) expect(bivariateNormalCdf(0, 0, r)).to.be.closeTo(0.25 + Math.asin(r) / (2 * Math.PI), 1e-15);
    expect(bivariateNormalCdf(0.7, -0.4, 0)).to.be.closeTo(normalCdf(0.7) * normalCdf(-0.4), 1e-16);
    expect(() => bivariateNormalCdf(0, 0, 1.2)).to.throw('bivariateNormalCdf: correlation must be in [-1, 1], got 1.2');
  });
});

describe('credit/normal: gamma, chi-square and beta samplers', () => {
  const n = 40_000;

  it('draws Gamma(shape) with mean and variance equal to the shape (Marsaglia–Tsang, and the boost below 1)', () => {
    for (const shape of [0.4, 2.5, 12]) {
      const rng = createBlockRng(3, 0);
      const s = new RunningStats();
      for (let i = 0; i < n; i++) s.add(sampleGamma(rng, shape));
      // 4 standard errors; Var(X²)-based error for the variance: Var of sample variance ≈ (μ4 − σ⁴)/n, μ4 = 3k² + 6k for Gamma(k).
      expect(Math.abs(s.mean - shape), `mean of Gamma(${shape})`).to.be.lessThan(4 * Math.sqrt(shape / n));
      const varError = Math.sqrt((3 * shape * shape + 6 * shape - shape * shape) / n);
      expect(Math.abs(s.variance - shape), `variance of Gamma(${shape})`).to.be.lessThan(4 * varError);
    }
  });

  it('draws χ²(5) with mean 5 and variance 10', () => {
    const rng = createBlockRng(4, 0);
    const s = new RunningStats();
    for (let i = 0; i < n; i++) s.add(sampleChiSquare(rng, 5));
    expect(s.mean).to.be.closeTo(5, 4 * Math.sqrt(10 / n));
    expect(s.variance).to.be.closeTo(10, 1);
  });

  it('turns a mean and a standard deviation into beta shapes by the method of moments, and samples them', () => {
    const d = betaFromMeanSd(0.4, 0.2);
    // k = 0.4·0.6/0.04 − 1 = 5, α = 2, β = 3.
    expect(d.alpha).to.be.closeTo(2, 1e-12);
    expect(d.beta).to.be.closeTo(3, 1e-12);
    const rng = createBlockRng(5, 0);
    const s = new RunningStats();
    for (let i = 0; i < n; i++) s.add(sampleBeta(rng, d));
    expect(s.mean).to.be.closeTo(0.4, 4 * (0.2 / Math.sqrt(n)));
    expect(s.standardDeviation).to.be.closeTo(0.2, 0.004);
    expect(s.min).to.be.greaterThan(0);
    expect(s.max).to.be.lessThan(1);
    expect(sampleBeta(rng, betaFromMeanSd(0.55, 0))).to.equal(0.55);
  });

  it('refuses a standard deviation no beta distribution with that mean can have', () => {
    expect(() => betaFromMeanSd(0.9, 0.35)).to.throw(
      'recovery.stdDev: a beta distribution with mean 0.9 needs a standard deviation below √(mean·(1−mean)) = 0.300000, got 0.35',
    );
    expect(() => betaFromMeanSd(1, 0.01)).to.throw('needs a standard deviation below √(mean·(1−mean)) = 0.00000, got 0.01');
    expect(() => betaFromMeanSd(1.2, 0.1)).to.throw('recovery.mean: must be between 0 and 1, got 1.2');
    expect(() => betaFromMeanSd(0.5, -0.1)).to.throw('recovery.stdDev: must be a number ≥ 0, got -0.1');
    expect(() => sampleGamma(createBlockRng(1, 0), 0)).to.throw('gamma shape: must be a finite number > 0, got 0');
  });
});

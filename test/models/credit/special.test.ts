import { expect } from 'chai';
import {
  betaDensity, inverseRegularizedBeta, logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ,
} from '../../../models/credit/special.js';

// Reference values from scipy 1.17 (special.gammaln, gammaincc, betainc, betaincinv).
describe('credit/special: gamma and beta functions', () => {
  it('computes ln Γ to 1e-14 relative', () => {
    expect(logGamma(0.3)).to.be.closeTo(1.0957979948180756, 1e-14);
    expect(logGamma(123.4)).to.be.closeTo(469.3360974421906, 469 * 1e-14);
    expect(logGamma(0.5)).to.be.closeTo(0.5 * Math.log(Math.PI), 1e-15);
    expect(Math.exp(logGamma(10))).to.be.closeTo(362_880, 1e-8);
    expect(() => logGamma(0)).to.throw('logGamma: x must be > 0, got 0');
  });

  it('computes the regularized incomplete gamma P and Q (the chi-square tail)', () => {
    expect(regularizedGammaQ(3.5, 2)).to.be.closeTo(0.779777408475716, 1e-14);
    expect(regularizedGammaP(3.5, 2) + regularizedGammaQ(3.5, 2)).to.be.closeTo(1, 1e-15);
    expect(regularizedGammaQ(5, 10)).to.be.closeTo(0.029252688076961124, 1e-15); // χ²(10) beyond 20
    expect(regularizedGammaQ(1, 7)).to.be.closeTo(Math.exp(-7), 1e-17); // Q(1, x) = e^−x
    expect(regularizedGammaP(2, 0)).to.equal(0);
  });

  it('computes the regularized incomplete beta and inverts it', () => {
    expect(regularizedBeta(0.01, 0.5, 20)).to.be.closeTo(0.4713699354850154, 1e-14);
    expect(inverseRegularizedBeta(0.9, 2, 3)).to.be.closeTo(0.6795394162781817, 1e-14);
    expect(regularizedBeta(0.3, 1, 1)).to.be.closeTo(0.3, 1e-15); // uniform
    for (const [a, b] of [[0.3, 0.7], [2, 3], [15, 4], [0.5, 20], [100, 100]] as const) {
      for (const p of [1e-9, 0.001, 0.2, 0.5, 0.8, 0.999]) {
        const x = inverseRegularizedBeta(p, a, b);
        expect(Math.abs(regularizedBeta(x, a, b) - p), `I⁻¹(${p}; ${a}, ${b})`).to.be.lessThan(1e-12 + 1e-10 * p);
      }
    }
    expect(betaDensity(0.5, 2, 2)).to.be.closeTo(1.5, 1e-14); // 6x(1−x)
    expect(() => regularizedBeta(1.5, 2, 2)).to.throw('regularizedBeta: x must be in [0, 1], got 1.5');
    expect(() => inverseRegularizedBeta(0.5, -1, 2)).to.throw('inverseRegularizedBeta: a must be a finite number > 0, got -1');
  });

  it('inverts narrow betas too (recovery mean 0.9, sd 0.009: the 97.7% quantile was 0.736, where I = 1e-42)', () => {
    // Found by the issue-16 fuzzing: the damped Halley step crept from a poor start and the loop
    // ended on a wrong x. The answer must put I(x) back at p, and agree with plain bisection.
    const bisect = (p: number, a: number, b: number) => {
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 100; i++) {
        const m = (lo + hi) / 2;
        if (regularizedBeta(m, a, b) < p) lo = m;
        else hi = m;
      }
      return (lo + hi) / 2;
    };
    expect(inverseRegularizedBeta(0.9772498680518208, 999, 111)).to.be.closeTo(0.9172668860875683, 1e-12); // I(x) = Φ(2) to 5e-16
    for (const [a, b] of [[999, 111], [111, 999], [9990, 99.9], [1110, 1.11], [6.3e6, 1.47e7]] as const) {
      for (const p of [0.001, 0.0227501, 0.2, 0.5, 0.8, 0.9772499, 0.999]) {
        const x = inverseRegularizedBeta(p, a, b);
        expect(Math.abs(regularizedBeta(x, a, b) - p), `I⁻¹(${p}; ${a}, ${b})`).to.be.lessThan(1e-9);
        expect(x, `I⁻¹(${p}; ${a}, ${b}) against bisection`).to.be.closeTo(bisect(p, a, b), 1e-10);
      }
    }
  });
});

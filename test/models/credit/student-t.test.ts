import { expect } from 'chai';
import { studentTCdf, studentTPdf, studentTQuantile } from '../../../models/credit/student-t.js';

describe('credit/student-t: the t distribution for the t copula thresholds', () => {
  it('matches the closed forms for ν = 1 (Cauchy) and ν = 2', () => {
    for (const t of [-40, -3, -0.7, 0, 0.2, 5]) {
      expect(studentTCdf(t, 1), `ν=1, t=${t}`).to.be.closeTo(0.5 + Math.atan(t) / Math.PI, 1e-14);
      expect(studentTCdf(t, 2), `ν=2, t=${t}`).to.be.closeTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14);
    }
    expect(studentTPdf(0, 1)).to.be.closeTo(1 / Math.PI, 1e-15);
  });

  it('gives the quantiles scipy gives (stats.t.ppf) and inverts its own cdf to 1e-12 relative in the tails', () => {
    expect(studentTQuantile(0.001, 5)).to.be.closeTo(-5.893429531356009, 1e-12);
    expect(studentTQuantile(0.02, 5)).to.be.closeTo(-2.7565085219094745, 1e-12);
    expect(studentTQuantile(0.3, 3.5)).to.be.closeTo(-0.5753387017722312, 1e-12);
    expect(studentTCdf(-3, 5)).to.be.closeTo(0.015049623948731293, 1e-15);
    for (const nu of [2.5, 5, 30, 500]) {
      for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.8, 0.99]) {
        const back = studentTCdf(studentTQuantile(p, nu), nu);
        expect(Math.abs(back - p) / Math.min(p, 1 - p), `ν=${nu}, p=${p}`).to.be.lessThan(1e-12);
      }
    }
    expect(studentTQuantile(0, 5)).to.equal(-Infinity);
    expect(studentTQuantile(1, 5)).to.equal(Infinity);
  });

  it('approaches the normal as ν grows (ν = 10⁶: Φ⁻¹(0.01) = −2.3263 to 1e-5)', () => {
    expect(studentTQuantile(0.01, 1e6)).to.be.closeTo(-2.3263478740408408, 1e-5);
  });

  it('refuses a non-positive ν', () => {
    expect(() => studentTCdf(0, 0)).to.throw('degrees of freedom ν: must be a finite number > 0, got 0');
  });
});

import { expect } from 'chai';
import {
  adaptiveSimpson, trancheLossFraction, vasicekExpectedExcessLoss, vasicekExpectedLoss, vasicekLossCdf, vasicekLossDensity,
  vasicekLossQuantile, vasicekTrancheExpectedLoss, vasicekTrancheExpectedLossByIntegration,
} from '../../../models/credit/vasicek.js';

const pool = { pd: 0.05, rho: 0.2, lgd: 0.6 };

describe('credit/vasicek: the large homogeneous pool in closed form', () => {
  it('gives the loss quantile LGD·Φ((Φ⁻¹(p) + √ρ Φ⁻¹(q))/√(1−ρ)) and its cdf inverts it', () => {
    expect(vasicekLossQuantile(0.99, pool)).to.be.closeTo(0.1497448947356319, 1e-15); // scipy
    for (const q of [0.001, 0.5, 0.9, 0.999]) expect(vasicekLossCdf(vasicekLossQuantile(q, pool), pool)).to.be.closeTo(q, 1e-13);
    expect(vasicekLossCdf(0.6, pool)).to.equal(1);
    expect(vasicekLossCdf(-0.1, pool)).to.equal(0);
  });

  it('has expected loss LGD·p, which is the integral of the survival function (and of x times the density)', () => {
    expect(vasicekExpectedLoss(pool)).to.be.closeTo(0.03, 1e-16);
    expect(adaptiveSimpson((x) => 1 - vasicekLossCdf(x, pool), 0, 0.6, 1e-12)).to.be.closeTo(0.03, 1e-9);
    expect(adaptiveSimpson((x) => x * vasicekLossDensity(x, pool), 1e-12, 0.6 - 1e-12, 1e-12)).to.be.closeTo(0.03, 1e-8);
  });

  it('prices tranche expected loss in closed form, matching quadrature over M and scipy', () => {
    // scipy integrate.quad of the conditional tranche loss: 0.0572731998930, 0.0071605945750.
    expect(vasicekTrancheExpectedLoss(pool, 0.05, 0.15)).to.be.closeTo(0.05727319989, 1e-10);
    expect(vasicekTrancheExpectedLoss(pool, 0.1, 0.3)).to.be.closeTo(0.00716059457, 1e-10);
    for (const [a, d] of [[0, 0.03], [0.02, 0.1], [0.2, 1], [0.5, 0.7]] as const) {
      expect(vasicekTrancheExpectedLoss(pool, a, d), `[${a}, ${d}]`).to.be.closeTo(vasicekTrancheExpectedLossByIntegration(pool, a, d), 1e-12);
    }
    // The tranches [0, a] and [a, 1] add up to the pool.
    const a = 0.07;
    expect(a * vasicekTrancheExpectedLoss(pool, 0, a) + (1 - a) * vasicekTrancheExpectedLoss(pool, a, 1)).to.be.closeTo(0.03, 1e-14);
    // Above LGD nothing is lost; ρ = 0 is deterministic (loss 3% exactly).
    expect(vasicekTrancheExpectedLoss(pool, 0.6, 1)).to.equal(0);
    expect(vasicekTrancheExpectedLoss({ ...pool, rho: 0 }, 0.02, 0.04)).to.be.closeTo(0.5, 1e-15);
    expect(vasicekExpectedExcessLoss(0, pool)).to.be.closeTo(0.03, 1e-16);
  });

  it('cuts a pool loss into a tranche loss fraction', () => {
    expect(trancheLossFraction(0.05, 0.1, 0.3)).to.equal(0);
    expect(trancheLossFraction(0.15, 0.1, 0.3)).to.be.closeTo(0.25, 1e-15);
    expect(trancheLossFraction(0.5, 0.1, 0.3)).to.equal(1);
  });

  it('refuses parameters outside their ranges', () => {
    expect(() => vasicekLossQuantile(0.5, { pd: 0.05, rho: 1, lgd: 0.6 })).to.throw('rho: must be a correlation in [0, 1), got 1');
    expect(() => vasicekLossCdf(0.1, { pd: 1.2, rho: 0.2, lgd: 0 })).to.throw('pd: must be a probability between 0 and 1, got 1.2; lgd: must be a fraction in (0, 1], got 0');
    expect(() => vasicekTrancheExpectedLoss(pool, 0.3, 0.1)).to.throw('tranche: needs 0 ≤ attachment < detachment ≤ 1, got [0.3, 0.1]');
  });
});

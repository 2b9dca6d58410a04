import { expect } from 'chai';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../../../models/ratings/derived-table.js';
import { idealizedExpectedLoss, impliedRating } from '../../../models/ratings/idealized-loss.js';

describe('the derived idealized expected-loss table', () => {
  it('is 55% of the 10-year default probability given by the rating factor: Baa2 factor 360 → 1.98% at 10 years', () => {
    expect(idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, 'Baa2', 10)).to.be.closeTo(0.0198, 1e-9);
    expect(idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, 'Aaa', 10)).to.be.closeTo(0.000055, 1e-12);
  });

  it('spreads the 10-year default probability at a constant hazard: A2 (factor 120) at 1 year = 0.55 × (1 − 0.988^0.1)', () => {
    expect(idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, 'A2', 1)).to.be.closeTo(0.55 * (1 - 0.988 ** 0.1), 1e-8);
  });

  it('rates 1-year tranches: 0.02% expected loss Aa3, 0.05% A2, 5% below B3', () => {
    // 1-year idealized EL = 0.55 × (1 − (1 − factor/10,000)^0.1): Aa3 (40) 0.0220%, A1 (70) 0.0386%, A2 (120) 0.0663%, B3 (3490) 2.31%
    expect(impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, 0.0002, 1)).to.equal('Aa3');
    expect(impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, 0.0005, 1)).to.equal('A2');
    expect(impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, 0.05, 1)).to.equal('Caa or below');
  });
});

import { expect } from 'chai';
import { MOODYS_RATING_FACTORS, moodysRatingFactor } from '../../../models/ratings/rating-factors.js';

describe('ratings/rating-factors (WARF 评级因子)', () => {
  it("are DOMAIN.md's '10-year idealized default rates' × 10,000: Aaa 0.01%, Aa2 0.20%, A2 1.20%, Baa2 3.60%, Ba2 13.50%, B2 27.20%", () => {
    const asPercent = (r: string): number => moodysRatingFactor(r) / 100;
    expect(['Aaa', 'Aa2', 'A2', 'Baa2', 'Ba2', 'B2'].map(asPercent)).to.deep.equal([0.01, 0.2, 1.2, 3.6, 13.5, 27.2]);
  });

  it('rise strictly down the scale from Aaa 1 to Caa3 8070, Ca and C 10,000', () => {
    const values = Object.values(MOODYS_RATING_FACTORS);
    expect(values.length).to.equal(21);
    values.slice(0, 19).forEach((v, i) => { if (i > 0) expect(v).to.be.greaterThan(values[i - 1] ?? Infinity); });
    expect(MOODYS_RATING_FACTORS.Ba3).to.equal(1766);
    expect([MOODYS_RATING_FACTORS.Ca, MOODYS_RATING_FACTORS.C]).to.deep.equal([10000, 10000]);
  });

  it('names the field and the allowed ratings for an unknown rating', () => {
    expect(() => moodysRatingFactor('BBB')).to.throw(RangeError, /^rating: must be one of Aaa, Aa1, .*, Ca, C, got "BBB"$/);
  });
});

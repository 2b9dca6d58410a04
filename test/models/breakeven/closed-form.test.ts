// The break-even default rate against what a hand calculation gives on a deal simple enough to
// solve on paper: one period, one firm, a senior note over a subordinated one, recovery R of the
// exposure received in the same period.
import { expect } from 'chai';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { breakEven, breakEvenTable, COUPON_TOLERANCE, RATE_TOLERANCE } from '../../../models/breakeven/index.js';
import { onePeriodDeal, type OnePeriodOptions } from '../../support/one-period-deal.js';

function deal(o: OnePeriodOptions): Deal {
  const r = validateDeal(onePeriodDeal(o));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
}

const seniorBdr = (o: OnePeriodOptions, arithmetic: 'certified' | 'exact' | 'float' = 'certified') => {
  const t = breakEvenTable(deal(o), { scenarios: [{ name: 'base', stresses: [], reason: 'closed form' }], arithmetic });
  return t.tranches.find((x) => x.id === 'senior')!;
};

/** The reported BDR is the last default rate found paid: at most one tolerance below the true one. */
function expectWithinTolerance(got: number, truth: number): void {
  expect(got).to.be.at.most(truth + 1e-12);
  expect(got).to.be.at.least(truth - RATE_TOLERANCE);
}

describe('break-even default rate: closed forms', () => {
  for (const R of [0, 0.2, 0.4, 0.5, 0.6]) {
    it(`zero coupons, 20% subordination, recovery ${R * 100}%: senior BDR = 20% / (1 − R) = ${(0.2 / (1 - R) * 100).toFixed(4)}%`, () => {
      const t = seniorBdr({ subordination: 0.2, recovery: R });
      expectWithinTolerance(t.bdr, 0.2 / (1 - R));
      expect(t.statusByScenario.base).to.equal('found');
    });
  }

  it('with no subordination and no recovery the senior breaks at the first fen of default', () => {
    const t = seniorBdr({ subordination: 0.0001, recovery: 0 });
    expectWithinTolerance(t.bdr, 0.0001);
  });

  it('recovery 80% with 20% subordination: even a total default leaves the senior whole (BDR 100%, never fails)', () => {
    const t = seniorBdr({ subordination: 0.2, recovery: 0.8 });
    expect(t.bdr).to.equal(1);
    expect(t.statusByScenario.base).to.equal('never-fails');
  });

  for (const [R, c] of [[0, 0.03], [0.4, 0.03], [0.25, 0.05]] as const) {
    it(`a 1-year bullet paying an annual senior coupon of ${c * 100}% (recovery ${R * 100}%): the BDR falls by the coupon's share of the pool`, () => {
      // Pool 100, senior 80, sub 20; the pool pays back its price once, no income. The senior needs
      // 80 × (1 + c); collections at default rate d are 100 (1 − d) + 100 d R, so
      // d ≤ (20 − 80 c) / (100 (1 − R)): the coupon costs 80 c / (100 (1 − R)) of BDR.
      const noCoupon = 0.2 / (1 - R);
      const couponShare = (0.8 * c) / (1 - R);
      const t = seniorBdr({ subordination: 0.2, recovery: R, seniorCoupon: c });
      expectWithinTolerance(t.bdr, noCoupon - couponShare);
      const without = seniorBdr({ subordination: 0.2, recovery: R });
      expect(without.bdr - t.bdr).to.be.closeTo(couponShare, RATE_TOLERANCE);
    });
  }

  it('asset income adds its share back: 2% on the pool with a 3% senior coupon gives (20 + 2 − 2.4) / 100 / (1.02 − R) for R = 0.3', () => {
    // Collections 102 (1 − d) + 100 d R ≥ 82.4 ⇔ d ≤ 19.6 / (102 − 100 R).
    const t = seniorBdr({ subordination: 0.2, recovery: 0.3, seniorCoupon: 0.03, assetYield: 0.02 });
    expectWithinTolerance(t.bdr, 19.6 / (102 - 30));
  });

  it('the decimal and the double engine find the same BDR within the tolerance', () => {
    for (const R of [0, 0.35, 0.55]) {
      const exact = seniorBdr({ subordination: 0.2, recovery: R, seniorCoupon: 0.031 }, 'exact');
      const float = seniorBdr({ subordination: 0.2, recovery: R, seniorCoupon: 0.031 }, 'float');
      expect(Math.abs(exact.bdr - float.bdr)).to.be.at.most(RATE_TOLERANCE);
    }
  });

  // The same one-period deal, the other two quantities the solver varies, at a default rate held fixed.
  // Collections at default rate d and recovery R: 100 (1 + y)(1 − d) + 100 d R against the senior's 80 (1 + c).
  for (const [d, truth] of [[0.5, 0.6], [0.4, 0.5], [0.25, 0.2]] as const) {
    it(`break-even recovery at a ${d * 100}% default rate, 20% subordination, no coupon: R = 1 − 20% / d = ${truth * 100}%`, () => {
      const a = breakEven(deal({ subordination: 0.2, recovery: 0.9 }), { tranche: 'senior', vary: 'recovery', defaultRate: d });
      expect(a.status).to.equal('found');
      // The lowest recovery found paid: at most one tolerance above the true one.
      expect(a.value).to.be.at.least(truth - 1e-12);
      expect(a.value).to.be.at.most(truth + RATE_TOLERANCE);
    });
  }

  it('needs no recovery when the default rate (15%) is within the subordination (20%)', () => {
    const within = breakEven(deal({ subordination: 0.2, recovery: 0.5 }), { tranche: 'senior', vary: 'recovery', defaultRate: 0.15 });
    expect(within.status).to.equal('never-fails');
  });

  for (const [d, R, y, truth] of [[0.1, 0.4, 0, 14 / 80], [0.1, 0.4, 0.02, 15.8 / 80], [0.3, 0, 0, -0.1 / 80]] as const) {
    const says = truth < 0 ? 'short at any coupon, even 0 (70 in against 80 of principal)' : `c = (collections − 80) / 80 = ${(truth * 100).toFixed(4)}%`;
    it(`break-even senior coupon at default rate ${d * 100}%, recovery ${R * 100}%, asset income ${y * 100}%: ${says}`, () => {
      const a = breakEven(deal({ subordination: 0.2, recovery: R, seniorCoupon: 0.03, assetYield: y }), { tranche: 'senior', vary: 'coupon', defaultRate: d });
      if (truth < 0) {
        // 30% of defaults, nothing recovered: 70 comes in against 80 of principal; no coupon saves it.
        expect(a.status).to.equal('fails-anyway');
        return;
      }
      expect(a.status).to.equal('found');
      expect(a.currentCoupon).to.equal(0.03);
      // The highest coupon found paid: at most one tolerance (0.01 bp) below the true one.
      expect(a.value).to.be.at.most(truth + 1e-12);
      expect(a.value).to.be.at.least(truth - COUPON_TOLERANCE);
    });
  }
});

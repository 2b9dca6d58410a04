// Internal enhancement as first-class kinds: no parties, no draws, a size as a share of the deal.
import { expect } from 'chai';
import { subordination, subordinationShare, type Subordination } from '../../../models/enhancements/subordination.js';
import { overCollateralization, coverageRatio, overCollateralizationShare, type OverCollateralization } from '../../../models/enhancements/over-collateralization.js';
import { excessSpread, termYears, type ExcessSpread } from '../../../models/enhancements/excess-spread.js';
import type { DealView } from '../../../models/enhancements/common.js';
import { validEnhancements } from './helpers.js';

// 80 M senior, 12 M mezzanine, 8 M subordinated (次级), issued 2023-03-15, due 2024-03-15 (366 days).
const deal: DealView = {
  meta: { issueDate: '2023-03-15', maturityDate: '2024-03-15' },
  liabilities: {
    tranches: [
      { id: 'senior', seniority: 1, class: 'senior', balance: '80000000.00' },
      { id: 'mezz', seniority: 2, class: 'mezzanine', balance: 12_000_000 },
      { id: 'sub', seniority: 3, class: 'subordinated', balance: '8000000' },
    ],
  },
};

describe('internal enhancement', () => {
  describe('subordination (优先/次级)', () => {
    it('gives the senior notes the 20% below them, the mezzanine the 8% below it', () => {
      // The minimal deal has no junior tranche, so validation there would (rightly) refuse this entry.
      const e: Subordination = { id: 'sub-senior', kind: 'subordination', protects: 'senior' };
      expect(subordination.protection!(e, deal).share).to.be.closeTo(0.2, 1e-12);
      expect(subordinationShare(deal.liabilities.tranches, 'mezz')).to.be.closeTo(0.08, 1e-12);
      expect(subordinationShare(deal.liabilities.tranches, 'sub')).to.equal(0);
    });
    it('has no parties and names an unknown tranche or a tranche with nothing below it', () => {
      const e = { id: 's', kind: 'subordination' as const, protects: 'seniour' };
      expect(subordination.parties(e)).to.deep.equal([]);
      expect(subordination.checkInDeal!(e, deal)).to.deep.equal([['protects', 'unknown tranche "seniour" (tranches: "senior", "mezz", "sub")']]);
      expect(subordination.checkInDeal!({ ...e, protects: 'sub' }, deal)).to.deep.equal([['protects', 'no tranche is junior to "sub" (seniority 3), so it has no subordination']]);
      expect(() => subordinationShare(deal.liabilities.tranches, 'seniour')).to.throw('protects: unknown tranche "seniour"');
    });
  });

  describe('over-collateralization (超额覆盖)', () => {
    it('a ratio of 1.25 lets 20% of the pool\'s cash flows be lost before the notes are short', () => {
      const [e] = validEnhancements({ id: 'oc', kind: 'over-collateralization', ratio: 1.25, basis: 'cash-flows' });
      expect(overCollateralization.protection!(e as OverCollateralization, deal).share).to.be.closeTo(0.2, 1e-12);
      expect(overCollateralization.parties(e as OverCollateralization)).to.deep.equal([]);
      expect(overCollateralizationShare(1)).to.equal(0);
    });
    it('measures a coverage ratio: 20.8 M of royalties over 20 M notes + 540,000 interest = 1.0127', () => {
      expect(coverageRatio(20_800_000, 20_540_000)).to.be.closeTo(1.012658, 1e-6);
      expect(() => coverageRatio(1, 0)).to.throw('note amount must be positive, got 0');
    });
  });

  describe('excess spread (超额利差)', () => {
    it('2% a year over 366 days protects 2% × 366/365 = 2.0055% of the pool', () => {
      const [e] = validEnhancements({ id: 'xs', kind: 'excess-spread', annualRate: 0.02 });
      expect(termYears(deal)).to.be.closeTo(366 / 365, 1e-12);
      expect(excessSpread.protection!(e as ExcessSpread, deal).share).to.be.closeTo(0.0200548, 1e-7);
      expect(excessSpread.parties(e as ExcessSpread)).to.deep.equal([]);
    });
  });
});

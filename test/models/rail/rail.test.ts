import { expect } from 'chai';
import { BANK_TRANSFER_RAIL, ECNY_PROGRAMMED_RAIL } from '../../../models/rail/presets.js';
import {
  cashDrag, comminglingExposure, comminglingLoss, comminglingShare, interestOnRail, paymentFees, railRateOn,
} from '../../../models/rail/rail.js';
import { railSchema, type Rail } from '../../../models/deal/rail-schema.js';

const anonymousECny: Rail = { ...ECNY_PROGRAMMED_RAIL, wallet: 'anonymous' } as Rail;
const unprogrammedECny: Rail = { ...ECNY_PROGRAMMED_RAIL, programmable: false, collectionLagDays: 10 } as Rail;

describe('rail: bank transfer vs e-CNY (数字人民币)', () => {
  describe('interest on cash held on the rail', () => {
    it('pays nothing on e-CNY before 2026-01-01, the demand rate on real-name wallets from then, never on anonymous ones', () => {
      expect(railRateOn(ECNY_PROGRAMMED_RAIL, '2025-12-31')).to.equal(0);
      expect(railRateOn(ECNY_PROGRAMMED_RAIL, '2026-01-01')).to.equal(0.0005);
      expect(railRateOn(anonymousECny, '2026-06-01')).to.equal(0);
      expect(railRateOn(BANK_TRANSFER_RAIL, '2024-06-01')).to.equal(0.0005);
    });

    it('accrues on ACT/360 day by day: 10 M for 30 days from 2025-12-17 earns 208.33 on e-CNY (15 days after the switch), 416.67 in a bank', () => {
      // e-CNY: 10,000,000 × 0.05% × 15 / 360 = 208.333 → 208.33 (17–31 Dec earn nothing)
      expect(interestOnRail(ECNY_PROGRAMMED_RAIL, { amount: 10_000_000, startDate: '2025-12-17', days: 30 }).toFixed(2)).to.equal('208.33');
      // bank: 10,000,000 × 0.05% × 30 / 360 = 416.667 → 416.67
      expect(interestOnRail(BANK_TRANSFER_RAIL, { amount: 10_000_000, startDate: '2025-12-17', days: 30 }).toFixed(2)).to.equal('416.67');
      expect(interestOnRail(ECNY_PROGRAMMED_RAIL, { amount: 10_000_000, startDate: '2024-03-01', days: 30 }).toFixed(2)).to.equal('0.00');
    });

    it('measures cash drag against a 1.5% reinvestment rate: 12,500.00 forgone − 416.67 earned = 12,083.33', () => {
      const d = cashDrag(BANK_TRANSFER_RAIL, { amount: 10_000_000, startDate: '2026-03-01', days: 30 }, 0.015);
      expect(d.forgoneInterest.toFixed(2)).to.equal('12500.00');
      expect(d.railInterest.toFixed(2)).to.equal('416.67');
      expect(d.drag.toFixed(2)).to.equal('12083.33');
    });
  });

  describe('commingling exposure when the servicer defaults (混同风险)', () => {
    const collections = [
      { date: '2024-03-05', amount: 1_000_000 },
      { date: '2024-03-20', amount: 1_000_000 },
      { date: '2024-04-05', amount: 1_000_000 },
    ];

    it('on the bank rail (30-day sweep) puts 2,000,000 at risk on 2024-04-01: the March collections not yet passed on', () => {
      const x = comminglingExposure(BANK_TRANSFER_RAIL, collections, '2024-04-01');
      expect(x.atRisk.toFixed(2)).to.equal('2000000.00');
      expect(x.held.map((h) => h.dueToTrust)).to.deep.equal(['2024-04-04', '2024-04-19']);
      expect(comminglingLoss(x.atRisk, 0.4).toFixed(2)).to.equal('1200000.00');
    });

    it('is zero on a programmed e-CNY rail, whatever the servicer holds', () => {
      const x = comminglingExposure(ECNY_PROGRAMMED_RAIL, collections, '2024-04-01');
      expect(x.atRisk.toFixed(2)).to.equal('0.00');
      expect(x.note).to.match(/programmed e-CNY/);
    });

    it('on unprogrammed e-CNY with a 10-day sweep only the last 10 days of collections are at risk', () => {
      expect(comminglingExposure(unprogrammedECny, collections, '2024-03-25').atRisk.toFixed(2)).to.equal('1000000.00');
      expect(comminglingExposure(unprogrammedECny, collections, '2024-04-01').atRisk.toFixed(2)).to.equal('0.00');
    });

    it('gives the Monte Carlo engine the share of a period\'s collections held: 30/91 on the bank rail, 0 programmed', () => {
      expect(comminglingShare(BANK_TRANSFER_RAIL, 91)).to.be.closeTo(30 / 91, 1e-15);
      expect(comminglingShare(BANK_TRANSFER_RAIL, 28)).to.equal(1);
      expect(comminglingShare(ECNY_PROGRAMMED_RAIL, 91)).to.equal(0);
    });
  });

  it('charges fees per payment and in basis points, each to the fen: (5 + 100) + (5 + 0.03) = 110.03', () => {
    const rail = railSchema.parse({ ...BANK_TRANSFER_RAIL, fees: { perPayment: 5, bp: 1 } });
    expect(paymentFees(rail, [1_000_000, '333.33']).toFixed(2)).to.equal('110.03');
    expect(paymentFees(ECNY_PROGRAMMED_RAIL, [1_000_000]).toFixed(2)).to.equal('0.00');
  });

  describe('railSchema', () => {
    const issues = (x: unknown) => {
      const r = railSchema.safeParse(x);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };

    it('accepts the presets and names what is wrong otherwise', () => {
      expect(issues(BANK_TRANSFER_RAIL)).to.deep.equal([]);
      expect(issues(ECNY_PROGRAMMED_RAIL)).to.deep.equal([]);
      expect(issues({ kind: 'wire' })).to.deep.equal(['kind: kind must be one of "bank-transfer", "e-cny", got "wire"']);
      expect(issues({ ...BANK_TRANSFER_RAIL, programmable: true })[0]).to.match(/unknown field "programmable"/);
      expect(issues({ ...ECNY_PROGRAMMED_RAIL, demandRate: 5 })).to.deep.equal(['demandRate: must be between 0 and 1, got 5']);
      expect(issues({ ...ECNY_PROGRAMMED_RAIL, wallet: 'type-iv' })[0]).to.match(/wallet: must be one of "real-name", "anonymous"/);
    });
  });
});

import { expect } from 'chai';
import {
  checkDrawdown, drawDown, drawInBatches, enterpriseLeverageRatioOn, enterpriseParameterOn, foreignDebtQuota,
  riskWeight, riskWeightedUsage, tenorFactor, type QuotaState,
} from '../../../models/crossborder/quota.js';

describe('crossborder/quota: the foreign-debt quota under the macro-prudential rule (跨境融资宏观审慎)', () => {
  describe('the parameters in force on a date', () => {
    it('follows the PBOC/SAFE parameter for firms: 1, 1.25 (2020-03-11), 1 (2021-01-07), 1.25, 1.5, 1.75', () => {
      expect(enterpriseParameterOn('2019-06-01')).to.equal(1);
      expect(enterpriseParameterOn('2020-03-11')).to.equal(1.25);
      expect(enterpriseParameterOn('2021-01-06')).to.equal(1.25);
      expect(enterpriseParameterOn('2021-01-07')).to.equal(1);
      expect(enterpriseParameterOn('2022-10-24')).to.equal(1);
      expect(enterpriseParameterOn('2022-10-25')).to.equal(1.25);
      expect(enterpriseParameterOn('2023-07-19')).to.equal(1.25);
      expect(enterpriseParameterOn('2023-07-20')).to.equal(1.5);
      expect(enterpriseParameterOn('2025-01-13')).to.equal(1.75);
    });

    it('doubles the firms\' leverage ratio from 1 to 2 with 银发〔2017〕9号 and refuses dates before the rule', () => {
      expect(enterpriseLeverageRatioOn('2016-12-31')).to.equal(1);
      expect(enterpriseLeverageRatioOn('2017-01-13')).to.equal(2);
      expect(() => enterpriseParameterOn('2016-05-02')).to.throw(/applies from 2016-05-03, got 2016-05-02/);
    });
  });

  describe('the cap', () => {
    it('is net assets × 2 × 1.5 = 3× net assets between 2023-07-20 and 2025-01-12', () => {
      const q = foreignDebtQuota('1000000', '2023-08-01');
      expect(q.macroPrudentialCap.toFixed(2)).to.equal('3000000.00');
      expect(q.basis).to.equal('macro-prudential');
    });

    it('is 2.5× net assets the day before (parameter 1.25) and 3.5× from 2025-01-13 (parameter 1.75)', () => {
      expect(foreignDebtQuota(1_000_000, '2023-07-19').quota.toFixed(2)).to.equal('2500000.00');
      expect(foreignDebtQuota(1_000_000, '2025-01-13').quota.toFixed(2)).to.equal('3500000.00');
    });

    it('lets a pilot high-tech SME with small net assets use the facilitation quota (USD 10 M × 7.1 = 71 M)', () => {
      const q = foreignDebtQuota(200_000, '2023-08-01', { facilitationQuota: 71_000_000 });
      expect(q.macroPrudentialCap.toFixed(2)).to.equal('600000.00');
      expect(q.quota.toFixed(2)).to.equal('71000000.00');
      expect(q.basis).to.equal('facilitation');
    });
  });

  describe('risk weighting', () => {
    it('weighs a term of one year or less at 1.5 (the one-year anniversary included) and longer at 1', () => {
      expect(tenorFactor('2023-01-15', '2024-01-15')).to.equal(1.5);
      expect(tenorFactor('2023-01-15', '2024-01-16')).to.equal(1);
      expect(() => tenorFactor('2023-01-15', '2023-01-15')).to.throw(/maturityDate: must be after the drawdown date 2023-01-15/);
    });

    it('adds 0.5 × the balance for foreign currency (HKD) but not for offshore RMB (CNH)', () => {
      const hkd = riskWeight({ drawDate: '2023-08-01', maturityDate: '2025-08-01', amountCny: 1_000_000, currency: 'HKD' });
      const cnh = riskWeight({ drawDate: '2023-08-01', maturityDate: '2025-08-01', amountCny: 1_000_000, currency: 'CNH' });
      expect(hkd.weighted.toFixed(2)).to.equal('1500000.00');
      expect(cnh.weighted.toFixed(2)).to.equal('1000000.00');
      const shortUsd = riskWeight({ drawDate: '2023-08-01', maturityDate: '2024-02-01', amountCny: 1_000_000, currency: 'USD' });
      expect(shortUsd.weighted.toFixed(2)).to.equal('2000000.00'); // 1.5 + 0.5
    });

    it('counts only debts outstanding on the date', () => {
      const debts = [
        { drawDate: '2023-01-01', maturityDate: '2023-12-31', amountCny: 100_000, currency: 'CNY' },
        { drawDate: '2023-06-01', maturityDate: '2025-06-01', amountCny: 200_000, currency: 'CNY' },
      ];
      expect(riskWeightedUsage(debts, '2023-03-01').toFixed(2)).to.equal('150000.00');
      expect(riskWeightedUsage(debts, '2023-07-01').toFixed(2)).to.equal('350000.00');
      expect(riskWeightedUsage(debts, '2024-01-01').toFixed(2)).to.equal('200000.00');
    });
  });

  describe('drawDown', () => {
    const state: QuotaState = {
      netAssets: 1_000_000,
      debts: [{ id: 'existing', drawDate: '2023-01-10', maturityDate: '2026-01-10', amountCny: 2_400_000, currency: 'CNY' }],
    };

    it('refuses a drawdown above the quota, stating the quota, the usage, the need and the shortfall', () => {
      expect(() =>
        drawDown(state, { drawDate: '2023-08-01', maturityDate: '2024-06-30', amountCny: 600_000, currency: 'CNY' }),
      ).to.throw(
        'foreign-debt quota exceeded: quota 3,000,000.00 CNY, used 2,400,000.00, this drawdown needs 900,000.00 ' +
          '(600,000.00 × tenor factor 1.5 × type factor 1), short by 300,000.00',
      );
    });

    it('accepts the same amount on a term over one year (need 600,000) and returns a new state', () => {
      const after = drawDown(state, { drawDate: '2023-08-01', maturityDate: '2025-08-01', amountCny: 600_000, currency: 'CNY' });
      expect(after.debts).to.have.length(2);
      expect(state.debts).to.have.length(1);
      expect(riskWeightedUsage(after.debts, '2023-08-01').toFixed(2)).to.equal('3000000.00');
    });

    it('reports the headroom left after a drawdown without changing the state', () => {
      const c = checkDrawdown(state, { drawDate: '2023-08-01', maturityDate: '2025-08-01', amountCny: 400_000, currency: 'CNH' });
      expect(c.headroomAfter.toFixed(2)).to.equal('200000.00');
    });
  });

  describe('drawInBatches: the Futian +1 firm\'s 2 M facility drawn as needed', () => {
    const firm: QuotaState = { netAssets: 1_000_000, debts: [] };
    const facility = { id: 'futian-plus-1', total: 2_000_000, currency: 'HKD', maturityDate: '2025-06-30' };

    it('checks each batch on its own date: the parameter rises to 1.5 between batches 1 and 2', () => {
      const r = drawInBatches(firm, facility, [
        { date: '2023-07-01', amountCny: 800_000 },
        { date: '2023-08-01', amountCny: 700_000 },
      ]);
      expect(r.draws.map((d) => d.quota.toFixed(0))).to.deep.equal(['2500000', '3000000']);
      expect(r.draws.map((d) => d.riskWeighted.toFixed(0))).to.deep.equal(['1200000', '1050000']);
      expect(r.draws[1]!.usedAfter.toFixed(2)).to.equal('2250000.00');
      expect(r.state.debts).to.have.length(2);
    });

    it('refuses a late batch whose term has fallen to a year or less (factor 1.5 + 0.5)', () => {
      expect(() =>
        drawInBatches(firm, facility, [
          { date: '2023-07-01', amountCny: 800_000 },
          { date: '2023-08-01', amountCny: 700_000 },
          { date: '2024-09-01', amountCny: 500_000 },
        ]),
      ).to.throw(
        'batch 3 on 2024-09-01: foreign-debt quota exceeded: quota 3,000,000.00 CNY, used 2,250,000.00, this drawdown needs ' +
          '1,000,000.00 (500,000.00 × tenor factor 1.5 × type factor 1 + 500,000.00 × exchange-rate factor 0.5), short by 250,000.00',
      );
    });

    it('refuses drawings beyond the facility total', () => {
      expect(() =>
        drawInBatches({ netAssets: 10_000_000, debts: [] }, facility, [
          { date: '2023-08-01', amountCny: 1_500_000 },
          { date: '2023-09-01', amountCny: 600_000 },
        ]),
      ).to.throw(/facility "futian-plus-1" exhausted: batch 2 on 2023-09-01 of 600,000.00 would bring drawings to 2,100,000.00, above the facility's 2,000,000.00 HKD \(available 500,000.00\)/);
    });

    it('refuses batches out of date order and bad amounts with the field named', () => {
      expect(() => drawInBatches(firm, facility, [{ date: '2023-09-01', amountCny: 1 }, { date: '2023-08-01', amountCny: 1 }]))
        .to.throw(/batches\[1\]\.date: batches must be in date order, got 2023-08-01 after 2023-09-01/);
      expect(() => drawInBatches(firm, facility, [{ date: '2023-09-01', amountCny: -5 }]))
        .to.throw(/batches\[0\]\.amountCny: must not be negative/);
    });
  });
});

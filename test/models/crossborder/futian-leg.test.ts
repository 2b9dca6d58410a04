import { expect } from 'chai';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { legCashFlows, legCostFlows } from '../../../models/crossborder/leg-flows.js';
import { counterGuaranteeChain } from '../../../models/crossborder/counter-guarantee.js';
import { forwardRate, hedgeCostRate } from '../../../models/crossborder/fx.js';
import { chainLossesFloat } from '../../../models/montecarlo/path-extras.js';
import { simulatePathEffects } from '../../../models/montecarlo/path-effects.js';
import { xirr } from '../../../models/money/xirr.js';
import { loadRaw } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

const FUTIAN = 'futian-n-plus-1-2023.json';
const LEG = '/offshoreLegs/0';

function futian(changes: Record<string, unknown> = {}): Deal {
  const r = validateDeal(withChanges(loadRaw(FUTIAN), changes));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
}

describe('Futian "N+1": the +1 offshore leg in the deal', () => {
  describe('foreign-debt quota (外债额度) on every batch', () => {
    it('accepts the shipped leg: 1.2 M then 0.8 M CNH, each ≤ 1 year (factor 1.5), within 8 M × 2 × 1.5 = 24 M', () => {
      const r = validateDeal(loadRaw(FUTIAN));
      expect(r.ok, r.ok ? '' : JSON.stringify(r.problems)).to.equal(true);
    });

    it('refuses the second batch when net assets of 800,000 give a 2,400,000 quota, naming quota, usage, need and shortfall', () => {
      const r = validateDeal(withChanges(loadRaw(FUTIAN), { [`${LEG}/firm/netAssets`]: 800_000 }));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      // Batch 1: 1,200,000 × 1.5 = 1,800,000 fits; batch 2 needs 800,000 × 1.5 = 1,200,000 more: 3,000,000 > 2,400,000.
      expect(r.problems).to.deep.equal([{
        path: 'offshoreLegs[0].draws',
        message: 'batch 2 on 2023-12-20: foreign-debt quota exceeded: quota 2,400,000.00 CNY, used 1,800,000.00, ' +
          'this drawdown needs 1,200,000.00 (800,000.00 × tenor factor 1.5 × type factor 1), short by 600,000.00',
      }]);
    });

    it('counts a foreign-currency leg at 0.5 more: in HKD the same batches need 2,400,000 + 1,600,000', () => {
      const r = validateDeal(withChanges(loadRaw(FUTIAN), { [`${LEG}/firm/netAssets`]: 1_200_000, [`${LEG}/currency`]: 'HKD' }));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.problems[0]!.message).to.include('quota 3,600,000.00 CNY, used 2,400,000.00, this drawdown needs 1,600,000.00 (800,000.00 × tenor factor 1.5 × type factor 1 + 800,000.00 × exchange-rate factor 0.5), short by 400,000.00');
    });

    it('refuses a +1 firm that is also a pool obligor and a chain whose two guarantors are one', () => {
      const r = validateDeal(withChanges(loadRaw(FUTIAN), { [`${LEG}/firm/id`]: 'hetao-01', [`${LEG}/chain/onshoreBank/id`]: 'icbc-asia' }));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.problems.map((p) => p.path)).to.deep.equal(['offshoreLegs[0].firm.id', 'offshoreLegs[0].chain.onshoreBank.id']);
    });

    it('refuses batches beyond the 2 M facility and a leg that outlives the deal', () => {
      const r = validateDeal(withChanges(loadRaw(FUTIAN), { [`${LEG}/draws/1/amountCny`]: 900_000, [`${LEG}/maturityDate`]: '2024-10-20' }));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
      expect(byPath['offshoreLegs[0].maturityDate']).to.equal('must be on or before meta.maturityDate (2024-09-20): the leg is simulated on the deal\'s horizon, got 2024-10-20');
      expect(byPath['offshoreLegs[0].draws']).to.match(/facility "plus-one" exhausted: batch 2 on 2023-12-20 of 900,000.00 would bring drawings to 2,100,000.00, above the facility's 2,000,000.00/);
    });
  });

  describe('withholding on the coupons paid to Hong Kong, grossed up (包税)', () => {
    it('first period: 1,200,000 / 0.999 = 1,201,201.20 CNH × 3.9% × 91/365 = 11,679.62 net; G = N × 1.06 / 0.93 = 13,312.25', () => {
      const cash = legCashFlows(futian().offshoreLegs![0]!);
      const p = cash.periods[0]!;
      expect(p.outstanding.toFixed(2)).to.equal('1201201.20');
      expect(p.coupon.toFixed(2)).to.equal('11679.62');
      // VAT 13,312.25 × 6/106 = 753.52; EIT (13,312.25 − 753.52) × 7% = 879.11; total 1,632.63, leaving 11,679.62.
      expect(p.tax.toFixed(2)).to.equal('1632.63');
      const taxFlow = cash.flows.find((f) => f.kind === 'tax' && f.date === '2023-12-20')!;
      expect(Number(taxFlow.amount)).to.equal(-1631.0); // paid in yuan at 0.999
      expect(cash.foreignPayments[0]).to.deep.equal({ date: '2023-12-20', amount: 13312.25 });
    });

    it('charges the coupon net of tax to the firm when the lender bears it (no tax flow, the coupon stays 11,679.62)', () => {
      const cash = legCashFlows(futian({ [`${LEG}/taxes/borneBy`]: 'lender' }).offshoreLegs![0]!);
      expect(cash.flows.some((f) => f.kind === 'tax')).to.equal(false);
      expect(cash.periods[0]!.tax.toFixed(2)).to.equal('1432.41'); // on 11,679.62: VAT × 6/106 = 661.11, EIT (11,679.62 − 661.11) × 7% = 771.30
    });
  });

  describe('FX hedge cost', () => {
    // A one-year HKD bullet, coupon at HIBOR 4.8%, CNY 2.45%, hedged in full at the CIP forward,
    // no spread, no fees, taxes on the lender: the CNY cost is the CNY rate, i.e. the HKD coupon
    // plus the (negative) hedge cost.
    const hedged = () => futian({
      [`${LEG}/currency`]: 'HKD', [`${LEG}/firm/netAssets`]: 10_000_000,
      [`${LEG}/draws`]: [{ date: '2023-09-20', amountCny: 2_000_000 }],
      [`${LEG}/coupon`]: { rate: 0.048, paymentMonths: 12, dayCount: 'ACT/365F' },
      [`${LEG}/taxes/borneBy`]: 'lender',
      [`${LEG}/fx`]: { spot: 0.93, volatility: 0.03, hedgeRatio: 1, domesticRate: 0.0245, foreignRate: 0.048, conversionSpread: 0 },
      [`${LEG}/chain/counterGuaranteeFee`]: 0, [`${LEG}/chain/hkGuaranteeFee`]: 0, [`${LEG}/chain/arrangementFeeUpfront`]: 0,
    }).offshoreLegs![0]!;

    it('hedging HKD debt earns the carry: hedge cost (F/S − 1) × 365/d ≈ 2.45% − 4.8% per year', () => {
      const F = forwardRate({ spot: 0.93, domesticRate: 0.0245, foreignRate: 0.048, foreignCurrency: 'HKD', days: 366 });
      const cost = hedgeCostRate({ method: 'forward-points', spot: 0.93, points: (F - 0.93) / 0.0001, days: 366 });
      // F/S = (1 + 0.0245 × 366/365) / (1 + 0.048 × 366/365) = 1.0245671 / 1.0481315 = 0.9775181; (F/S − 1) × 365/366 = −2.2421%
      expect(cost).to.be.closeTo((1.0245671 / 1.0481315 - 1) * (365 / 366), 1e-6);
      expect(cost).to.be.closeTo(-0.022421, 0.000001);
    });

    it('fully hedged, the leg costs the CNY rate: IRR ≈ 4.8% + hedge cost = 2.45% (covered interest parity)', () => {
      const flows = legCostFlows(hedged());
      const rate = xirr(flows.map((f) => ({ date: f.date, amount: f.amount as number | string })));
      expect(rate).to.be.closeTo(0.0245, 0.0001);
      // The hedge shows as its own flow: the forward bought below the expected rate (a gain).
      expect(flows.some((f) => f.kind === 'hedge')).to.equal(true);
    });

    it('unhedged with no drift, the HKD coupon is the CNY cost: 4.8%', () => {
      const leg = hedged();
      const flows = legCostFlows({ ...leg, fx: { ...leg.fx, hedgeRatio: 0, drift: 0 } });
      expect(xirr(flows.map((f) => ({ date: f.date, amount: f.amount as number | string })))).to.be.closeTo(0.048, 0.0001);
    });
  });

  describe('the counter-guarantee chain through the Monte Carlo engine (same copula as the firms)', () => {
    // Month 1 is issue + 365.25/12 days: the firm owes batch 1 (1,200,000) plus the coupon accrued
    // since the draw, 1,200,000 × 3.9% × 30.4375/365 = 3,902.57. IP: 0.3 × 2,000,000 = 600,000.
    // Reports keep 10 significant digits, so amounts are checked to a tenth of a fen.
    const EXPOSURE = 1_200_000 + 1_200_000 * 0.039 * (365.25 / 12) / 365;
    const chain = (firm: number, hk: number, bank: number) => simulatePathEffects(futian({
      [`${LEG}/firm/credit/annualDefaultProbability`]: firm,
      [`${LEG}/chain/hkGuarantor/annualDefaultProbability`]: hk,
      [`${LEG}/chain/onshoreBank/annualDefaultProbability`]: bank,
      [`${LEG}/firm/ip/appraisedValue`]: 2_000_000,
    }), { paths: 200, seed: 7 }).legs[0]!;

    it('firm defaults, chain intact: investors lose nothing; the onshore bank bears exposure − IP recovery', () => {
      const r = chain(1, 0, 0);
      expect(r.probabilityChainCalled).to.equal(1);
      expect(r.investorLoss.mean).to.equal(0);
      expect(r.hkGuarantorLoss.mean).to.equal(0);
      expect(r.onshoreBankLoss.mean).to.be.closeTo(EXPOSURE - 600_000, 0.001);
    });

    it('firm and Hong Kong guarantor default: the investors lose the whole exposure', () => {
      const r = chain(1, 1, 0);
      expect(r.probabilityOfInvestorLoss).to.equal(1);
      expect(r.investorLoss.mean).to.be.closeTo(EXPOSURE, 0.001);
      expect(r.onshoreBankLoss.mean).to.equal(0);
    });

    it('guarantors fail but the firm pays: nobody loses', () => {
      const r = chain(0, 1, 1);
      expect(r.probabilityChainCalled).to.equal(0);
      expect(r.investorLoss.mean + r.hkGuarantorLoss.mean + r.onshoreBankLoss.mean).to.equal(0);
    });

    it('firm and onshore bank default: the investors are paid, the Hong Kong guarantor loses', () => {
      const r = chain(1, 0, 1);
      expect(r.investorLoss.mean).to.equal(0);
      expect(r.hkGuarantorLoss.mean).to.be.closeTo(EXPOSURE, 0.001);
    });

    it('the path engine\'s float chain agrees with counterGuaranteeChain to the fen in all 8 cases', () => {
      for (const firm of [false, true]) for (const hk of [false, true]) for (const bank of [false, true]) {
        const exact = counterGuaranteeChain({ exposure: '1203902.57', firmDefaulted: firm, hkGuarantorDefaulted: hk, onshoreBankDefaulted: bank, ipRecovery: '600000', recoveryOnDefaultedGuarantor: 0.25 });
        const f = firm ? chainLossesFloat(1203902.57, hk, bank, 600000, 0.25) : { investorLoss: 0, hkGuarantorLoss: 0, onshoreBankLoss: 0 };
        expect(f.investorLoss, `${firm}${hk}${bank}`).to.be.closeTo(exact.investorsLoss.toNumber(), 0.01);
        expect(f.hkGuarantorLoss).to.be.closeTo(exact.hkGuarantorLoss.toNumber(), 0.01);
        expect(f.onshoreBankLoss).to.be.closeTo(exact.onshoreBankLoss.toNumber(), 0.01);
      }
    });

    it('with the shipped probabilities the offshore investors\' expected loss is far below the firm\'s (both must fail)', () => {
      const r = simulatePathEffects(futian(), { paths: 20_000, seed: 1 }).legs[0]!;
      expect(r.probabilityChainCalled).to.be.closeTo(0.02, 0.004); // firm PD 2%
      expect(r.probabilityOfInvestorLoss).to.be.below(0.0005); // needs ICBC (Asia) to fail too (0.05%)
    });
  });
});

import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { allInCost, FUTIAN_IP_LOAN_SUBSIDY } from '../../../models/cost/all-in.js';
import { forwardRate } from '../../../models/crossborder/fx.js';
import { offshoreLegFlows, type OffshoreLegInput } from '../../../models/crossborder/offshore-leg.js';

const sumOf = (flows: { amount: unknown; kind: string }[], kind: string) =>
  flows.filter((f) => f.kind === kind).reduce((s, f) => s.plus(String(f.amount)), new Decimal(0)).toFixed(2);

describe('crossborder/offshore-leg: a "+k" Hong Kong placement as the firm pays for it, in yuan', () => {
  // CNH with equal rates: no FX effect at all (μ = 0, forward = spot), so the taxes stand alone.
  const cnh: OffshoreLegInput = {
    currency: 'CNH', spot: 1, draws: [{ date: '2023-08-01', amount: 2_000_000 }], maturityDate: '2024-07-31',
    couponRate: 0.04, paymentMonths: 12, dayCount: 'ACT/365F', taxBorneBy: 'borrower', lender: 'hk-beneficial-owner',
    counterGuaranteeFee: 0, hkGuaranteeFee: 0, arrangementFeeUpfront: 0,
    hedgeRatio: 0, domesticRate: 0.02, foreignRate: 0.02, conversionSpread: 0,
  };

  it('grosses up a 4% net coupon on 2 M CNH: 80,000.00 to investors + 11,182.80 taxes, so 4.5591% all-in', () => {
    // G = 80,000 × 1.06 / 0.93 = 91,182.80; VAT 5,161.29; EIT 6,021.51
    const leg = offshoreLegFlows(cnh);
    expect(sumOf(leg.flows, 'interest')).to.equal('-80000.00');
    expect(sumOf(leg.flows, 'tax')).to.equal('-11182.80');
    expect(leg.foreignPayments).to.deep.equal([{ date: '2024-07-31', amount: 2_091_182.8 }]);
    expect(allInCost(leg.flows).costRate).to.be.closeTo(0.0455914, 1e-7);
  });

  it('with Futian\'s 70% subsidy on interest and fees (not the tax): 91,182.80 − 56,000.00 → 1.7591%', () => {
    const r = allInCost(offshoreLegFlows(cnh).flows, FUTIAN_IP_LOAN_SUBSIDY);
    expect(r.subsidy.total.toFixed(2)).to.equal('56000.00');
    expect(r.subsidyAdjustedCostRate).to.be.closeTo(35_182.8 / 2_000_000, 1e-9);
  });

  it('leaves the taxes inside the coupon when the investors bear them: 80,000 coupon, 4.0% all-in', () => {
    const leg = offshoreLegFlows({ ...cnh, taxBorneBy: 'lender' });
    expect(sumOf(leg.flows, 'interest')).to.equal('-80000.00');
    expect(sumOf(leg.flows, 'tax')).to.equal('0.00');
    expect(allInCost(leg.flows).costRate).to.be.closeTo(0.04, 1e-12);
  });

  it('accrues each batch from its own draw date (1 M on 2023-08-01, 1 M on 2024-02-01, semi-annual coupons)', () => {
    const leg = offshoreLegFlows({
      ...cnh, taxBorneBy: 'lender', paymentMonths: 6, maturityDate: '2025-08-01',
      draws: [{ date: '2023-08-01', amount: 1_000_000 }, { date: '2024-02-01', amount: 1_000_000 }],
    });
    expect(leg.periods.map((p) => [p.end, p.outstanding.toFixed(0), p.coupon.toFixed(2)])).to.deep.equal([
      ['2024-02-01', '1000000', '20164.38'], // 1 M × 4% × 184/365
      ['2024-08-01', '2000000', '39890.41'], // 2 M × 4% × 182/365
      ['2025-02-01', '2000000', '40328.77'], // 184 days
      ['2025-08-01', '2000000', '39671.23'], // 181 days
    ]);
  });

  it('adds the chain fees on the outstanding principal: 0.8% + 0.5% a year and 1% up front on 2 M', () => {
    const leg = offshoreLegFlows({ ...cnh, counterGuaranteeFee: 0.008, hkGuaranteeFee: 0.005, arrangementFeeUpfront: 0.01 });
    expect(sumOf(leg.flows, 'counter-guarantee-fee')).to.equal('-16000.00');
    expect(sumOf(leg.flows, 'guarantee-fee')).to.equal('-10000.00');
    expect(sumOf(leg.flows, 'upfront-fee')).to.equal('-20000.00');
  });

  it('pays the hedged share at the CIP forward: fully hedged HKD principal + its hedge flow = 2 M × F', () => {
    const hkd: OffshoreLegInput = { ...cnh, currency: 'HKD', spot: 0.91, foreignRate: 0.045, domesticRate: 0.022, hedgeRatio: 1, taxBorneBy: 'lender' };
    const leg = offshoreLegFlows(hkd);
    const f = forwardRate({ spot: 0.91, domesticRate: 0.022, foreignRate: 0.045, foreignCurrency: 'HKD', days: 365 });
    const principalAndHedge = leg.flows
      .filter((x) => x.kind === 'principal' || x.label === 'hedge on principal')
      .reduce((s, x) => s.plus(String(x.amount)), new Decimal(0));
    expect(principalAndHedge.toNumber()).to.be.closeTo(-2_000_000 * f, 0.011);
    // Against the spot the forward is at a discount (F < 0.91: the carry), but against the expected rate
    // under the risk-neutral drift the hedge costs next to nothing: only simple vs continuous compounding.
    expect(f).to.be.lessThan(0.91);
    expect(Math.abs(Number(sumOf(leg.flows, 'hedge')))).to.be.lessThan(2_000_000 * 0.001);
  });

  it('charges the conversion spread on proceeds and on what it buys, not on the tax paid in yuan', () => {
    const leg = offshoreLegFlows({ ...cnh, conversionSpread: 0.001 });
    // proceeds 2,000.00; coupon 80.00; principal 2,000.00
    expect(sumOf(leg.flows, 'fx-spread')).to.equal('-4080.00');
  });

  it('refuses a maturity on or before the last batch', () => {
    expect(() => offshoreLegFlows({ ...cnh, maturityDate: '2023-08-01' })).to.throw(/maturityDate: must be after the last draw 2023-08-01/);
  });
});

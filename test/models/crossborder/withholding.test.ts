import { expect } from 'chai';
import {
  grossedUpRate, grossUpInterest, interestTaxRules, offshoreInterestPayment, taxesOnInterest,
} from '../../../models/crossborder/withholding.js';

describe('crossborder/withholding: taxes on interest paid to a Hong Kong lender', () => {
  const hk2023 = interestTaxRules({ lender: 'hk-beneficial-owner', paymentDate: '2023-12-20' });

  it('uses 7% income tax for a Hong Kong beneficial owner, 10% otherwise, 6% VAT, and no surcharges after 2021-09-01', () => {
    expect(hk2023).to.deep.equal({ eitRate: 0.07, vatRate: 0.06, surchargeRate: 0 });
    expect(interestTaxRules({ lender: 'non-resident', paymentDate: '2023-12-20' }).eitRate).to.equal(0.1);
    expect(interestTaxRules({ lender: 'hk-beneficial-owner', paymentDate: '2021-08-31' }).surchargeRate).to.equal(0.12);
  });

  it('withholds from a 100,000.00 payment the lender bears: VAT 5,660.38 on the VAT-exclusive base, EIT 6,603.77', () => {
    // VAT = 100,000 × 6/106 = 5,660.377 → 5,660.38; base = 94,339.62; EIT = 94,339.62 × 7% = 6,603.773 → 6,603.77
    const t = taxesOnInterest('100000', hk2023);
    expect(t.vat.toFixed(2)).to.equal('5660.38');
    expect(t.vatExclusive.toFixed(2)).to.equal('94339.62');
    expect(t.eit.toFixed(2)).to.equal('6603.77');
    expect(t.netToLender.toFixed(2)).to.equal('87735.85');
  });

  it('grosses up 1,000,000.00 net interest at 7% WHT + 6% VAT to 1,139,784.95, exactly', () => {
    // G = N × 1.06 / (1 − 0.07) = 1,060,000 / 0.93 = 1,139,784.946… → 1,139,784.95
    // VAT = 1,139,784.95 × 6/106 = 64,516.129… → 64,516.13; base = 1,075,268.82
    // EIT = 1,075,268.82 × 7% = 75,268.817… → 75,268.82; net = 1,139,784.95 − 64,516.13 − 75,268.82 = 1,000,000.00
    const g = grossUpInterest('1000000.00', hk2023);
    expect(g.gross.toFixed(2)).to.equal('1139784.95');
    expect(g.vat.toFixed(2)).to.equal('64516.13');
    expect(g.eit.toFixed(2)).to.equal('75268.82');
    expect(g.totalTax.toFixed(2)).to.equal('139784.95');
    expect(g.netToLender.toFixed(2)).to.equal('1000000.00');
    expect(g.exact).to.equal(true);
  });

  it('grosses up at the 10% statutory rate to 1,177,777.78 (= 1,060,000 / 0.9)', () => {
    const g = grossUpInterest(1_000_000, interestTaxRules({ lender: 'non-resident', paymentDate: '2024-03-20' }));
    expect(g.gross.toFixed(2)).to.equal('1177777.78');
    expect(g.eit.toFixed(2)).to.equal('111111.11');
    expect(g.netToLender.toFixed(2)).to.equal('1000000.00');
  });

  it('includes 12% surcharges on the VAT before 2021-09-01: G = 1,060,000 / (1 − 0.07 − 0.06 × 0.12) = 1,148,677.94', () => {
    // VAT 65,019.51; base 1,083,658.43; EIT 75,856.09; surcharges 65,019.51 × 12% = 7,802.34
    const g = grossUpInterest(1_000_000, interestTaxRules({ lender: 'hk-beneficial-owner', paymentDate: '2020-06-20' }));
    expect(g.gross.toFixed(2)).to.equal('1148677.94');
    expect(g.surcharges.toFixed(2)).to.equal('7802.34');
    expect(g.netToLender.toFixed(2)).to.equal('1000000.00');
  });

  it('leaves the lender exactly the net on many amounts (rounding never loses a fen)', () => {
    for (const net of ['0.01', '1.00', '333.33', '12345.67', '98765.43', '2000000.00']) {
      const g = grossUpInterest(net, hk2023);
      expect(g.netToLender.greaterThanOrEqualTo(net), net).to.equal(true);
      expect(g.netToLender.minus(net).lessThanOrEqualTo('0.01'), net).to.equal(true);
    }
  });

  it('offshoreInterestPayment: the contract amount is gross when the lender bears the taxes, net when the borrower does', () => {
    expect(offshoreInterestPayment(100_000, 'lender', hk2023).gross.toFixed(2)).to.equal('100000.00');
    expect(offshoreInterestPayment(100_000, 'borrower', hk2023).netToLender.toFixed(2)).to.equal('100000.00');
    expect(() => offshoreInterestPayment(1, 'state' as 'lender', hk2023)).to.throw(/borneBy: must be "lender" or "borrower", got "state"/);
  });

  it('turns a 4% net coupon into a 4.5591% gross cost when the borrower bears 7% + 6%', () => {
    expect(grossedUpRate(0.04, hk2023)).to.be.closeTo(0.04 * 1.06 / 0.93, 1e-15);
    expect(grossedUpRate(0.04, hk2023)).to.be.closeTo(0.045591, 1e-6);
  });

  it('refuses payment dates before VAT reform and unknown lender kinds', () => {
    expect(() => interestTaxRules({ lender: 'hk-beneficial-owner', paymentDate: '2016-04-30' })).to.throw(/paymentDate: VAT on interest applies from 2016-05-01/);
    expect(() => interestTaxRules({ lender: 'hk' as 'non-resident', paymentDate: '2023-01-01' })).to.throw(/lender: must be "hk-beneficial-owner" or "non-resident", got "hk"/);
    expect(() => taxesOnInterest(-1, hk2023)).to.throw(/gross: must not be negative/);
  });
});

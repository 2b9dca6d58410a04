import { expect } from 'chai';
import { loanFlows, royaltyFlows } from '../../../models/pool/asset-flows.js';

const loan = (amortization: 'equal-principal' | 'annuity' | 'interest-only-bullet', annualRate = 0.06) => ({
  kind: 'loan' as const, principal: 1_200_000, startDate: '2024-01-15', termMonths: 12,
  paymentFrequency: 'monthly' as const, rate: { type: 'fixed' as const, annualRate }, amortization,
});

describe('pool asset cash flows', () => {
  it('等额本息 annuity: 1.2 M at 6% over 12 months pays a level 103,279.72', () => {
    // r = 0.5% a month; payment = 1,200,000 × 0.005 / (1 − 1.005^−12) = 103,279.725… → 103,279.72 (first period)
    const f = loanFlows(loan('annuity'));
    expect(f).to.have.length(12);
    expect(f[0]!.interest.toNumber()).to.equal(6000);
    expect(f[0]!.interest.plus(f[0]!.principal).toNumber()).to.equal(103_279.72);
    expect(f[11]!.balanceAfter.toNumber()).to.equal(0);
    const totalPrincipal = f.reduce((s, x) => s + x.principal.toNumber(), 0);
    expect(Math.round(totalPrincipal * 100)).to.equal(120_000_000);
  });

  it('等额本金 equal principal: 100,000 a month, interest on the falling balance', () => {
    const f = loanFlows(loan('equal-principal'));
    expect(f.map((x) => x.principal.toNumber())).to.deep.equal(new Array(12).fill(100_000));
    expect(f[0]!.interest.toNumber()).to.equal(6000);
    expect(f[11]!.interest.toNumber()).to.equal(500);
  });

  it('先息后本 interest-only then bullet: 6,000 a month and the principal with the last', () => {
    const f = loanFlows(loan('interest-only-bullet'));
    expect(f.slice(0, 11).every((x) => x.principal.isZero() && x.interest.toNumber() === 6000)).to.equal(true);
    expect(f[11]!.principal.toNumber()).to.equal(1_200_000);
    expect(f[11]!.date).to.equal('2025-01-15');
  });

  it('an LPR-linked loan resets to LPR + spread: 1Y LPR 3.45% + 50 bp in 2024-01, 3.35% + 50 bp after 2024-07-22', () => {
    const f = loanFlows({ ...loan('interest-only-bullet'), rate: { type: 'benchmark', benchmark: 'LPR1Y', spread: 0.005 } });
    expect(f[0]!.interest.toNumber()).to.equal(3950); // 1.2 M × 3.95% / 12
    expect(f[7]!.interest.toNumber()).to.equal(3850); // period starting 2024-08-15: 1.2 M × 3.85% / 12
  });

  it('splits licence fees into principal (pro rata to the purchase price) and income', () => {
    const f = royaltyFlows({ kind: 'licence-royalty', licence: 'exclusive', purchasePrice: 1000, payments: [{ date: '2024-01-01', amount: 30 }, { date: '2024-04-01', amount: 1030 }] });
    // 1000 × 30 / 1060 = 28.30; the last fee takes the remaining 971.70
    expect(f.map((x) => x.principal.toNumber())).to.deep.equal([28.3, 971.7]);
    expect(f.map((x) => x.interest.toNumber())).to.deep.equal([1.7, 58.3]);
  });
});

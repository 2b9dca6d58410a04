import { expect } from 'chai';
import { allInCost, dealAllInCost, FUTIAN_IP_LOAN_SUBSIDY, subsidyFlows } from '../../../models/cost/all-in.js';
import type { CostFlow } from '../../../models/money/cost-flow.js';
import { loanSchedule } from '../../../models/cost/loan-schedule.js';

describe('cost/all-in: the firm\'s all-in cost of funding before and after subsidy', () => {
  // 100 M for a year: 1 M up-front fee, 5 M interest and the principal back after 365 days.
  const bigLoan: CostFlow[] = [
    { date: '2023-03-01', amount: 100_000_000, kind: 'proceeds' },
    { date: '2023-03-01', amount: -1_000_000, kind: 'upfront-fee', label: 'arrangement fee' },
    { date: '2024-02-29', amount: -5_000_000, kind: 'interest' },
    { date: '2024-02-29', amount: -100_000_000, kind: 'principal' },
  ];

  it('costs 105 / 99 − 1 = 6.0606% before subsidy (fees reduce what the firm receives)', () => {
    expect(allInCost(bigLoan).costRate).to.be.closeTo(105 / 99 - 1, 1e-12);
  });

  it('binds Futian\'s 3 M cap: 70% of (1 M fee + 5 M interest) = 4.2 M is cut to 3 M, and the cost falls to 102.7 / 99.7 − 1 = 3.0090%', () => {
    // subsidy on the fee (day 0): 700,000; on the interest: 3,500,000 but only 2,300,000 is left under the cap
    // day 0: 100 M − 1 M + 0.7 M = 99.7 M received; day 365: 105 M − 2.3 M = 102.7 M paid
    const r = allInCost(bigLoan, FUTIAN_IP_LOAN_SUBSIDY);
    expect(r.subsidy.uncapped.toFixed(2)).to.equal('4200000.00');
    expect(r.subsidy.total.toFixed(2)).to.equal('3000000.00');
    expect(r.subsidy.capped).to.equal(true);
    expect(r.subsidy.flows.map((f) => String(f.amount))).to.deep.equal(['700000', '2300000']);
    expect(r.subsidyAdjustedCostRate).to.be.closeTo(102.7 / 99.7 - 1, 1e-12);
  });

  it('without the cap the same 70% subsidy leaves 30% of the cost: (105 − 3.5) / (99 + 0.7) − 1 = 1.8054%', () => {
    const r = allInCost(bigLoan, { kind: 'share-of-interest-and-fees', share: 0.7 });
    expect(r.subsidy.capped).to.equal(false);
    expect(r.subsidyAdjustedCostRate).to.be.closeTo(101.5 / 99.7 - 1, 1e-12);
  });

  it('applies a cap per calendar year when asked (capPer firm-year)', () => {
    const r = allInCost(bigLoan, { ...FUTIAN_IP_LOAN_SUBSIDY, capPer: 'firm-year' } as typeof FUTIAN_IP_LOAN_SUBSIDY);
    expect(r.subsidy.total.toFixed(2)).to.equal('3700000.00'); // 0.7 M in 2023 + 3 M (of 3.5 M) in 2024
  });

  it('does not refund taxes, hedging or FX spreads under an interest-and-fees subsidy', () => {
    const withTax: CostFlow[] = [...bigLoan, { date: '2024-02-29', amount: -600_000, kind: 'tax' }, { date: '2024-02-29', amount: -50_000, kind: 'fx-spread' }];
    expect(subsidyFlows(withTax, { kind: 'share-of-interest-and-fees', share: 0.7 }).total.toFixed(2)).to.equal('4200000.00');
  });

  it('pays a flat 2% interest subsidy on the outstanding principal, capped at the interest paid: 4% becomes 2%', () => {
    const flows: CostFlow[] = [
      { date: '2023-01-01', amount: 10_000_000, kind: 'proceeds' },
      { date: '2024-01-01', amount: -400_000, kind: 'interest' },
      { date: '2024-01-01', amount: -10_000_000, kind: 'principal' },
    ];
    const r = allInCost(flows, { kind: 'flat-rate', rate: 0.02 });
    expect(r.subsidy.total.toFixed(2)).to.equal('200000.00'); // 10 M × 2% × 365/365
    expect(r.costRate).to.be.closeTo(0.04, 1e-12);
    expect(r.subsidyAdjustedCostRate).to.be.closeTo(0.02, 1e-12);
    const r9 = allInCost(flows, { kind: 'flat-rate', rate: 0.09 });
    expect(r9.subsidy.total.toFixed(2)).to.equal('400000.00'); // never more than the interest
  });

  it('accrues a flat subsidy on each batch from its own drawdown date', () => {
    const flows: CostFlow[] = [
      { date: '2023-01-01', amount: 1_000_000, kind: 'proceeds' },
      { date: '2023-07-02', amount: 1_000_000, kind: 'proceeds' }, // day 182
      { date: '2024-01-01', amount: -100_000, kind: 'interest' }, // day 365
      { date: '2024-01-01', amount: -2_000_000, kind: 'principal' },
    ];
    // 1 M × 2% × 365/365 + 1 M × 2% × 183/365 = 20,000 + 10,027.40
    expect(subsidyFlows(flows, { kind: 'flat-rate', rate: 0.02 }).total.toFixed(2)).to.equal('30027.40');
  });

  it('delays the subsidy by lagDays, which raises the subsidised cost a little', () => {
    const now = allInCost(bigLoan, { kind: 'share-of-interest-and-fees', share: 0.7 });
    const late = allInCost(bigLoan, { kind: 'share-of-interest-and-fees', share: 0.7, lagDays: 90 });
    expect(late.subsidy.flows[1]!.date).to.equal('2024-05-29');
    expect(late.subsidyAdjustedCostRate).to.be.greaterThan(now.subsidyAdjustedCostRate);
  });

  it('refuses flows with the wrong sign for their kind, naming the flow', () => {
    expect(() => allInCost([...bigLoan, { date: '2024-02-29', amount: 5, kind: 'interest' }]))
      .to.throw(/flows\[4\]\.amount: a "interest" flow is money the firm pays and must be negative or zero, got 5/);
    expect(() => allInCost([{ date: '2023-01-01', amount: -5, kind: 'proceeds' }, ...bigLoan]))
      .to.throw(/flows\[0\]\.amount: "proceeds" is money the firm receives and must be positive/);
    expect(() => allInCost([{ date: '2023-01-01', amount: 5, kind: 'gift' as 'other' }])).to.throw(/flows\[0\]\.kind: must be one of/);
  });

  it('caps each firm separately and gives the deal the IRR of all flows together', () => {
    const small: CostFlow[] = [
      { date: '2023-03-01', amount: 2_000_000, kind: 'proceeds' },
      { date: '2024-02-29', amount: -100_000, kind: 'interest' },
      { date: '2024-02-29', amount: -2_000_000, kind: 'principal' },
    ];
    const d = dealAllInCost([
      { id: 'big', flows: bigLoan, subsidy: FUTIAN_IP_LOAN_SUBSIDY },
      { id: 'small', flows: small, subsidy: FUTIAN_IP_LOAN_SUBSIDY },
    ]);
    expect(d.firms[1]!.subsidyAdjustedCostRate).to.be.closeTo(0.015, 1e-12); // 5% × 30%
    expect(d.subsidyTotal.toFixed(2)).to.equal('3070000.00');
    // together: day 0 receives 99 M + 2 M + 0.7 M; day 365 pays 105 M + 2.1 M − 2.3 M − 0.07 M
    expect(d.subsidyAdjustedCostRate).to.be.closeTo((105 + 2.1 - 2.3 - 0.07) / (99 + 2 + 0.7) - 1, 1e-12);
    expect(() => dealAllInCost([{ id: 'a', flows: small }, { id: 'a', flows: small }])).to.throw(/firms\[1\]\.id: duplicate firm id "a"/);
  });
});

describe('cost/loan-schedule: a plain loan\'s payments', () => {
  it('先息后本: 2 M at 3.95% quarterly on ACT/360 from 2023-08-21 pays 20,188.89 for 92 days and 19,750.00 for 90', () => {
    const s = loanSchedule({
      principal: 2_000_000, startDate: '2023-08-21', termMonths: 12, annualRate: 0.0395,
      paymentMonths: 3, amortization: 'interest-only', dayCount: 'ACT/360',
    });
    expect(s.map((p) => [p.date, p.days, p.interest.toFixed(2), p.principal.toFixed(2)])).to.deep.equal([
      ['2023-11-21', 92, '20188.89', '0.00'],
      ['2024-02-21', 92, '20188.89', '0.00'],
      ['2024-05-21', 90, '19750.00', '0.00'],
      ['2024-08-21', 92, '20188.89', '2000000.00'],
    ]);
  });

  it('等额本金: equal principal, interest on the falling balance; the last payment takes any remainder', () => {
    const s = loanSchedule({
      principal: 1_000_000, startDate: '2024-01-31', termMonths: 3, annualRate: 0.0365,
      paymentMonths: 1, amortization: 'equal-principal', dayCount: 'ACT/365F',
    });
    expect(s.map((p) => p.date)).to.deep.equal(['2024-02-29', '2024-03-31', '2024-04-30']);
    expect(s.map((p) => p.principal.toFixed(2))).to.deep.equal(['333333.33', '333333.33', '333333.34']);
    expect(s[0]!.interest.toFixed(2)).to.equal('2900.00'); // 1,000,000 × 3.65% × 29/365
  });

  it('refuses a payment period that does not divide the term', () => {
    expect(() => loanSchedule({ principal: 1, startDate: '2024-01-01', termMonths: 12, annualRate: 0.03, paymentMonths: 5, amortization: 'interest-only', dayCount: 'ACT/360' }))
      .to.throw(/paymentMonths: must divide the term of 12 months, got 5/);
  });
});

import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { npv, xirr } from '../../../models/money/xirr.js';

describe('money/xirr: the annual internal rate of return on ACT/365F', () => {
  it('solves a hand-worked two-year example: -1000, +500 after 365 days, +600 after 730 days → 6.3941%', () => {
    // With x = 1 + r and exponents exactly 1 and 2 (2024 is a leap year, so 2024-12-31 is day 730):
    //   -1000 + 500/x + 600/x² = 0  ⇔  1000x² − 500x − 600 = 0
    //   x = (500 + √(500² + 4·1000·600)) / 2000 = (500 + √2,650,000) / 2000 = (500 + 1627.88206) / 2000
    //     = 1.06394103  →  r = 6.394103%
    const r = xirr([
      { date: '2023-01-01', amount: -1000 },
      { date: '2024-01-01', amount: 500 },
      { date: '2024-12-31', amount: 600 },
    ]);
    expect(r).to.be.closeTo(0.06394103, 1e-8);
  });

  it('gives 10% for -100 then +110 a 365-day year later, and 6% for a borrower who gets 1000 and repays 1060', () => {
    expect(xirr([{ date: '2023-03-01', amount: -100 }, { date: '2024-02-29', amount: 110 }])).to.be.closeTo(0.1, 1e-12);
    expect(xirr([{ date: '2023-03-01', amount: 1000 }, { date: '2024-02-29', amount: -1060 }])).to.be.closeTo(0.06, 1e-12);
  });

  it('counts days, not months: 1,000 repaid with 1,010 after 73 days is (1.01)^(365/73) − 1 = 5.1010%', () => {
    const r = xirr([{ date: '2023-01-01', amount: 1000 }, { date: '2023-03-15', amount: '-1010' }]);
    expect(r).to.be.closeTo(Math.pow(1.01, 5) - 1, 1e-12);
  });

  it('takes flows in any order and Decimal or string amounts', () => {
    const r = xirr([
      { date: '2024-12-31', amount: new Decimal(600) },
      { date: '2023-01-01', amount: '-1000' },
      { date: '2024-01-01', amount: 500 },
    ]);
    expect(r).to.be.closeTo(0.06394103, 1e-8);
  });

  it('falls back to bisection when Newton leaves the domain (a start guess of 500%)', () => {
    const flows = [{ date: '2023-01-01', amount: 1000 }, { date: '2024-01-01', amount: -1060 }];
    expect(xirr(flows, 5)).to.be.closeTo(0.06, 1e-12);
  });

  it('finds negative rates (money lost) too', () => {
    expect(xirr([{ date: '2023-01-01', amount: -1000 }, { date: '2024-01-01', amount: 900 }])).to.be.closeTo(-0.1, 1e-12);
  });

  it('refuses flows without a sign change, with one flow, or with a bad date', () => {
    expect(() => xirr([{ date: '2023-01-01', amount: 5 }, { date: '2024-01-01', amount: 6 }])).to.throw(/no sign change.*only positive/);
    expect(() => xirr([{ date: '2023-01-01', amount: -5 }])).to.throw(/at least two dated amounts/);
    expect(() => xirr([{ date: '2023-13-01', amount: -5 }, { date: '2024-01-01', amount: 6 }])).to.throw(/flows\[0\]\.date: must be a real date/);
  });

  it('npv at the IRR is zero', () => {
    const flows = [{ date: '2023-01-01', amount: -1000 }, { date: '2023-07-01', amount: 30 }, { date: '2024-01-01', amount: 1030 }];
    expect(npv(flows, xirr(flows))).to.be.closeTo(0, 1e-9);
  });
});

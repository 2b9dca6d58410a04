import { expect } from 'chai';
import { breakEvenFee, discountFactor } from '../../../models/sizing/break-even-fee.js';

describe('break-even fee (盈亏平衡担保费率)', () => {
  it('on a one-year bullet with one payment date is expected draws / covered balance, whatever the discount rate', () => {
    // Fee and draw fall on the same date, so discounting cancels: 100,000 / 100 M = 0.10% a year.
    for (const r of [0, 0.027, 0.1]) {
      const f = breakEvenFee([{ years: 1, coveredBalance: 100_000_000, expectedDraw: 100_000 }], r);
      expect(f.annualRate).to.be.closeTo(0.001, 1e-15);
    }
  });

  it('charges the fee quarterly but the draw comes at maturity: PV(draws) / Σ DF·B·τ', () => {
    // r = 2.7%: DF(0.25, 0.5, 0.75, 1) = 0.993362, 0.986767, 0.980217, 0.973710 (sum 3.934056);
    // fee annuity = 100 M × 0.25 × 3.934056 = 98,351,393; PV of the 40,000 draw at t = 1 is 38,948.39;
    // f = 38,948.39 / 98,351,393 = 0.039601% a year: a little below 40,000 / 100 M = 0.04%, because
    // the fee comes in over the year while the draw is paid at its end.
    const periods = [0.25, 0.5, 0.75, 1].map((years) => ({ years, coveredBalance: 100_000_000, expectedDraw: years === 1 ? 40_000 : 0 }));
    const f = breakEvenFee(periods, 0.027);
    expect(f.pvFeeAnnuity).to.be.closeTo(98_351_392.69, 0.01);
    expect(f.pvExpectedDraws).to.be.closeTo(38_948.39, 0.01);
    expect(f.annualRate).to.be.closeTo(0.00039601263, 1e-11);
    expect(f.expectedDraws).to.equal(40_000);
  });

  it('charges the fee on the balance outstanding in each period (an amortizing note)', () => {
    // 100 M for the first half-year, 50 M for the second, draw 30,000 at t = 1, r = 3%:
    // f = 30,000 × 1.03⁻¹ / (100 M × 0.5 × 1.03^−0.5 + 50 M × 0.5 × 1.03⁻¹) = 29,126.21 / 73,538,308.57.
    const f = breakEvenFee([
      { years: 0.5, coveredBalance: 100_000_000, expectedDraw: 0 },
      { years: 1, coveredBalance: 50_000_000, expectedDraw: 30_000 },
    ], 0.03);
    expect(f.annualRate).to.be.closeTo(0.00039606858, 1e-11);
    expect(discountFactor(0.03, 1)).to.be.closeTo(1 / 1.03, 1e-15);
  });

  it('counts draws after the last payment date (no balance left to charge) in the present value only', () => {
    const f = breakEvenFee([
      { years: 1, coveredBalance: 100_000_000, expectedDraw: 0 },
      { years: 1.5, coveredBalance: 0, expectedDraw: 100_000 },
    ], 0);
    expect(f.pvFeeAnnuity).to.equal(100_000_000);
    expect(f.annualRate).to.be.closeTo(0.001, 1e-15);
  });

  it('names the bad input', () => {
    expect(() => breakEvenFee([{ years: 1, coveredBalance: 1, expectedDraw: 0 }], -1)).to.throw(/^discountRate: must be an annual rate above -1 and at most 1 \(0\.027 = 2\.7%\), got -1$/);
    expect(() => breakEvenFee([], 0.03)).to.throw(/^periods: need at least one payment period$/);
    expect(() => breakEvenFee([{ years: 1, coveredBalance: 1, expectedDraw: 0 }, { years: 1, coveredBalance: 1, expectedDraw: 0 }], 0.03))
      .to.throw(/^periods\[1\]\.years: payment dates must come after issue and each other, got 1 after 1$/);
    expect(() => breakEvenFee([{ years: 1, coveredBalance: 0, expectedDraw: 5 }], 0.03)).to.throw(/covered balance is 0 throughout/);
    expect(() => breakEvenFee([{ years: 1, coveredBalance: 10, expectedDraw: -5 }], 0.03)).to.throw(/^periods\[0\]\.expectedDraw: must be 0 or more, got -5$/);
  });
});

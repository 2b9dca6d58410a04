import { expect } from 'chai';
import { LPR_CHANGES, LPR_CONFIRMED_THROUGH, LPR_FIXINGS, lprFixingOn, lprOn } from '../../../models/market/lpr.js';

describe('market/lpr: the loan prime rate in force on a date', () => {
  it('gives the brief\'s 1-year fixings on and after their dates', () => {
    expect(lprOn('2023-01-20', '1Y')).to.equal(0.0365);
    expect(lprOn('2023-06-20', '1Y')).to.equal(0.0355);
    expect(lprOn('2023-08-21', '1Y')).to.equal(0.0345);
    expect(lprOn('2024-07-22', '1Y')).to.equal(0.0335);
    expect(lprOn('2024-10-21', '1Y')).to.equal(0.031);
    expect(lprOn('2025-05-20', '1Y')).to.equal(0.03);
  });

  it('keeps the old rate on the day before a fixing and switches on the fixing day', () => {
    expect(lprOn('2023-08-20', '1Y')).to.equal(0.0355);
    expect(lprOn('2023-08-21', '1Y')).to.equal(0.0345);
  });

  it('tracks the 5-year-and-over rate separately (it moved alone on 2024-02-20)', () => {
    expect(lprOn('2024-02-19', '5Y')).to.equal(0.042);
    expect(lprOn('2024-02-20', '5Y')).to.equal(0.0395);
    expect(lprOn('2024-02-20', '1Y')).to.equal(0.0345);
    expect(lprOn('2022-05-20', '5Y')).to.equal(0.0445);
    expect(lprOn('2025-06-01', '5Y')).to.equal(0.035);
  });

  it('starts at the first reformed fixing (4.25% / 4.85% on 2019-08-20) and refuses earlier dates', () => {
    expect(lprOn('2019-08-20', '1Y')).to.equal(0.0425);
    expect(lprOn('2019-08-20', '5Y')).to.equal(0.0485);
    expect(() => lprOn('2019-08-19', '1Y')).to.throw(/no loan prime rate before 2019-08-20.*got 2019-08-19/);
  });

  it('holds the last known rate flat after the confirmed date and flags it', () => {
    const within = lprFixingOn(LPR_CONFIRMED_THROUGH, '1Y');
    expect(within).to.deep.equal({ tenor: '1Y', rate: 0.03, fixingDate: '2025-05-20', heldFlat: false });
    const later = lprFixingOn('2027-03-01', '1Y');
    expect(later.rate).to.equal(0.03);
    expect(later.heldFlat).to.equal(true);
  });

  it('refuses malformed dates and unknown tenors with the field named', () => {
    expect(() => lprOn('2023-02-30', '1Y')).to.throw(/date: must be a real date/);
    expect(() => lprOn('2023-06-20', '3Y' as '1Y')).to.throw(/tenor: must be "1Y" or "5Y", got "3Y"/);
  });

  it('lists each change once, in date order, with the percent view kept for older callers', () => {
    const dates = LPR_CHANGES.map((c) => c.date);
    expect([...dates].sort()).to.deep.equal(dates);
    expect(LPR_FIXINGS[LPR_FIXINGS.length - 1]).to.deep.equal(['2025-05-20', 3, 3.5]);
    for (let i = 1; i < LPR_CHANGES.length; i++) {
      const a = LPR_CHANGES[i - 1]!;
      const b = LPR_CHANGES[i]!;
      expect(a.oneYearBp !== b.oneYearBp || a.fiveYearBp !== b.fiveYearBp, b.date).to.equal(true);
    }
  });
});

import { expect } from 'chai';
import { days30360, daysBetween, yearFraction, type DayCount } from '../../../models/calendar/day-count.js';

describe('day-count: daysBetween', () => {
  it('counts actual days, across a leap day and signed', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).to.equal(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).to.equal(1);
    expect(daysBetween('2023-03-15', '2024-03-15')).to.equal(366);
    expect(daysBetween('2024-03-15', '2023-03-15')).to.equal(-366);
    expect(daysBetween('2024-10-01', '2024-10-01')).to.equal(0);
  });
});

describe('day-count: ACT/365F and ACT/360', () => {
  it('divides actual days by 365 or 360 even in a leap year', () => {
    // Yuhang ABN shape: 1-year note from 2023-03-15 spans 29 Feb 2024
    expect(yearFraction('2023-03-15', '2024-03-15', 'ACT/365F')).to.equal(366 / 365);
    expect(yearFraction('2023-03-15', '2024-03-15', 'ACT/360')).to.equal(366 / 360);
    expect(yearFraction('2024-01-01', '2024-04-01', 'ACT/365F')).to.equal(91 / 365);
  });
});

describe('day-count: ACT/ACT-ISDA', () => {
  it('splits a period across calendar years: leap-year days / 366, other days / 365', () => {
    // 2023-07-01 → 2024-01-01: 184 days of 2023; 2024-01-01 → 2024-07-01: 182 days of 2024 (leap)
    expect(yearFraction('2023-07-01', '2024-07-01', 'ACT/ACT-ISDA')).to.be.closeTo(184 / 365 + 182 / 366, 1e-15);
  });

  it('uses /366 for a period wholly inside a leap year', () => {
    expect(yearFraction('2024-02-01', '2024-03-01', 'ACT/ACT-ISDA')).to.equal(29 / 366);
  });

  it('is exactly 1 for each whole calendar year and adds whole years in between', () => {
    expect(yearFraction('2024-01-01', '2025-01-01', 'ACT/ACT-ISDA')).to.equal(1);
    expect(yearFraction('2023-12-31', '2026-01-01', 'ACT/ACT-ISDA')).to.be.closeTo(1 / 365 + 2 + 0, 1e-15);
    expect(yearFraction('2023-11-15', '2026-02-15', 'ACT/ACT-ISDA')).to.be.closeTo(47 / 365 + 1 + 1 + 45 / 365, 1e-15);
  });

  it('differs from ACT/365F across 29 February', () => {
    const isda = yearFraction('2023-03-15', '2024-03-15', 'ACT/ACT-ISDA');
    expect(isda).to.be.closeTo(292 / 365 + 74 / 366, 1e-15);
    expect(isda).to.be.lessThan(yearFraction('2023-03-15', '2024-03-15', 'ACT/365F'));
  });
});

describe('day-count: 30/360 Bond Basis (ISDA 2006 4.16(f))', () => {
  it('treats the 31st as the 30th at the start', () => {
    expect(days30360('2024-01-31', '2024-04-30')).to.equal(90);
    expect(days30360('2024-03-31', '2024-04-30')).to.equal(30);
  });

  it('treats an end on the 31st as the 30th only when the start is the 30th or 31st', () => {
    expect(days30360('2024-01-30', '2024-03-31')).to.equal(60);
    expect(days30360('2024-01-31', '2024-03-31')).to.equal(60);
    expect(days30360('2024-02-29', '2024-03-31')).to.equal(32); // D1 = 29, so D2 stays 31
    expect(days30360('2024-03-15', '2024-03-31')).to.equal(16);
  });

  it('does not apply the end-of-February rule (that is the SIA variant, not Bond Basis)', () => {
    expect(days30360('2024-01-31', '2024-02-29')).to.equal(29);
    expect(days30360('2023-02-28', '2023-03-31')).to.equal(33);
    expect(days30360('2023-08-31', '2024-02-29')).to.equal(179);
  });

  it('gives a whole year as exactly 1 whatever the days', () => {
    expect(yearFraction('2023-03-15', '2024-03-15', '30/360')).to.equal(1);
    expect(yearFraction('2023-06-30', '2023-12-31', '30/360')).to.equal(0.5);
  });
});

describe('day-count: edge cases and errors', () => {
  const all: DayCount[] = ['ACT/365F', 'ACT/360', 'ACT/ACT-ISDA', '30/360'];

  it('is zero for an empty period and antisymmetric for a reversed one', () => {
    for (const dc of all) {
      expect(yearFraction('2024-05-05', '2024-05-05', dc), dc).to.equal(0);
      expect(yearFraction('2024-06-30', '2023-02-15', dc), dc).to.equal(-yearFraction('2023-02-15', '2024-06-30', dc));
    }
  });

  it('rejects unknown conventions and malformed dates', () => {
    expect(() => yearFraction('2024-01-01', '2024-02-01', 'ACT/365L' as DayCount)).to.throw(/Unknown day count/);
    expect(() => yearFraction('2024-01-01', '2024-13-01', 'ACT/365F')).to.throw(/Invalid date/);
  });
});

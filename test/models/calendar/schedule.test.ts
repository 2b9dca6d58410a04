import { expect } from 'chai';
import {
  addMonths,
  generateSchedule,
  isEndOfMonth,
  periodsPerYear,
  scheduleDates,
  type ScheduleOptions,
} from '../../../models/calendar/schedule.js';
import { yearFraction } from '../../../models/calendar/day-count.js';

describe('schedule: addMonths and isEndOfMonth', () => {
  it('clips to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1, false)).to.equal('2024-02-29');
    expect(addMonths('2023-01-31', 1, false)).to.equal('2023-02-28');
    expect(addMonths('2024-03-31', -1, false)).to.equal('2024-02-29');
    expect(addMonths('2024-08-31', 1, false)).to.equal('2024-09-30');
  });

  it('keeps month ends with the end-of-month rule, and not without it', () => {
    expect(addMonths('2024-02-29', 1, true)).to.equal('2024-03-31');
    expect(addMonths('2024-02-29', 1, false)).to.equal('2024-03-29');
    expect(addMonths('2024-04-30', 1, true)).to.equal('2024-05-31');
    expect(addMonths('2024-04-29', 1, true)).to.equal('2024-05-29'); // not a month end
  });

  it('crosses year boundaries both ways', () => {
    expect(addMonths('2023-11-15', 3, false)).to.equal('2024-02-15');
    expect(addMonths('2024-02-15', -14, false)).to.equal('2022-12-15');
    expect(addMonths('2024-02-15', 0, true)).to.equal('2024-02-15');
  });

  it('recognises month ends, including 29 Feb in leap years only', () => {
    expect(isEndOfMonth('2024-02-29')).to.equal(true);
    expect(isEndOfMonth('2023-02-28')).to.equal(true);
    expect(isEndOfMonth('2024-02-28')).to.equal(false);
    expect(isEndOfMonth('2024-04-30')).to.equal(true);
    expect(isEndOfMonth('2024-05-30')).to.equal(false);
  });
});

describe('schedule: generateSchedule', () => {
  it('builds a quarterly 1-year interbank schedule from 2023-03-15 (Yuhang ABN shape)', () => {
    const s = generateSchedule({
      start: '2023-03-15',
      end: '2024-03-15',
      frequency: 'quarterly',
      roll: 'following',
      calendar: 'CN-IB',
    });
    expect(s).to.deep.equal([
      { index: 1, accrualStart: '2023-03-15', accrualEnd: '2023-06-15', paymentDate: '2023-06-15' },
      { index: 2, accrualStart: '2023-06-15', accrualEnd: '2023-09-15', paymentDate: '2023-09-15' },
      { index: 3, accrualStart: '2023-09-15', accrualEnd: '2023-12-15', paymentDate: '2023-12-15' },
      { index: 4, accrualStart: '2023-12-15', accrualEnd: '2024-03-15', paymentDate: '2024-03-15' },
    ]);
  });

  it('rolls a payment date inside National Day 2024 to Tuesday 8 Oct but accrues to the unadjusted date', () => {
    const s = generateSchedule({
      start: '2024-07-03',
      end: '2025-07-03',
      frequency: 'quarterly',
      roll: 'following',
      calendar: 'CN-IB',
    });
    expect(s[0]).to.deep.equal({
      index: 1,
      accrualStart: '2024-07-03',
      accrualEnd: '2024-10-03',
      paymentDate: '2024-10-08',
    });
    // 顺延期间付息款项不另计利息: next period still starts on 3 Oct
    expect(s[1]?.accrualStart).to.equal('2024-10-03');
    expect(yearFraction(s[0]?.accrualStart ?? '', s[0]?.accrualEnd ?? '', 'ACT/365F')).to.equal(92 / 365);
  });

  it('builds an end-of-month schedule from a February month end, rolling weekend month ends on the exchange', () => {
    const s = generateSchedule({
      start: '2024-02-29',
      end: '2024-08-31',
      frequency: 'monthly',
      roll: 'following',
      calendar: 'CN-EX',
      endOfMonth: true,
    });
    expect(s.map((p) => p.accrualEnd)).to.deep.equal([
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
    ]);
    expect(s.map((p) => p.paymentDate)).to.deep.equal([
      '2024-04-01', // Sun 31 Mar
      '2024-04-30',
      '2024-05-31',
      '2024-07-01', // Sun 30 Jun
      '2024-07-31',
      '2024-09-02', // Sat 31 Aug
    ]);
  });

  it('without the end-of-month rule keeps the start day (clipped) instead', () => {
    const dates = scheduleDates({
      start: '2024-02-29',
      end: '2024-05-29',
      frequency: 'monthly',
      roll: 'unadjusted',
      calendar: 'NONE',
    });
    expect(dates).to.deep.equal(['2024-02-29', '2024-03-29', '2024-04-29', '2024-05-29']);
  });

  it('computes each date from the start so a clipped 31st does not drift', () => {
    const dates = scheduleDates({
      start: '2024-01-31',
      end: '2024-05-31',
      frequency: 'monthly',
      roll: 'unadjusted',
      calendar: 'NONE',
    });
    expect(dates).to.deep.equal(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
  });

  it('uses modified-following for a quarter end inside the 2023 Mid-Autumn/National Day break', () => {
    const s = generateSchedule({
      start: '2023-06-30',
      end: '2023-12-31',
      frequency: 'quarterly',
      roll: 'modified-following',
      calendar: 'CN-EX',
      endOfMonth: true,
    });
    expect(s.map((p) => [p.accrualEnd, p.paymentDate])).to.deep.equal([
      ['2023-09-30', '2023-09-28'],
      ['2023-12-31', '2023-12-29'],
    ]);
  });

  it('puts a short stub at the end by default and at the start on request', () => {
    const base: ScheduleOptions = {
      start: '2024-01-15',
      end: '2024-08-01',
      frequency: 'quarterly',
      roll: 'unadjusted',
      calendar: 'NONE',
    };
    expect(scheduleDates(base)).to.deep.equal(['2024-01-15', '2024-04-15', '2024-07-15', '2024-08-01']);
    expect(scheduleDates({ ...base, stub: 'short-initial' })).to.deep.equal([
      '2024-01-15',
      '2024-02-01',
      '2024-05-01',
      '2024-08-01',
    ]);
  });

  it('makes one period for a bullet', () => {
    const s = generateSchedule({
      start: '2023-03-15',
      end: '2024-10-01',
      frequency: 'bullet',
      roll: 'following',
      calendar: 'CN-IB',
    });
    expect(s).to.deep.equal([
      { index: 1, accrualStart: '2023-03-15', accrualEnd: '2024-10-01', paymentDate: '2024-10-08' },
    ]);
  });

  it('knows periods per year', () => {
    expect(periodsPerYear('monthly')).to.equal(12);
    expect(periodsPerYear('semiannual')).to.equal(2);
    expect(periodsPerYear('bullet')).to.equal(0);
  });

  it('produces semiannual and annual schedules', () => {
    const base = { start: '2023-03-31', end: '2025-03-31', roll: 'unadjusted', calendar: 'NONE', endOfMonth: true } as const;
    expect(scheduleDates({ ...base, frequency: 'semiannual' })).to.deep.equal([
      '2023-03-31',
      '2023-09-30',
      '2024-03-31',
      '2024-09-30',
      '2025-03-31',
    ]);
    expect(scheduleDates({ ...base, frequency: 'annual' })).to.deep.equal(['2023-03-31', '2024-03-31', '2025-03-31']);
  });
});

describe('schedule: validation', () => {
  const ok: ScheduleOptions = {
    start: '2024-01-15',
    end: '2025-01-15',
    frequency: 'quarterly',
    roll: 'following',
    calendar: 'CN-IB',
  };

  it('rejects an end that is not after the start', () => {
    expect(() => generateSchedule({ ...ok, end: '2024-01-15' })).to.throw(/end 2024-01-15 must be after start 2024-01-15/);
    expect(() => generateSchedule({ ...ok, end: '2023-01-15' })).to.throw(/must be after start/);
  });

  it('rejects bad dates, frequencies, rolls, calendars and stubs with clear messages', () => {
    expect(() => generateSchedule({ ...ok, start: '2024-1-15' })).to.throw(/start "2024-1-15" is not a valid/);
    expect(() => generateSchedule({ ...ok, frequency: 'weekly' as 'monthly' })).to.throw(/unknown frequency/);
    expect(() => generateSchedule({ ...ok, roll: 'nearest' as 'following' })).to.throw(/unknown roll/);
    expect(() => generateSchedule({ ...ok, calendar: 'US' as 'NONE' })).to.throw(/unknown calendar/);
    expect(() => generateSchedule({ ...ok, stub: 'long-final' as 'short-final' })).to.throw(/unknown stub/);
  });

  it('throws when a payment date falls outside the holiday data', () => {
    expect(() => generateSchedule({ ...ok, start: '2027-06-30', end: '2028-06-30' })).to.throw(/outside/);
  });
});

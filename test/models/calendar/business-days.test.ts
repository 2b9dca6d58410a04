import { expect } from 'chai';
import {
  addBusinessDays,
  adjustDate,
  businessDaysBetween,
  calendarRange,
  describeDay,
  holidayName,
  isBusinessDay,
  type CalendarId,
} from '../../../models/calendar/business-days.js';
import { dateRange } from '../../../models/calendar/iso-date.js';

const open = (d: string, cal: CalendarId): boolean => isBusinessDay(d, cal);

describe('business-days: Spring Festival 2023 (国办发明电〔2022〕16号)', () => {
  it('closes both markets 21–27 Jan 2023', () => {
    for (const d of dateRange('2023-01-21', '2023-01-27')) {
      expect(open(d, 'CN-IB'), d).to.equal(false);
      expect(open(d, 'CN-EX'), d).to.equal(false);
      expect(holidayName(d, 'CN-IB'), d).to.equal('春节 Spring Festival');
    }
  });

  it('opens the interbank market but not the exchanges on the make-up weekend 28–29 Jan 2023', () => {
    for (const d of ['2023-01-28', '2023-01-29']) {
      expect(open(d, 'CN-IB'), d).to.equal(true);
      expect(open(d, 'CN-EX'), d).to.equal(false);
      expect(describeDay(d, 'CN-IB').kind).to.equal('makeup-workday');
      expect(holidayName(d, 'CN-EX'), d).to.equal(undefined);
    }
  });

  it('reopens both on Monday 2023-01-30, and 20 Jan (Fri) was open', () => {
    expect(open('2023-01-30', 'CN-IB')).to.equal(true);
    expect(open('2023-01-30', 'CN-EX')).to.equal(true);
    expect(open('2023-01-20', 'CN-EX')).to.equal(true);
  });
});

describe('business-days: Spring Festival 2024 (国办发明电〔2023〕7号)', () => {
  it('closes both markets 10–17 Feb 2024', () => {
    for (const d of dateRange('2024-02-10', '2024-02-17')) {
      expect(open(d, 'CN-IB'), d).to.equal(false);
      expect(open(d, 'CN-EX'), d).to.equal(false);
    }
  });

  it('opens the interbank market on make-up Sundays 4 Feb and 18 Feb 2024; the exchanges stay closed', () => {
    for (const d of ['2024-02-04', '2024-02-18']) {
      expect(open(d, 'CN-IB'), d).to.equal(true);
      expect(open(d, 'CN-EX'), d).to.equal(false);
    }
  });

  it('keeps the exchanges closed on 除夕 Friday 2024-02-09 while the interbank market is open', () => {
    expect(open('2024-02-09', 'CN-IB')).to.equal(true);
    expect(open('2024-02-09', 'CN-EX')).to.equal(false);
    expect(describeDay('2024-02-09', 'CN-EX').kind).to.equal('exchange-closure');
    expect(holidayName('2024-02-09', 'CN-EX')).to.match(/除夕/);
    expect(holidayName('2024-02-09', 'CN-IB')).to.equal(undefined);
  });

  it('gives the last exchange trading day before the break as Thursday 8 Feb, and the first after as Monday 19 Feb', () => {
    expect(adjustDate('2024-02-09', 'preceding', 'CN-EX')).to.equal('2024-02-08');
    expect(adjustDate('2024-02-09', 'following', 'CN-EX')).to.equal('2024-02-19');
    expect(adjustDate('2024-02-10', 'following', 'CN-IB')).to.equal('2024-02-18');
  });
});

describe('business-days: National Day 2024', () => {
  it('closes both markets 1–7 Oct 2024 and reopens on Tuesday 8 Oct', () => {
    for (const d of dateRange('2024-10-01', '2024-10-07')) {
      expect(open(d, 'CN-IB'), d).to.equal(false);
      expect(open(d, 'CN-EX'), d).to.equal(false);
      expect(holidayName(d, 'CN-EX')).to.equal('国庆节 National Day');
    }
    expect(open('2024-10-08', 'CN-IB')).to.equal(true);
    expect(open('2024-10-08', 'CN-EX')).to.equal(true);
  });

  it('treats Sunday 29 Sep and Saturday 12 Oct 2024 as interbank working days, exchange closures', () => {
    for (const d of ['2024-09-29', '2024-10-12']) {
      expect(open(d, 'CN-IB'), d).to.equal(true);
      expect(open(d, 'CN-EX'), d).to.equal(false);
    }
  });

  it('counts a make-up Saturday when adding business days on CN-IB only', () => {
    expect(addBusinessDays('2024-10-11', 1, 'CN-IB')).to.equal('2024-10-12'); // Sat, make-up day
    expect(addBusinessDays('2024-10-11', 1, 'CN-EX')).to.equal('2024-10-14');
    expect(addBusinessDays('2024-09-30', 1, 'CN-IB')).to.equal('2024-10-08');
    expect(addBusinessDays('2024-10-08', -1, 'CN-IB')).to.equal('2024-09-30');
    expect(addBusinessDays('2024-09-27', 1, 'CN-IB')).to.equal('2024-09-29'); // make-up Sunday
  });
});

describe('business-days: other years', () => {
  it('2025: 除夕 28 Jan is a statutory holiday (2024 revision of the statute)', () => {
    expect(open('2025-01-28', 'CN-IB')).to.equal(false);
    expect(open('2025-01-26', 'CN-IB')).to.equal(true); // make-up Sunday
    expect(open('2025-02-08', 'CN-IB')).to.equal(true); // make-up Saturday
    expect(open('2025-02-08', 'CN-EX')).to.equal(false);
  });

  it('2020: markets stayed shut to 2 Feb after the epidemic extension; 31 Jan was closed for both', () => {
    expect(open('2020-01-31', 'CN-IB')).to.equal(false);
    expect(open('2020-01-31', 'CN-EX')).to.equal(false);
    expect(open('2020-02-01', 'CN-IB')).to.equal(false); // would have been a make-up Saturday
    expect(adjustDate('2020-01-24', 'following', 'CN-IB')).to.equal('2020-02-03');
  });

  it('NONE is weekends only, for any date', () => {
    expect(open('2024-10-01', 'NONE')).to.equal(true);
    expect(open('2024-10-12', 'NONE')).to.equal(false);
    expect(open('1999-12-31', 'NONE')).to.equal(true);
    expect(open('2031-02-01', 'NONE')).to.equal(false);
    expect(calendarRange('NONE')).to.equal(undefined);
  });
});

describe('business-days: rolls', () => {
  it('following from the Friday before the 2023 Mid-Autumn/National Day break lands on the make-up Saturday for CN-IB', () => {
    // 2023-09-29 .. 2023-10-06 off; Saturday 7 Oct is a make-up working day.
    expect(adjustDate('2023-09-29', 'following', 'CN-IB')).to.equal('2023-10-07');
    expect(adjustDate('2023-09-29', 'following', 'CN-EX')).to.equal('2023-10-09');
  });

  it('modified-following does not cross a month end over a holiday: it falls back to the last business day of the month', () => {
    expect(adjustDate('2023-09-29', 'modified-following', 'CN-IB')).to.equal('2023-09-28');
    expect(adjustDate('2023-09-30', 'modified-following', 'CN-EX')).to.equal('2023-09-28');
    // 2025-01-31 (Fri) is inside the 2025 Spring Festival break
    expect(adjustDate('2025-01-31', 'following', 'CN-IB')).to.equal('2025-02-05');
    expect(adjustDate('2025-01-31', 'modified-following', 'CN-IB')).to.equal('2025-01-27');
  });

  it('modified-following stays in the month when it can', () => {
    expect(adjustDate('2024-10-03', 'modified-following', 'CN-IB')).to.equal('2024-10-08');
  });

  it('preceding moves back over a holiday, and modified-preceding will not leave the month', () => {
    expect(adjustDate('2024-10-07', 'preceding', 'CN-EX')).to.equal('2024-09-30');
    expect(adjustDate('2024-10-07', 'preceding', 'CN-IB')).to.equal('2024-09-30');
    expect(adjustDate('2024-10-02', 'modified-preceding', 'CN-EX')).to.equal('2024-10-08');
    expect(adjustDate('2024-10-13', 'preceding', 'CN-IB')).to.equal('2024-10-12'); // make-up Saturday
  });

  it('leaves business days alone and never moves an unadjusted date', () => {
    expect(adjustDate('2024-03-15', 'following', 'CN-IB')).to.equal('2024-03-15');
    expect(adjustDate('2024-10-01', 'unadjusted', 'CN-IB')).to.equal('2024-10-01');
  });

  it('addBusinessDays(…, 0) returns the date itself', () => {
    expect(addBusinessDays('2024-10-01', 0, 'CN-IB')).to.equal('2024-10-01');
  });

  it('counts business days between dates', () => {
    // Sep 30 (Mon) → Oct 12 (Sat): Oct 8, 9, 10, 11 and the make-up Saturday 12 Oct
    expect(businessDaysBetween('2024-09-30', '2024-10-12', 'CN-IB')).to.equal(5);
    expect(businessDaysBetween('2024-09-30', '2024-10-12', 'CN-EX')).to.equal(4);
    expect(businessDaysBetween('2024-10-12', '2024-09-30', 'CN-EX')).to.equal(-4);
  });
});

describe('business-days: Hong Kong and the joint cross-border calendar', () => {
  it('closes HK on Easter Monday 2024-04-01 while the interbank market is open', () => {
    expect(open('2024-04-01', 'HK')).to.equal(false);
    expect(open('2024-04-01', 'CN-IB')).to.equal(true);
    expect(open('2024-04-01', 'CN-IB+HK')).to.equal(false);
    expect(holidayName('2024-04-01', 'HK')).to.match(/Easter Monday/);
  });

  it('keeps HK open on 2 Oct 2024 (only 1 Oct is a HK holiday) while the mainland break closes the joint calendar', () => {
    expect(open('2024-10-02', 'HK')).to.equal(true);
    expect(open('2024-10-02', 'CN-IB+HK')).to.equal(false);
    expect(open('2024-10-01', 'HK')).to.equal(false);
  });

  it('never opens the joint calendar on a mainland make-up weekend', () => {
    expect(open('2024-10-12', 'CN-IB+HK')).to.equal(false);
    expect(open('2024-02-04', 'CN-IB+HK')).to.equal(false);
  });

  it('applies the Cap. 149 substitution rules (2023: 1 Jan and 22 Jan were Sundays)', () => {
    expect(open('2023-01-02', 'HK')).to.equal(false);
    expect(open('2023-01-25', 'HK')).to.equal(false); // fourth day of Lunar New Year
    expect(open('2022-12-27', 'HK')).to.equal(false); // Christmas 2022 was a Sunday
    expect(open('2026-04-07', 'HK')).to.equal(false); // day following Easter Monday
  });

  it('rolls a joint payment date past both sets of holidays', () => {
    // 2024-02-09 is open on both; 2024-02-10..18: mainland break, then HK 4th day of LNY is 13 Feb
    expect(adjustDate('2024-02-10', 'following', 'CN-IB+HK')).to.equal('2024-02-19');
    expect(adjustDate('2024-03-29', 'following', 'CN-IB+HK')).to.equal('2024-04-02'); // Good Friday, Easter Monday
  });
});

describe('business-days: errors', () => {
  it('throws, naming the date and the supported range, for a date before 2019', () => {
    expect(() => isBusinessDay('2018-12-31', 'CN-IB')).to.throw(/2018-12-31.*2019-01-01 to 2027-12-31/);
  });

  it('throws for a date after 2027 on every holiday calendar', () => {
    for (const cal of ['CN-IB', 'CN-EX', 'HK', 'CN-IB+HK'] as const) {
      expect(() => isBusinessDay('2028-01-03', cal), cal).to.throw(/2028-01-03.*2027-12-31/);
    }
  });

  it('throws when rolling or stepping out of the data range', () => {
    expect(() => addBusinessDays('2027-12-30', 5, 'CN-IB')).to.throw(/outside/);
    expect(() => adjustDate('2019-01-01', 'preceding', 'CN-EX')).to.throw(/2018-12-31/);
  });

  it('throws on malformed dates, unknown calendars and unknown rolls', () => {
    expect(() => isBusinessDay('2024-02-30', 'CN-IB')).to.throw(/Invalid date/);
    expect(() => isBusinessDay('2024/02/01', 'CN-IB')).to.throw(/YYYY-MM-DD/);
    expect(() => isBusinessDay('2024-02-01', 'XX' as CalendarId)).to.throw(/Unknown calendar/);
    expect(() => adjustDate('2024-02-01', 'nearest' as 'following', 'CN-IB')).to.throw(/Unknown roll/);
    expect(() => addBusinessDays('2024-02-01', 1.5, 'CN-IB')).to.throw(/integer/);
  });
});

import { expect } from 'chai';
import {
  CN_DATA_YEARS,
  CN_EXCHANGE_ONLY_CLOSURES,
  CN_HOLIDAY_ARRANGEMENTS,
  CN_HOLIDAY_INDEX,
  CN_MAKEUP_WORKDAY_INDEX,
  cnArrangement,
  cnHolidayDates,
  cnMakeupWorkdays,
} from '../../../models/calendar/holidays-cn.js';
import { dateRange, dayOfWeek, isValidIsoDate, isWeekend } from '../../../models/calendar/iso-date.js';

const isSorted = (xs: readonly string[]): boolean => xs.every((x, i) => i === 0 || (xs[i - 1] ?? '') < x);

describe('holidays-cn: data integrity', () => {
  it('has one arrangement for every year 2019–2027, in order', () => {
    expect(CN_HOLIDAY_ARRANGEMENTS.map((a) => a.year)).to.deep.equal([
      2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027,
    ]);
    expect(CN_DATA_YEARS).to.deep.equal(CN_HOLIDAY_ARRANGEMENTS.map((a) => a.year));
  });

  it('cites a State Council General Office notice (国办发明电〔year−1〕N号) for every confirmed year', () => {
    for (const a of CN_HOLIDAY_ARRANGEMENTS.filter((x) => !x.provisional)) {
      expect(a.notice.title, String(a.year)).to.equal(`国务院办公厅关于${a.year}年部分节假日安排的通知`);
      expect(a.notice.docNo, String(a.year)).to.match(new RegExp(`^国办发明电〔${a.year - 1}〕\\d+号$`));
      expect(a.notice.signed, String(a.year)).to.satisfy(isValidIsoDate);
      expect(a.notice.signed?.slice(0, 4), String(a.year)).to.equal(String(a.year - 1));
      expect(a.notice.url).to.match(/^https:\/\/www\.gov\.cn\//);
    }
  });

  it('marks only 2027 as provisional, with a reason', () => {
    expect(CN_HOLIDAY_ARRANGEMENTS.filter((a) => a.provisional).map((a) => a.year)).to.deep.equal([2027]);
    expect(cnArrangement(2027)?.provisionalReason).to.be.a('string').and.match(/not be found|derived/);
  });

  for (const year of CN_DATA_YEARS) {
    describe(`${year}`, () => {
      const a = cnArrangement(year);

      it('has valid, sorted, non-overlapping holiday spans whose stated length matches', () => {
        expect(a).to.not.equal(undefined);
        const spans = a?.spans ?? [];
        expect(spans.length).to.be.within(6, 7);
        for (const s of spans) {
          expect(s.first, s.clause).to.satisfy(isValidIsoDate);
          expect(s.last, s.clause).to.satisfy(isValidIsoDate);
          expect(s.first <= s.last, s.clause).to.equal(true);
          expect(dateRange(s.first, s.last).length, s.clause).to.equal(s.days);
          // a break belongs to its year (the New Year break may start in late December before)
          expect(s.last.slice(0, 4), s.clause).to.equal(String(year));
        }
        for (let i = 1; i < spans.length; i++) {
          expect((spans[i - 1]?.last ?? '') < (spans[i]?.first ?? ''), `spans ${i - 1}/${i}`).to.equal(true);
        }
        const dates = cnHolidayDates(year);
        expect(dates).to.satisfy(isSorted);
        expect(new Set(dates).size).to.equal(dates.length);
      });

      it('has make-up working days that are valid, sorted, weekends, with the weekday the notice prints', () => {
        const days = a?.makeupWorkdays ?? [];
        expect(days.map((w) => w.date)).to.satisfy(isSorted);
        expect(cnMakeupWorkdays(year)).to.satisfy(isSorted);
        for (const w of days) {
          expect(w.date).to.satisfy(isValidIsoDate);
          expect(isWeekend(w.date), w.date).to.equal(true);
          expect(dayOfWeek(w.date), w.date).to.equal(w.printedWeekday === 'Sat' ? 6 : 0);
        }
      });

      it('has no make-up working day that is also a holiday', () => {
        for (const d of cnMakeupWorkdays(year)) expect(CN_HOLIDAY_INDEX.has(d), d).to.equal(false);
      });

      it('never asks for more make-up days than the weekdays it gives off beyond the statutory days', () => {
        // A loose sanity bound: make-up days ≤ weekdays off in the breaks.
        const weekdaysOff = cnHolidayDates(year).filter((d) => !isWeekend(d)).length;
        expect(cnMakeupWorkdays(year).length).to.be.at.most(weekdaysOff);
      });
    });
  }

  it('counts 13 statutory days from 2025 (春节 from 除夕, 劳动节 two days): 2025 breaks give 28 days off', () => {
    const total = (cnArrangement(2025)?.spans ?? []).reduce((n, s) => n + s.days, 0);
    expect(total).to.equal(1 + 8 + 3 + 5 + 3 + 8);
    expect(cnHolidayDates(2025)).to.include('2025-01-28'); // 除夕, statutory since 2025
    expect(cnHolidayDates(2025)).to.include('2025-05-02');
  });

  it('lists exchange-only closures only on weekdays that are national working days', () => {
    expect(CN_EXCHANGE_ONLY_CLOSURES.map((c) => c.date)).to.deep.equal(['2024-02-09']);
    for (const c of CN_EXCHANGE_ONLY_CLOSURES) {
      expect(isWeekend(c.date)).to.equal(false);
      expect(CN_HOLIDAY_INDEX.has(c.date)).to.equal(false);
      expect(CN_MAKEUP_WORKDAY_INDEX.has(c.date)).to.equal(false);
      expect(c.sources.join(' ')).to.contain('上证公告〔2023〕47号');
    }
  });
});

describe('holidays-cn: the notices as printed', () => {
  it('2019: Labour Day as amended by 国办发明电〔2019〕3号 is 1–4 May with Sundays 28 Apr and 5 May worked', () => {
    expect(dateRange('2019-05-01', '2019-05-04').every((d) => CN_HOLIDAY_INDEX.has(d))).to.equal(true);
    expect(CN_MAKEUP_WORKDAY_INDEX.has('2019-04-28')).to.equal(true);
    expect(CN_MAKEUP_WORKDAY_INDEX.has('2019-05-05')).to.equal(true);
    expect(cnArrangement(2019)?.amendments[0]?.docNo).to.equal('国办发明电〔2019〕3号');
  });

  it('2020: the epidemic extension (国办发明电〔2020〕1号) makes 31 Jan a holiday and 1 Feb no longer a working Saturday', () => {
    expect(CN_HOLIDAY_INDEX.get('2020-01-31')?.festival).to.equal('spring-festival');
    expect(CN_HOLIDAY_INDEX.has('2020-02-02')).to.equal(true);
    expect(CN_MAKEUP_WORKDAY_INDEX.has('2020-02-01')).to.equal(false);
    expect(CN_HOLIDAY_INDEX.has('2020-02-03')).to.equal(false);
  });

  it('2023: New Year break starts on Saturday 2022-12-31', () => {
    expect(CN_HOLIDAY_INDEX.get('2022-12-31')).to.deep.equal({ festival: 'new-year', arrangementYear: 2023 });
  });

  it('2024: Spring Festival is 10–17 Feb (8 days), 除夕 9 Feb is NOT a national holiday', () => {
    expect(cnHolidayDates(2024).filter((d) => d.startsWith('2024-02'))).to.deep.equal(
      dateRange('2024-02-10', '2024-02-17'),
    );
    expect(CN_HOLIDAY_INDEX.has('2024-02-09')).to.equal(false);
  });

  it('2026: Spring Festival is 9 days, 15–23 Feb, with Saturdays 14 and 28 Feb worked', () => {
    const sf = cnArrangement(2026)?.spans.find((s) => s.festival === 'spring-festival');
    expect(sf).to.include({ first: '2026-02-15', last: '2026-02-23', days: 9 });
    expect(cnMakeupWorkdays(2026)).to.deep.equal([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('2027 (provisional): Spring Festival from 除夕 Friday 5 Feb for 8 days; Wednesday festivals are one day', () => {
    const a = cnArrangement(2027);
    expect(a?.spans.find((s) => s.festival === 'spring-festival')).to.include({ first: '2027-02-05', last: '2027-02-12' });
    expect(a?.spans.find((s) => s.festival === 'dragon-boat')).to.include({ first: '2027-06-09', days: 1 });
    expect(a?.spans.find((s) => s.festival === 'mid-autumn')).to.include({ first: '2027-09-15', days: 1 });
  });
});

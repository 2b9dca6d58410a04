import { expect } from 'chai';
import { HK_GENERAL_HOLIDAYS, HK_HOLIDAY_INDEX } from '../../../models/calendar/holidays-hk.js';
import { dayOfWeek, isValidIsoDate } from '../../../models/calendar/iso-date.js';

describe('holidays-hk: data integrity (General Holidays Ordinance, Cap. 149)', () => {
  it('has every year 2019–2027, each citing its GovHK list', () => {
    expect(HK_GENERAL_HOLIDAYS.map((y) => y.year)).to.deep.equal([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    for (const y of HK_GENERAL_HOLIDAYS) expect(y.source).to.contain(`holiday/${y.year}.htm`);
  });

  for (const y of HK_GENERAL_HOLIDAYS) {
    it(`${y.year}: 17 holidays besides Sundays, valid, sorted, in the year, none on a Sunday`, () => {
      const dates = y.holidays.map((h) => h.date);
      expect(dates).to.have.length(17);
      dates.forEach((d, i) => {
        expect(d).to.satisfy(isValidIsoDate);
        expect(d.slice(0, 4)).to.equal(String(y.year));
        expect(dayOfWeek(d), d).to.not.equal(0);
        if (i > 0) expect((dates[i - 1] ?? '') < d, d).to.equal(true);
      });
    });
  }

  it('substitutes the fourth day of Lunar New Year when one of the first three is a Sunday', () => {
    expect(HK_HOLIDAY_INDEX.get('2020-01-28')).to.match(/fourth day/); // 26 Jan 2020 was a Sunday
    expect(HK_HOLIDAY_INDEX.get('2021-02-15')).to.match(/fourth day/); // 14 Feb 2021
    expect(HK_HOLIDAY_INDEX.get('2024-02-13')).to.match(/fourth day/); // 11 Feb 2024
    expect(HK_HOLIDAY_INDEX.get('2027-02-09')).to.match(/fourth day/); // 7 Feb 2027
    expect(HK_HOLIDAY_INDEX.has('2025-02-01')).to.equal(false);
  });

  it('moves Ching Ming past Easter Monday when both collide (2021, 2026)', () => {
    expect([...HK_HOLIDAY_INDEX.keys()].filter((d) => d >= '2026-04-01' && d <= '2026-04-10')).to.deep.equal([
      '2026-04-03',
      '2026-04-04',
      '2026-04-06',
      '2026-04-07',
    ]);
    expect(HK_HOLIDAY_INDEX.has('2021-04-06')).to.equal(true);
  });

  it('gives two weekdays after a Sunday Christmas (2022) and the Monday after a Saturday one (2021, 2027)', () => {
    expect(HK_HOLIDAY_INDEX.has('2022-12-26') && HK_HOLIDAY_INDEX.has('2022-12-27')).to.equal(true);
    expect(HK_HOLIDAY_INDEX.has('2021-12-27')).to.equal(true);
    expect(HK_HOLIDAY_INDEX.has('2027-12-27')).to.equal(true);
  });
});

/**
 * Hong Kong general holidays (公眾假期), 2019–2027.
 *
 * DATA. The general holidays are those in the Schedule to the General
 * Holidays Ordinance (Cap. 149): every Sunday plus the days listed below,
 * with its substitution rules (a holiday falling on a Sunday moves to the next
 * day that is not a general holiday; if Lunar New Year's Day, its second or its
 * third day is a Sunday, the fourth day is the holiday; if Christmas Day is a
 * Sunday, the first and second weekdays after it are holidays). Each year's
 * list is gazetted by the HKSAR Government and published as
 * "General holidays for YYYY" at https://www.gov.hk/en/about/abouthk/holiday/YYYY.htm.
 *
 * The lists below were derived from the Cap. 149 rules (lunar dates, Easter
 * and the Ching Ming solar term) and cross-checked date by date against the
 * `date-holidays` npm package and, for 2026 and 2027, against copies of the
 * gazetted GovHK lists. Sundays are not listed (every Sunday is a general
 * holiday); a holiday that falls on a Sunday appears only through its
 * substitute day. Saturdays that are general holidays are listed for the UI
 * although Saturday is never a business day in this library.
 *
 * Not modelled: typhoon signal No. 8 / black-rainstorm closures and half-day
 * sessions (Christmas Eve, New Year's Eve, Lunar New Year's Eve).
 */
import type { IsoDate } from './iso-date.js';

export interface HkYearHolidays {
  year: number;
  source: string;
  holidays: readonly { date: IsoDate; name: string }[];
}

export const HK_DATA_FIRST_DATE: IsoDate = '2019-01-01';
export const HK_DATA_LAST_DATE: IsoDate = '2027-12-31';

const src = (y: number): string =>
  `GovHK "General holidays for ${y}", https://www.gov.hk/en/about/abouthk/holiday/${y}.htm (General Holidays Ordinance, Cap. 149)`;

const NY = '一月一日 The first day of January';
const LNY1 = "農曆年初一 Lunar New Year's Day";
const LNY2 = '農曆年初二 The second day of Lunar New Year';
const LNY3 = '農曆年初三 The third day of Lunar New Year';
const LNY4 = '農曆年初四 The fourth day of Lunar New Year';
const CM = '清明節 Ching Ming Festival';
const GF = '耶穌受難節 Good Friday';
const GF1 = '耶穌受難節翌日 The day following Good Friday';
const EM = '復活節星期一 Easter Monday';
const LAB = '勞動節 Labour Day';
const BUD = '佛誕 The Birthday of the Buddha';
const TN = '端午節 Tuen Ng Festival';
const HKSAR = '香港特別行政區成立紀念日 HKSAR Establishment Day';
const MAF1 = '中秋節翌日 The day following the Chinese Mid-Autumn Festival';
const ND = '國慶日 National Day';
const CY = '重陽節 Chung Yeung Festival';
const XMAS = '聖誕節 Christmas Day';
const XMAS1 = '聖誕節後第一個周日 The first weekday after Christmas Day';

export const HK_GENERAL_HOLIDAYS: readonly HkYearHolidays[] = [
  {
    year: 2019,
    source: src(2019),
    holidays: [
      { date: '2019-01-01', name: NY },
      { date: '2019-02-05', name: LNY1 },
      { date: '2019-02-06', name: LNY2 },
      { date: '2019-02-07', name: LNY3 },
      { date: '2019-04-05', name: CM },
      { date: '2019-04-19', name: GF },
      { date: '2019-04-20', name: GF1 },
      { date: '2019-04-22', name: EM },
      { date: '2019-05-01', name: LAB },
      { date: '2019-05-13', name: '佛誕翌日 The day following the Birthday of the Buddha' },
      { date: '2019-06-07', name: TN },
      { date: '2019-07-01', name: HKSAR },
      { date: '2019-09-14', name: MAF1 },
      { date: '2019-10-01', name: ND },
      { date: '2019-10-07', name: CY },
      { date: '2019-12-25', name: XMAS },
      { date: '2019-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2020,
    source: src(2020),
    holidays: [
      { date: '2020-01-01', name: NY },
      { date: '2020-01-25', name: LNY1 },
      { date: '2020-01-27', name: LNY3 },
      { date: '2020-01-28', name: LNY4 },
      { date: '2020-04-04', name: CM },
      { date: '2020-04-10', name: GF },
      { date: '2020-04-11', name: GF1 },
      { date: '2020-04-13', name: EM },
      { date: '2020-04-30', name: BUD },
      { date: '2020-05-01', name: LAB },
      { date: '2020-06-25', name: TN },
      { date: '2020-07-01', name: HKSAR },
      { date: '2020-10-01', name: ND },
      { date: '2020-10-02', name: MAF1 },
      { date: '2020-10-26', name: '重陽節翌日 The day following Chung Yeung Festival' },
      { date: '2020-12-25', name: XMAS },
      { date: '2020-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2021,
    source: src(2021),
    holidays: [
      { date: '2021-01-01', name: NY },
      { date: '2021-02-12', name: LNY1 },
      { date: '2021-02-13', name: LNY2 },
      { date: '2021-02-15', name: LNY4 },
      { date: '2021-04-02', name: GF },
      { date: '2021-04-03', name: GF1 },
      { date: '2021-04-05', name: '清明節翌日 The day following Ching Ming Festival' },
      { date: '2021-04-06', name: '復活節星期一翌日 The day following Easter Monday' },
      { date: '2021-05-01', name: LAB },
      { date: '2021-05-19', name: BUD },
      { date: '2021-06-14', name: TN },
      { date: '2021-07-01', name: HKSAR },
      { date: '2021-09-22', name: MAF1 },
      { date: '2021-10-01', name: ND },
      { date: '2021-10-14', name: CY },
      { date: '2021-12-25', name: XMAS },
      { date: '2021-12-27', name: XMAS1 },
    ],
  },
  {
    year: 2022,
    source: src(2022),
    holidays: [
      { date: '2022-01-01', name: NY },
      { date: '2022-02-01', name: LNY1 },
      { date: '2022-02-02', name: LNY2 },
      { date: '2022-02-03', name: LNY3 },
      { date: '2022-04-05', name: CM },
      { date: '2022-04-15', name: GF },
      { date: '2022-04-16', name: GF1 },
      { date: '2022-04-18', name: EM },
      { date: '2022-05-02', name: '勞動節翌日 The day following Labour Day' },
      { date: '2022-05-09', name: '佛誕翌日 The day following the Birthday of the Buddha' },
      { date: '2022-06-03', name: TN },
      { date: '2022-07-01', name: HKSAR },
      { date: '2022-09-12', name: '中秋節後第二日 The second day following the Chinese Mid-Autumn Festival' },
      { date: '2022-10-01', name: ND },
      { date: '2022-10-04', name: CY },
      { date: '2022-12-26', name: XMAS1 },
      { date: '2022-12-27', name: '聖誕節後第二個周日 The second weekday after Christmas Day' },
    ],
  },
  {
    year: 2023,
    source: src(2023),
    holidays: [
      { date: '2023-01-02', name: '一月一日翌日 The day following the first day of January' },
      { date: '2023-01-23', name: LNY2 },
      { date: '2023-01-24', name: LNY3 },
      { date: '2023-01-25', name: LNY4 },
      { date: '2023-04-05', name: CM },
      { date: '2023-04-07', name: GF },
      { date: '2023-04-08', name: GF1 },
      { date: '2023-04-10', name: EM },
      { date: '2023-05-01', name: LAB },
      { date: '2023-05-26', name: BUD },
      { date: '2023-06-22', name: TN },
      { date: '2023-07-01', name: HKSAR },
      { date: '2023-09-30', name: MAF1 },
      { date: '2023-10-02', name: '國慶日翌日 The day following National Day' },
      { date: '2023-10-23', name: CY },
      { date: '2023-12-25', name: XMAS },
      { date: '2023-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2024,
    source: src(2024),
    holidays: [
      { date: '2024-01-01', name: NY },
      { date: '2024-02-10', name: LNY1 },
      { date: '2024-02-12', name: LNY3 },
      { date: '2024-02-13', name: LNY4 },
      { date: '2024-03-29', name: GF },
      { date: '2024-03-30', name: GF1 },
      { date: '2024-04-01', name: EM },
      { date: '2024-04-04', name: CM },
      { date: '2024-05-01', name: LAB },
      { date: '2024-05-15', name: BUD },
      { date: '2024-06-10', name: TN },
      { date: '2024-07-01', name: HKSAR },
      { date: '2024-09-18', name: MAF1 },
      { date: '2024-10-01', name: ND },
      { date: '2024-10-11', name: CY },
      { date: '2024-12-25', name: XMAS },
      { date: '2024-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2025,
    source: src(2025),
    holidays: [
      { date: '2025-01-01', name: NY },
      { date: '2025-01-29', name: LNY1 },
      { date: '2025-01-30', name: LNY2 },
      { date: '2025-01-31', name: LNY3 },
      { date: '2025-04-04', name: CM },
      { date: '2025-04-18', name: GF },
      { date: '2025-04-19', name: GF1 },
      { date: '2025-04-21', name: EM },
      { date: '2025-05-01', name: LAB },
      { date: '2025-05-05', name: BUD },
      { date: '2025-05-31', name: TN },
      { date: '2025-07-01', name: HKSAR },
      { date: '2025-10-01', name: ND },
      { date: '2025-10-07', name: MAF1 },
      { date: '2025-10-29', name: CY },
      { date: '2025-12-25', name: XMAS },
      { date: '2025-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2026,
    source: src(2026),
    holidays: [
      { date: '2026-01-01', name: NY },
      { date: '2026-02-17', name: LNY1 },
      { date: '2026-02-18', name: LNY2 },
      { date: '2026-02-19', name: LNY3 },
      { date: '2026-04-03', name: GF },
      { date: '2026-04-04', name: GF1 },
      { date: '2026-04-06', name: '清明節翌日 The day following Ching Ming Festival' },
      { date: '2026-04-07', name: '復活節星期一翌日 The day following Easter Monday' },
      { date: '2026-05-01', name: LAB },
      { date: '2026-05-25', name: '佛誕翌日 The day following the Birthday of the Buddha' },
      { date: '2026-06-19', name: TN },
      { date: '2026-07-01', name: HKSAR },
      { date: '2026-09-26', name: MAF1 },
      { date: '2026-10-01', name: ND },
      { date: '2026-10-19', name: '重陽節翌日 The day following Chung Yeung Festival' },
      { date: '2026-12-25', name: XMAS },
      { date: '2026-12-26', name: XMAS1 },
    ],
  },
  {
    year: 2027,
    source: src(2027),
    holidays: [
      { date: '2027-01-01', name: NY },
      { date: '2027-02-06', name: LNY1 },
      { date: '2027-02-08', name: LNY3 },
      { date: '2027-02-09', name: LNY4 },
      { date: '2027-03-26', name: GF },
      { date: '2027-03-27', name: GF1 },
      { date: '2027-03-29', name: EM },
      { date: '2027-04-05', name: CM },
      { date: '2027-05-01', name: LAB },
      { date: '2027-05-13', name: BUD },
      { date: '2027-06-09', name: TN },
      { date: '2027-07-01', name: HKSAR },
      { date: '2027-09-16', name: MAF1 },
      { date: '2027-10-01', name: ND },
      { date: '2027-10-08', name: CY },
      { date: '2027-12-25', name: XMAS },
      { date: '2027-12-27', name: XMAS1 },
    ],
  },
];

/** Every listed general holiday (Sundays aside), keyed by date. */
export const HK_HOLIDAY_INDEX: ReadonlyMap<IsoDate, string> = (() => {
  const m = new Map<IsoDate, string>();
  for (const y of HK_GENERAL_HOLIDAYS) {
    for (const h of y.holidays) {
      if (m.has(h.date)) throw new Error(`holidays-hk: ${h.date} is listed twice`);
      m.set(h.date, h.name);
    }
  }
  return m;
})();

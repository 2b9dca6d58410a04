/**
 * Mainland China public holidays and make-up working days, 2019–2027.
 *
 * DATA. Each year is the State Council General Office's annual notice
 * 国务院办公厅关于YYYY年部分节假日安排的通知 (published in the autumn of the
 * year before), with any later amending notice applied. For every festival the
 * notice gives one continuous break (放假调休 / 放假 / 与周末连休) and the
 * weekend days worked instead (调休上班日, "make-up working days").
 *
 * - `spans` are the breaks as the notice prints them, weekend days inside the
 *   break included; `days` is the length of the break, checked by the tests
 *   against the expanded span (a guard against typing errors).
 * - `makeupWorkdays` are the Saturdays/Sundays the notice says are worked,
 *   with the weekday the notice itself prints (again checked by the tests).
 * - The statute behind the notices is 全国年节及纪念日放假办法; its 2024
 *   revision (国务院令第795号, in force 2025-01-01) added 除夕 (Spring Festival
 *   Eve) and 2 May, taking statutory holidays from 11 to 13 days a year.
 *
 * Cross-checked (dates, not text) against the LKI/chinese-calendar Python
 * package (scripts/data.py) for 2019–2025, the `chinese-days` npm package for
 * 2019–2026 and the exchange_calendars XSHG holiday list for 2019–2026; the
 * 2019–2026 notice texts were read from reprints of the gov.cn originals.
 *
 * Exchange-only closures (days the SSE/SZSE close although the national
 * arrangement makes them working days) are listed separately in
 * CN_EXCHANGE_ONLY_CLOSURES.
 */
import { dateRange, type IsoDate } from './iso-date.js';

export type FestivalId =
  | 'new-year'
  | 'spring-festival'
  | 'qingming'
  | 'labour-day'
  | 'dragon-boat'
  | 'mid-autumn'
  | 'national-day'
  | 'mid-autumn-national-day';

/** Display names, Chinese first then English (for the UI and holidayName). */
export const FESTIVAL_NAMES: Readonly<Record<FestivalId, string>> = {
  'new-year': "元旦 New Year's Day",
  'spring-festival': '春节 Spring Festival',
  qingming: '清明节 Qingming Festival',
  'labour-day': '劳动节 Labour Day',
  'dragon-boat': '端午节 Dragon Boat Festival',
  'mid-autumn': '中秋节 Mid-Autumn Festival',
  'national-day': '国庆节 National Day',
  'mid-autumn-national-day': '国庆节、中秋节 National Day and Mid-Autumn Festival',
};

export interface NoticeRef {
  /** Title of the notice. */
  title: string;
  /** Document number, e.g. 国办发明电〔2023〕7号. */
  docNo: string;
  /** Date the notice is signed (the date printed under 国务院办公厅); absent if unpublished. */
  signed?: IsoDate;
  /** Date it was released on gov.cn / by Xinhua, when different from `signed`. */
  published?: IsoDate;
  url: string;
}

export interface AmendingNotice extends NoticeRef {
  /** What the amendment changed, as applied to the data below. */
  effect: string;
}

export interface HolidaySpan {
  festival: FestivalId;
  /** First day of the break. */
  first: IsoDate;
  /** Last day of the break (inclusive). */
  last: IsoDate;
  /** Length of the break in calendar days (共N天, or the days of 与周末连休). */
  days: number;
  /** The notice's own wording for this festival. */
  clause: string;
}

export interface MakeupWorkday {
  date: IsoDate;
  festival: FestivalId;
  /** Weekday as printed in the notice (星期六/周六 = 'Sat', 星期日/周日 = 'Sun'). */
  printedWeekday: 'Sat' | 'Sun';
}

export interface CnYearArrangement {
  year: number;
  notice: NoticeRef;
  amendments: readonly AmendingNotice[];
  /** True when the year's notice could not be confirmed and the data is derived. */
  provisional: boolean;
  provisionalReason?: string;
  spans: readonly HolidaySpan[];
  makeupWorkdays: readonly MakeupWorkday[];
}

export interface ExchangeOnlyClosure {
  date: IsoDate;
  name: string;
  /** Why the interbank market stays open while the exchanges close. */
  note: string;
  sources: readonly string[];
}

/** First and last dates covered by the CN calendars. */
export const CN_DATA_FIRST_DATE: IsoDate = '2019-01-01';
export const CN_DATA_LAST_DATE: IsoDate = '2027-12-31';
export const CN_DATA_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027];

function span(festival: FestivalId, first: IsoDate, last: IsoDate, days: number, clause: string): HolidaySpan {
  return { festival, first, last, days, clause };
}

function work(date: IsoDate, festival: FestivalId, printedWeekday: 'Sat' | 'Sun'): MakeupWorkday {
  return { date, festival, printedWeekday };
}

export const CN_HOLIDAY_ARRANGEMENTS: readonly CnYearArrangement[] = [
  {
    year: 2019,
    notice: {
      title: '国务院办公厅关于2019年部分节假日安排的通知',
      docNo: '国办发明电〔2018〕15号',
      signed: '2018-12-04',
      published: '2018-12-06',
      url: 'https://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm',
    },
    amendments: [
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        docNo: '国办发明电〔2019〕3号',
        signed: '2019-03-22',
        url: 'https://www.gov.cn/zhengce/content/2019-03/22/content_5375877.htm',
        effect:
          'Labour Day changed from 5月1日放假 (1 day) to 5月1日至4日放假调休，共4天; 4月28日（星期日）、5月5日（星期日）上班.',
      },
    ],
    provisional: false,
    spans: [
      // The New Year break began 2018-12-30 (outside the supported range); 2018-12-29 (Sat) was worked.
      span('new-year', '2018-12-30', '2019-01-01', 3, '元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。'),
      span('spring-festival', '2019-02-04', '2019-02-10', 7, '春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。'),
      span('qingming', '2019-04-05', '2019-04-07', 3, '清明节：4月5日放假，与周末连休。'),
      span('labour-day', '2019-05-01', '2019-05-04', 4, '（经国办发明电〔2019〕3号调整）2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。'),
      span('dragon-boat', '2019-06-07', '2019-06-09', 3, '端午节：6月7日放假，与周末连休。'),
      span('mid-autumn', '2019-09-13', '2019-09-15', 3, '中秋节：9月13日放假，与周末连休。'),
      span('national-day', '2019-10-01', '2019-10-07', 7, '国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。'),
    ],
    makeupWorkdays: [
      work('2018-12-29', 'new-year', 'Sat'),
      work('2019-02-02', 'spring-festival', 'Sat'),
      work('2019-02-03', 'spring-festival', 'Sun'),
      work('2019-04-28', 'labour-day', 'Sun'),
      work('2019-05-05', 'labour-day', 'Sun'),
      work('2019-09-29', 'national-day', 'Sun'),
      work('2019-10-12', 'national-day', 'Sat'),
    ],
  },
  {
    year: 2020,
    notice: {
      title: '国务院办公厅关于2020年部分节假日安排的通知',
      docNo: '国办发明电〔2019〕16号',
      signed: '2019-11-21',
      url: 'https://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
    },
    amendments: [
      {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        docNo: '国办发明电〔2020〕1号',
        signed: '2020-01-26',
        published: '2020-01-27',
        url: 'https://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
        effect:
          'Spring Festival extended from 1月24日至30日 to 2月2日（星期日）, 2月3日起正常上班 (epidemic). Friday 2020-01-31 became a holiday and Saturday 2020-02-01 is no longer a make-up working day. SSE/SZSE (上证公告〔2020〕6号) and the interbank market reopened on 2020-02-03.',
      },
    ],
    provisional: false,
    spans: [
      span('new-year', '2020-01-01', '2020-01-01', 1, '元旦：2020年1月1日放假，共1天。'),
      span('spring-festival', '2020-01-24', '2020-02-02', 10, '春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。（经国办发明电〔2020〕1号延长至2月2日，2月3日起正常上班）'),
      span('qingming', '2020-04-04', '2020-04-06', 3, '清明节：4月4日至6日放假调休，共3天。'),
      span('labour-day', '2020-05-01', '2020-05-05', 5, '劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。'),
      span('dragon-boat', '2020-06-25', '2020-06-27', 3, '端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。'),
      span('mid-autumn-national-day', '2020-10-01', '2020-10-08', 8, '国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。'),
    ],
    makeupWorkdays: [
      work('2020-01-19', 'spring-festival', 'Sun'),
      // 2020-02-01 (Sat) was cancelled as a working day by 国办发明电〔2020〕1号.
      work('2020-04-26', 'labour-day', 'Sun'),
      work('2020-05-09', 'labour-day', 'Sat'),
      work('2020-06-28', 'dragon-boat', 'Sun'),
      work('2020-09-27', 'mid-autumn-national-day', 'Sun'),
      work('2020-10-10', 'mid-autumn-national-day', 'Sat'),
    ],
  },
  {
    year: 2021,
    notice: {
      title: '国务院办公厅关于2021年部分节假日安排的通知',
      docNo: '国办发明电〔2020〕27号',
      signed: '2020-11-25',
      url: 'https://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2021-01-01', '2021-01-03', 3, '元旦：2021年1月1日至3日放假，共3天。'),
      span('spring-festival', '2021-02-11', '2021-02-17', 7, '春节：2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。'),
      span('qingming', '2021-04-03', '2021-04-05', 3, '清明节：4月3日至5日放假调休，共3天。'),
      span('labour-day', '2021-05-01', '2021-05-05', 5, '劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。'),
      span('dragon-boat', '2021-06-12', '2021-06-14', 3, '端午节：6月12日至14日放假，共3天。'),
      span('mid-autumn', '2021-09-19', '2021-09-21', 3, '中秋节：9月19日至21日放假调休，共3天。9月18日（星期六）上班。'),
      span('national-day', '2021-10-01', '2021-10-07', 7, '国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。'),
    ],
    makeupWorkdays: [
      work('2021-02-07', 'spring-festival', 'Sun'),
      work('2021-02-20', 'spring-festival', 'Sat'),
      work('2021-04-25', 'labour-day', 'Sun'),
      work('2021-05-08', 'labour-day', 'Sat'),
      work('2021-09-18', 'mid-autumn', 'Sat'),
      work('2021-09-26', 'national-day', 'Sun'),
      work('2021-10-09', 'national-day', 'Sat'),
    ],
  },
  {
    year: 2022,
    notice: {
      title: '国务院办公厅关于2022年部分节假日安排的通知',
      docNo: '国办发明电〔2021〕11号',
      signed: '2021-10-25',
      url: 'https://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2022-01-01', '2022-01-03', 3, '元旦：2022年1月1日至3日放假，共3天。'),
      span('spring-festival', '2022-01-31', '2022-02-06', 7, '春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。'),
      span('qingming', '2022-04-03', '2022-04-05', 3, '清明节：4月3日至5日放假调休，共3天。4月2日（星期六）上班。'),
      span('labour-day', '2022-04-30', '2022-05-04', 5, '劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。'),
      span('dragon-boat', '2022-06-03', '2022-06-05', 3, '端午节：6月3日至5日放假，共3天。'),
      span('mid-autumn', '2022-09-10', '2022-09-12', 3, '中秋节：9月10日至12日放假，共3天。'),
      span('national-day', '2022-10-01', '2022-10-07', 7, '国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。'),
    ],
    makeupWorkdays: [
      work('2022-01-29', 'spring-festival', 'Sat'),
      work('2022-01-30', 'spring-festival', 'Sun'),
      work('2022-04-02', 'qingming', 'Sat'),
      work('2022-04-24', 'labour-day', 'Sun'),
      work('2022-05-07', 'labour-day', 'Sat'),
      work('2022-10-08', 'national-day', 'Sat'),
      work('2022-10-09', 'national-day', 'Sun'),
    ],
  },
  {
    year: 2023,
    notice: {
      title: '国务院办公厅关于2023年部分节假日安排的通知',
      docNo: '国办发明电〔2022〕16号',
      signed: '2022-12-08',
      url: 'https://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2022-12-31', '2023-01-02', 3, '元旦：2022年12月31日至2023年1月2日放假调休，共3天。'),
      span('spring-festival', '2023-01-21', '2023-01-27', 7, '春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。'),
      span('qingming', '2023-04-05', '2023-04-05', 1, '清明节：4月5日放假，共1天。'),
      span('labour-day', '2023-04-29', '2023-05-03', 5, '劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。'),
      span('dragon-boat', '2023-06-22', '2023-06-24', 3, '端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。'),
      span('mid-autumn-national-day', '2023-09-29', '2023-10-06', 8, '中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。'),
    ],
    makeupWorkdays: [
      work('2023-01-28', 'spring-festival', 'Sat'),
      work('2023-01-29', 'spring-festival', 'Sun'),
      work('2023-04-23', 'labour-day', 'Sun'),
      work('2023-05-06', 'labour-day', 'Sat'),
      work('2023-06-25', 'dragon-boat', 'Sun'),
      work('2023-10-07', 'mid-autumn-national-day', 'Sat'),
      work('2023-10-08', 'mid-autumn-national-day', 'Sun'),
    ],
  },
  {
    year: 2024,
    notice: {
      title: '国务院办公厅关于2024年部分节假日安排的通知',
      docNo: '国办发明电〔2023〕7号',
      signed: '2023-10-25',
      url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2023-12-30', '2024-01-01', 3, '元旦：1月1日放假，与周末连休。'),
      span('spring-festival', '2024-02-10', '2024-02-17', 8, '春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。'),
      span('qingming', '2024-04-04', '2024-04-06', 3, '清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。'),
      span('labour-day', '2024-05-01', '2024-05-05', 5, '劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。'),
      span('dragon-boat', '2024-06-08', '2024-06-10', 3, '端午节：6月10日放假，与周末连休。'),
      span('mid-autumn', '2024-09-15', '2024-09-17', 3, '中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。'),
      span('national-day', '2024-10-01', '2024-10-07', 7, '国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。'),
    ],
    makeupWorkdays: [
      work('2024-02-04', 'spring-festival', 'Sun'),
      work('2024-02-18', 'spring-festival', 'Sun'),
      work('2024-04-07', 'qingming', 'Sun'),
      work('2024-04-28', 'labour-day', 'Sun'),
      work('2024-05-11', 'labour-day', 'Sat'),
      work('2024-09-14', 'mid-autumn', 'Sat'),
      work('2024-09-29', 'national-day', 'Sun'),
      work('2024-10-12', 'national-day', 'Sat'),
    ],
  },
  {
    year: 2025,
    notice: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      docNo: '国办发明电〔2024〕12号',
      signed: '2024-11-12',
      url: 'https://www.gov.cn/zhengce/content/202411/content_6986382.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2025-01-01', '2025-01-01', 1, '元旦：1月1日（周三）放假1天，不调休。'),
      span('spring-festival', '2025-01-28', '2025-02-04', 8, '春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。'),
      span('qingming', '2025-04-04', '2025-04-06', 3, '清明节：4月4日（周五）至6日（周日）放假，共3天。'),
      span('labour-day', '2025-05-01', '2025-05-05', 5, '劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。'),
      span('dragon-boat', '2025-05-31', '2025-06-02', 3, '端午节：5月31日（周六）至6月2日（周一）放假，共3天。'),
      span('mid-autumn-national-day', '2025-10-01', '2025-10-08', 8, '国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。'),
    ],
    makeupWorkdays: [
      work('2025-01-26', 'spring-festival', 'Sun'),
      work('2025-02-08', 'spring-festival', 'Sat'),
      work('2025-04-27', 'labour-day', 'Sun'),
      work('2025-09-28', 'mid-autumn-national-day', 'Sun'),
      work('2025-10-11', 'mid-autumn-national-day', 'Sat'),
    ],
  },
  {
    year: 2026,
    notice: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      docNo: '国办发明电〔2025〕7号',
      signed: '2025-11-04',
      url: 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm',
    },
    amendments: [],
    provisional: false,
    spans: [
      span('new-year', '2026-01-01', '2026-01-03', 3, '元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。'),
      span('spring-festival', '2026-02-15', '2026-02-23', 9, '春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。'),
      span('qingming', '2026-04-04', '2026-04-06', 3, '清明节：4月4日（周六）至6日（周一）放假，共3天。'),
      span('labour-day', '2026-05-01', '2026-05-05', 5, '劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。'),
      span('dragon-boat', '2026-06-19', '2026-06-21', 3, '端午节：6月19日（周五）至21日（周日）放假，共3天。'),
      span('mid-autumn', '2026-09-25', '2026-09-27', 3, '中秋节：9月25日（周五）至27日（周日）放假，共3天。'),
      span('national-day', '2026-10-01', '2026-10-07', 7, '国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。'),
    ],
    makeupWorkdays: [
      work('2026-01-04', 'new-year', 'Sun'),
      work('2026-02-14', 'spring-festival', 'Sat'),
      work('2026-02-28', 'spring-festival', 'Sat'),
      work('2026-05-09', 'labour-day', 'Sat'),
      work('2026-09-20', 'national-day', 'Sun'),
      work('2026-10-10', 'national-day', 'Sat'),
    ],
  },
  {
    year: 2027,
    notice: {
      title: '国务院办公厅关于2027年部分节假日安排的通知 (not yet published when this data was written)',
      docNo: '(unknown; expected 国办发明电〔2026〕N号)',
      url: 'https://www.gov.cn/zhengce/',
    },
    amendments: [],
    provisional: true,
    provisionalReason:
      'The 2027 notice (normally published October–December 2026) could not be found in any source available when this was written. ' +
      'The breaks are derived from the 2024 statute (13 statutory days: 元旦; 除夕 and 正月初一至初三; 清明; 5月1日、2日; 端午; 中秋; 10月1日至3日), ' +
      'the principles stated in the 2025 notice (春节 8 days from 除夕; 国庆 7 days from 10月1日; 劳动节 5 days; 元旦/清明/端午/中秋 3 days, or the day alone when it is a Wednesday; no more than six working days in a row) ' +
      'and the lunar dates (除夕 2027-02-05 Fri, 清明 2027-04-05 Mon, 端午 2027-06-09 Wed, 中秋 2027-09-15 Wed). ' +
      'Which weekend days are worked is a guess: the weekend day that keeps the working stretch shortest, as in the 2021 notice for the same weekday pattern of 国庆. ' +
      'Replace with the official notice once it is published.',
    spans: [
      span('new-year', '2027-01-01', '2027-01-03', 3, '(provisional) 元旦：1月1日（周五）至3日（周日）放假，共3天。'),
      span('spring-festival', '2027-02-05', '2027-02-12', 8, '(provisional) 春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。1月31日（周日）、2月13日（周六）上班。'),
      span('qingming', '2027-04-03', '2027-04-05', 3, '(provisional) 清明节：4月3日（周六）至5日（周一）放假，共3天。'),
      span('labour-day', '2027-05-01', '2027-05-05', 5, '(provisional) 劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。'),
      span('dragon-boat', '2027-06-09', '2027-06-09', 1, '(provisional) 端午节：6月9日（周三）放假1天，不调休。'),
      span('mid-autumn', '2027-09-15', '2027-09-15', 1, '(provisional) 中秋节：9月15日（周三）放假1天，不调休。'),
      span('national-day', '2027-10-01', '2027-10-07', 7, '(provisional) 国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。'),
    ],
    makeupWorkdays: [
      work('2027-01-31', 'spring-festival', 'Sun'),
      work('2027-02-13', 'spring-festival', 'Sat'),
      work('2027-05-08', 'labour-day', 'Sat'),
      work('2027-09-26', 'national-day', 'Sun'),
      work('2027-10-09', 'national-day', 'Sat'),
    ],
  },
];

/**
 * Weekdays on which the Shanghai and Shenzhen stock exchanges are closed
 * although the national arrangement makes them working days (so the interbank
 * market, which follows the national arrangement, is open).
 *
 * Checked for 2019–2026 against the SSE annual closure notices: every other
 * exchange closure range coincides with a State Council break. The Spring
 * Festival Eves of 2019 (Feb 4), 2020 (Jan 24), 2021 (Feb 11) and 2022
 * (Jan 31) fell inside the national break; 2023's (Jan 21) was a Saturday; from
 * 2025 the eve is a statutory holiday. 2020-01-31 is a national holiday by the
 * 2020 extension, not an exchange-only closure.
 */
export const CN_EXCHANGE_ONLY_CLOSURES: readonly ExchangeOnlyClosure[] = [
  {
    date: '2024-02-09',
    name: '除夕 Spring Festival Eve (exchanges closed)',
    note:
      'The 2024 notice only encouraged employers to give the eve off; the exchanges closed from 2月9日（星期五）to 2月17日, while the interbank market traded on the Friday.',
    sources: [
      '上海证券交易所关于2024年部分节假日休市安排的通知, 上证公告〔2023〕47号 (2023-12-26): 春节：2月9日（星期五）至2月17日（星期六）休市',
      'Shenzhen Stock Exchange 2024 holiday closure notice (same arrangement)',
    ],
  },
];

/* ------------------------------------------------------------------------ */
/* Derived views                                                            */
/* ------------------------------------------------------------------------ */

export interface CnDayEntry {
  festival: FestivalId;
  /** Year of the arrangement (notice) the entry comes from. */
  arrangementYear: number;
}

/** Every day of every break, keyed by date. */
export const CN_HOLIDAY_INDEX: ReadonlyMap<IsoDate, CnDayEntry> = (() => {
  const m = new Map<IsoDate, CnDayEntry>();
  for (const y of CN_HOLIDAY_ARRANGEMENTS) {
    for (const s of y.spans) {
      for (const d of dateRange(s.first, s.last)) {
        if (m.has(d)) throw new Error(`holidays-cn: ${d} is listed twice`);
        m.set(d, { festival: s.festival, arrangementYear: y.year });
      }
    }
  }
  return m;
})();

/** Every make-up working day, keyed by date. */
export const CN_MAKEUP_WORKDAY_INDEX: ReadonlyMap<IsoDate, CnDayEntry> = (() => {
  const m = new Map<IsoDate, CnDayEntry>();
  for (const y of CN_HOLIDAY_ARRANGEMENTS) {
    for (const w of y.makeupWorkdays) {
      if (m.has(w.date)) throw new Error(`holidays-cn: make-up day ${w.date} is listed twice`);
      m.set(w.date, { festival: w.festival, arrangementYear: y.year });
    }
  }
  return m;
})();

export const CN_EXCHANGE_ONLY_CLOSURE_INDEX: ReadonlyMap<IsoDate, ExchangeOnlyClosure> = new Map(
  CN_EXCHANGE_ONLY_CLOSURES.map((c) => [c.date, c] as const),
);

export function cnArrangement(year: number): CnYearArrangement | undefined {
  return CN_HOLIDAY_ARRANGEMENTS.find((a) => a.year === year);
}

/** Sorted list of the holiday dates of one arrangement (notice) year. */
export function cnHolidayDates(year: number): IsoDate[] {
  const a = cnArrangement(year);
  if (!a) return [];
  return a.spans.flatMap((s) => dateRange(s.first, s.last)).sort();
}

/** Sorted list of the make-up working days of one arrangement (notice) year. */
export function cnMakeupWorkdays(year: number): IsoDate[] {
  const a = cnArrangement(year);
  if (!a) return [];
  return a.makeupWorkdays.map((w) => w.date).sort();
}

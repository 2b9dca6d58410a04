/**
 * Business-day calendars and date rolling.
 *
 * Calendars:
 * - 'CN-IB'    China interbank market (CFETS / NAFMII, where ABNs trade and
 *              settle): open Monday–Friday except the State Council breaks,
 *              and also open on the make-up working weekends (调休上班日).
 * - 'CN-EX'    Shanghai / Shenzhen stock exchanges (where ABS special plans
 *              list): closed every Saturday and Sunday, make-up working days
 *              included, closed on the State Council breaks and on the
 *              exchange-only closures (e.g. 2024-02-09).
 * - 'HK'       Hong Kong: open Monday–Friday except general holidays
 *              (see holidays-hk.ts).
 * - 'CN-IB+HK' Joint calendar for cross-border flows: open only when both
 *              CN-IB and HK are open.
 * - 'NONE'     Weekends only, no holidays, any date (tests, synthetic deals).
 *
 * Data range: CN and HK calendars cover 2019-01-01..2027-12-31 and throw for
 * any date outside it rather than silently treating it as an ordinary day.
 */
import { addDays, dayOfWeek, isValidIsoDate, isWeekend, parseIsoDate, type IsoDate } from './iso-date.js';
import {
  CN_DATA_FIRST_DATE,
  CN_DATA_LAST_DATE,
  CN_EXCHANGE_ONLY_CLOSURE_INDEX,
  CN_HOLIDAY_INDEX,
  CN_MAKEUP_WORKDAY_INDEX,
  FESTIVAL_NAMES,
  type FestivalId,
} from './holidays-cn.js';
import { HK_DATA_FIRST_DATE, HK_DATA_LAST_DATE, HK_HOLIDAY_INDEX } from './holidays-hk.js';

export type { IsoDate } from './iso-date.js';

export const CALENDAR_IDS = ['CN-IB', 'CN-EX', 'HK', 'CN-IB+HK', 'NONE'] as const;

export type CalendarId = (typeof CALENDAR_IDS)[number];

export const CALENDAR_DESCRIPTIONS: Readonly<Record<CalendarId, string>> = {
  'CN-IB': '银行间市场 China interbank market: weekdays except State Council holidays, plus make-up working weekends',
  'CN-EX': '沪深交易所 SSE/SZSE: weekdays except State Council holidays and exchange-only closures; never weekends',
  HK: '香港 Hong Kong: weekdays except general holidays',
  'CN-IB+HK': 'Cross-border: open only when both the China interbank market and Hong Kong are open',
  NONE: 'Weekends only (no holidays): synthetic deals and tests',
};

export const ROLL_CONVENTIONS = ['following', 'modified-following', 'preceding', 'modified-preceding', 'unadjusted'] as const;

export type RollConvention = (typeof ROLL_CONVENTIONS)[number];

export function isCalendarId(x: unknown): x is CalendarId {
  return typeof x === 'string' && (CALENDAR_IDS as readonly string[]).includes(x);
}

function assertCalendar(cal: CalendarId): void {
  if (!isCalendarId(cal)) {
    throw new Error(`Unknown calendar ${JSON.stringify(cal)}: expected one of ${CALENDAR_IDS.join(', ')}`);
  }
}

function assertInRange(date: IsoDate, cal: CalendarId, first: IsoDate, last: IsoDate): void {
  if (date < first || date > last) {
    throw new Error(
      `Date ${date} is outside the ${cal} holiday data, which covers ${first} to ${last}; ` +
        `no holiday data is assumed outside that range`,
    );
  }
}

function assertCovered(date: IsoDate, cal: CalendarId): void {
  parseIsoDate(date); // validates format, throws a clear error
  switch (cal) {
    case 'CN-IB':
    case 'CN-EX':
      assertInRange(date, cal, CN_DATA_FIRST_DATE, CN_DATA_LAST_DATE);
      return;
    case 'HK':
      assertInRange(date, cal, HK_DATA_FIRST_DATE, HK_DATA_LAST_DATE);
      return;
    case 'CN-IB+HK':
      assertInRange(
        date,
        cal,
        CN_DATA_FIRST_DATE > HK_DATA_FIRST_DATE ? CN_DATA_FIRST_DATE : HK_DATA_FIRST_DATE,
        CN_DATA_LAST_DATE < HK_DATA_LAST_DATE ? CN_DATA_LAST_DATE : HK_DATA_LAST_DATE,
      );
      return;
    case 'NONE':
      return;
  }
}

/** What a calendar makes of one day, with the reason (useful for the UI). */
export interface DayInfo {
  date: IsoDate;
  calendar: CalendarId;
  open: boolean;
  /**
   * - 'business-day'      ordinary open weekday
   * - 'makeup-workday'    a weekend worked under 调休 (open on CN-IB, closed on CN-EX)
   * - 'weekend'           ordinary Saturday/Sunday
   * - 'holiday'           public/general holiday (State Council break, HK general holiday)
   * - 'exchange-closure'  exchange-only closure on a national working day
   */
  kind: 'business-day' | 'makeup-workday' | 'weekend' | 'holiday' | 'exchange-closure';
  /** Holiday or closure name, or for a make-up day the festival it belongs to. */
  name?: string;
  /** The mainland festival of a holiday or make-up day (its name in either language: dayNameIn). */
  festival?: FestivalId;
}

function cnInfo(date: IsoDate, cal: 'CN-IB' | 'CN-EX'): DayInfo {
  const holiday = CN_HOLIDAY_INDEX.get(date);
  if (holiday) return { date, calendar: cal, open: false, kind: 'holiday', name: FESTIVAL_NAMES[holiday.festival], festival: holiday.festival };
  const makeup = CN_MAKEUP_WORKDAY_INDEX.get(date);
  if (makeup) {
    const name = `调休上班日 make-up working day (${FESTIVAL_NAMES[makeup.festival]})`;
    return { date, calendar: cal, open: cal === 'CN-IB', kind: 'makeup-workday', name, festival: makeup.festival };
  }
  if (isWeekend(date)) return { date, calendar: cal, open: false, kind: 'weekend' };
  if (cal === 'CN-EX') {
    const closure = CN_EXCHANGE_ONLY_CLOSURE_INDEX.get(date);
    if (closure) return { date, calendar: cal, open: false, kind: 'exchange-closure', name: closure.name };
  }
  return { date, calendar: cal, open: true, kind: 'business-day' };
}

function hkInfo(date: IsoDate): DayInfo {
  const h = HK_HOLIDAY_INDEX.get(date);
  // Sundays are general holidays in Hong Kong; a listed holiday on a Sunday is reported by name.
  if (h) return { date, calendar: 'HK', open: false, kind: 'holiday', name: h };
  if (isWeekend(date)) return { date, calendar: 'HK', open: false, kind: 'weekend' };
  return { date, calendar: 'HK', open: true, kind: 'business-day' };
}

/** How `cal` treats `date`: open or not, and why. Throws outside the data range. */
export function describeDay(date: IsoDate, cal: CalendarId): DayInfo {
  assertCalendar(cal);
  assertCovered(date, cal);
  switch (cal) {
    case 'CN-IB':
    case 'CN-EX':
      return cnInfo(date, cal);
    case 'HK':
      return hkInfo(date);
    case 'CN-IB+HK': {
      const cn = cnInfo(date, 'CN-IB');
      const hk = hkInfo(date);
      if (cn.open && hk.open) return { ...cn, calendar: cal };
      // Report the closed side; when both are closed prefer a named holiday.
      const closed = !cn.open && (cn.kind === 'holiday' || hk.open) ? cn : hk;
      const name = !cn.open && !hk.open && cn.name && hk.name && cn.name !== hk.name ? `${cn.name} / ${hk.name}` : closed.name;
      return { ...closed, calendar: cal, open: false, ...(name !== undefined ? { name } : {}) };
    }
    case 'NONE':
      return isWeekend(date)
        ? { date, calendar: cal, open: false, kind: 'weekend' }
        : { date, calendar: cal, open: true, kind: 'business-day' };
  }
}

/** True if markets following `cal` are open on `date`. */
export function isBusinessDay(date: IsoDate, cal: CalendarId): boolean {
  return describeDay(date, cal).open;
}

/**
 * Name of the holiday or closure that shuts `cal` on `date`
 * (e.g. '春节 Spring Festival'); undefined on business days and on ordinary
 * or make-up weekends.
 */
export function holidayName(date: IsoDate, cal: CalendarId): string | undefined {
  const info = describeDay(date, cal);
  return info.kind === 'holiday' || info.kind === 'exchange-closure' ? info.name : undefined;
}

function step(date: IsoDate, dir: 1 | -1, cal: CalendarId): IsoDate {
  let d = date;
  // Longest run of closed days in the data is well under 20 (2020 Spring Festival: 11).
  for (let i = 0; i < 366; i++) {
    d = addDays(d, dir);
    if (isBusinessDay(d, cal)) return d;
  }
  throw new Error(`No ${cal} business day within a year of ${date}`);
}

/** Month number of a date ('YYYY-MM'). */
function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/**
 * Move `date` to a business day of `cal` under `roll`:
 * - following: the first business day on or after `date`;
 * - preceding: the last business day on or before `date`;
 * - modified-following: following, unless that lands in the next calendar
 *   month, then preceding;
 * - modified-preceding: preceding, unless that lands in the previous calendar
 *   month, then following;
 * - unadjusted: `date` itself (still validated, and range-checked).
 */
export function adjustDate(date: IsoDate, roll: RollConvention, cal: CalendarId): IsoDate {
  assertCalendar(cal);
  if (!(ROLL_CONVENTIONS as readonly string[]).includes(roll)) {
    throw new Error(`Unknown roll convention ${JSON.stringify(roll)}: expected one of ${ROLL_CONVENTIONS.join(', ')}`);
  }
  if (roll === 'unadjusted') {
    assertCovered(date, cal);
    return date;
  }
  if (isBusinessDay(date, cal)) return date;
  switch (roll) {
    case 'following':
      return step(date, 1, cal);
    case 'preceding':
      return step(date, -1, cal);
    case 'modified-following': {
      const f = step(date, 1, cal);
      return monthOf(f) === monthOf(date) ? f : step(date, -1, cal);
    }
    case 'modified-preceding': {
      const p = step(date, -1, cal);
      return monthOf(p) === monthOf(date) ? p : step(date, 1, cal);
    }
  }
}

/**
 * Move `n` business days of `cal` from `date` (n < 0 moves back). For n = 0
 * the date is returned unchanged (even if it is not a business day); for
 * n ≠ 0 the start date itself is not counted.
 */
export function addBusinessDays(date: IsoDate, n: number, cal: CalendarId): IsoDate {
  assertCalendar(cal);
  if (!Number.isInteger(n)) throw new Error(`addBusinessDays: n must be an integer, got ${n}`);
  assertCovered(date, cal);
  let d = date;
  const dir: 1 | -1 = n < 0 ? -1 : 1;
  for (let i = 0; i < Math.abs(n); i++) d = step(d, dir, cal);
  return d;
}

/** Number of business days d with start < d <= end (negative if end < start). */
export function businessDaysBetween(start: IsoDate, end: IsoDate, cal: CalendarId): number {
  assertCalendar(cal);
  assertCovered(start, cal);
  assertCovered(end, cal);
  if (end < start) return -businessDaysBetween(end, start, cal);
  let count = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isBusinessDay(d, cal)) count++;
  return count;
}

/** The calendar's data range, or undefined for 'NONE' (unbounded). */
export function calendarRange(cal: CalendarId): { first: IsoDate; last: IsoDate } | undefined {
  assertCalendar(cal);
  switch (cal) {
    case 'CN-IB':
    case 'CN-EX':
      return { first: CN_DATA_FIRST_DATE, last: CN_DATA_LAST_DATE };
    case 'HK':
      return { first: HK_DATA_FIRST_DATE, last: HK_DATA_LAST_DATE };
    case 'CN-IB+HK':
      return {
        first: CN_DATA_FIRST_DATE > HK_DATA_FIRST_DATE ? CN_DATA_FIRST_DATE : HK_DATA_FIRST_DATE,
        last: CN_DATA_LAST_DATE < HK_DATA_LAST_DATE ? CN_DATA_LAST_DATE : HK_DATA_LAST_DATE,
      };
    case 'NONE':
      return undefined;
  }
}

/** Re-exported for callers that only need the weekday. */
export { dayOfWeek, isValidIsoDate };

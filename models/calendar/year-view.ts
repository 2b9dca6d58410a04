// A year of a business-day calendar as a person checks it against the official notice: the days
// that differ from "open Monday to Friday" (holidays on weekdays, make-up working weekends, exchange
// closures), how many business days the year has, and the notice the data comes from.
import { describeDay, isCalendarId, CALENDAR_IDS, type CalendarId, type DayInfo, type RollConvention, adjustDate, ROLL_CONVENTIONS, calendarRange } from './business-days.js';
import { cnArrangement, type NoticeRef } from './holidays-cn.js';
import { addDays, dayOfWeek, isValidIsoDate, isWeekend, type IsoDate } from './iso-date.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export interface CalendarDay extends DayInfo { weekday: (typeof WEEKDAYS)[number] }

export interface CalendarYear {
  year: number;
  calendar: CalendarId;
  businessDays: number;
  /** Weekdays that are closed and weekend days that are (or would be) worked, in date order. */
  exceptions: CalendarDay[];
  /** The State Council notice behind the mainland data (CN calendars), and whether it is provisional. */
  notice: (NoticeRef & { provisional: boolean; provisionalReason?: string }) | null;
}

export function checkCalendarId(x: string): CalendarId {
  if (!isCalendarId(x)) throw new RangeError(`calendar: must be one of ${CALENDAR_IDS.join(', ')}, got ${JSON.stringify(x)}`);
  return x;
}

const withWeekday = (d: DayInfo): CalendarDay => ({ ...d, weekday: WEEKDAYS[dayOfWeek(d.date)]! });

export function calendarYear(year: number, calendar: CalendarId): CalendarYear {
  const range = calendarRange(calendar);
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  if (!Number.isInteger(year) || (range && (first < range.first || last > range.last))) {
    throw new RangeError(`year: the ${calendar} data covers ${range?.first.slice(0, 4)} to ${range?.last.slice(0, 4)}, got ${year}`);
  }
  let businessDays = 0;
  const exceptions: CalendarDay[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const info = describeDay(d, calendar);
    if (info.open) businessDays++;
    const weekend = isWeekend(d);
    if ((weekend && (info.open || info.kind === 'makeup-workday')) || (!weekend && !info.open)) exceptions.push(withWeekday(info));
  }
  const arrangement = calendar === 'HK' || calendar === 'NONE' ? undefined : cnArrangement(year);
  const notice = arrangement
    ? { ...arrangement.notice, provisional: arrangement.provisional, ...(arrangement.provisionalReason ? { provisionalReason: arrangement.provisionalReason } : {}) }
    : null;
  return { year, calendar, businessDays, exceptions, notice };
}

export interface CalendarDate extends CalendarDay {
  /** The date moved to a business day under each roll convention. */
  rolled: Record<RollConvention, IsoDate>;
}

export function calendarDate(date: string, calendar: CalendarId): CalendarDate {
  if (!isValidIsoDate(date)) throw new RangeError(`date: must be a real date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const info = withWeekday(describeDay(date, calendar));
  const rolled = Object.fromEntries(ROLL_CONVENTIONS.map((r) => [r, adjustDate(date, r, calendar)])) as Record<RollConvention, IsoDate>;
  return { ...info, rolled };
}

/** A year (YYYY) or one date (YYYY-MM-DD) of a calendar; null when `when` is neither. */
export function lookUpCalendar(when: string, calendar: CalendarId): CalendarYear | CalendarDate | null {
  if (/^\d{4}$/.test(when)) return calendarYear(Number(when), calendar);
  if (/^\d{4}-\d{2}-\d{2}$/.test(when)) return calendarDate(when, calendar);
  return null;
}

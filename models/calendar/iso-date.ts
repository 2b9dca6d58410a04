/**
 * ISO calendar dates (`YYYY-MM-DD`) as plain strings, with all arithmetic done
 * on integer day numbers (days since 1970-01-01, proleptic Gregorian) via
 * Date.UTC, so that the machine's time zone can never shift a date.
 */

/** A calendar date written `YYYY-MM-DD` (no time, no zone). */
export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface YMD {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True if `s` is a well-formed, existing `YYYY-MM-DD` date. */
export function isValidIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parse and validate; throws a clear Error on a malformed or impossible date. */
export function parseIsoDate(s: IsoDate): YMD {
  if (!isValidIsoDate(s)) {
    throw new Error(`Invalid date ${JSON.stringify(s)}: expected an existing calendar date written YYYY-MM-DD`);
  }
  return { year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)), day: Number(s.slice(8, 10)) };
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new Error(`Year out of range: ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(s: IsoDate): number {
  const { year, month, day } = parseIsoDate(s);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** A date checked where it comes in: returns it, or throws `field: must be a real date written YYYY-MM-DD, got …`. */
export function checkDate(value: unknown, field: string): IsoDate {
  if (isValidIsoDate(value)) return value;
  const got = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  throw new Error(`${field}: must be a real date written YYYY-MM-DD, got ${got}`);
}

/** toDayNumber of a date checked first; a wrong date's message names `field`. */
export function dayNumber(date: IsoDate, field = 'date'): number {
  return toDayNumber(checkDate(date, field));
}

/** Actual days from `start` to `end` (negative if end is earlier). */
export function daysFrom(start: IsoDate, end: IsoDate): number {
  return dayNumber(end, 'end date') - dayNumber(start, 'start date');
}

export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`Day number must be an integer, got ${n}`);
  const d = new Date(n * MS_PER_DAY);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(s: IsoDate): number {
  return (((toDayNumber(s) + 4) % 7) + 7) % 7;
}

export function isWeekend(s: IsoDate): boolean {
  const w = dayOfWeek(s);
  return w === 0 || w === 6;
}

export function addDays(s: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(s) + n);
}

/** Every date from `first` to `last`, both included (empty if last < first). */
export function dateRange(first: IsoDate, last: IsoDate): IsoDate[] {
  const a = toDayNumber(first);
  const b = toDayNumber(last);
  const out: IsoDate[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * Payment schedules.
 *
 * Convention (Chinese ABS/ABN offering circulars): interest accrues on the
 * UNADJUSTED schedule dates; a payment date that is not a business day moves
 * under the roll convention (normally 'following': 顺延至其后的第1个工作日/交易日)
 * and no extra interest accrues for the postponed days
 * (顺延期间付息款项不另计利息). So accrualStart/accrualEnd below are never
 * rolled; only paymentDate is.
 */
import { adjustDate, isCalendarId, ROLL_CONVENTIONS, type CalendarId, type RollConvention } from './business-days.js';
import { daysInMonth, formatIsoDate, isValidIsoDate, parseIsoDate, type IsoDate } from './iso-date.js';

export type Frequency = 'monthly' | 'quarterly' | 'semiannual' | 'annual' | 'bullet';

export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'semiannual', 'annual', 'bullet'];

/** Months per period; undefined for 'bullet' (one period start → end). */
export const MONTHS_PER_PERIOD: Readonly<Record<Frequency, number | undefined>> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
  bullet: undefined,
};

/** Periods per year (bullet: 0). */
export function periodsPerYear(f: Frequency): number {
  const m = MONTHS_PER_PERIOD[f];
  return m === undefined ? 0 : 12 / m;
}

export interface SchedulePeriod {
  /** 1 for the first period, 2 for the second, … (期数). */
  index: number;
  /** Unadjusted start of the accrual period (inclusive). */
  accrualStart: IsoDate;
  /** Unadjusted end of the accrual period (exclusive; the next period's start). */
  accrualEnd: IsoDate;
  /** accrualEnd rolled to a business day of the calendar under the roll convention. */
  paymentDate: IsoDate;
}

export interface ScheduleOptions {
  start: IsoDate;
  end: IsoDate;
  frequency: Frequency;
  roll: RollConvention;
  calendar: CalendarId;
  /**
   * End-of-month rule: when the anchor date (start for 'short-final', end for
   * 'short-initial') is the last day of its month, every schedule date is the
   * last day of its month. Default false.
   */
  endOfMonth?: boolean;
  /**
   * Where an odd period goes when (end − start) is not a whole number of
   * periods. 'short-final' (default): dates run forward from start and the last
   * period is short. 'short-initial': dates run back from end and the first
   * period is short.
   */
  stub?: 'short-final' | 'short-initial';
}

/** True if `date` is the last day of its month. */
export function isEndOfMonth(date: IsoDate): boolean {
  const { year, month, day } = parseIsoDate(date);
  return day === daysInMonth(year, month);
}

/**
 * Add `n` calendar months (n may be negative). The day of month is kept and
 * clipped to the length of the target month (2024-01-31 + 1 → 2024-02-29).
 * With `endOfMonth` and a month-end `date`, the result is the month end
 * (2024-02-29 + 1 → 2024-03-31).
 */
export function addMonths(date: IsoDate, n: number, endOfMonth = false): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`addMonths: n must be an integer, got ${n}`);
  const { year, month, day } = parseIsoDate(date);
  const total = year * 12 + (month - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const dim = daysInMonth(ny, nm);
  const nd = endOfMonth && day === daysInMonth(year, month) ? dim : Math.min(day, dim);
  return formatIsoDate(ny, nm, nd);
}

function validate(opts: ScheduleOptions): void {
  if (typeof opts !== 'object' || opts === null) throw new Error('generateSchedule: options object required');
  for (const k of ['start', 'end'] as const) {
    if (!isValidIsoDate(opts[k])) {
      throw new Error(`generateSchedule: ${k} ${JSON.stringify(opts[k])} is not a valid YYYY-MM-DD date`);
    }
  }
  if (!(opts.end > opts.start)) {
    throw new Error(`generateSchedule: end ${opts.end} must be after start ${opts.start}`);
  }
  if (!(FREQUENCIES as readonly string[]).includes(opts.frequency)) {
    throw new Error(
      `generateSchedule: unknown frequency ${JSON.stringify(opts.frequency)}; expected one of ${FREQUENCIES.join(', ')}`,
    );
  }
  if (!(ROLL_CONVENTIONS as readonly string[]).includes(opts.roll)) {
    throw new Error(
      `generateSchedule: unknown roll convention ${JSON.stringify(opts.roll)}; expected one of ${ROLL_CONVENTIONS.join(', ')}`,
    );
  }
  if (!isCalendarId(opts.calendar)) {
    throw new Error(`generateSchedule: unknown calendar ${JSON.stringify(opts.calendar)}`);
  }
  if (opts.stub !== undefined && opts.stub !== 'short-final' && opts.stub !== 'short-initial') {
    throw new Error(
      `generateSchedule: unknown stub ${JSON.stringify(opts.stub)}; expected 'short-final' or 'short-initial'`,
    );
  }
  if (opts.endOfMonth !== undefined && typeof opts.endOfMonth !== 'boolean') {
    throw new Error('generateSchedule: endOfMonth must be a boolean');
  }
}

/** The unadjusted schedule dates, start and end included, ascending. */
export function scheduleDates(opts: ScheduleOptions): IsoDate[] {
  validate(opts);
  const step = MONTHS_PER_PERIOD[opts.frequency];
  if (step === undefined) return [opts.start, opts.end];
  const eom = opts.endOfMonth ?? false;
  const dates: IsoDate[] = [];
  if ((opts.stub ?? 'short-final') === 'short-final') {
    dates.push(opts.start);
    // Each date is computed from the anchor (not from the previous date) so a
    // 31st clipped to 28 Feb does not drag every later date to the 28th.
    for (let k = 1; ; k++) {
      const d = addMonths(opts.start, k * step, eom);
      if (d >= opts.end) break;
      dates.push(d);
    }
    dates.push(opts.end);
  } else {
    dates.push(opts.end);
    for (let k = 1; ; k++) {
      const d = addMonths(opts.end, -k * step, eom);
      if (d <= opts.start) break;
      dates.push(d);
    }
    dates.push(opts.start);
    dates.reverse();
  }
  return dates;
}

/**
 * Generate the accrual/payment periods from `start` to `end`.
 * Accrual dates are unadjusted; paymentDate = adjustDate(accrualEnd, roll, calendar).
 * Throws if a payment date falls outside the calendar's holiday data.
 */
export function generateSchedule(opts: ScheduleOptions): SchedulePeriod[] {
  const dates = scheduleDates(opts);
  const periods: SchedulePeriod[] = [];
  for (let i = 1; i < dates.length; i++) {
    const accrualStart = dates[i - 1];
    const accrualEnd = dates[i];
    if (accrualStart === undefined || accrualEnd === undefined) throw new Error('generateSchedule: internal error');
    periods.push({
      index: i,
      accrualStart,
      accrualEnd,
      paymentDate: adjustDate(accrualEnd, opts.roll, opts.calendar),
    });
  }
  return periods;
}

/**
 * Day-count conventions (ISDA 2006 Definitions, Section 4.16).
 *
 * - 'ACT/365F'     actual days / 365                            (4.16(d), "Actual/365 (Fixed)")
 * - 'ACT/360'      actual days / 360                            (4.16(e))
 * - 'ACT/ACT-ISDA' days in leap years / 366 + days in other years / 365
 *                  (4.16(b)); the period is split at each 1 January
 * - '30/360'       30/360 "Bond Basis" (4.16(f)):
 *                    D1 = 31 → 30; D2 = 31 and D1 ∈ {30, 31} → 30;
 *                    [360·(Y2−Y1) + 30·(M2−M1) + (D2−D1)] / 360.
 *                  This is the ISDA Bond Basis, which equals the usual
 *                  "30/360 US" except that it does NOT apply the SIA
 *                  end-of-February rule (Feb 28/29 is not treated as 30).
 *
 * Chinese practice: interbank bond yields and accrued interest are ACT/ACT;
 * ABS/ABN coupons are usually actual days / 365 (ACT/365F) in the offering
 * circulars. The convention is a per-deal choice.
 *
 * Periods are [start, end): the start date accrues, the end date does not.
 * If end < start the result is the negative of yearFraction(end, start).
 */
import { isLeapYear, parseIsoDate, toDayNumber, type IsoDate } from './iso-date.js';

export const DAY_COUNTS = ['ACT/365F', 'ACT/360', 'ACT/ACT-ISDA', '30/360'] as const;

export type DayCount = (typeof DAY_COUNTS)[number];

export function isDayCount(x: unknown): x is DayCount {
  return typeof x === 'string' && (DAY_COUNTS as readonly string[]).includes(x);
}

/** Actual calendar days from `a` to `b` (negative if b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day count numerator of 30/360 Bond Basis (ISDA 2006 4.16(f)). */
export function days30360(start: IsoDate, end: IsoDate): number {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  const d1 = s.day === 31 ? 30 : s.day;
  const d2 = e.day === 31 && d1 >= 30 ? 30 : e.day;
  return 360 * (e.year - s.year) + 30 * (e.month - s.month) + (d2 - d1);
}

function actActIsda(start: IsoDate, end: IsoDate): number {
  const sy = parseIsoDate(start).year;
  const ey = parseIsoDate(end).year;
  const basis = (y: number): number => (isLeapYear(y) ? 366 : 365);
  if (sy === ey) return daysBetween(start, end) / basis(sy);
  // start → 1 Jan of the next year, whole years in between, 1 Jan of end year → end
  let yf = daysBetween(start, `${String(sy + 1).padStart(4, '0')}-01-01`) / basis(sy);
  yf += ey - sy - 1;
  yf += daysBetween(`${String(ey).padStart(4, '0')}-01-01`, end) / basis(ey);
  return yf;
}

/** Fraction of a year from `start` to `end` under `dc`. */
export function yearFraction(start: IsoDate, end: IsoDate, dc: DayCount): number {
  if (!isDayCount(dc)) {
    throw new Error(`Unknown day count ${JSON.stringify(dc)}: expected one of ${DAY_COUNTS.join(', ')}`);
  }
  parseIsoDate(start);
  parseIsoDate(end);
  if (end < start) return -yearFraction(end, start, dc);
  switch (dc) {
    case 'ACT/365F':
      return daysBetween(start, end) / 365;
    case 'ACT/360':
      return daysBetween(start, end) / 360;
    case 'ACT/ACT-ISDA':
      return actActIsda(start, end);
    case '30/360':
      return days30360(start, end) / 360;
  }
}

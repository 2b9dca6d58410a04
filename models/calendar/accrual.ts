// Accrual as exact rationals: a year fraction is a sum of (days / basis) parts, so interest on a
// Decimal balance is computed without binary fractions (91/365 is not a finite binary number).
import { days30360, type DayCount } from './day-count.js';
import { parseIsoDate, toDayNumber } from './iso-date.js';

export interface AccrualPart { days: number; basis: number }

export function accrualParts(start: string, end: string, dc: DayCount): AccrualPart[] {
  const days = toDayNumber(end) - toDayNumber(start);
  switch (dc) {
    case 'ACT/365F': return [{ days, basis: 365 }];
    case 'ACT/360': return [{ days, basis: 360 }];
    case '30/360': return [{ days: days30360(start, end), basis: 360 }];
    case 'ACT/ACT-ISDA': {
      // ISDA 2006 4.16(b): days in a leap year over 366 plus days in a common year over 365.
      const parts: AccrualPart[] = [];
      let from = start;
      while (from < end) {
        const y = parseIsoDate(from).year;
        const nextYear = `${String(y + 1).padStart(4, '0')}-01-01`;
        const to = nextYear < end ? nextYear : end;
        const basis = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
        parts.push({ days: toDayNumber(to) - toDayNumber(from), basis });
        from = to;
      }
      return parts;
    }
  }
}


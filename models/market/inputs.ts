// Input checks and small money helpers shared by the market, cross-border, rail and cost models
// (dates are calendar/iso-date.ts). Every check names the field, says what was wrong and what is
// allowed, and never falls back to a default silently.
import { Decimal } from 'decimal.js';

/** An amount of money in yuan: a Decimal, a decimal string or a number. */
export type MoneyInput = Decimal | string | number;

const show = (v: unknown): string => {
  if (v instanceof Decimal) return v.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** A non-negative amount in yuan as a Decimal; throws naming the field otherwise. */
export function checkMoney(value: unknown, field: string, opts: { allowNegative?: boolean } = {}): Decimal {
  let d: Decimal;
  if (value instanceof Decimal) d = value;
  else if (typeof value === 'number' || typeof value === 'string') {
    try {
      d = new Decimal(typeof value === 'string' ? value.trim() : value);
    } catch {
      throw new Error(`${field}: must be an amount in yuan (a number or a decimal string), got ${show(value)}`);
    }
  } else {
    throw new Error(`${field}: must be an amount in yuan (a number or a decimal string), got ${show(value)}`);
  }
  if (!d.isFinite()) throw new Error(`${field}: must be a finite amount, got ${show(value)}`);
  if (!opts.allowNegative && d.isNegative() && !d.isZero()) {
    throw new Error(`${field}: must not be negative, got ${show(value)}`);
  }
  return d;
}

/** A finite number in [lo, hi]; throws `field: must be between lo and hi, got x`. */
export function checkNumber(value: unknown, field: string, lo: number, hi: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${field}: must be a number between ${lo} and ${hi}, got ${show(value)}`);
  }
  if (value < lo || value > hi) throw new Error(`${field}: must be between ${lo} and ${hi}, got ${value}`);
  return value;
}

export function checkInteger(value: unknown, field: string, lo: number, hi: number): number {
  const n = checkNumber(value, field, lo, hi);
  if (!Number.isInteger(n)) throw new Error(`${field}: must be a whole number between ${lo} and ${hi}, got ${n}`);
  return n;
}

/** A rate or share written as a decimal (0.07 for 7%), between 0 and 1. */
export const checkFraction = (value: unknown, field: string): number => checkNumber(value, field, 0, 1);

/** Money to the fen, half away from zero (四舍五入). */
export const fen = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** 3000000 → "3,000,000.00" (for messages people read). */
export function formatYuan(d: Decimal | number | string): string {
  const x = d instanceof Decimal ? d : new Decimal(d);
  const s = x.abs().toFixed(2, Decimal.ROUND_HALF_UP);
  const [int, frac] = s.split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${x.isNegative() && !x.isZero() ? '-' : ''}${grouped}.${frac}`;
}

/** A factor for messages: 1.5 → "1.5", 2 → "2". */
export const formatFactor = (x: number): string => String(+x.toFixed(10));

/** 0.0345 → "3.45%". */
export const formatPercent = (x: number, digits = 4): string => `${+(x * 100).toFixed(digits)}%`;

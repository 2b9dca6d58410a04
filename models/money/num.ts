// One arithmetic interface, two implementations: exact decimals for schedules people read,
// plain doubles for Monte Carlo paths. The waterfall is written once against Num<T>.
import { Decimal } from 'decimal.js';

/** Rounding rule for money: to the fen (0.01 yuan), half away from zero (四舍五入). */
export const FEN_ROUNDING = Decimal.ROUND_HALF_UP;

/** A fixed-length vector: a Float64Array for doubles, an array of Decimals for exact runs. */
export type Vec<T> = { [index: number]: T; readonly length: number; fill(value: T): unknown };

export interface Num<T> {
  readonly zero: T;
  /** A vector of n zeros. */
  vector(n: number): Vec<T>;
  of(x: string | number | Decimal): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  min(a: T, b: T): T;
  max(a: T, b: T): T;
  /** a × factor, unrounded (factor a plain rate or share). */
  times(a: T, factor: number): T;
  /** a × p / q, unrounded: accrual for p days on a q-day basis without binary fractions. */
  ratio(a: T, p: number, q: number): T;
  /** a × b / c, unrounded (pro-rata splits). */
  prorate(a: T, b: T, c: T): T;
  /** Round to the fen (ROUND_HALF_UP). */
  fen(a: T): T;
  /** Round down to the fen: for splits that must never exceed what is there. */
  fenDown(a: T): T;
  gt(a: T, b: T): boolean;
  isPositive(a: T): boolean;
  toNumber(a: T): number;
}

const D0 = new Decimal(0);
export const exactNum: Num<Decimal> = {
  zero: D0,
  vector: (n) => new Array<Decimal>(n).fill(D0),
  of: (x) => new Decimal(x),
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  min: (a, b) => (a.lessThan(b) ? a : b),
  max: (a, b) => (a.greaterThan(b) ? a : b),
  times: (a, f) => a.times(f),
  ratio: (a, p, q) => a.times(p).dividedBy(q),
  prorate: (a, b, c) => (c.isZero() ? D0 : a.times(b).dividedBy(c)),
  fen: (a) => a.toDecimalPlaces(2, FEN_ROUNDING),
  fenDown: (a) => a.toDecimalPlaces(2, Decimal.ROUND_DOWN),
  gt: (a, b) => a.greaterThan(b),
  isPositive: (a) => a.greaterThan(0),
  toNumber: (a) => a.toNumber(),
};

/**
 * Round to the fen on doubles. The 1e-9 nudge makes x.xx5 values that binary cannot hold
 * exactly (2.675 → 2.67499999…) round half-up as the decimal engine does.
 */
const fenRound = (x: number): number => {
  const s = x * 100;
  return (s >= 0 ? Math.floor(s + 0.5 + 1e-9) : -Math.floor(-s + 0.5 + 1e-9)) / 100;
};
// `zero` comes last here, first in exactNum, on purpose: two object literals with the same keys in
// the same order share one V8 hidden class, and `zero` (0 here, a Decimal there) would then be read
// as "any value" — every double the waterfall carries round a loop would be boxed on the heap
// (7 KB of garbage per Monte Carlo path on the synthetic pool). test/models/money/num.test.ts keeps them apart.
export const floatNum: Num<number> = {
  vector: (n) => new Float64Array(n),
  of: (x) => (typeof x === 'number' ? x : Number(x.toString())),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  min: (a, b) => (a < b ? a : b),
  max: (a, b) => (a > b ? a : b),
  times: (a, f) => a * f,
  ratio: (a, p, q) => (a * p) / q,
  prorate: (a, b, c) => (c === 0 ? 0 : (a * b) / c),
  fen: fenRound,
  fenDown: (x) => Math.floor(x * 100 + 1e-7) / 100,
  gt: (a, b) => a > b + 1e-9,
  isPositive: (a) => a > 1e-9,
  toNumber: (a) => a,
  zero: 0,
};

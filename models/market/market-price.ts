// 市场化定价 Market pricing of a tranche: coupon = benchmark + credit spread.
// - The spread comes from the grid (spread-grid.ts) by the tranche's domestic grade and WAL.
// - The benchmark: the government curve (CGB) at the tranche's WAL on the issue date — a fixed
//   coupon — or the 1-year LPR on the issue date, giving a floating coupon LPR1Y + (yield − LPR)
//   that resets with the LPR afterwards. Both give the same yield at issue.
// - `premiumBp` adds a spread the grid does not know (a first issue, a thin investor base).
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import { CGB_CURVE, type Curve, type CurveSnapshot } from './curve-data.js';
import { lprFixingOn } from './lpr.js';
import { DEFAULT_SPREAD_GRID, gridSpreadBp, interpolate, type SpreadGrid } from './spread-grid.js';
import type { DomesticGrade } from '../ratings/domestic-scale.js';

import { MARKET_BENCHMARKS } from '../deal/schema-helpers.js';
export { MARKET_BENCHMARKS };
export type MarketBenchmark = (typeof MARKET_BENCHMARKS)[number];

export interface CurveRead {
  curve: string;
  /** The snapshot used: the nearest in time to the date priced (the earlier one on a tie). */
  date: IsoDate;
  /** Days from the snapshot to the date priced (negative: the snapshot is after it). */
  staleDays: number;
  years: number;
  rate: number;
  source: string;
}

/**
 * The curve's yield at `years` on `date`: the snapshot nearest in time (a deal of the past is
 * priced off the closest published curve, before or after), linear in tenor, flat beyond its ends.
 */
export function curveRate(curve: Curve, date: IsoDate, years: number): CurveRead {
  checkDate(date, 'date');
  if (!(Number.isFinite(years) && years >= 0)) throw new RangeError(`years: must be a tenor in years of at least 0, got ${years}`);
  if (curve.snapshots.length === 0) throw new RangeError(`curve: the ${curve.name} has no snapshot to price from`);
  const d = dayNumber(date);
  let snap: CurveSnapshot = curve.snapshots[0]!;
  for (const s of curve.snapshots) if (Math.abs(d - dayNumber(s.date)) < Math.abs(d - dayNumber(snap.date))) snap = s;
  const xs = snap.points.map((p) => p.years);
  const ys = snap.points.map((p) => p.rate);
  return { curve: curve.id, date: snap.date, staleDays: d - dayNumber(snap.date), years, rate: interpolate(xs, ys, years), source: snap.source };
}

export interface MarketPriceInput {
  grade: DomesticGrade;
  walYears: number;
  issueDate: IsoDate;
  benchmark?: MarketBenchmark;
  premiumBp?: number;
  grid?: SpreadGrid;
  curve?: Curve;
}

export interface MarketPrice {
  grade: DomesticGrade;
  walYears: number;
  /** The benchmark the coupon is written on and its rate at issue. */
  benchmark: { name: MarketBenchmark; rate: number; date: IsoDate; source: string };
  /** The government curve point at the WAL, which the grid's spread is over. */
  curvePoint: CurveRead;
  /** The grid's spread over the curve (bp), interpolated at the WAL, plus any premium. */
  gridSpreadBp: number;
  premiumBp: number;
  /** Yield at issue: curve point + grid spread + premium. */
  yield: number;
  /** The coupon's spread over its benchmark (decimal): yield − benchmark rate. */
  spreadOverBenchmark: number;
  /** The coupon as the deal format writes it. */
  coupon: { type: 'fixed'; rate: number } | { type: 'benchmark'; benchmark: 'LPR1Y'; spread: number };
  gridRow: { basis: string; source: string };
}

/** Round a rate to 0.01 bp (1e-6), as an offering circular would quote it to the basis point and beyond. */
const roundRate = (x: number) => Math.round(x * 1e6) / 1e6;

/** The market coupon of a tranche of `grade` and WAL issued on `issueDate`; RangeError when the grid has no price for the grade. */
export function marketPrice(i: MarketPriceInput): MarketPrice {
  const grid = i.grid ?? DEFAULT_SPREAD_GRID;
  const curve = i.curve ?? CGB_CURVE;
  const benchmark = i.benchmark ?? 'CGB';
  const premiumBp = i.premiumBp ?? 0;
  if (!(Number.isFinite(i.walYears) && i.walYears >= 0)) throw new RangeError(`walYears: must be at least 0, got ${i.walYears}`);
  const spread = gridSpreadBp(grid, i.grade, i.walYears);
  if (!spread) {
    throw new RangeError(`grade: the spread grid "${grid.id}" has no row for ${i.grade} (rows: ${grid.rows.map((r) => r.grade).join(', ')}); a tranche below the grid is first-loss money, not a note to price`);
  }
  const point = curveRate(curve, i.issueDate, i.walYears);
  const spreadBp = spread.bp + premiumBp;
  const yld = roundRate(point.rate + spreadBp / 10_000);
  if (benchmark === 'CGB') {
    return {
      grade: i.grade, walYears: i.walYears,
      benchmark: { name: 'CGB', rate: point.rate, date: point.date, source: point.source },
      curvePoint: point, gridSpreadBp: spread.bp, premiumBp, yield: yld, spreadOverBenchmark: roundRate(yld - point.rate),
      coupon: { type: 'fixed', rate: yld }, gridRow: { basis: spread.row.basis, source: spread.row.source },
    };
  }
  const lpr = lprFixingOn(i.issueDate, '1Y');
  const s = roundRate(yld - lpr.rate);
  return {
    grade: i.grade, walYears: i.walYears,
    benchmark: { name: 'LPR1Y', rate: lpr.rate, date: lpr.fixingDate, source: 'NIFC/PBOC 1-year LPR fixing (models/market/lpr.ts)' },
    curvePoint: point, gridSpreadBp: spread.bp, premiumBp, yield: yld, spreadOverBenchmark: s,
    coupon: { type: 'benchmark', benchmark: 'LPR1Y', spread: s }, gridRow: { basis: spread.row.basis, source: spread.row.source },
  };
}

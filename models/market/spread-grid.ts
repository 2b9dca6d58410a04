// 信用利差表 The credit-spread grid market pricing reads: basis points over the government curve
// (CGB, curve-data.ts) by domestic structured-finance grade (AAA(sf) … BB(sf)) and WAL in years,
// interpolated linearly in WAL and held flat beyond the first and last column.
//
// DATA STATUS — how each row was made (every row also says it in `basis` and `source`):
// - AAA(sf): FACT-BASED. The ChinaBond AAA CP&MTN curve (中债中短期票据收益率曲线 AAA) minus the
//   ChinaBond government curve on 2024-03-18, tenor by tenor (yield.chinabond.com.cn: 3M 2.2613 −
//   1.6724, 6M 2.2852 − 1.6813, 1Y 2.3745 − 1.7825, 3Y 2.5500 − 2.0812, 5Y 2.6250 − 2.2168,
//   7Y 2.6690 − 2.3294, in %). ASSUMPTION: an AAA(sf) IP ABS/ABN prices at the AAA corporate
//   spread — the one fully published AAA curve we could cite; the IP deals below are the check.
// - AA+(sf), AA(sf): the AAA row times the ratio of mean issuance spreads by grade of Chinese ABS
//   in 2021 Q1 (联合资信 Lianhe Ratings, ABS market review 2021 Q1: AAAsf 163 bp, AA+sf 262 bp,
//   AAsf 484 bp): ×262/163 and ×484/163. ASSUMPTION: the relative spreads by grade of 2021 Q1 hold.
// - AA−(sf) … BB(sf): the AA(sf) row plus 100 bp a notch. ASSUMPTION: almost no public ABS issue
//   below AA(sf) (Lianhe: AA and below have "basically left the market"), so nothing to cite; a
//   notch of 100 bp keeps the grid monotone and makes a weak tranche clearly dear.
// Below BB(sf) there is no price: such a tranche is unrated first-loss money (次级), not a note.
//
// Checks against the IP deals of the facts brief (spread over the 1-year CGB point on or before
// issue): Nanshan–HTI IP 5, April 2022, 3.80% − 1.94% = 186 bp; Yuhang, March 2023, 2.70% −
// 2.289% = 41 bp; Ningbo, December 2024, 1.95% (the scenario's assumption; the brief says the
// firms' cost was at most 2%) − 1.00% = 95 bp. The grid's 59 bp at 1 year sits inside that range:
// IP deals have priced both inside and well outside AAA corporates. `ipabs price` shows the grid
// against each deal's own coupon.
import { z } from 'zod';
import { DOMESTIC_GRADES, gradeRank, type DomesticGrade } from '../ratings/domestic-scale.js';
import { describeValue } from '../deal/schema-helpers.js';

export type GridBasis = 'fact-based' | 'assumption';

export interface SpreadRow {
  grade: DomesticGrade;
  /** Basis points over the benchmark curve at each of the grid's WAL columns. */
  bp: readonly number[];
  basis: GridBasis;
  source: string;
}

export interface SpreadGrid {
  id: string;
  /** The curve the spreads are over (curve-data.ts). */
  over: 'CGB';
  /** WAL columns, years, increasing. */
  walYears: readonly number[];
  rows: readonly SpreadRow[];
  /** Observed coupons the grid is checked against (not used to price). */
  checks: ReadonlyArray<{ deal: string; date: string; coupon: number; grade: DomesticGrade; walYears: number; kind: 'fact' | 'assumption'; source: string }>;
}

const AAA_SOURCE = 'ChinaBond AAA CP&MTN curve minus ChinaBond government curve, 2024-03-18 (yield.chinabond.com.cn); assumption: AAA(sf) IP ABS price at the AAA corporate spread';
const RATIO_SOURCE = (g: string, bp: number) => `AAA(sf) row × ${bp}/163: mean ABS issuance spreads AAAsf 163 bp, ${g} ${bp} bp in 2021 Q1 (联合资信 Lianhe Ratings ABS market review 2021 Q1); assumption: the ratio by grade holds`;
const NOTCH_SOURCE = (n: number) => `AA(sf) row + ${n} × 100 bp; assumption: hardly any public ABS is issued below AA(sf), so no spread can be cited; 100 bp a notch keeps the grid monotone`;

const AAA = [59, 60, 59, 47, 41, 34];
const scaled = (k: number) => AAA.map((x) => Math.round((x * k) / 163));
const AA = scaled(484);
const below = (n: number) => AA.map((x) => x + 100 * n);

/** The shipped grid: spreads over CGB, bp, at WAL 0.25, 0.5, 1, 3, 5 and 7 years. */
export const DEFAULT_SPREAD_GRID: SpreadGrid = {
  id: 'ipabs-cgb-2024',
  over: 'CGB',
  walYears: [0.25, 0.5, 1, 3, 5, 7],
  rows: [
    { grade: 'AAA(sf)', bp: AAA, basis: 'fact-based', source: AAA_SOURCE },
    { grade: 'AA+(sf)', bp: scaled(262), basis: 'assumption', source: RATIO_SOURCE('AA+sf', 262) },
    { grade: 'AA(sf)', bp: AA, basis: 'assumption', source: RATIO_SOURCE('AAsf', 484) },
    ...(['AA-(sf)', 'A+(sf)', 'A(sf)', 'A-(sf)', 'BBB+(sf)', 'BBB(sf)', 'BBB-(sf)', 'BB(sf)'] as const).map((grade, i) => ({
      grade, bp: below(i + 1), basis: 'assumption' as const, source: NOTCH_SOURCE(i + 1),
    })),
  ],
  checks: [
    { deal: 'Nanshan–HTI IP 5 (南山区-高新投知识产权5号)', date: '2022-04-14', coupon: 0.038, grade: 'AAA(sf)', walYears: 1, kind: 'fact', source: 'DOMAIN.md: senior 3.80%, 1 year (grade assumed AAA(sf): shortfall payment by HTI Guarantee)' },
    { deal: 'Yuhang exclusive-licence ABN', date: '2023-03-16', coupon: 0.027, grade: 'AAA(sf)', walYears: 1, kind: 'fact', source: 'DOMAIN.md: coupon 2.7%, 1 year (grade assumed AAA(sf): AAA undertaker)' },
    { deal: 'Ningbo e-CNY IP securitization', date: '2024-12-18', coupon: 0.0195, grade: 'AAA(sf)', walYears: 1, kind: 'assumption', source: 'scenarios/ningbo-ecny-2024.json: 1.95% is the scenario\'s assumption (the brief: firms\' cost at most 2%)' },
  ],
};

const gradeSchema = z.enum(DOMESTIC_GRADES, { error: (iss) => `must be a domestic grade (${DOMESTIC_GRADES.join(', ')}), got ${describeValue(iss.input)}` });

/** A user's own grid (`--grid FILE`): the same shape; every figure needs its basis and source. */
export const spreadGridSchema = z.strictObject({
  id: z.string().min(1).max(100),
  over: z.literal('CGB', { error: () => 'must be "CGB" (spreads over the ChinaBond government curve)' }),
  walYears: z.array(z.number().positive().max(50)).min(1).max(30),
  rows: z.array(z.strictObject({
    grade: gradeSchema,
    bp: z.array(z.number().min(-500).max(5000)).min(1).max(30),
    basis: z.enum(['fact-based', 'assumption']),
    source: z.string().min(1).max(1000),
  })).min(1).max(DOMESTIC_GRADES.length),
  checks: z.array(z.strictObject({
    deal: z.string(), date: z.string(), coupon: z.number(), grade: gradeSchema, walYears: z.number(), kind: z.enum(['fact', 'assumption']), source: z.string(),
  })).optional().default([]),
});

/** Problems of a grid as `field: what is wrong`: columns increasing, one row per grade, as many figures as columns, spreads not falling as the grade worsens. */
export function gridProblems(g: SpreadGrid): string[] {
  const out: string[] = [];
  g.walYears.forEach((w, i) => { if (i > 0 && !(w > g.walYears[i - 1]!)) out.push(`walYears[${i}]: WAL columns must increase, got ${g.walYears[i - 1]} then ${w}`); });
  const seen = new Set<string>();
  g.rows.forEach((r, i) => {
    if (seen.has(r.grade)) out.push(`rows[${i}].grade: ${r.grade} appears twice; give each grade one row`);
    seen.add(r.grade);
    if (r.bp.length !== g.walYears.length) out.push(`rows[${i}].bp: needs ${g.walYears.length} figures (one per WAL column), got ${r.bp.length}`);
  });
  const sorted = [...g.rows].sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade));
  for (let i = 1; i < sorted.length; i++) {
    sorted[i]!.bp.forEach((x, j) => {
      const better = sorted[i - 1]!.bp[j];
      if (better !== undefined && x < better) out.push(`rows: ${sorted[i]!.grade} at WAL ${g.walYears[j]}y (${x} bp) is below the better ${sorted[i - 1]!.grade} (${better} bp); a worse grade must not price tighter`);
    });
  }
  return out;
}

/** Linear interpolation in x over increasing xs, flat beyond the ends. */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]!) return ys[0]!;
  const n = xs.length - 1;
  if (x >= xs[n]!) return ys[n]!;
  let i = 1;
  while (xs[i]! < x) i++;
  const x0 = xs[i - 1]!, x1 = xs[i]!;
  return ys[i - 1]! + ((ys[i]! - ys[i - 1]!) * (x - x0)) / (x1 - x0);
}

/** The grid's spread for a grade at a WAL, basis points; null when the grid has no row for the grade. */
export function gridSpreadBp(g: SpreadGrid, grade: DomesticGrade, walYears: number): { bp: number; row: SpreadRow } | null {
  const row = g.rows.find((r) => r.grade === grade);
  if (!row) return null;
  return { bp: interpolate(g.walYears, row.bp, walYears), row };
}

// 贷款市场报价利率 LPR: the loan prime rate, as reformed on 2019-08-17 and first fixed on
// 2019-08-20, published by the National Interbank Funding Center on the 20th of each month
// (next business day if a holiday). Rates are in force from the fixing date.
// Source: PBOC / NIFC monthly LPR announcements; DOMAIN.md lists the 2023-2025 1-year moves.
export type LprTenor = '1Y' | '5Y';

/** [effective date, 1Y %, 5Y %] — only the fixings where a rate changed. */
export const LPR_FIXINGS: ReadonlyArray<readonly [string, number, number]> = [
  ['2019-08-20', 4.25, 4.85],
  ['2019-09-20', 4.20, 4.85],
  ['2019-11-20', 4.15, 4.80],
  ['2020-02-20', 4.05, 4.75],
  ['2020-04-20', 3.85, 4.65],
  ['2021-12-20', 3.80, 4.65],
  ['2022-01-20', 3.70, 4.60],
  ['2022-05-20', 3.70, 4.45],
  ['2022-08-22', 3.65, 4.30],
  ['2023-06-20', 3.55, 4.20],
  ['2023-08-21', 3.45, 4.20],
  ['2024-02-20', 3.45, 3.95],
  ['2024-07-22', 3.35, 3.85],
  ['2024-10-21', 3.10, 3.60],
  ['2025-05-20', 3.00, 3.50],
];
/** Last fixing this table was checked against; later dates use the last rate, held flat. */
export const LPR_LAST_CHECKED = '2025-10-20';

/** The LPR in force on a date, as a decimal (0.0345 for 3.45%). */
export function lprOn(date: string, tenor: LprTenor): number {
  const first = LPR_FIXINGS[0]![0];
  if (date < first) throw new Error(`LPR: no reformed loan prime rate before ${first}, asked for ${date}`);
  let row = LPR_FIXINGS[0]!;
  for (const r of LPR_FIXINGS) if (r[0] <= date) row = r;
  const pct = tenor === '1Y' ? row[1] : row[2];
  return Math.round(pct * 100) / 10000;
}

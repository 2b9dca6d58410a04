// 贷款市场报价利率 (LPR), loan prime rate, in its reformed form: quoted monthly on the 20th
// (next business day if a holiday) by the National Interbank Funding Center (全国银行间同业拆借中心,
// NIFC) under the PBOC's authority, since the PBOC announcement of 2019-08-17 (中国人民银行公告
// 〔2019〕第15号); the first reformed fixing was 2019-08-20. New loans are priced off it.
//
// Source: the NIFC/PBOC monthly announcements ("中国人民银行授权全国银行间同业拆借中心公布,
// 1年期LPR为…%, 5年期以上LPR为…%"), chinamoney.com.cn → LPR history. Only the fixings at which
// a rate changed are listed; every monthly fixing in between repeated the previous values.
// Cross-checked against two independent public LPR tables (every monthly fixing 2019-08-20 …
// 2025-07-21) and the figures in the project brief (1Y 3.65 Jan 2023, 3.55 Jun 2023, 3.45 Aug 2023,
// 3.35 Jul 2024, 3.10 Oct 2024, 3.00 May 2025); the 2025-08-20, 2025-09-22 and 2025-10-20
// fixings left both rates unchanged (3.00 / 3.50).
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';

export type LprTenor = '1Y' | '5Y';
export const LPR_TENORS: readonly LprTenor[] = ['1Y', '5Y'];

/** One fixing at which the 1-year and/or the 5-year-and-over rate changed. Rates in basis points. */
export interface LprChange {
  date: IsoDate;
  oneYearBp: number;
  fiveYearBp: number;
}

/** Changes only, oldest first. Basis points keep the table exact (345 bp = 3.45%). */
export const LPR_CHANGES: readonly LprChange[] = [
  { date: '2019-08-20', oneYearBp: 425, fiveYearBp: 485 }, // first reformed fixing
  { date: '2019-09-20', oneYearBp: 420, fiveYearBp: 485 },
  { date: '2019-11-20', oneYearBp: 415, fiveYearBp: 480 },
  { date: '2020-02-20', oneYearBp: 405, fiveYearBp: 475 },
  { date: '2020-04-20', oneYearBp: 385, fiveYearBp: 465 },
  { date: '2021-12-20', oneYearBp: 380, fiveYearBp: 465 },
  { date: '2022-01-20', oneYearBp: 370, fiveYearBp: 460 },
  { date: '2022-05-20', oneYearBp: 370, fiveYearBp: 445 },
  { date: '2022-08-22', oneYearBp: 365, fiveYearBp: 430 },
  { date: '2023-06-20', oneYearBp: 355, fiveYearBp: 420 },
  { date: '2023-08-21', oneYearBp: 345, fiveYearBp: 420 },
  { date: '2024-02-20', oneYearBp: 345, fiveYearBp: 395 },
  { date: '2024-07-22', oneYearBp: 335, fiveYearBp: 385 },
  { date: '2024-10-21', oneYearBp: 310, fiveYearBp: 360 },
  { date: '2025-05-20', oneYearBp: 300, fiveYearBp: 350 },
];

/** The first reformed fixing; there is no reformed LPR before it. */
export const LPR_FIRST_FIXING: IsoDate = '2019-08-20';

/**
 * The latest monthly fixing this table was checked against (unchanged since 2025-05-20). After it
 * the last rates are held flat and every answer says so (`heldFlat: true`). Update the table and
 * this date together.
 */
export const LPR_CONFIRMED_THROUGH: IsoDate = '2025-10-20';
/** Former name, kept for existing callers. */
export const LPR_LAST_CHECKED: IsoDate = LPR_CONFIRMED_THROUGH;

/** The same table as [effective date, 1Y %, 5Y %] rows (the shape earlier callers used). */
export const LPR_FIXINGS: ReadonlyArray<readonly [string, number, number]> = LPR_CHANGES.map(
  (c) => [c.date, c.oneYearBp / 100, c.fiveYearBp / 100] as const,
);

export interface LprFixing {
  tenor: LprTenor;
  /** The rate as a decimal (0.0345 for 3.45%). */
  rate: number;
  /** The fixing that set the rate in force. */
  fixingDate: IsoDate;
  /** True when `date` is after LPR_CONFIRMED_THROUGH: the last known rate held flat, not a known fixing. */
  heldFlat: boolean;
}

/**
 * The LPR in force on `date` (a fixing applies from its own day: it is published at 9:00).
 * Throws before 2019-08-20. After LPR_CONFIRMED_THROUGH the last known rate is held flat and
 * `heldFlat` is set, so callers can flag projections that rest on it.
 */
export function lprFixingOn(date: IsoDate, tenor: LprTenor, field = 'date'): LprFixing {
  checkDate(date, field);
  if (tenor !== '1Y' && tenor !== '5Y') {
    throw new Error(`tenor: must be "1Y" or "5Y", got ${JSON.stringify(tenor)}`);
  }
  const d = dayNumber(date);
  if (d < dayNumber(LPR_FIRST_FIXING)) {
    throw new Error(
      `${field}: no loan prime rate before ${LPR_FIRST_FIXING} (the first fixing of the reformed LPR), got ${date}; ` +
        'loans before then were priced off the PBOC benchmark lending rate, which this model does not carry',
    );
  }
  let current = LPR_CHANGES[0] as LprChange;
  for (const c of LPR_CHANGES) {
    if (dayNumber(c.date) <= d) current = c;
    else break;
  }
  const bp = tenor === '1Y' ? current.oneYearBp : current.fiveYearBp;
  return { tenor, rate: bp / 10_000, fixingDate: current.date, heldFlat: d > dayNumber(LPR_CONFIRMED_THROUGH) };
}

/** The LPR in force on `date` as a decimal (e.g. 0.0345); see lprFixingOn for the rules. */
export function lprOn(date: IsoDate, tenor: LprTenor): number {
  return lprFixingOn(date, tenor).rate;
}

/**
 * Before the LPR reform new loans were priced off the PBOC benchmark lending rates (贷款基准利率):
 * 1 year 4.35%, over 5 years 4.90%, in force from 2015-10-24 (PBOC announcement of 2015-10-23,
 * the last change) until the reformed LPR replaced them for new loans on 2019-08-20 (PBOC
 * announcement 〔2019〕第15号). Used only as a benchmark for deals and bank loans of that period.
 */
export const PBOC_BENCHMARK_FROM: IsoDate = '2015-10-24';
const PBOC_BENCHMARK_BP: Readonly<Record<LprTenor, number>> = { '1Y': 435, '5Y': 490 };

export interface LoanBenchmark extends LprFixing {
  /** Which benchmark: the reformed LPR, or the PBOC benchmark lending rate before it. */
  kind: 'lpr' | 'pboc-benchmark';
  /** How a table names it, e.g. "1Y LPR" or "1Y benchmark lending rate". */
  name: string;
}

/**
 * The benchmark a loan starting on `date` was priced off: the LPR from 2019-08-20, the PBOC
 * benchmark lending rate from 2015-10-24 until then; throws before that.
 */
export function loanBenchmarkOn(date: IsoDate, tenor: LprTenor, field = 'date'): LoanBenchmark {
  checkDate(date, field);
  if (dayNumber(date) >= dayNumber(LPR_FIRST_FIXING)) return { ...lprFixingOn(date, tenor, field), kind: 'lpr', name: `${tenor} LPR` };
  if (dayNumber(date) < dayNumber(PBOC_BENCHMARK_FROM)) {
    throw new Error(`${field}: no loan benchmark before ${PBOC_BENCHMARK_FROM} in this model (the PBOC benchmark lending rates from then until the LPR reform of ${LPR_FIRST_FIXING}, the LPR after), got ${date}`);
  }
  return { tenor, rate: PBOC_BENCHMARK_BP[tenor] / 10_000, fixingDate: PBOC_BENCHMARK_FROM, heldFlat: false, kind: 'pboc-benchmark', name: `${tenor} benchmark lending rate` };
}

// The comparison the brief's claims rest on ("cost cut by more than 20%", "as low as 1.79%"): a
// direct IP-pledge bank loan (知识产权质押贷款) to the same firm, priced at the 1-year LPR plus a
// spread, with the appraisal fee (评估费) and any guarantee fee (担保费) the firm pays for it.
//
// Defaults (each can be changed): interest-only (先息后本) with interest every quarter (按季结息,
// ASSUMPTION: the usual bank practice), ACT/360 (日利率 = 年利率 ÷ 360), the rate fixed at the LPR in
// force on the start date plus the spread and, for loans over a year, reset to the LPR in force on
// each anniversary (ASSUMPTION: annual repricing, the common clause of LPR-linked loans).
// Fees are paid up front: appraisal as an amount or a share of the principal; guarantee fee as an
// annual rate on the principal × term in months / 12.
import { Decimal } from 'decimal.js';
import { checkFraction, checkInteger, checkMoney, checkNumber, fen, type MoneyInput } from '../market/inputs.js';
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';
import { loanBenchmarkOn, lprFixingOn, type LprTenor } from '../market/lpr.js';
import { allInCost, type AllInCost, type Subsidy } from './all-in.js';
import type { CostFlow } from '../money/cost-flow.js';
import { loanSchedule, type Amortization, type LoanDayCount, type LoanPayment } from './loan-schedule.js';

export interface BaselineLoanInput {
  principal: MoneyInput;
  startDate: IsoDate;
  /** Default 12. */
  termMonths?: number;
  /** Default '1Y'. */
  lprTenor?: LprTenor;
  /** Spread over the LPR as a decimal (0.005 for 50 bp); may be negative. */
  spreadOverLpr: number;
  /** Default 3 (quarterly interest). */
  paymentMonths?: number;
  /** Default 'interest-only'. */
  amortization?: Amortization;
  /** Default 'ACT/360'. */
  dayCount?: LoanDayCount;
  /** Appraisal fee: a share of the principal, paid up front. */
  appraisalFeeRate?: number;
  /** Appraisal fee as an amount (added to the rate-based one). */
  appraisalFee?: MoneyInput;
  /** Guarantee fee, annual rate on the principal, paid up front for the term. */
  guaranteeFeeRate?: number;
  otherUpfrontFees?: MoneyInput;
  subsidy?: Subsidy;
  /**
   * Price off the benchmark a loan starting then used (loanBenchmarkOn: the PBOC benchmark lending
   * rate before the LPR reform) instead of refusing a start before 2019-08-20.
   */
  preReformBenchmark?: boolean;
}

export interface BaselineLoan extends AllInCost {
  /** LPR in force at the start, and the loan rate (LPR + spread) then. */
  lpr: number;
  rate: number;
  /** True if any rate used came from an LPR held flat beyond the last confirmed fixing. */
  lprHeldFlat: boolean;
  schedule: LoanPayment[];
}

export function baselineBankLoan(i: BaselineLoanInput): BaselineLoan {
  const principal = fen(checkMoney(i.principal, 'principal'));
  const start = checkDate(i.startDate, 'startDate');
  const term = checkInteger(i.termMonths ?? 12, 'termMonths', 1, 600);
  const tenor = i.lprTenor ?? '1Y';
  const spread = checkNumber(i.spreadOverLpr, 'spreadOverLpr', -0.1, 0.2);
  let heldFlat = false;
  const lprAt = (d: IsoDate) => {
    const f = i.preReformBenchmark ? loanBenchmarkOn(d, tenor, 'startDate') : lprFixingOn(d, tenor, 'startDate');
    heldFlat = heldFlat || f.heldFlat;
    return f.rate;
  };
  const first = lprAt(start);
  // The rate for a period: the LPR in force on the latest anniversary on or before its start.
  const rateFor = (periodStart: IsoDate): number => {
    let reset = start;
    for (let y = 1; y * 12 < term; y++) {
      const anniversary = addMonths(start, 12 * y);
      if (dayNumber(anniversary) <= dayNumber(periodStart)) reset = anniversary;
    }
    return lprAt(reset) + spread;
  };
  const schedule = loanSchedule({
    principal,
    startDate: start,
    termMonths: term,
    annualRate: rateFor,
    paymentMonths: i.paymentMonths ?? 3,
    amortization: i.amortization ?? 'interest-only',
    dayCount: i.dayCount ?? 'ACT/360',
  });
  const appraisal = fen(principal.times(checkFraction(i.appraisalFeeRate ?? 0, 'appraisalFeeRate'))).plus(
    fen(checkMoney(i.appraisalFee ?? 0, 'appraisalFee')),
  );
  const guarantee = fen(principal.times(checkFraction(i.guaranteeFeeRate ?? 0, 'guaranteeFeeRate')).times(term).dividedBy(12));
  const other = fen(checkMoney(i.otherUpfrontFees ?? 0, 'otherUpfrontFees'));
  const flows: CostFlow[] = [{ date: start, amount: principal, kind: 'proceeds', label: 'loan proceeds' }];
  if (appraisal.greaterThan(0)) flows.push({ date: start, amount: appraisal.negated(), kind: 'upfront-fee', label: 'appraisal fee' });
  if (guarantee.greaterThan(0)) flows.push({ date: start, amount: guarantee.negated(), kind: 'guarantee-fee', label: 'guarantee fee' });
  if (other.greaterThan(0)) flows.push({ date: start, amount: other.negated(), kind: 'upfront-fee', label: 'other fees' });
  for (const p of schedule) {
    if (p.interest.greaterThan(0)) flows.push({ date: p.date, amount: p.interest.negated(), kind: 'interest' });
    if (p.principal.greaterThan(0)) flows.push({ date: p.date, amount: p.principal.negated(), kind: 'principal' });
  }
  const cost = allInCost(flows, i.subsidy);
  return { ...cost, lpr: first, rate: first + spread, lprHeldFlat: heldFlat, schedule };
}

/** Relative saving against the baseline: 1 − cost / baseline (0.2 = "cut by 20%"). */
export function savingVsBaseline(costRate: number, baselineRate: number): number {
  if (typeof costRate !== 'number' || !Number.isFinite(costRate)) throw new Error(`costRate: must be a finite number, got ${String(costRate)}`);
  if (typeof baselineRate !== 'number' || !(baselineRate > 0)) {
    throw new Error(`baselineRate: must be a positive rate to compare against, got ${String(baselineRate)}`);
  }
  return 1 - costRate / baselineRate;
}

/** Saving in yuan of interest-equivalent: (baseline − cost) × principal × years. */
export function savingAmount(costRate: number, baselineRate: number, principal: MoneyInput, years: number): Decimal {
  const p = checkMoney(principal, 'principal');
  return fen(p.times(baselineRate - costRate).times(checkNumber(years, 'years', 0, 100)));
}

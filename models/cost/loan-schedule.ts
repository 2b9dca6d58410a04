// A plain loan's payment schedule, exact to the fen: what a firm pays on a direct bank loan or a
// micro-loan, for the all-in cost and the bank-loan baseline. Dates are unadjusted (whole months
// from the start, clamped to month end); deals get their business-day schedule from the engine.
import { Decimal } from 'decimal.js';
import { checkInteger, checkMoney, checkNumber, fen, type MoneyInput } from '../market/inputs.js';
import { checkDate, daysFrom, type IsoDate } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';

export const AMORTIZATIONS = ['bullet', 'interest-only', 'equal-principal'] as const;
/**
 * bullet: interest and principal at maturity (到期一次还本付息); interest-only: interest every period,
 * principal at maturity (先息后本); equal-principal: the same principal every period (等额本金).
 */
export type Amortization = (typeof AMORTIZATIONS)[number];
export type LoanDayCount = 'ACT/360' | 'ACT/365F';

export interface LoanTerms {
  principal: MoneyInput;
  startDate: IsoDate;
  termMonths: number;
  /** Annual rate as a decimal, or the rate for an interest period starting on a date. */
  annualRate: number | ((periodStart: IsoDate) => number);
  /** Months per interest period (1, 3, 6, 12); ignored for a bullet loan. */
  paymentMonths: number;
  amortization: Amortization;
  /** Chinese bank loans accrue at 日利率 = 年利率 ÷ 360 (ACT/360). */
  dayCount: LoanDayCount;
}

export interface LoanPayment {
  date: IsoDate;
  days: number;
  rate: number;
  interest: Decimal;
  principal: Decimal;
  balanceAfter: Decimal;
}

export function loanSchedule(t: LoanTerms): LoanPayment[] {
  const principal = fen(checkMoney(t.principal, 'principal'));
  const start = checkDate(t.startDate, 'startDate');
  const term = checkInteger(t.termMonths, 'termMonths', 1, 600);
  if (!(AMORTIZATIONS as readonly string[]).includes(t.amortization)) {
    throw new Error(`amortization: must be one of ${AMORTIZATIONS.map((a) => `"${a}"`).join(', ')}, got ${JSON.stringify(t.amortization)}`);
  }
  if (t.dayCount !== 'ACT/360' && t.dayCount !== 'ACT/365F') {
    throw new Error(`dayCount: must be "ACT/360" or "ACT/365F", got ${JSON.stringify(t.dayCount)}`);
  }
  const basis = t.dayCount === 'ACT/360' ? 360 : 365;
  const step = t.amortization === 'bullet' ? term : checkInteger(t.paymentMonths, 'paymentMonths', 1, 120);
  if (term % step !== 0) throw new Error(`paymentMonths: must divide the term of ${term} months, got ${step}`);
  const periods = term / step;
  const rateFor = (d: IsoDate): number =>
    checkNumber(typeof t.annualRate === 'function' ? t.annualRate(d) : t.annualRate, 'annualRate', -0.1, 1);
  const out: LoanPayment[] = [];
  let balance = principal;
  let prev = start;
  const equal = t.amortization === 'equal-principal' ? principal.dividedBy(periods).toDecimalPlaces(2, Decimal.ROUND_DOWN) : null;
  for (let k = 1; k <= periods; k++) {
    const date = addMonths(start, k * step);
    const days = daysFrom(prev, date);
    const rate = rateFor(prev);
    const interest = fen(balance.times(rate).times(days).dividedBy(basis));
    let repay: Decimal;
    if (k === periods) repay = balance;
    else repay = equal ?? new Decimal(0);
    balance = balance.minus(repay);
    out.push({ date, days, rate, interest, principal: repay, balanceAfter: balance });
    prev = date;
  }
  return out;
}

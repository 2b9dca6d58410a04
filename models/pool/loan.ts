// An amortizing or bullet loan the trust buys from its originator (e.g. an IP-pledged micro-loan,
// 知识产权质押小额贷款, made by Shenzhen HTI's micro-lender: Futian, Nanshan, Longhua).
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { BENCHMARKS, integerBetween, isoDate, money, oneOf, strictObject, tagged, fraction, spread } from '../deal/schema-helpers.js';
import { addMonths } from '../calendar/schedule.js';
import { LPR_FIRST_FIXING, lprOn } from '../market/lpr.js';
import { fen, outstandingIsExposure, paymentFlows, scaleMoney, type AssetFirmFlows, type AssetFlow, type AssetKind } from './asset-kind.js';
import { POOL_TEXT } from '../deal/problem-text.js';

export const PERIOD_MONTHS = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const;
export const LOAN_FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;

export const loanRateSchema = tagged('type', [
  strictObject({ type: z.literal('fixed'), annualRate: fraction() }),
  strictObject({ type: z.literal('benchmark'), benchmark: oneOf(BENCHMARKS), spread: spread() }),
] as const);
export type LoanRate = z.output<typeof loanRateSchema>;

const schema = strictObject({
  kind: z.literal('loan'),
  principal: money(),
  startDate: isoDate(),
  termMonths: integerBetween(1, 360),
  paymentFrequency: oneOf(LOAN_FREQUENCIES),
  rate: loanRateSchema,
  /** 等额本金 equal-principal, 等额本息 annuity, or 先息后本 interest-only then bullet. */
  amortization: oneOf(['equal-principal', 'annuity', 'interest-only-bullet'] as const),
  /** Price the trust paid for the loan; defaults to par (the principal). */
  purchasePrice: money().optional(),
});
export type LoanAsset = z.output<typeof schema>;

/** The terms every loan-like kind shares (a loan, an entrusted or trust loan). */
export type LoanTerms = Pick<LoanAsset, 'principal' | 'startDate' | 'termMonths' | 'paymentFrequency' | 'rate' | 'amortization'>;

/** The annual rate in a period starting on `date`. LPR loans reset each period to LPR + spread. */
export function rateOn(rate: LoanRate, date: string): number {
  return rate.type === 'fixed' ? rate.annualRate : lprOn(date, rate.benchmark === 'LPR1Y' ? '1Y' : '5Y') + rate.spread;
}

/** The annual rate a loan pays in a period starting on `date`. */
export function loanRateOn(asset: Pick<LoanAsset, 'rate'>, date: string): number {
  return rateOn(asset.rate, date);
}

/**
 * A loan's schedule on the Chinese bank convention: the period rate is the annual rate divided
 * by the number of periods a year (月利率 = 年利率 / 12), interest rounded to the fen each period.
 * 等额本金 equal-principal: equal principal parts, the last one takes the rounding remainder.
 * 等额本息 annuity: a level payment P·r / (1 − (1 + r)^−n), recomputed when an LPR reset moves r.
 * 先息后本 interest-only then bullet.
 */
export function loanFlows(asset: LoanTerms): AssetFlow[] {
  const step = PERIOD_MONTHS[asset.paymentFrequency];
  const n = asset.termMonths / step;
  const perYear = 12 / step;
  let balance = new Decimal(asset.principal);
  const flows: AssetFlow[] = [];
  for (let k = 1; k <= n; k++) {
    const start = addMonths(asset.startDate, (k - 1) * step, false);
    const date = addMonths(asset.startDate, k * step, false);
    const r = new Decimal(rateOn(asset.rate, start)).dividedBy(perYear);
    const interest = fen(balance.times(r));
    const remaining = n - k + 1;
    let principal: Decimal;
    if (k === n) principal = balance;
    else if (asset.amortization === 'interest-only-bullet') principal = new Decimal(0);
    else if (asset.amortization === 'equal-principal') principal = fen(new Decimal(asset.principal).dividedBy(n));
    else {
      const payment = r.isZero()
        ? balance.dividedBy(remaining)
        : balance.times(r).dividedBy(new Decimal(1).minus(r.plus(1).pow(-remaining)));
      principal = fen(payment).minus(interest);
    }
    principal = Decimal.min(principal, balance);
    balance = balance.minus(principal);
    flows.push({ date, interest, principal, balanceAfter: balance });
  }
  return flows;
}

/** A borrower's side of a loan-like asset: the principal on the start date, then every interest and principal payment. */
export function borrowerFlows(a: LoanTerms, proceedsLabel: string): AssetFirmFlows {
  const principal = new Decimal(a.principal);
  return {
    funding: principal, startDate: a.startDate, termMonths: a.termMonths, endDate: addMonths(a.startDate, a.termMonths),
    proceeds: [{ date: a.startDate, amount: principal, kind: 'proceeds', label: proceedsLabel }],
    payments: paymentFlows(loanFlows(a), 'loan interest', 'loan principal'),
  };
}

/** Checks shared by loan-like kinds: bought seasoned (started by issue), maturing within the deal, whole periods. */
export function loanTermProblems(a: LoanTerms, deal: { meta: { issueDate: string; maturityDate: string } }): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const { issueDate, maturityDate } = deal.meta;
  const end = addMonths(a.startDate, a.termMonths, false);
  if (a.startDate > issueDate) out.push(['startDate', `must be on or before meta.issueDate (${issueDate}); the trust buys existing loans, got ${a.startDate}`]);
  if (end > maturityDate) out.push(['termMonths', `the loan ends ${end}, after meta.maturityDate (${maturityDate}); loans must mature within the deal`]);
  const per = PERIOD_MONTHS[a.paymentFrequency];
  if (a.termMonths % per !== 0) out.push(['termMonths', `must be a whole number of ${a.paymentFrequency} periods (a multiple of ${per}), got ${a.termMonths}`]);
  if (a.rate.type === 'benchmark' && a.startDate < LPR_FIRST_FIXING) {
    out.push(['startDate', POOL_TEXT.lprBeforeFirstFixing(LPR_FIRST_FIXING, a.startDate)]);
  }
  return out;
}

/** Cost-plus solves a fixed rate: a rate floating on the LPR cannot be (its field named). */
export function fixedRateProblems(rate: LoanRate, field: string): Array<[string, string]> {
  return rate.type === 'fixed' ? [] : [[field, `cost-plus pricing solves a fixed rate, but this one floats on the LPR (${field}.type "benchmark"); give it a fixed rate (its value is replaced by the solved rate) or price the pool "fixed"`]];
}

/** A fixed rate at a solved value. */
export const fixedRate = (annualRate: Decimal): LoanRate => ({ type: 'fixed', annualRate: annualRate.toNumber() });

export const loan: AssetKind<typeof schema> = {
  kind: 'loan',
  label: 'IP-pledged loans',
  labelZh: '知识产权质押贷款',
  paymentsLabel: 'repayments',
  paymentsLabelZh: '还款',
  model: 'pledged-loan',
  schema,
  flows: loanFlows,
  purchasePrice: (a) => new Decimal(a.purchasePrice ?? a.principal),
  scaled: (a, k) => ({ ...a, principal: scaleMoney(a.principal, k), ...(a.purchasePrice !== undefined ? { purchasePrice: scaleMoney(a.purchasePrice, k) } : {}) }),
  fundingDate: (a) => a.startDate,
  exposureAtDefault: outstandingIsExposure,
  prepayable: () => true,
  // The originator sold the loans at par; the borrowers' loan rate already pays for the deal.
  sellerBearsUpfrontFees: false,
  firmFlows: (a) => borrowerFlows(a, 'loan principal'),
  check: loanTermProblems,
  // Cost-plus: the solved rate is the loan's fixed annual rate, on its own payment dates and the
  // bank convention (annual rate / payments a year). A loan floating on the LPR keeps its spread.
  costPlus: {
    solves: 'rate.annualRate',
    problems: (a) => fixedRateProblems(a.rate, 'rate'),
    at: (a, annualRate) => ({ ...a, rate: fixedRate(annualRate) }),
  },
};

// 独占许可 licence-fee receivables: the firm licenses its patents (exclusive, sole or non-exclusive
// licence) and sells the licence fees it is owed to the trust for a price paid at issue (Yuhang,
// 兴业圆融-广州开发区). The fees are the trust's collections.
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { isoDate, listOf, money, oneOf, strictObject } from '../deal/schema-helpers.js';
import {
  datedPaymentProblems, effectiveInterestSplit, fen, outstandingIsExposure, paymentFlows, scaleMoney, wholeMonths,
  type AssetFlow, type AssetKind,
} from './asset-kind.js';
import type { CostFlow } from '../money/cost-flow.js';
import { POOL_TEXT } from '../deal/problem-text.js';
import { accrualParts } from '../calendar/accrual.js';
import type { CostPlusTerms } from './asset-kind.js';

const paymentSchema = strictObject({ date: isoDate(), amount: money() });

const schema = strictObject({
  kind: z.literal('licence-royalty'),
  licence: oneOf(['exclusive', 'sole', 'non-exclusive'] as const),
  /** What the trust pays the firm for the receivables at issue (the firm's funding). */
  purchasePrice: money(),
  payments: listOf(paymentSchema, 1, 1000),
});
export type RoyaltyAsset = z.output<typeof schema>;

/**
 * Each fee is split into a principal part (a pro-rata share of the purchase price) and an income
 * part, so a royalty and a loan have comparable balances.
 */
export function royaltyFlows(asset: RoyaltyAsset): AssetFlow[] {
  const price = new Decimal(asset.purchasePrice);
  const total = asset.payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  let balance = price;
  return asset.payments.map((p, i) => {
    const amount = new Decimal(p.amount);
    const isLast = i === asset.payments.length - 1;
    // Fees that total nothing carry no share of the price (was 0/0 = NaN): the balance stays until the last one.
    const share = total.isZero() ? new Decimal(0) : fen(price.times(amount).dividedBy(total));
    const principal = isLast ? balance : Decimal.min(balance, share);
    balance = balance.minus(principal);
    return { date: p.date, interest: amount.minus(principal), principal, balanceAfter: balance };
  });
}

/**
 * Licence fees at a cost-plus rate (许可使用费与票据兑付相匹配): on each of its own dates the firm
 * pays its part of the price (all of it with the last fee, or equal parts) plus a charge of
 * `annualRate` on the price still outstanding over the note accrual the fee funds
 * (terms.fundsUntil: from the end of what the previous fee funded, the issue date for the first),
 * on the deal's day count — so a fee due two weeks before a note payment pays that period's
 * interest, as the licence fees in these programmes are set to match the notes.
 */
export function royaltyAtRate(a: RoyaltyAsset, annualRate: Decimal, terms: CostPlusTerms): RoyaltyAsset {
  const price = new Decimal(a.purchasePrice);
  const n = a.payments.length;
  const part = fen(price.dividedBy(n));
  let balance = price;
  let from = terms.issueDate;
  const payments = a.payments.map((p, k) => {
    const until = terms.fundsUntil[k] ?? p.date;
    const to = until > from ? until : from;
    const yf = accrualParts(from, to, terms.dayCount).reduce((s, x) => s.plus(new Decimal(x.days).dividedBy(x.basis)), new Decimal(0));
    const charge = fen(balance.times(annualRate).times(yf));
    const principal = k === n - 1 ? balance : terms.licencePrincipal === 'equal' ? Decimal.min(part, balance) : new Decimal(0);
    balance = balance.minus(principal);
    from = to;
    return { date: p.date, amount: principal.plus(charge).toNumber() };
  });
  return { ...a, payments };
}

export const licenceRoyalty: AssetKind<typeof schema> = {
  kind: 'licence-royalty',
  label: 'licence-fee receivables',
  labelZh: '许可使用费',
  paymentsLabel: 'licence fees',
  paymentsLabelZh: '许可使用费',
  model: 'licence',
  schema,
  flows: royaltyFlows,
  purchasePrice: (a) => new Decimal(a.purchasePrice),
  scaled: (a, k) => ({ ...a, purchasePrice: scaleMoney(a.purchasePrice, k), payments: a.payments.map((p) => ({ ...p, amount: scaleMoney(p.amount, k) })) }),
  fundingDate: (_a, deal) => deal.meta.issueDate,
  exposureAtDefault: outstandingIsExposure,
  // A licensee pays its fees on their dates; it has no right to pay them off early.
  prepayable: () => false,
  // The firms are the sellers: the issue costs come out of what the trust pays them.
  sellerBearsUpfrontFees: true,
  firmFlows: (a, deal, upfrontShare) => {
    const price = new Decimal(a.purchasePrice);
    const issue = deal.meta.issueDate;
    const rf = royaltyFlows(a);
    const end = rf[rf.length - 1]!.date;
    const proceeds: CostFlow[] = [{ date: issue, amount: price, kind: 'proceeds', label: 'purchase price of the receivables' }];
    if (upfrontShare.greaterThan(0)) proceeds.push({ date: issue, amount: upfrontShare.negated(), kind: 'upfront-fee', label: 'share of the deal\'s up-front fees' });
    const split = effectiveInterestSplit(price, issue, rf.map((x) => ({ date: x.date, amount: x.interest.plus(x.principal) })));
    return {
      funding: price, startDate: issue, termMonths: wholeMonths(issue, end), endDate: end, proceeds,
      payments: paymentFlows(split, 'licence fee: financing charge', 'licence fee: repaying the price'),
    };
  },
  check: (a, deal) => {
    const out = datedPaymentProblems(a.payments, 'payments', deal);
    // The trust buys the fees at a discount (their yield is the firm's funding cost): a price above
    // what the fees add up to, or nothing at all, has no funding cost (no rate of return exists).
    const total = a.payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
    const price = new Decimal(a.purchasePrice);
    if (!price.greaterThan(0)) out.push(['purchasePrice', POOL_TEXT.royaltyPriceZero(price.toFixed(2))]);
    else if (price.greaterThan(total)) out.push(['purchasePrice', POOL_TEXT.royaltyPriceAboveFees(total.toFixed(2), price.toFixed(2))]);
    return out;
  },
  costPlus: {
    solves: 'payments[].amount',
    problems: () => [],
    at: royaltyAtRate,
  },
};

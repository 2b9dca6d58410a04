// 知识产权融资租赁 IP finance lease: the lessor buys the firm's patents or copyrights and leases them
// back (售后回租, sale-and-leaseback; or leases IP it bought for the firm, 直接租赁), and the firm
// pays rentals (租金) that repay the financed amount with interest: equal rent (等额租金), equal
// principal (等额本金) or a rental table (租金支付表). The firm may leave a deposit (保证金), held
// against default and set off against the last rental, pays a handling fee (手续费) to the lessor,
// and buys the IP back at the end for the purchase-option price (留购价款). The trust buys the
// rental receivables (第一创业-文科租赁一期, 江北扬子).
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { integerBetween, isoDate, listOf, money, oneOf, strictObject, tagged } from '../deal/schema-helpers.js';
import { addMonths } from '../calendar/schedule.js';
import type { CostFlow } from '../money/cost-flow.js';
import { paymentFlows, scaleMoney, wholeMonths, type AssetFlow, type AssetKind } from './asset-kind.js';
import { LOAN_FREQUENCIES, fixedRate, fixedRateProblems, loanFlows, loanRateSchema, loanTermProblems } from './loan.js';

const computedRentals = {
  termMonths: integerBetween(1, 360),
  paymentFrequency: oneOf(LOAN_FREQUENCIES),
  /** The lease rate (租赁利率): fixed, or LPR + spread reset each period. */
  rate: loanRateSchema,
};

const rentalsSchema = tagged('method', [
  /** 等额租金: a level rental each period (annuity on the financed amount). */
  strictObject({ method: z.literal('equal-rent'), ...computedRentals }),
  /** 等额本金: equal principal parts, interest on the balance. */
  strictObject({ method: z.literal('equal-principal'), ...computedRentals }),
  /** 租金支付表: the rentals as written in the lease, each split into principal and interest. */
  strictObject({
    method: z.literal('schedule'),
    payments: listOf(strictObject({ date: isoDate(), principal: money(), interest: money() }), 1, 1000),
  }),
] as const);

const schema = strictObject({
  kind: z.literal('finance-lease'),
  structure: oneOf(['sale-and-leaseback', 'direct'] as const),
  /** 融资额 / 租赁本金: what the lessor paid for the IP; the rentals' principal parts repay it. */
  financedAmount: money(),
  /** The day the lease began (the firm got the financed amount). */
  startDate: isoDate(),
  rentals: rentalsSchema,
  /** 保证金: held against default (it reduces the exposure) and set off against the last rental. */
  deposit: money().optional(),
  /** 手续费: paid by the firm to the lessor when the lease begins (part of the firm's cost, not the trust's cash). */
  handlingFee: money().optional(),
  /** 留购价款: what the firm pays at the last rental to buy the IP back (often a nominal 100 yuan). */
  purchaseOption: money().optional(),
  /** What the trust pays for the rental receivables; defaults to the financed amount (required for a lease with rentals paid before issue). */
  purchasePrice: money().optional(),
});
export type FinanceLeaseAsset = z.output<typeof schema>;

const ZERO = new Decimal(0);
const amount = (x: string | number | undefined): Decimal => (x === undefined ? ZERO : new Decimal(x));

/** Every rental of the lease from its start (principal and interest parts), the purchase option on the last. */
export function leaseRentals(a: FinanceLeaseAsset): AssetFlow[] {
  const r = a.rentals;
  let flows: AssetFlow[];
  if (r.method === 'schedule') {
    let balance = new Decimal(a.financedAmount);
    flows = r.payments.map((p) => {
      balance = balance.minus(p.principal);
      return { date: p.date, interest: new Decimal(p.interest), principal: new Decimal(p.principal), balanceAfter: balance };
    });
  } else {
    flows = loanFlows({
      principal: a.financedAmount, startDate: a.startDate, termMonths: r.termMonths, paymentFrequency: r.paymentFrequency,
      rate: r.rate, amortization: r.method === 'equal-rent' ? 'annuity' : 'equal-principal',
    });
  }
  const option = amount(a.purchaseOption);
  if (option.greaterThan(0) && flows.length > 0) {
    const last = flows[flows.length - 1]!;
    flows[flows.length - 1] = { ...last, interest: last.interest.plus(option) };
  }
  return flows;
}

function leaseEnd(a: FinanceLeaseAsset): string {
  const r = a.rentals;
  return r.method === 'schedule' ? r.payments[r.payments.length - 1]!.date : addMonths(a.startDate, r.termMonths);
}

function leaseProblems(a: FinanceLeaseAsset, deal: { meta: { issueDate: string; maturityDate: string } }): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const { issueDate, maturityDate } = deal.meta;
  const financed = new Decimal(a.financedAmount);
  const r = a.rentals;
  if (r.method === 'schedule') {
    if (a.startDate > issueDate) out.push(['startDate', `must be on or before meta.issueDate (${issueDate}); the trust buys the rentals of an existing lease, got ${a.startDate}`]);
    r.payments.forEach((p, j) => {
      const before = j > 0 ? r.payments[j - 1]!.date : a.startDate;
      if (p.date <= before) out.push([`rentals.payments[${j}].date`, `must be after ${j > 0 ? `the previous rental (${before})` : `startDate (${before})`}; rentals must be in increasing date order, got ${p.date}`]);
      else if (p.date > maturityDate) out.push([`rentals.payments[${j}].date`, `must be on or before meta.maturityDate (${maturityDate}); the lease must end within the deal, got ${p.date}`]);
    });
    const repaid = r.payments.reduce((s, p) => s.plus(p.principal), ZERO);
    if (!repaid.equals(financed)) {
      out.push(['rentals.payments', `the rentals' principal parts add up to ${repaid.toFixed(2)} but the financed amount is ${financed.toFixed(2)}; the rentals must amortize the financed amount exactly (difference ${repaid.minus(financed).toFixed(2)})`]);
    }
  } else {
    for (const [p, m] of loanTermProblems({ ...r, principal: a.financedAmount, startDate: a.startDate, amortization: 'annuity' }, deal)) {
      out.push([p === 'startDate' ? 'startDate' : `rentals.${p}`, m.replace('the trust buys existing loans', 'the trust buys the rentals of an existing lease').replace('the loan ends', 'the lease ends').replace('loans must mature', 'leases must end')]);
    }
  }
  const deposit = amount(a.deposit);
  if (deposit.greaterThan(financed)) out.push(['deposit', `must not exceed the financed amount (${financed.toFixed(2)}), got ${deposit.toFixed(2)}`]);
  if (financed.isZero()) out.push(['financedAmount', 'must be more than 0 (the lease finances the IP)']);
  if (a.purchasePrice === undefined) {
    const paidBefore = leaseRentals(a).filter((f) => f.date <= issueDate);
    if (paidBefore.length > 0) out.push(['purchasePrice', `is required: ${paidBefore.length} rental(s) fell due on or before meta.issueDate (${issueDate}), so the trust buys a seasoned lease; say what it pays (principal still owed at issue: ${outstandingAt(a, issueDate).toFixed(2)})`]);
  }
  return out;
}

/** Principal still owed after the rentals due on or before `date`. */
function outstandingAt(a: FinanceLeaseAsset, date: string): Decimal {
  return leaseRentals(a).filter((f) => f.date <= date).reduce((s, f) => s.minus(f.principal), new Decimal(a.financedAmount));
}

/**
 * The lease with every amount times k, each to the fen (the design optimizer's issue-size lever). A
 * rental table's principal parts are scaled one by one and the last takes the rounding, so that they
 * still amortize the scaled financed amount exactly.
 */
function scaledLease(a: FinanceLeaseAsset, k: number): FinanceLeaseAsset {
  const financedAmount = scaleMoney(a.financedAmount, k);
  const opt = (x: string | number | undefined) => (x === undefined ? undefined : scaleMoney(x, k));
  let rentals = a.rentals;
  if (rentals.method === 'schedule') {
    const payments = rentals.payments.map((p) => ({ ...p, principal: scaleMoney(p.principal, k), interest: scaleMoney(p.interest, k) }));
    const others = payments.slice(0, -1).reduce((s, p) => s.plus(p.principal), ZERO);
    payments[payments.length - 1]!.principal = new Decimal(financedAmount).minus(others).toFixed(2);
    rentals = { ...rentals, payments };
  }
  const out: FinanceLeaseAsset = { ...a, financedAmount, rentals };
  for (const f of ['deposit', 'handlingFee', 'purchaseOption', 'purchasePrice'] as const) if (a[f] !== undefined) out[f] = opt(a[f]);
  return out;
}

export const financeLease: AssetKind<typeof schema> = {
  kind: 'finance-lease',
  label: 'IP finance-lease rentals',
  labelZh: '知识产权融资租赁租金',
  paymentsLabel: 'rentals',
  paymentsLabelZh: '租金',
  model: 'finance-lease',
  schema,
  flows: leaseRentals,
  purchasePrice: (a) => new Decimal(a.purchasePrice ?? a.financedAmount),
  scaled: scaledLease,
  fundingDate: (a) => a.startDate,
  // The deposit is set off against what the firm owes: the trust loses only the rest before recovery.
  exposureAtDefault: (a, outstanding) => Decimal.max(0, outstanding.minus(amount(a.deposit))),
  // A lessee may end the lease early by paying the principal outstanding (提前退租 / 提前回购).
  prepayable: () => true,
  // The lessor (originator) sold the receivables; the lessee's rent already pays for the deal.
  sellerBearsUpfrontFees: false,
  firmFlows: (a) => {
    const financed = new Decimal(a.financedAmount);
    const end = leaseEnd(a);
    const proceeds: CostFlow[] = [{ date: a.startDate, amount: financed, kind: 'proceeds', label: a.structure === 'sale-and-leaseback' ? 'sale of the IP to the lessor (售后回租)' : 'IP bought by the lessor for the firm' }];
    const handling = amount(a.handlingFee);
    if (handling.greaterThan(0)) proceeds.push({ date: a.startDate, amount: handling.negated(), kind: 'upfront-fee', label: 'lease handling fee (手续费)' });
    const deposit = amount(a.deposit);
    if (deposit.greaterThan(0)) proceeds.push({ date: a.startDate, amount: deposit.negated(), kind: 'other', label: 'lease deposit (保证金)' });
    const option = amount(a.purchaseOption);
    const rentals = leaseRentals(a).map((f, i, all) => (i === all.length - 1 ? { ...f, interest: f.interest.minus(option) } : f));
    const payments = paymentFlows(rentals, 'rental: interest', 'rental: principal');
    if (option.greaterThan(0)) payments.push({ date: end, amount: option.negated(), kind: 'other', label: 'purchase option (留购价款)' });
    if (deposit.greaterThan(0)) payments.push({ date: end, amount: deposit, kind: 'other', label: 'deposit set off against the last rental' });
    const termMonths = a.rentals.method === 'schedule' ? wholeMonths(a.startDate, end) : a.rentals.termMonths;
    return { funding: financed, startDate: a.startDate, termMonths, endDate: end, proceeds, payments };
  },
  check: leaseProblems,
  // Cost-plus: the lease rate of computed rentals is solved (on the lease's own dates and
  // convention); a rental table is written in the lease and cannot be.
  costPlus: {
    solves: 'rentals.rate.annualRate',
    problems: (a) => (a.rentals.method === 'schedule'
      ? [['rentals.method', 'cost-plus pricing solves the lease rate of computed rentals, but this lease gives a rental table (method "schedule"); use "equal-rent" or "equal-principal" with a rate, or price the pool "fixed"']]
      : fixedRateProblems(a.rentals.rate, 'rentals.rate')),
    at: (a, annualRate) => (a.rentals.method === 'schedule' ? a : { ...a, rentals: { ...a.rentals, rate: fixedRate(annualRate) } }),
  },
};

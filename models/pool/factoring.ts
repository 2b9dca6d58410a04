// 保理 / 供应链应收账款 factoring of supply-chain receivables: a firm's receivables from its buyers
// (应收账款, backed by the firm's pledged IP) are bought at a discount (贴现) and paid by the buyers
// on their due dates. The discount is the financing cost: on the bank-discount convention the price
// of a receivable is its face less face × rate × days / 360 (贴现利息 = 票面金额 × 贴现率 × 贴现天数 / 360),
// or a price agreed for all of them, spread over the receivables pro rata to their face.
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { fraction, isoDate, listOf, money, strictObject, tagged, text } from '../deal/schema-helpers.js';
import { daysFrom } from '../calendar/iso-date.js';
import type { CostFlow } from '../money/cost-flow.js';
import { datedPaymentProblems, fen, outstandingIsExposure, paymentFlows, scaleMoney, wholeMonths, type AssetFlow, type AssetKind } from './asset-kind.js';

const receivableSchema = strictObject({
  /** Who owes it (the firm's buyer, 买方 / 核心企业). */
  debtor: text(200),
  /** 应收账款面值: what the debtor pays on the due date. */
  face: money(),
  dueDate: isoDate(),
});

const schema = strictObject({
  kind: z.literal('factoring'),
  receivables: listOf(receivableSchema, 1, 1000),
  /** How the trust's price is set: a discount rate (贴现率, ACT/360 from the purchase date) or an agreed amount. */
  price: tagged('type', [
    strictObject({ type: z.literal('discount-rate'), annualRate: fraction() }),
    strictObject({ type: z.literal('fixed'), amount: money() }),
  ] as const),
  /** The day the receivables were bought (the firm funded): on or before the deal's issue date. */
  purchaseDate: isoDate(),
});
export type FactoringAsset = z.output<typeof schema>;

/** The price of each receivable (in due-date order as listed). */
function receivablePrices(a: FactoringAsset, purchaseDate: string): Decimal[] {
  if (a.price.type === 'discount-rate') {
    const rate = a.price.annualRate;
    return a.receivables.map((r) => {
      const face = new Decimal(r.face);
      return face.minus(fen(face.times(rate).times(Math.max(0, daysFrom(purchaseDate, r.dueDate))).dividedBy(360)));
    });
  }
  const total = a.receivables.reduce((s, r) => s.plus(r.face), new Decimal(0));
  const price = new Decimal(a.price.amount);
  let left = price;
  return a.receivables.map((r, i) => {
    const part = i === a.receivables.length - 1 ? left : fen(price.times(r.face).dividedBy(total));
    left = left.minus(part);
    return part;
  });
}

/** Each receivable on its due date: its price is principal, the discount is income. */
function factoringFlows(a: FactoringAsset, purchaseDate: string): AssetFlow[] {
  const prices = receivablePrices(a, purchaseDate);
  let balance = prices.reduce((s, p) => s.plus(p), new Decimal(0));
  return a.receivables.map((r, i) => {
    const principal = prices[i]!;
    balance = balance.minus(principal);
    return { date: r.dueDate, interest: new Decimal(r.face).minus(principal), principal, balanceAfter: balance };
  });
}

export const factoring: AssetKind<typeof schema> = {
  kind: 'factoring',
  label: 'factored supply-chain receivables',
  labelZh: '保理应收账款',
  paymentsLabel: 'buyers\' payments',
  paymentsLabelZh: '应收账款回款',
  model: 'factoring',
  schema,
  flows: (a) => factoringFlows(a, a.purchaseDate),
  purchasePrice: (a) => receivablePrices(a, a.purchaseDate).reduce((s, p) => s.plus(p), new Decimal(0)),
  scaled: (a, k) => ({
    ...a,
    receivables: a.receivables.map((r) => ({ ...r, face: scaleMoney(r.face, k) })),
    price: a.price.type === 'fixed' ? { ...a.price, amount: scaleMoney(a.price.amount, k) } : a.price,
  }),
  fundingDate: (a) => a.purchaseDate,
  exposureAtDefault: outstandingIsExposure,
  // A buyer pays its invoice on the due date; nothing to prepay.
  prepayable: () => false,
  // The firm is the seller: the issue costs come out of what the trust pays it.
  sellerBearsUpfrontFees: true,
  firmFlows: (a, _deal, upfrontShare) => {
    const start = a.purchaseDate;
    const flows = factoringFlows(a, start);
    const price = flows.reduce((s, f) => s.plus(f.principal), new Decimal(0));
    const end = flows.reduce((m, f) => (f.date > m ? f.date : m), start);
    const proceeds: CostFlow[] = [{ date: start, amount: price, kind: 'proceeds', label: 'price of the receivables (保理融资款)' }];
    if (upfrontShare.greaterThan(0)) proceeds.push({ date: start, amount: upfrontShare.negated(), kind: 'upfront-fee', label: 'share of the deal\'s up-front fees' });
    // The firm gives up the face on each due date: the discount is its financing charge.
    return { funding: price, startDate: start, termMonths: wholeMonths(start, end), endDate: end, proceeds, payments: paymentFlows(flows, 'factoring discount (贴现利息)', 'receivable repaying the price') };
  },
  check: (a, deal) => {
    const out = datedPaymentProblems(a.receivables.map((r) => ({ date: r.dueDate })), 'receivables', deal).map(([p, m]): [string, string] => [p.replace(/\.date$/, '.dueDate'), m]);
    if (a.purchaseDate > deal.meta.issueDate) out.push(['purchaseDate', `must be on or before meta.issueDate (${deal.meta.issueDate}); the trust holds the receivables from issue, got ${a.purchaseDate}`]);
    const total = a.receivables.reduce((s, r) => s.plus(r.face), new Decimal(0));
    if (a.price.type === 'fixed' && new Decimal(a.price.amount).greaterThan(total)) out.push(['price.amount', `must not exceed the receivables' face (${total.toFixed(2)}): factoring buys at a discount, got ${new Decimal(a.price.amount).toFixed(2)}`]);
    if (a.price.type === 'discount-rate') {
      const rate = a.price.annualRate;
      receivablePrices(a, a.purchaseDate).forEach((p, i) => {
        if (!p.greaterThan(0)) out.push([`receivables[${i}]`, `the discount (${+(rate * 100).toFixed(4)}% a year from ${a.purchaseDate} to ${a.receivables[i]!.dueDate}) takes the whole face: the price must be more than 0`]);
      });
    }
    return out;
  },
};

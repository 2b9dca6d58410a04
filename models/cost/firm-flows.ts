// What each firm of a deal receives and pays, in yuan, for its all-in cost (综合融资成本):
// - a pool firm with a loan (e.g. an IP-pledged micro-loan): the principal on the loan's start date,
//   then every interest and principal payment of the loan (the originator's loan rate already
//   covers the notes' coupons, the trust's fees and its margin; the deal's up-front fees are the
//   originator's, which sold the loans at par);
// - a pool firm with licence-royalty receivables (独占许可): the purchase price at issue, less its
//   share of the deal's up-front fees (pro rata to the price: the firms are the sellers and the
//   issue costs come out of what the trust pays them), then every licence fee;
// - every pool firm: the fees it pays outside the trust (funding.firmFees: a guarantee fee for the
//   term and an appraisal fee, both up front on its funding);
// - a "+k" firm: its offshore leg in yuan (batches, coupons, withholding taxes, chain fees, hedge,
//   conversion spread; offshore-leg.ts).
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal/schema.js';
import { assetPurchasePrice } from '../deal/validate.js';
import { loanFlows, royaltyFlows } from '../pool/asset-flows.js';
import { xirr } from './xirr.js';
import { addMonthsIso, dayNumber, fen } from '../market/inputs.js';
import type { CostFlow } from './all-in.js';
import { legCostFlows } from '../crossborder/leg-flows.js';

export interface FirmFunding {
  id: string;
  name: string;
  kind: 'loan' | 'licence-royalty' | 'offshore-leg';
  /** What the firm was funded with, in yuan (loan principal, purchase price, or the leg's batches). */
  funding: Decimal;
  /** The day it got the money (the first batch for a leg). */
  startDate: string;
  /** Whole months from the start to the last payment. */
  termMonths: number;
  /** The day of its last payment. */
  endDate: string;
  flows: CostFlow[];
}

/** Whole months from `start` to `end`, rounded to the nearest (at least 1). */
export function wholeMonths(start: string, end: string): number {
  let m = 0;
  while (dayNumber(addMonthsIso(start, m + 1)) <= dayNumber(end) + 15) m++;
  return Math.max(1, m);
}

function firmFeeFlows(deal: Deal, funding: Decimal, date: string, termMonths: number): CostFlow[] {
  const ff = deal.funding?.firmFees;
  const out: CostFlow[] = [];
  if (ff?.guaranteeFeeRate) {
    out.push({ date, amount: fen(funding.times(ff.guaranteeFeeRate).times(termMonths).dividedBy(12)).negated(), kind: 'guarantee-fee', label: 'guarantee fee on the firm\'s funding (funding.firmFees)' });
  }
  if (ff?.appraisalFeeRate) {
    out.push({ date, amount: fen(funding.times(ff.appraisalFeeRate)).negated(), kind: 'upfront-fee', label: 'appraisal fee (funding.firmFees)' });
  }
  return out;
}

/**
 * Split licence fees into a financing charge and repayment of the price by the effective-interest
 * method (实际利率法): the price accrues at the fees' own yield r (the IRR of + price, − fees), each fee
 * first pays the charge accrued since the last one, the rest repays the price; the last fee repays
 * what is left. So a subsidy on "interest" refunds the financing charge, as it would on a loan (the
 * engine's own split, pro rata to the fees, serves the waterfall, not the subsidy).
 */
export function effectiveInterestSplit(price: Decimal, start: string, fees: ReadonlyArray<{ date: string; amount: Decimal }>): Array<{ date: string; interest: Decimal; principal: Decimal }> {
  const r = xirr([{ date: start, amount: price }, ...fees.map((f) => ({ date: f.date, amount: f.amount.negated() }))]);
  let balance = price;
  let prev = start;
  return fees.map((f, k) => {
    const years = (dayNumber(f.date) - dayNumber(prev)) / 365;
    prev = f.date;
    const last = k === fees.length - 1;
    const charge = Decimal.min(f.amount, Decimal.max(0, fen(balance.times(Math.pow(1 + r, years) - 1))));
    const principal = last ? balance : Decimal.min(balance, f.amount.minus(charge));
    balance = balance.minus(principal);
    return { date: f.date, interest: f.amount.minus(principal), principal };
  });
}

/**
 * Every firm of the deal with its cost flows. `upfrontFees` is the deal's total up-front fees (the
 * royalty sellers' share of them is deducted from what they receive).
 */
export function firmFundings(deal: Deal, upfrontFees: Decimal): FirmFunding[] {
  const obligors = deal.pool.obligors;
  const poolPrice = obligors.reduce((s, o) => s.plus(assetPurchasePrice(o.asset)), new Decimal(0));
  const royaltyPrice = obligors.reduce((s, o) => (o.asset.kind === 'licence-royalty' ? s.plus(o.asset.purchasePrice) : s), new Decimal(0));
  const lastRoyalty = obligors.map((o) => o.asset.kind).lastIndexOf('licence-royalty');
  // The royalty sellers bear their share of the up-front fees (all of them when every asset is a royalty).
  const sellersShare = poolPrice.isZero() ? new Decimal(0) : fen(upfrontFees.times(royaltyPrice).dividedBy(poolPrice));
  let feesLeft = sellersShare;

  const pool = obligors.map((o, i): FirmFunding => {
    const a = o.asset;
    if (a.kind === 'loan') {
      const principal = new Decimal(a.principal);
      const flows: CostFlow[] = [{ date: a.startDate, amount: principal, kind: 'proceeds', label: 'loan principal' }];
      flows.push(...firmFeeFlows(deal, principal, a.startDate, a.termMonths));
      for (const f of loanFlows(a)) {
        if (f.interest.greaterThan(0)) flows.push({ date: f.date, amount: f.interest.negated(), kind: 'interest', label: 'loan interest' });
        if (f.principal.greaterThan(0)) flows.push({ date: f.date, amount: f.principal.negated(), kind: 'principal', label: 'loan principal' });
      }
      return { id: o.id, name: o.name, kind: 'loan', funding: principal, startDate: a.startDate, termMonths: a.termMonths, endDate: addMonthsIso(a.startDate, a.termMonths), flows };
    }
    const price = new Decimal(a.purchasePrice);
    const issue = deal.meta.issueDate;
    const rf = royaltyFlows(a);
    const term = wholeMonths(issue, rf[rf.length - 1]!.date);
    const share = i === lastRoyalty ? feesLeft : Decimal.min(feesLeft, fen(sellersShare.times(price).dividedBy(royaltyPrice)));
    feesLeft = feesLeft.minus(share);
    const flows: CostFlow[] = [{ date: issue, amount: price, kind: 'proceeds', label: 'purchase price of the receivables' }];
    if (share.greaterThan(0)) flows.push({ date: issue, amount: share.negated(), kind: 'upfront-fee', label: 'share of the deal\'s up-front fees' });
    flows.push(...firmFeeFlows(deal, price, issue, term));
    for (const f of effectiveInterestSplit(price, issue, rf.map((x) => ({ date: x.date, amount: x.interest.plus(x.principal) })))) {
      if (f.interest.greaterThan(0)) flows.push({ date: f.date, amount: f.interest.negated(), kind: 'interest', label: 'licence fee: financing charge' });
      if (f.principal.greaterThan(0)) flows.push({ date: f.date, amount: f.principal.negated(), kind: 'principal', label: 'licence fee: repaying the price' });
    }
    return { id: o.id, name: o.name, kind: 'licence-royalty', funding: price, startDate: issue, termMonths: term, endDate: rf[rf.length - 1]!.date, flows };
  });

  const legs = (deal.offshoreLegs ?? []).map((leg): FirmFunding => {
    const funding = leg.draws.reduce((s, d) => s.plus(d.amountCny), new Decimal(0));
    const start = leg.draws[0]!.date;
    return { id: leg.firm.id, name: leg.firm.name, kind: 'offshore-leg', funding, startDate: start, termMonths: wholeMonths(start, leg.maturityDate), endDate: leg.maturityDate, flows: legCostFlows(leg) };
  });
  return [...pool, ...legs];
}

/**
 * Spread a deal-level cost over the pool firms pro rata to their funding, each to the fen (the last
 * firm takes the rounding remainder), as flows of kind "other" (never subsidised).
 */
export function allocateToFirms(firms: readonly FirmFunding[], costs: ReadonlyArray<{ date: string; amount: number }>, label: string): Map<string, CostFlow[]> {
  const pool = firms.filter((f) => f.kind !== 'offshore-leg');
  const total = pool.reduce((s, f) => s.plus(f.funding), new Decimal(0));
  const out = new Map<string, CostFlow[]>(pool.map((f) => [f.id, []]));
  if (total.isZero()) return out;
  for (const c of costs) {
    const amount = fen(new Decimal(c.amount));
    if (amount.isZero()) continue;
    let left = amount;
    pool.forEach((f, i) => {
      const part = i === pool.length - 1 ? left : fen(amount.times(f.funding).dividedBy(total));
      left = left.minus(part);
      if (!part.isZero()) out.get(f.id)!.push({ date: c.date, amount: part.negated(), kind: 'other', label });
    });
  }
  return out;
}

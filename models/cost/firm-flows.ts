// What each firm of a deal receives and pays, in yuan, for its all-in cost (综合融资成本):
// - a pool firm: what its asset kind says (models/pool/<kind>.ts) — e.g. a borrower of an
//   IP-pledged micro-loan receives the principal on the loan's start date and pays every interest
//   and principal payment (the loan rate already covers the notes' coupons, the trust's fees and
//   the originator's margin; the originator sold the loans at par), while a seller of licence-fee
//   receivables (独占许可) receives the purchase price at issue less its share of the deal's up-front
//   fees (kinds whose sellers bear them share them pro rata to the price) and pays every licence fee;
// - every pool firm: the fees it pays outside the trust (funding.firmFees: a guarantee fee for the
//   term and an appraisal fee, both up front on its funding);
// - a "+k" firm: its offshore leg in yuan (batches, coupons, withholding taxes, chain fees, hedge,
//   conversion spread; offshore-leg.ts).
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal-format/schema.js';
import { assetPurchasePrice } from '../pool/asset-flows.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { fen } from '../market/inputs.js';
import type { CostFlow } from '../money/cost-flow.js';
import { legCostFlows } from '../crossborder/leg-flows.js';

export interface FirmFunding {
  id: string;
  name: string;
  /** The asset kind (models/pool/asset-registry.ts), or 'offshore-leg' for a "+k" firm. */
  kind: string;
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

import { wholeMonths } from '../pool/asset-kind.js';

export { wholeMonths, effectiveInterestSplit } from '../pool/asset-kind.js';

/** The fees a pool firm pays outside the trust (funding.firmFees), up front on its funding. */
export function firmFeeFlows(deal: Deal, funding: Decimal, date: string, termMonths: number): CostFlow[] {
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
 * Every firm of the deal with its cost flows. `upfrontFees` is the deal's total up-front fees (the
 * royalty sellers' share of them is deducted from what they receive).
 */
export function firmFundings(deal: Deal, upfrontFees: Decimal): FirmFunding[] {
  const obligors = deal.pool.obligors;
  const poolPrice = obligors.reduce((s, o) => s.plus(assetPurchasePrice(o.asset)), new Decimal(0));
  const bears = obligors.map((o) => assetKindOf(o.asset).sellerBearsUpfrontFees);
  const sellersPrice = obligors.reduce((s, o, i) => (bears[i] ? s.plus(assetPurchasePrice(o.asset)) : s), new Decimal(0));
  const lastSeller = bears.lastIndexOf(true);
  // The sellers bear their share of the up-front fees (all of them when every firm is a seller).
  const sellersShare = poolPrice.isZero() ? new Decimal(0) : fen(upfrontFees.times(sellersPrice).dividedBy(poolPrice));
  let feesLeft = sellersShare;

  const pool = obligors.map((o, i): FirmFunding => {
    const kind = assetKindOf(o.asset);
    let share = new Decimal(0);
    if (bears[i]) {
      share = i === lastSeller ? feesLeft : Decimal.min(feesLeft, fen(sellersShare.times(assetPurchasePrice(o.asset)).dividedBy(sellersPrice)));
      feesLeft = feesLeft.minus(share);
    }
    const f = kind.firmFlows(o.asset, deal, share);
    return {
      id: o.id, name: o.name, kind: kind.kind, funding: f.funding, startDate: f.startDate, termMonths: f.termMonths, endDate: f.endDate,
      flows: [...f.proceeds, ...firmFeeFlows(deal, f.funding, f.startDate, f.termMonths), ...f.payments],
    };
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

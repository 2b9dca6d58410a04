// 循环购买 revolving purchases: during the revolving period (循环购买期) the trust uses the cash it
// collects to buy new assets from an eligible pool (合格资产池) that meet the eligibility criteria
// (合格标准), keeping the pool's principal up to its initial size; after it (or after an amortization
// event) the cash repays the notes. The eligible assets are described by one representative asset:
// every purchase is a slice of it, bought on a payment date, whose cash per yuan of principal is the
// representative asset's, so a purchase of X yuan brings X × (cash per yuan) in each later period,
// to the fen.
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { fraction, integerBetween, isoDate, money, numberBetween, oneOf, strictObject, text } from '../deal/schema-helpers.js';
import { LOAN_FREQUENCIES, loanFlows } from './loan.js';
import type { AssetFlow } from './asset-kind.js';

export const eligibleAssetSchema = strictObject({
  termMonths: integerBetween(1, 360),
  paymentFrequency: oneOf(LOAN_FREQUENCIES),
  annualRate: fraction(),
  /** 等额本金 equal-principal, 等额本息 annuity, or 先息后本 interest-only then bullet. */
  amortization: oneOf(['equal-principal', 'annuity', 'interest-only-bullet'] as const),
});

export const revolvingSchema = strictObject({
  /** The last payment date on which collections buy new assets (循环购买期结束日). */
  endDate: isoDate(),
  eligiblePool: strictObject({
    description: text(1000).optional(),
    /** The most the eligible pool can sell over the revolving period. */
    available: money(),
    /** The representative eligible asset: the terms of what the trust buys. */
    asset: eligibleAssetSchema,
    /** 合格标准: the criteria every purchase must meet (the representative asset is checked against them). */
    criteria: strictObject({
      maxTermMonths: integerBetween(1, 360),
      minAnnualRate: fraction(),
    }),
    /** Credit of the eligible assets, for the Monte Carlo engine: a granular pool in the deal's copula. */
    credit: strictObject({
      annualDefaultProbability: fraction(),
      /** Recovery as a share of the exposure at default, received lagMonths later. */
      recovery: strictObject({ mean: fraction(), lagMonths: integerBetween(0, 120) }),
      /** Sector in the sector copula (its own if left out). */
      sector: text(100).optional(),
    }),
  }),
  /** 循环购买率: share of the purchases wanted that finds eligible assets (an assumption; a stress can cut it). */
  purchaseRate: fraction(),
  /** Price per yuan of principal bought (1 = par). */
  priceOfPar: numberBetween(0.5, 1.5),
});
export type Revolving = z.output<typeof revolvingSchema>;
export type EligibleAsset = z.output<typeof eligibleAssetSchema>;

/** The notional the representative asset is worked out on: cash per yuan = its flows / this, exact in decimals. */
export const REPRESENTATIVE_NOTIONAL = 1_000_000;

/** The representative asset bought on `date`, on the notional. */
export function representativeFlows(asset: EligibleAsset, date: string): AssetFlow[] {
  return loanFlows({
    principal: REPRESENTATIVE_NOTIONAL, startDate: date, termMonths: asset.termMonths, paymentFrequency: asset.paymentFrequency,
    rate: { type: 'fixed', annualRate: asset.annualRate }, amortization: asset.amortization,
  });
}

/** Per yuan of principal: the flow's cash and the balance after it. */
export function perYuan(flow: AssetFlow): { cash: Decimal; balanceAfter: Decimal } {
  return { cash: flow.interest.plus(flow.principal).dividedBy(REPRESENTATIVE_NOTIONAL), balanceAfter: flow.balanceAfter.dividedBy(REPRESENTATIVE_NOTIONAL) };
}

// A "+k" offshore leg in the deal file (Futian "N+1": 知识产权在岸质押 + 跨境反担保 + 资本项下外债):
// one firm raises money by private placement in Hong Kong in CNH, HKD or USD, draws it in batches
// as foreign debt (外债) within its quota, backed by its onshore IP income right assigned to an
// onshore bank and that bank's cross-border counter-guarantee (跨境反担保) to a Hong Kong guarantor.
// The leg sits beside the deal's trust: it is not part of the waterfall, but its firm and both
// guarantors are names in the deal's copula, and its cost counts in the firms' all-in cost.
import { z } from 'zod';
import {
  fraction, identifier, integerBetween, isoDate, listOf, money, numberBetween, oneOf, strictObject, text, feeRate,
} from '../deal/schema-helpers.js';
import { providerSchema } from '../enhancements/common.js';

export const LEG_CURRENCIES = ['CNH', 'HKD', 'USD'] as const;
export const QUOTA_CURRENCIES = ['CNY', 'CNH', 'HKD', 'USD', 'EUR'] as const;

const legFirmSchema = strictObject({
  id: identifier(),
  name: text(200),
  sector: text(100),
  ip: strictObject({ appraisedValue: money(), appraiser: text(200).optional() }),
  /** 净资产: the base of the foreign-debt quota (cap = net assets × leverage 2 × parameter). */
  netAssets: money(),
  /** Pilot facilitation quota (便利化额度) in yuan, if the firm has one; the quota is the larger. */
  facilitationQuota: money().optional(),
  /** Foreign debt already drawn, counted against the quota (amounts in yuan). */
  existingForeignDebt: listOf(strictObject({
    drawDate: isoDate(),
    maturityDate: isoDate(),
    amountCny: money(),
    currency: oneOf(QUOTA_CURRENCIES),
  }), 0, 50).optional(),
  credit: strictObject({
    annualDefaultProbability: fraction(),
    /** What the onshore bank realises from the assigned IP income right or pledge: a fraction of the appraised value. */
    recovery: strictObject({ mean: fraction(), stdDev: numberBetween(0, 0.5), lagMonths: integerBetween(0, 120) }),
  }),
});

export const offshoreLegSchema = strictObject({
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  venue: text(100).optional(),
  firm: legFirmSchema,
  /** Currency the Hong Kong investors lend in. */
  currency: oneOf(LEG_CURRENCIES),
  /** The facility, in yuan (e.g. 2 M CNY drawable as needed); batches may not exceed it. */
  facility: strictObject({ totalCny: money(), availableUntil: isoDate().optional() }),
  /** Batches drawn, in yuan at the day's rate, in date order. */
  draws: listOf(strictObject({ date: isoDate(), amountCny: money() }), 1, 50),
  /** Every batch is repaid on this date (bullet). */
  maturityDate: isoDate(),
  coupon: strictObject({
    /** Annual coupon: what investors keep if the borrower bears the taxes, the gross coupon otherwise. */
    rate: fraction(),
    paymentMonths: integerBetween(1, 12),
    dayCount: oneOf(['ACT/365F', 'ACT/360'] as const),
  }),
  /** Withholding on the interest (10%, or 7% for a Hong Kong beneficial owner; 6% VAT) and who bears it. */
  taxes: strictObject({
    lender: oneOf(['hk-beneficial-owner', 'non-resident'] as const),
    borneBy: oneOf(['borrower', 'lender'] as const),
  }),
  fx: strictObject({
    /** CNY per unit of the loan currency at the first draw, mid. */
    spot: numberBetween(0.000001, 1_000_000),
    /** Annual volatility of the rate, for the 99% FX loss. */
    volatility: numberBetween(0, 2),
    /** Annual drift of the rate; r_CNY − r_foreign (the forward's) if left out. */
    drift: numberBetween(-1, 1).optional(),
    /** Share of each payment bought forward at the first draw. */
    hedgeRatio: fraction(),
    /** CNY money-market rate (e.g. 1Y Shibor) and the loan currency's (e.g. 1Y HIBOR): forwards by CIP. */
    domesticRate: numberBetween(-0.1, 1),
    foreignRate: numberBetween(-0.1, 1),
    /** Cross-currency basis added to the CNY side of the forwards. */
    basisSpread: numberBetween(-0.1, 1).optional(),
    /** Share of mid paid on each conversion (0.0005 = 5 bp). */
    conversionSpread: numberBetween(0, 0.1),
  }),
  chain: strictObject({
    /** Guarantees the offshore investors (e.g. ICBC (Asia)). */
    hkGuarantor: providerSchema,
    /** Gives the Hong Kong guarantor the cross-border counter-guarantee and holds the IP income right (e.g. ICBC Shenzhen). */
    onshoreBank: providerSchema,
    /** Annual rates on the outstanding principal, paid with the coupons. */
    counterGuaranteeFee: feeRate(),
    hkGuaranteeFee: feeRate(),
    /** Share of each batch, paid when drawn. */
    arrangementFeeUpfront: feeRate(),
    /** Share of a claim a defaulted guarantor's estate pays (0 if left out). */
    recoveryOnDefaultedGuarantor: fraction().optional(),
  }),
});

export type OffshoreLegSpec = z.output<typeof offshoreLegSchema>;

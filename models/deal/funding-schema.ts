// How the firms are funded beyond the trust, for the all-in cost (综合融资成本): fees each firm
// pays outside the waterfall, the subsidy (贴息) it receives, the bank-loan baseline it is compared
// with, and the rate the trust's cash could earn (for a rail's cash drag).
import { z } from 'zod';
import {
  feeRate, fraction, integerBetween, money, oneOf, spread, strictObject, tagged, describeValue,
} from './schema-helpers.js';

const capFields = {
  /** Cap on the subsidy in yuan (e.g. Futian: 3 M CNY). */
  cap: money().optional(),
  /** The cap applies per firm over the loan's life, or per firm and calendar year. */
  capPer: oneOf(['firm', 'firm-year'] as const).optional(),
  /** Days after the refunded payment the subsidy arrives (0 if left out). */
  lagDays: integerBetween(0, 3660).optional(),
};

export const subsidySchema = tagged('kind', [
  /** A share of loan interest and service fees back (Futian: 70%, capped at 3 M CNY per firm). */
  strictObject({ kind: z.literal('share-of-interest-and-fees'), share: fraction(), ...capFields }),
  /** A flat rate on the outstanding principal, never more than the interest (e.g. Wenling's 2%). */
  strictObject({ kind: z.literal('flat-rate'), rate: fraction(), ...capFields }),
] as const);

export const baselineSchema = strictObject({
  /** A direct IP-pledge bank loan (知识产权质押贷款) to each firm for the same amount and term. */
  kind: z.literal('ip-pledge-bank-loan'),
  lprTenor: oneOf(['1Y', '5Y'] as const).optional(),
  /** Loan rate = the LPR in force on the start date (reset yearly) + this spread. */
  spreadOverLpr: spread(),
  /** Months between interest payments (3: 按季结息, if left out). */
  paymentMonths: integerBetween(1, 12).optional(),
  /** Appraisal fee (评估费) as a share of the principal, up front. */
  appraisalFeeRate: feeRate().optional(),
  /** Guarantee fee (担保费) to a financing guarantor, annual rate on the principal, up front for the term. */
  guaranteeFeeRate: feeRate().optional(),
  /** Whether the bank loan gets the deal's subsidy too (true: a like-for-like comparison). */
  subsidised: z.boolean({ error: (iss) => `must be true or false, got ${describeValue(iss.input)}` }),
});

export const fundingSchema = strictObject({
  /** Fees each pool firm pays outside the trust, up front on its principal (not the "+k" legs: they pay the chain's fees). */
  firmFees: strictObject({
    /** Annual guarantee fee (e.g. to the originator's group guarantor), paid up front for the term. */
    guaranteeFeeRate: feeRate().optional(),
    appraisalFeeRate: feeRate().optional(),
  }).optional(),
  subsidy: subsidySchema.optional(),
  baseline: baselineSchema.optional(),
  /** What the trust's cash could earn (e.g. an agreement deposit): the rate a rail's holding days forgo. */
  reinvestmentRate: fraction().optional(),
});

export type Funding = z.output<typeof fundingSchema>;
export type SubsidySpec = z.output<typeof subsidySchema>;
export type BaselineSpec = z.output<typeof baselineSchema>;

// The deal format: a deal is data. This zod schema is the single definition; the JSON
// Schema in docs/deal.schema.json is generated from it (`ipabs schema`).
import { z } from 'zod';
import {
  BENCHMARKS, MARKET_BENCHMARKS, fraction, identifier, integerBetween, isoDate, listOf, money, numberBetween, oneOf, spread,
  strictObject, tagged, text, describeValue,
} from '../deal/schema-helpers.js';
import { enhancementSchemas } from '../enhancements/registry.js';
import { obligorSchema } from '../pool/obligor.js';
import { pricingRuleSchema } from '../pool/pricing-rule.js';
import { railSchema } from '../deal/rail-schema.js';
import { servicerSchema } from '../deal/servicer-schema.js';
import { offshoreLegSchema } from '../crossborder/leg-schema.js';
import { fundingSchema } from '../deal/funding-schema.js';
import { revolvingSchema } from '../pool/revolving.js';
import { cleanUpCallSchema, statusEventSchema } from '../deal/status-schema.js';
import { ratingInputsSchema } from '../stress/index.js';
import { DAY_COUNTS } from '../calendar/day-count.js';
import { CALENDAR_IDS, ROLL_CONVENTIONS } from '../calendar/business-days.js';

export const MARKETS = ['interbank-abn', 'exchange-abs', 'offshore-private'] as const;
export const CURRENCIES = ['CNY', 'CNH', 'HKD', 'USD'] as const;
export const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'bullet'] as const;
export { BENCHMARKS };

// ---------- meta ----------
export const metaSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  description: text(4000).optional(),
  market: oneOf(MARKETS),
  venue: text(100).optional(),
  issueDate: isoDate(),
  /** Expected final payment date (unadjusted); the last note payment falls on it or the business day after. */
  maturityDate: isoDate(),
  legalMaturityDate: isoDate().optional(),
  currency: oneOf(CURRENCIES),
  paymentFrequency: oneOf(FREQUENCIES),
  dayCount: oneOf(DAY_COUNTS),
  calendar: oneOf(CALENDAR_IDS),
  roll: oneOf(ROLL_CONVENTIONS),
  endOfMonth: z.boolean().optional(),
  /** Shelf (储架) registration this issue draws on. */
  shelf: strictObject({ capacity: money(), issueNumber: integerBetween(1, 100) }).optional(),
});

// ---------- pool ----------
// An obligor (a firm, its pledged IP, its credit and its asset) is models/pool/obligor.ts.
export const poolSchema = strictObject({
  description: text(2000).optional(),
  /** How the assets are priced: "fixed" as given (the default) or "cost-plus" from the notes (models/pool/pricing-rule.ts). */
  pricing: pricingRuleSchema.optional(),
  obligors: listOf(obligorSchema, 1, 100_000),
});

// ---------- liabilities ----------
const couponSchema = tagged('type', [
  strictObject({ type: z.literal('fixed'), rate: fraction() }),
  strictObject({ type: z.literal('benchmark'), benchmark: oneOf(BENCHMARKS), spread: spread() }),
  /** No coupon: a subordinated / equity piece that takes the residual. */
  strictObject({ type: z.literal('none') }),
  /**
   * 市场化定价 Priced from the market: the government curve (or the 1-year LPR) plus the spread of
   * the tranche's domestic grade at its WAL (models/market/spread-grid.ts), plus `premiumBp`.
   * Engines see the priced coupon (`ipabs price` shows how it was found).
   */
  strictObject({ type: z.literal('market'), benchmark: oneOf(MARKET_BENCHMARKS).optional(), premiumBp: numberBetween(-200, 2000).optional() }),
] as const);

const principalRuleSchema = tagged('type', [
  /** Repaid in one payment at maturity; cash is kept in the trust until then. */
  strictObject({ type: z.literal('bullet') }),
  /** Repaid from whatever cash is available each period, in seniority order. */
  strictObject({ type: z.literal('pass-through') }),
  /** Repaid down to a target balance on each date (arrears carried). */
  strictObject({
    type: z.literal('scheduled'),
    targets: listOf(strictObject({ date: isoDate(), balance: money() }), 1, 1000),
  }),
] as const);

export const trancheSchema = strictObject({
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  /** 1 is the most senior; tranches with the same rank are paid pro rata. */
  seniority: integerBetween(1, 20),
  class: oneOf(['senior', 'mezzanine', 'subordinated'] as const),
  currency: oneOf(CURRENCIES),
  balance: money(),
  coupon: couponSchema,
  /** Overrides the deal day count for this tranche's interest. */
  dayCount: oneOf(DAY_COUNTS).optional(),
  principal: principalRuleSchema,
  /** Unpaid interest is carried as arrears (true) or is an event of default (false, senior notes). */
  interestDeferrable: z.boolean(),
  holder: text(200).optional(),
});

// ---------- fees ----------
export const FEE_KINDS = [
  'trustee', 'custodian', 'paying-agent', 'rating', 'underwriting', 'registration', 'servicer',
  'legal', 'audit', 'guarantee', 'other',
] as const;
export const FEE_BASES = ['notes-balance', 'senior-balance', 'pool-balance', 'issue-amount'] as const;
export const feeSchema = strictObject({
  id: identifier(),
  kind: oneOf(FEE_KINDS),
  name: text(200).optional(),
  /** upfront: once at issue, out of proceeds; running: each payment date, senior in the waterfall. */
  timing: oneOf(['upfront', 'running'] as const),
  basis: tagged('type', [
    /** Annual rate on a balance, accrued with the deal day count (or once on the amount, if upfront). */
    strictObject({ type: z.literal('rate'), annualRate: fraction(), on: oneOf(FEE_BASES) }),
    /** A fixed amount: once if upfront, per year (pro rata by accrual) if running. */
    strictObject({ type: z.literal('fixed'), amount: money() }),
  ] as const),
  payee: text(200).optional(),
});

// ---------- accounts, triggers, waterfall ----------
export const accountSchema = strictObject({
  id: identifier(),
  kind: z.literal('reserve'),
  name: text(200).optional(),
  /** Funded at issue by the originator (not from note proceeds). */
  initialBalance: money(),
  /** Target the waterfall tops the account up to. */
  target: tagged('type', [
    strictObject({ type: z.literal('fixed'), amount: money() }),
    /** A share of the outstanding notes, e.g. next period's senior interest ≈ 1%. */
    strictObject({ type: z.literal('share-of-notes'), share: fraction() }),
  ] as const),
});

export const TRIGGER_KINDS = ['cumulative-default-rate', 'enhancement-drawn', 'reserve-below-target'] as const;
export const triggerSchema = strictObject({
  id: identifier(),
  kind: oneOf(TRIGGER_KINDS),
  /** For cumulative-default-rate: defaulted principal / initial pool, e.g. 0.05. Ignored otherwise. */
  threshold: fraction().optional(),
  description: text(500).optional(),
});

const coverSchema = strictObject({
  fees: z.boolean(),
  interest: listOf(identifier()),
  principal: listOf(identifier()),
});

export const stepSchema = tagged('type', [
  /** Draw on reserve accounts and enhancements, in the order listed, for what the covered items lack. */
  strictObject({ type: z.literal('cover-shortfall'), sources: listOf(identifier(), 1, 50), covers: coverSchema }),
  /** Pay running fees (due plus arrears), all or the listed ones, pro rata when short. */
  strictObject({ type: z.literal('pay-fees'), fees: listOf(identifier()).optional() }),
  /** Pay interest due plus arrears to the listed tranches, pro rata when short. */
  strictObject({ type: z.literal('pay-interest'), tranches: listOf(identifier(), 1, 20) }),
  /** Pay principal due under each listed tranche's principal rule, in the order listed. */
  strictObject({ type: z.literal('pay-principal'), tranches: listOf(identifier(), 1, 20) }),
  /** Pay all available cash as principal to the listed tranches in order (turbo after a trigger). */
  strictObject({ type: z.literal('pay-principal-turbo'), tranches: listOf(identifier(), 1, 20) }),
  /** Top a reserve account up to its target. */
  strictObject({ type: z.literal('fund-reserve'), account: identifier() }),
  /**
   * 循环购买: buy assets from the eligible pool (deal.revolving) with the cash available, up to what
   * restores the pool's principal to its initial size, times the purchase rate. Revolving waterfall only.
   */
  strictObject({ type: z.literal('buy-assets') }),
  /**
   * Release what is left. Until the listed tranches are repaid (and before the final period)
   * the cash stays in the trust account, so bullet notes are met at maturity.
   */
  strictObject({
    type: z.literal('pay-residual'),
    to: oneOf(['originator', 'subordinated'] as const),
    tranche: identifier().optional(),
    holdUntilRepaid: listOf(identifier()),
  }),
] as const);

export const waterfallSchema = strictObject({
  /** The amortizing waterfall (摊还期): every deal has one. */
  normal: listOf(stepSchema, 1, 100),
  afterTrigger: listOf(stepSchema, 1, 100).optional(),
  /** The revolving waterfall (循环期): while the deal buys assets (deal.revolving). */
  revolving: listOf(stepSchema, 1, 100).optional(),
  /** The accelerated waterfall (加速清偿): once an acceleration event occurs. */
  accelerated: listOf(stepSchema, 1, 100).optional(),
});

// ---------- simulation assumptions (used by the Monte Carlo engine) ----------
export const simulationSchema = strictObject({
  copula: oneOf(['gaussian', 't', 'sector'] as const),
  /** Asset correlation ρ of the one-factor model, in [0, 1). */
  rho: numberBetween(0, 0.999),
  /** Student-t degrees of freedom ν (> 2) when copula = 't'. */
  nu: numberBetween(2.0001, 1000).optional(),
  /** Sector model: correlation within a sector and across sectors. */
  sectorCorrelation: strictObject({ intra: numberBetween(0, 0.999), inter: numberBetween(0, 0.999) }).optional(),
  /** PD–LGD link ℓ: the correlation of the recovery's latent normal with the systematic factor (recoveries fall in bad years); 0 = independent. */
  recoveryFactorLoading: numberBetween(0, 1).optional(),
  /** Constant annual prepayment rate for loan pools. */
  prepaymentRate: fraction().optional(),
});

export const stressSchema = strictObject({
  name: identifier(),
  description: text(500).optional(),
  pdMultiplier: numberBetween(0, 100).optional(),
  recoveryMultiplier: numberBetween(0, 10).optional(),
  rhoShift: numberBetween(-0.999, 0.999).optional(),
  /** Multiplies a revolving deal's purchase rate (循环购买率), e.g. 0.5 when half the wanted assets are found. */
  purchaseRateMultiplier: numberBetween(0, 1).optional(),
});

// ---------- provenance ----------
export const provenanceSchema = strictObject({
  /** A JSON Pointer into this deal, e.g. "/liabilities/tranches/0/coupon/rate". */
  path: z.string().regex(/^(\/[^/]*)+$/, { error: (iss) => `must be a JSON Pointer such as "/meta/issueDate", got ${describeValue(iss.input)}` }),
  kind: oneOf(['fact', 'assumption'] as const),
  /** For facts: the source document; for assumptions: why this value. */
  source: text(300).optional(),
  reason: text(1000),
});

// ---------- the deal ----------
export const dealSchema = strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1, { error: (iss) => `must be 1, got ${describeValue(iss.input)}` }),
  meta: metaSchema,
  pool: poolSchema,
  liabilities: strictObject({ tranches: listOf(trancheSchema, 1, 20) }),
  fees: listOf(feeSchema, 0, 50),
  accounts: listOf(accountSchema, 0, 10),
  triggers: listOf(triggerSchema, 0, 20),
  waterfall: waterfallSchema,
  enhancements: listOf(tagged('kind', enhancementSchemas), 0, 20),
  simulation: simulationSchema.optional(),
  stresses: listOf(stressSchema, 0, 50).optional(),
  /** Settlement rail (结算方式): bank transfer or e-CNY; collections' holding days shift their period. */
  rail: railSchema.optional(),
  /** The servicer (资产服务机构): a name in the copula; its default costs the collections it holds. */
  servicer: servicerSchema.optional(),
  /** "+k" offshore legs (Futian "N+1"): firms funded in Hong Kong beside the trust. */
  offshoreLegs: listOf(offshoreLegSchema, 0, 20).optional(),
  /** Firm-level fees, subsidy, bank-loan baseline and reinvestment rate, for the all-in cost. */
  funding: fundingSchema.optional(),
  /** 循环购买: the revolving period and the eligible pool it buys from. */
  revolving: revolvingSchema.optional(),
  /** Events that change the deal's status (amortization, acceleration), tested every payment date. */
  events: listOf(statusEventSchema, 0, 50).optional(),
  /** 清仓回购: the originator's clean-up call. */
  cleanUpCall: cleanUpCallSchema.optional(),
  /** Domestic rating (TDR/BDR) inputs: stress catalogue changes, default allocation, providers' ratings, grade table. */
  rating: ratingInputsSchema.optional(),
  provenance: listOf(provenanceSchema, 1, 1000),
});

export type DealInput = z.input<typeof dealSchema>;
export type Deal = z.output<typeof dealSchema>;
export type Obligor = Deal['pool']['obligors'][number];
export type Asset = Obligor['asset'];
export type Tranche = Deal['liabilities']['tranches'][number];
export type Fee = Deal['fees'][number];
export type Account = Deal['accounts'][number];
export type Trigger = Deal['triggers'][number];
export type WaterfallStep = z.output<typeof stepSchema>;
export type Enhancement = Deal['enhancements'][number];
export type SimulationAssumptions = z.output<typeof simulationSchema>;
export type Stress = z.output<typeof stressSchema>;
export type Provenance = Deal['provenance'][number];
export type OffshoreLeg = NonNullable<Deal['offshoreLegs']>[number];
export type DealRail = NonNullable<Deal['rail']>;
export type DealServicer = NonNullable<Deal['servicer']>;
export type DealFunding = NonNullable<Deal['funding']>;
export type DealRevolving = NonNullable<Deal['revolving']>;
export type DealEvent = NonNullable<Deal['events']>[number];
export type DealRatingInputs = NonNullable<Deal['rating']>;

// 保证保险 patent pledge-financing guarantee insurance (专利质押融资保证保险): an insurer, a
// guarantor (担保机构) and the bank share each loan's loss in fixed ratios, the insurer up to its
// policy limit (Zhuji 诸暨, Quzhou 衢州; source 001_518dc6269f45520b.txt). The brief gives no
// ratios, so the deal states them. The bank is the lender: the trust holds the loans, so the
// bank's share stays with the trust; insurer and guarantor pay into it.
import { z } from 'zod';
import { fraction, money, strictObject } from '../deal/schema-helpers.js';
import { capacityOrNull, enhancementBase, type EnhancementKind, type EnhancementParty } from './common.js';
import {
  coverLossByRule, createLossRuleState, payerCaps, payerSchema, sharesAddToOne, timingSchema,
  uniquePayerIds, type LossRule, type LossRuleState, type Payer, type Timing,
} from './loss-sharing-rules.js';

export const GUARANTEE_INSURANCE_SOURCE = '001_518dc6269f45520b.txt';

const schema = strictObject({
  ...enhancementBase,
  kind: z.literal('guarantee-insurance'),
  /** Each party's share of a net loss; they add to 1. The bank's share stays with the trust. */
  shares: strictObject({ insurer: fraction(), guarantor: fraction(), bank: fraction() }),
  /** The insurer; its `capacity` is the policy's aggregate limit, `perLoanCap` the limit per loan. */
  insurer: payerSchema,
  /** The guarantor; required when shares.guarantor is above 0. */
  guarantor: payerSchema.optional(),
  /** Loans above this original principal are not insured. */
  maxLoanSize: money().optional(),
  /** When the claims are paid; default at write-off (the claim is settled once the loss is known). */
  timing: timingSchema.optional(),
});
export type GuaranteeInsurance = z.output<typeof schema>;

const DEFAULT_TIMING: Timing = { type: 'at-write-off' };

function payersOf(e: GuaranteeInsurance): Array<{ role: 'insurer' | 'guarantor'; payer: Payer; share: number }> {
  const out: Array<{ role: 'insurer' | 'guarantor'; payer: Payer; share: number }> = [{ role: 'insurer', payer: e.insurer, share: e.shares.insurer }];
  if (e.guarantor && e.shares.guarantor > 0) out.push({ role: 'guarantor', payer: e.guarantor, share: e.shares.guarantor });
  return out;
}

export function guaranteeInsuranceRule(e: GuaranteeInsurance): LossRule {
  return {
    payers: payersOf(e).map((p) => ({ partyId: p.payer.id, share: p.share, caps: payerCaps(p.payer) })),
    tiers: null,
    maxLoanSize: e.maxLoanSize === undefined ? Infinity : Number(e.maxLoanSize),
    timing: e.timing ?? DEFAULT_TIMING,
  };
}

function check(e: GuaranteeInsurance): Array<[string, string]> {
  const out = sharesAddToOne(e.shares, 'shares');
  if (e.shares.guarantor > 0 && !e.guarantor) out.push(['guarantor', `is required: shares.guarantor is ${e.shares.guarantor} (give its id, name and annualDefaultProbability, or set shares.guarantor to 0)`]);
  const named: Array<[string, { id: string }]> = [['insurer', e.insurer]];
  if (e.guarantor) named.push(['guarantor', e.guarantor]);
  out.push(...uniquePayerIds(named, (k) => k));
  return out;
}

function parties(e: GuaranteeInsurance): EnhancementParty[] {
  return payersOf(e).map((p) => ({
    id: p.payer.id,
    name: p.payer.name,
    share: p.share,
    capacity: capacityOrNull(p.payer.capacity),
    annualDefaultProbability: p.payer.annualDefaultProbability,
  }));
}

export const guaranteeInsurance: EnhancementKind<typeof schema> = {
  kind: 'guarantee-insurance',
  label: 'Guarantee insurance',
  labelZh: '保证保险',
  schema,
  parties,
  check,
  lossSharing: {
    createState: (e, poolPrincipal): LossRuleState => createLossRuleState(guaranteeInsuranceRule(e), poolPrincipal),
    coverLoss: (_e, state, event) => coverLossByRule(state as LossRuleState, event),
  },
};

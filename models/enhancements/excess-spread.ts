// 超额利差 excess spread: what the pool earns each year above note coupons and running fees,
// kept in the trust (held until the notes are repaid) to absorb losses. No counterparty, nothing
// drawn: it describes itself for sizing and for the compare page.
import { z } from 'zod';
import { fraction, identifier, strictObject, text } from '../deal/schema-helpers.js';
import type { DealView, EnhancementKind, Protection } from './common.js';
import { daysFrom } from '../calendar/iso-date.js';

const schema = strictObject({
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  kind: z.literal('excess-spread'),
  /** Pool yield − weighted note coupon − running fee rate, a year, on the pool balance (0.01 = 1%). */
  annualRate: fraction(),
});
export type ExcessSpread = z.output<typeof schema>;

/** Years from issue to expected maturity, actual days / 365 (the common ABS convention). */
export function termYears(deal: DealView): number {
  return Math.max(0, daysFrom(deal.meta.issueDate, deal.meta.maturityDate)) / 365;
}

/**
 * Losses the spread can absorb over the deal, as a share of the initial pool: rate × years. An
 * upper bound: it assumes the pool balance stays at its initial level and the spread is trapped.
 */
export const excessSpreadShare = (annualRate: number, years: number): number => annualRate * years;

export const excessSpread: EnhancementKind<typeof schema> = {
  kind: 'excess-spread',
  label: 'Excess spread',
  labelZh: '超额利差',
  schema,
  parties: () => [],
  protection: (e, deal): Protection => ({
    share: excessSpreadShare(e.annualRate, termYears(deal)),
    basis: 'annual excess spread × years to maturity / initial pool (spread kept in the trust, balance not amortized)',
  }),
};

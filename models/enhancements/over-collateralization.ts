// 超额覆盖 over-collateralization (cash-flow over-coverage): the pool is expected to pay more than
// the notes need, so part of it can be lost before the notes are short. Described by a ratio,
// e.g. 1.25 = scheduled pool cash flows are 125% of note principal plus interest (现金流覆盖倍数).
// No counterparty, nothing drawn: it describes itself for sizing and for the compare page.
import { z } from 'zod';
import { identifier, numberBetween, oneOf, strictObject, text } from '../deal/schema-helpers.js';
import type { EnhancementKind, Protection } from './common.js';

const schema = strictObject({
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  kind: z.literal('over-collateralization'),
  /** Pool amount / note amount, at least 1 (1.25 = 25% more than the notes need). */
  ratio: numberBetween(1, 10),
  /**
   * cash-flows: scheduled pool collections / (note principal + interest), the usual figure in
   * Chinese IP ABS offering circulars; principal: pool balance / note balance.
   */
  basis: oneOf(['cash-flows', 'principal'] as const),
});
export type OverCollateralization = z.output<typeof schema>;

/** Pool amount / note amount (e.g. scheduled collections / note principal + interest). */
export function coverageRatio(poolAmount: number, noteAmount: number): number {
  if (!(noteAmount > 0)) throw new Error(`note amount must be positive, got ${noteAmount}`);
  return poolAmount / noteAmount;
}

/** Share of the pool amount that can be lost before the notes are short: 1 − 1/ratio. */
export const overCollateralizationShare = (ratio: number): number => (ratio > 1 ? 1 - 1 / ratio : 0);

export const overCollateralization: EnhancementKind<typeof schema> = {
  kind: 'over-collateralization',
  label: 'Over-collateralization',
  labelZh: '超额覆盖',
  schema,
  parties: () => [],
  protection: (e): Protection => ({
    share: overCollateralizationShare(e.ratio),
    basis: e.basis === 'cash-flows'
      ? 'scheduled pool cash flows above note principal and interest / pool cash flows (1 − 1/ratio)'
      : 'pool balance above the notes / pool balance (1 − 1/ratio)',
  }),
};

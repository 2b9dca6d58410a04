// Deal status (交易状态) and the events that change it, and the clean-up call (清仓回购). A deal is
// revolving (循环期) while it buys assets, amortizing (摊还期) after, and accelerated (加速清偿)
// after an acceleration / default event (违约事件); each status has its own waterfall. Events are
// tested on every payment date: values of the deal's state at the start of the period (thresholds,
// a party's default) and what happens while the period is paid (an enhancement that pays less than
// it was asked, a tranche's interest left unpaid, purchases short of their target). A status
// changes in the period its event occurs, and that period is paid under the new status.
import { z } from 'zod';
import { fraction, identifier, numberBetween, oneOf, strictObject, tagged, text } from './schema-helpers.js';

/** The deal-state values a threshold event can test. */
export const STATUS_FIELDS = [
  /** Defaulted principal (original and purchased assets) / (initial pool + everything bought since). */
  'cumulative-default-rate',
  /** Performing pool principal (original and purchased) / initial pool, at the start of the period. */
  'pool-factor',
  /** (Performing pool principal + cash in the trust) / notes outstanding, at the start of the period (超额抵押). */
  'overcollateralization-ratio',
] as const;
export type StatusField = (typeof STATUS_FIELDS)[number];

export const EVENT_EFFECTS = ['amortization', 'acceleration'] as const;

export const statusEventSchema = strictObject({
  id: identifier(),
  description: text(500).optional(),
  /** amortization: ends the revolving period (提前摊还事件); acceleration: the accelerated waterfall (加速清偿 / 违约事件). */
  effect: oneOf(EVENT_EFFECTS),
  when: tagged('kind', [
    /** A state value crosses a level: give exactly one of above / below. */
    strictObject({ kind: z.literal('threshold'), field: oneOf(STATUS_FIELDS), above: numberBetween(0, 100).optional(), below: numberBetween(0, 100).optional() }),
    /** A party of an enhancement (a guarantor, the undertaker) defaults: the model's stand-in for its downgrade below the required grade. */
    strictObject({ kind: z.literal('party-default'), party: identifier() }),
    /** An enhancement asked to cover a shortfall pays less than asked (差额支付承诺人未履约). */
    strictObject({ kind: z.literal('enhancement-unpaid'), enhancement: identifier() }),
    /** A tranche's interest is left unpaid on a payment date. */
    strictObject({ kind: z.literal('interest-shortfall'), tranche: identifier() }),
    /** Revolving purchases fall below this share of what the cash could buy towards the target (the eligible pool runs short). */
    strictObject({ kind: z.literal('purchase-shortfall'), below: fraction() }),
  ] as const),
});

export const cleanUpCallSchema = strictObject({
  /** The originator buys the remaining assets back at their principal outstanding once the pool factor is at or below this. */
  poolFactorAtOrBelow: fraction(),
});

export type StatusEvent = z.output<typeof statusEventSchema>;
export type CleanUpCall = z.output<typeof cleanUpCallSchema>;

// 早偿 Prepayment up or down: the deal's own annual prepayment rate times a multiplier (±25/50/75%),
// or a given annual rate. Only assets that can prepay (loans) do; licence fees do not.
import { z } from 'zod';
import { numberBetween, strictObject } from '../deal/schema-helpers.js';
import { pctText, type StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('prepayment'),
  /** The deal's own rate (simulation.prepaymentRate) × this: 1.5 = up 50%, 0.5 = down 50%. */
  multiplier: numberBetween(0, 20).optional(),
  /** Or an annual prepayment rate (CPR) to use instead, e.g. 0.2. */
  annualRate: numberBetween(0, 0.99).optional(),
});

export const prepayment: StressKind<typeof schema> = {
  kind: 'prepayment',
  schema,
  apply: (c, e) => { c.prepayment = e.annualRate !== undefined ? { annualRate: e.annualRate } : { multiplier: e.multiplier ?? 1 }; },
  check: (e) => ((e.multiplier === undefined) === (e.annualRate === undefined)
    ? [['', `give exactly one of "multiplier" (of the deal's own prepayment rate) or "annualRate" (a CPR such as 0.2), got ${e.multiplier === undefined ? 'neither' : 'both'}`]]
    : []),
  inert: (e, f) => {
    if (!f.prepayableAssets) return 'rating.inert.no-prepayment';
    const rate = e.annualRate ?? f.basePrepaymentRate * (e.multiplier ?? 1);
    return rate === f.basePrepaymentRate ? 'rating.inert.no-prepayment' : null;
  },
  describe: (e, t) => (e.annualRate !== undefined ? t('rating.stress.prepayment.rate', { rate: pctText(e.annualRate) })
    : t((e.multiplier ?? 1) >= 1 ? 'rating.stress.prepayment.up' : 'rating.stress.prepayment.down', { share: pctText(Math.abs((e.multiplier ?? 1) - 1)) })),
};

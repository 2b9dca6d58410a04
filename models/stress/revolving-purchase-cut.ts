// 循环购买率下降 Revolving purchase rate cut: in a revolving pool, collections buy fewer new assets
// (e.g. 20% fewer), so more cash sits idle and less income comes in. The case carries the
// multiplier for the revolving engine; a static pool buys nothing, so it does not bite there.
import { z } from 'zod';
import { numberBetween, strictObject } from '../deal/schema-helpers.js';
import { pctText, type StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('revolving-purchase-cut'),
  /** Share by which the purchase rate falls, above 0 and at most 1. */
  cut: numberBetween(0.0001, 1),
});

export const revolvingPurchaseCut: StressKind<typeof schema> = {
  kind: 'revolving-purchase-cut',
  schema,
  apply: (c, e) => { c.purchaseRateMultiplier *= 1 - e.cut; },
  inert: (_e, f) => (f.revolving ? null : 'rating.inert.not-revolving'),
  describe: (e, t) => t('rating.stress.revolving', { share: pctText(e.cut) }),
};

// 超额利差压缩 Excess-spread compression: the assets yield less (−25/50 bp a year on their balance),
// so less income is left above fees and coupons to absorb defaults.
import { z } from 'zod';
import { numberBetween, strictObject } from '../deal/schema-helpers.js';
import type { StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('spread-compression'),
  /** Basis points a year taken off the assets' yield, e.g. 25. */
  bp: numberBetween(0.01, 2000),
});

export const spreadCompression: StressKind<typeof schema> = {
  kind: 'spread-compression',
  schema,
  apply: (c, e) => { c.spreadCompression += e.bp / 10_000; },
  describe: (e, t) => t('rating.stress.spread', { bp: e.bp }),
};

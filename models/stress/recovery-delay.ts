// 回收延迟 Recovery delay: a share of every recovery arrives some months later than assumed
// (e.g. 30% of recoveries 6 months late), so less of it is there when the notes fall due.
import { z } from 'zod';
import { integerBetween, numberBetween, strictObject } from '../deal/schema-helpers.js';
import { pctText, type StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('recovery-delay'),
  /** Share of each recovery that is late, above 0 and at most 1. */
  share: numberBetween(0.0001, 1),
  /** How many months late. */
  months: integerBetween(1, 120),
});

export const recoveryDelay: StressKind<typeof schema> = {
  kind: 'recovery-delay',
  schema,
  apply: (c, e) => { c.recoveryDelay = { share: e.share, months: e.months }; },
  inert: (_e, f) => (f.recoveries ? null : 'rating.inert.no-recovery'),
  describe: (e, t) => t('rating.stress.recovery.delay', { share: pctText(e.share), months: e.months }),
};

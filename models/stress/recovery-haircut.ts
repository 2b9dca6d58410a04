// 回收率下调 Recovery haircut: every recovery rate cut by a share (−10/20/30/50%, or all of it).
import { z } from 'zod';
import { fraction, strictObject } from '../deal/schema-helpers.js';
import { pctText, type StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('recovery-haircut'),
  /** Share of each recovery rate taken away: 0.3 turns 30% into 21%; 1 means no recovery at all. */
  haircut: fraction(),
});

export const recoveryHaircut: StressKind<typeof schema> = {
  kind: 'recovery-haircut',
  schema,
  apply: (c, e) => { c.recoveryMultiplier *= 1 - e.haircut; },
  inert: (e, f) => (f.recoveries && e.haircut > 0 ? null : 'rating.inert.no-recovery'),
  describe: (e, t) => (e.haircut === 1 ? t('rating.stress.recovery.zero') : t('rating.stress.recovery.haircut', { share: pctText(e.haircut) })),
};

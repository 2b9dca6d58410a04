// 违约时间分布 Default timing: when the defaults of a scenario happen, as shares of the total per
// period — even over the pool's life, front- or back-loaded by moving a share of all defaults into
// the first or last period, or a vector with one share per payment period.
import { z } from 'zod';
import { listOf, numberBetween, oneOf, strictObject } from '../deal/schema-helpers.js';
import { pctText, type StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('default-timing'),
  shape: oneOf(['even', 'front-loaded', 'back-loaded', 'vector'] as const),
  /** For front-/back-loaded: the share of all defaults moved into the first / last period, in (0, 1]. */
  share: numberBetween(0, 1).optional(),
  /** For vector: one share per payment period of the deal, first period first, adding up to 1. */
  vector: listOf(numberBetween(0, 1), 1, 1200).optional(),
});

/** Shares may be typed as decimals (0.1 + 0.2 + …): this much off 1 still counts as 1. */
export const VECTOR_SUM_TOLERANCE = 1e-6;

export const defaultTiming: StressKind<typeof schema> = {
  kind: 'default-timing',
  schema,
  apply: (c, e) => {
    c.timing = e.shape === 'vector' ? { shape: 'vector', vector: e.vector ?? [] }
      : e.shape === 'even' ? { shape: 'even' } : { shape: e.shape, share: e.share ?? 0 };
  },
  check: (e) => {
    const out: Array<[string, string]> = [];
    if (e.shape === 'front-loaded' || e.shape === 'back-loaded') {
      if (e.share === undefined || !(e.share > 0)) out.push(['share', `is required for "${e.shape}": the share of all defaults moved into the ${e.shape === 'front-loaded' ? 'first' : 'last'} period, above 0 and at most 1, got ${e.share ?? 'nothing'}`]);
    } else if (e.share !== undefined) out.push(['share', `applies only to "front-loaded" and "back-loaded" timing, not "${e.shape}"`]);
    if (e.shape === 'vector') {
      if (!e.vector) out.push(['vector', 'is required for "vector" timing: one share of all defaults per payment period, adding up to 1']);
      else {
        const sum = e.vector.reduce((s, x) => s + x, 0);
        if (Math.abs(sum - 1) > VECTOR_SUM_TOLERANCE) out.push(['vector', `shares must add up to 1 (all of the defaults), got ${+sum.toFixed(10)}`]);
      }
    } else if (e.vector !== undefined) out.push(['vector', `applies only to "vector" timing, not "${e.shape}"`]);
    return out;
  },
  describe: (e, t) => (e.shape === 'even' ? t('rating.stress.timing.even')
    : e.shape === 'vector' ? t('rating.stress.timing.vector', { shares: (e.vector ?? []).map(pctText).join(' / ') })
      : t(e.shape === 'front-loaded' ? 'rating.stress.timing.front' : 'rating.stress.timing.back', { share: pctText(e.share ?? 0) })),
};

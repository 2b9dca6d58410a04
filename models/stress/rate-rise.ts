// 利率上升 Interest rates up: benchmark-linked coupons (LPR + spread) and benchmark-linked loans
// reset higher by the given basis points; fixed coupons and fixed-rate assets do not move.
import { z } from 'zod';
import { numberBetween, strictObject } from '../deal/schema-helpers.js';
import type { StressKind } from './common.js';

const schema = strictObject({
  kind: z.literal('rate-rise'),
  /** Basis points the benchmark rises by, e.g. 100. */
  bp: numberBetween(0.01, 2000),
});

export const rateRise: StressKind<typeof schema> = {
  kind: 'rate-rise',
  schema,
  apply: (c, e) => { c.rateRise += e.bp / 10_000; },
  inert: (_e, f) => (f.benchmarkLinked ? null : 'rating.inert.no-benchmark'),
  describe: (e, t) => t('rating.stress.rate-rise', { bp: e.bp }),
};

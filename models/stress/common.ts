// What every stress-scenario kind shares (压力情景). A scenario of the catalogue is a list of
// stresses, each of one kind; applying them in turn to a neutral StressCase gives the numbers the
// break-even solver (models/breakeven/) runs the deal's waterfall with. A kind is one file with its
// schema, how it changes the case, whether it bites on a given deal, and how to say it in words.
import type { z } from 'zod';
import type { Translate } from '../i18n/index.js';

/** When defaults happen, as a share of the total per period (违约时间分布). */
export type TimingShape =
  | { shape: 'even' }
  /** `share` of all defaults moved into the first period (the rest spread evenly). */
  | { shape: 'front-loaded'; share: number }
  /** `share` of all defaults moved into the last period of the pool's life. */
  | { shape: 'back-loaded'; share: number }
  /** One share per payment period of the deal, adding up to 1. */
  | { shape: 'vector'; vector: readonly number[] };

export type PrepaymentStress = { multiplier: number } | { annualRate: number };

export interface StressCase {
  timing: TimingShape;
  /** Recovery rates × this (1 − haircut). */
  recoveryMultiplier: number;
  /** A share of every recovery arriving this many months later (回收延迟). */
  recoveryDelay: { share: number; months: number } | null;
  /** Prepayment of prepayable assets: a multiple of the deal's own rate, or an annual rate. null: the deal's own. */
  prepayment: PrepaymentStress | null;
  /** Asset yield cut, annual (0.0025 = 25 bp): excess-spread compression (超额利差压缩). */
  spreadCompression: number;
  /** Benchmark rates up, annual: benchmark-linked coupons and assets reset higher (利率上升). */
  rateRise: number;
  /**
   * Revolving pools (循环购买): the purchase rate of new assets × this. A hook for the revolving
   * engine (models/pool, issue 13); a static pool has nothing to buy, so it does not bite there.
   */
  purchaseRateMultiplier: number;
}

export const neutralCase = (): StressCase => ({
  timing: { shape: 'even' },
  recoveryMultiplier: 1,
  recoveryDelay: null,
  prepayment: null,
  spreadCompression: 0,
  rateRise: 0,
  purchaseRateMultiplier: 1,
});

/** What a stress needs to know of a deal to say whether it changes anything there. */
export interface DealFacts {
  /** Some asset can prepay (loans). */
  prepayableAssets: boolean;
  /** The deal's own annual prepayment rate (simulation.prepaymentRate), 0 if none. */
  basePrepaymentRate: number;
  /** Some tranche coupon or asset rate is benchmark-linked (LPR + spread). */
  benchmarkLinked: boolean;
  /** Some obligor recovers something on default. */
  recoveries: boolean;
  /** The pool buys new assets during a revolving period. */
  revolving: boolean;
}

export interface StressKind<S extends z.ZodObject = z.ZodObject> {
  readonly kind: string;
  readonly schema: S;
  /** Change the case (a fresh copy owned by the caller). */
  apply(c: StressCase, e: z.output<S>): void;
  /** Problems the schema cannot see, as [path inside the entry, message]. */
  check?(e: z.output<S>): Array<[string, string]>;
  /** Null when the stress changes this deal's cash flows, else why it does not (i18n key). */
  inert?(e: z.output<S>, facts: DealFacts): InertReason | null;
  /** The stress in words. */
  describe(e: z.output<S>, t: Translate): string;
}

export type InertReason = 'rating.inert.no-prepayment' | 'rating.inert.no-benchmark' | 'rating.inert.no-recovery' | 'rating.inert.not-revolving';

/** 0.2 → "20%", 0.125 → "12.5%". */
export const pctText = (x: number): string => `${+(x * 100).toFixed(4)}%`;

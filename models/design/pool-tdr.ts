// 目标违约率 from a simulation of the pool: the TDR per grade depends only on the pool's cumulative
// default rates (who defaults, when, on what exposure), not on the notes — so one Monte Carlo run
// of the pool serves every coupon and every structure built on it. Market coupons are set to a
// placeholder for the run (they change no default).
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import { simulate } from '../montecarlo/simulate.js';
import type { TdrMethod, TdrSet } from '../ratings/tdr.js';

/** The deal with market coupons at 0: the same pool and defaults, runnable by the engines. */
export function withPlaceholderCoupons(deal: Deal): Deal {
  if (!deal.liabilities.tranches.some((t) => t.coupon.type === 'market')) return deal;
  return {
    ...deal,
    liabilities: { ...deal.liabilities, tranches: deal.liabilities.tranches.map((t) => (t.coupon.type === 'market' ? { ...t, coupon: { type: 'fixed' as const, rate: 0 } } : t)) },
  };
}

export interface PoolTdrOptions { paths: number; seed: Seed; threads?: number; method?: TdrMethod }

/** The TDR set of the pool from a Monte Carlo run, and the method to read it with (default: the deal's, else monte-carlo). */
export async function simulatedTdr(deal: Deal, o: PoolTdrOptions): Promise<{ set: TdrSet; method: TdrMethod }> {
  const sim = await simulate(withPlaceholderCoupons(deal), { paths: o.paths, seed: o.seed, threads: o.threads });
  return { set: sim.targetDefaultRates, method: o.method ?? deal.rating?.tdrMethod ?? 'monte-carlo' };
}

// The cost comparison (models/cost/compare.ts, issue 6) adapted for the pages: each deal's all-in
// cost to the firms before and after subsidy against the bank-loan baseline, and the side-by-side
// comparison. Loaded only when the module exists (until then callers say it is not available);
// results cached per stored deal version.
import type { Deal } from '../models/deal/schema.js';
import type { Engines } from './engines.js';
import { cacheKey, remember, type ValidDeal } from './deals.js';

/** What the library shows of a deal's cost. */
export interface CostGlance {
  allInCostRate: number;
  subsidyAdjustedCostRate: number;
  baselineCostRate: number;
  savingVsBaseline: number;
}

export type CostSummary = { ok: true; cost: CostGlance } | { ok: false; error: string };

interface CostModule {
  dealCost(deal: Deal): { allInCostRate: number; subsidyAdjustedCostRate: number; baselineCostRate: number; savingVsBaseline: number } & Record<string, unknown>;
  compareDeals(deals: readonly Deal[]): unknown;
}

function asCostModule(mod: Record<string, unknown>): CostModule | null {
  return typeof mod.dealCost === 'function' && typeof mod.compareDeals === 'function' ? (mod as unknown as CostModule) : null;
}

export class Costs {
  private readonly summaries = new Map<string, CostSummary>();
  private readonly comparisons = new Map<string, unknown>();
  private readonly full = new Map<string, unknown>();

  constructor(private readonly engines: Engines) {}

  /** Null when the cost module is not available (the caller says so); an error per deal it cannot cost. */
  async summary(d: ValidDeal): Promise<CostSummary | null> {
    const mod = await this.module();
    if (!mod) return null;
    const key = cacheKey(d.stored);
    const hit = this.summaries.get(key);
    if (hit) return hit;
    let out: CostSummary;
    try {
      const c = mod.dealCost(d.deal);
      out = { ok: true, cost: { allInCostRate: c.allInCostRate, subsidyAdjustedCostRate: c.subsidyAdjustedCostRate, baselineCostRate: c.baselineCostRate, savingVsBaseline: c.savingVsBaseline } };
    } catch (err) {
      out = { ok: false, error: `cost: ${(err as Error).message}` };
    }
    remember(this.summaries, key, out);
    return out;
  }

  /** The cost module's full dealCost() for one deal (null when unavailable or when it fails). */
  async dealCost(d: ValidDeal): Promise<unknown> {
    const mod = await this.module().catch(() => null);
    if (!mod) return null;
    const key = `full:${cacheKey(d.stored)}`;
    if (this.full.has(key)) return this.full.get(key);
    let out: unknown = null;
    try { out = mod.dealCost(d.deal); } catch { out = null; }
    remember(this.full, key, out);
    return out;
  }

  /** compareDeals() of the cost module for these deals (null when it is not available). */
  async compare(ds: readonly ValidDeal[]): Promise<unknown> {
    const mod = await this.module();
    if (!mod) return null;
    const key = ds.map((d) => cacheKey(d.stored)).join('|');
    if (this.comparisons.has(key)) return this.comparisons.get(key);
    const out = mod.compareDeals(ds.map((d) => d.deal));
    remember(this.comparisons, key, out);
    return out;
  }

  private async module(): Promise<CostModule | null> {
    if (!this.engines.available('cost')) return null;
    return asCostModule(await this.engines.load('cost'));
  }
}

// The cost comparison (models/cost/compare.ts) adapted for the pages: each deal's all-in cost to
// the firms before and after subsidy against the bank-loan baseline, and the side-by-side
// comparison; results cached per stored deal version.
import { compareDeals, dealCost, type CompareResult, type DealCost } from '../models/cost/compare.js';
import { cacheKey, remember, type ValidDeal } from './deals.js';

/** What the library shows of a deal's cost. */
export interface CostGlance {
  allInCostRate: number;
  subsidyAdjustedCostRate: number;
  baselineCostRate: number;
  savingVsBaseline: number;
}

export type CostSummary = { ok: true; cost: CostGlance } | { ok: false; error: string };

export class Costs {
  private readonly summaries = new Map<string, CostSummary>();
  private readonly comparisons = new Map<string, CompareResult>();
  private readonly full = new Map<string, DealCost | null>();

  /** The deal's cost figures, or why it cannot be costed. */
  summary(d: ValidDeal): CostSummary {
    const key = cacheKey(d.stored);
    const hit = this.summaries.get(key);
    if (hit) return hit;
    let out: CostSummary;
    try {
      const c = dealCost(d.deal);
      out = { ok: true, cost: { allInCostRate: c.allInCostRate, subsidyAdjustedCostRate: c.subsidyAdjustedCostRate, baselineCostRate: c.baselineCostRate, savingVsBaseline: c.savingVsBaseline } };
    } catch (err) {
      out = { ok: false, error: `cost: ${(err as Error).message}` };
    }
    remember(this.summaries, key, out);
    return out;
  }

  /** The full dealCost() of one deal (null when it fails: summary() says why). */
  dealCost(d: ValidDeal): DealCost | null {
    const key = `full:${cacheKey(d.stored)}`;
    const hit = this.full.get(key);
    if (hit !== undefined) return hit;
    let out: DealCost | null = null;
    try { out = dealCost(d.deal); } catch { out = null; }
    remember(this.full, key, out);
    return out;
  }

  /** compareDeals() for these deals (throws what it throws: a deal it cannot cost). */
  compare(ds: readonly ValidDeal[]): CompareResult {
    const key = ds.map((d) => cacheKey(d.stored)).join('|');
    const hit = this.comparisons.get(key);
    if (hit) return hit;
    const out = compareDeals(ds.map((d) => d.deal));
    remember(this.comparisons, key, out);
    return out;
  }
}

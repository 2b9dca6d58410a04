// What the library keeps of each deal version (its index entry's summary): validity and the first
// problems, the glance, the all-in cost, and what the run and sizing pages offer for it. Made in a
// worker thread (summary-worker.ts) when a version is saved or the index is rebuilt — never while
// a listing waits.
import { formatProblem, parseJson, validateDeal } from '../../models/deal/validate.js';
import type { Deal } from '../../models/deal/schema.js';
import { glanceOf, type DealGlance } from '../present/glance.js';
import type { CostGlance } from '../costs.js';

/** Problems kept per invalid deal (the deal page lists them all). */
export const SUMMARY_PROBLEMS = 10;

export interface DealChoice {
  stresses: Array<{ name: string; description: string }>;
  /** Enhancements, reserve accounts and junior tranches a sizing search can move. */
  sizable: Array<{ id: string; label: string }>;
}

export interface DealSummary {
  valid: boolean;
  /** The first problems (formatted as `path: message`) and how many there are. */
  problems: string[];
  problemCount: number;
  glance: DealGlance | null;
  cost: CostGlance | null;
  costProblem: string | null;
  choice: DealChoice | null;
}

export interface CostFunction {
  (deal: Deal): { allInCostRate: number; subsidyAdjustedCostRate: number; baselineCostRate: number; savingVsBaseline: number };
}

export function choiceOf(deal: Deal): DealChoice {
  return {
    stresses: (deal.stresses ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
    sizable: [
      ...deal.enhancements.map((e) => ({ id: e.id, label: `${e.name ?? e.id} (${e.kind})` })),
      ...deal.accounts.map((a) => ({ id: a.id, label: `${a.name ?? a.id} (reserve account)` })),
      ...deal.liabilities.tranches.filter((t) => t.class !== 'senior').map((t) => ({ id: t.id, label: `${t.name ?? t.id} (${t.class} tranche: subordination)` })),
    ],
  };
}

/** The summary of one deal text; `dealCost` is null when the cost engine is not available. */
export function summarizeDealText(text: string, dealCost: CostFunction | null): DealSummary {
  const parsed = parseJson(text);
  const v = parsed.ok ? validateDeal(parsed.value) : parsed;
  if (!v.ok) {
    return { valid: false, problems: v.problems.slice(0, SUMMARY_PROBLEMS).map(formatProblem), problemCount: v.problems.length, glance: null, cost: null, costProblem: null, choice: null };
  }
  let cost: CostGlance | null = null;
  let costProblem: string | null = null;
  if (dealCost) {
    try {
      const c = dealCost(v.deal);
      cost = { allInCostRate: c.allInCostRate, subsidyAdjustedCostRate: c.subsidyAdjustedCostRate, baselineCostRate: c.baselineCostRate, savingVsBaseline: c.savingVsBaseline };
    } catch (err) {
      costProblem = `cost: ${(err as Error).message}`;
    }
  }
  return { valid: true, problems: [], problemCount: 0, glance: glanceOf(v.deal), cost, costProblem, choice: choiceOf(v.deal) };
}

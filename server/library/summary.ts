// What the library keeps of each deal version (its index entry's summary): validity and the first
// problems, the glance, the all-in cost, and what the run and sizing pages offer for it. Made in a
// worker thread (summary-worker.ts) when a version is saved or the index is rebuilt — never while
// a listing waits.
import { formatProblem, parseJson, validateDeal } from '../../models/deal-format/validate.js';
import type { Deal, Tranche } from '../../models/deal-format/schema.js';
import { enhancementKind } from '../../models/enhancements/registry.js';
import { glanceOf, type DealGlance } from '../present/glance.js';
import type { CostGlance } from '../costs.js';
import { dealCost } from '../../models/cost/compare.js';

/** Problems kept per invalid deal (the deal page lists them all). */
export const SUMMARY_PROBLEMS = 10;

/** Something a sizing search can move, with what its label is made of in either language. */
export type Sizable =
  | { id: string; what: 'enhancement'; name: string; kind: string; kindZh: string }
  | { id: string; what: 'reserve'; name: string }
  | { id: string; what: 'tranche'; name: string; nameZh: string | null; class: Tranche['class'] };

export interface DealChoice {
  stresses: Array<{ name: string; description: string }>;
  /** Enhancements, reserve accounts and junior tranches a sizing search can move. */
  sizable: Sizable[];
}

export interface DealSummary {
  valid: boolean;
  /** The first problems (formatted as `path: message`) and how many there are. */
  problems: string[];
  problemCount: number;
  /** The glance with its labels in English, and in Chinese. */
  glance: DealGlance | null;
  glanceZh: DealGlance | null;
  cost: CostGlance | null;
  costProblem: string | null;
  choice: DealChoice | null;
}

export function choiceOf(deal: Deal): DealChoice {
  return {
    stresses: (deal.stresses ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
    sizable: [
      ...deal.enhancements.map((e): Sizable => ({ id: e.id, what: 'enhancement', name: e.name ?? e.id, kind: e.kind, kindZh: enhancementKind(e.kind).labelZh })),
      ...deal.accounts.map((a): Sizable => ({ id: a.id, what: 'reserve', name: a.name ?? a.id })),
      ...deal.liabilities.tranches.filter((t) => t.class !== 'senior').map((t): Sizable => ({ id: t.id, what: 'tranche', name: t.name ?? t.id, nameZh: t.nameZh ?? null, class: t.class })),
    ],
  };
}

/** The summary of one deal text, with its cost to the firms (or why it cannot be costed). */
export function summarizeDealText(text: string): DealSummary {
  const parsed = parseJson(text);
  const v = parsed.ok ? validateDeal(parsed.value) : parsed;
  if (!v.ok) {
    return { valid: false, problems: v.problems.slice(0, SUMMARY_PROBLEMS).map(formatProblem), problemCount: v.problems.length, glance: null, glanceZh: null, cost: null, costProblem: null, choice: null };
  }
  let cost: CostGlance | null = null;
  let costProblem: string | null = null;
  try {
    const c = dealCost(v.deal);
    cost = { allInCostRate: c.allInCostRate, subsidyAdjustedCostRate: c.subsidyAdjustedCostRate, baselineCostRate: c.baselineCostRate, savingVsBaseline: c.savingVsBaseline };
  } catch (err) {
    costProblem = `cost: ${(err as Error).message}`;
  }
  return { valid: true, problems: [], problemCount: 0, glance: glanceOf(v.deal, 'en'), glanceZh: glanceOf(v.deal, 'zh'), cost, costProblem, choice: choiceOf(v.deal) };
}

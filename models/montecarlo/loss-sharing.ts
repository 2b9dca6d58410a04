// Bridge from the deal's loss-sharing enhancements (risk-compensation funds, guarantee
// insurance) to the path engine: their payer indices in the path model's party list.
import type { Deal } from '../deal-format/schema.js';
import { allocateLosses, prepareLossAllocation, type LossAllocationPlan } from '../enhancements/loss-allocation.js';
import { enhancementKind } from '../enhancements/registry.js';
import type { LossEvent } from '../enhancements/common.js';

export interface LossSharingEntry {
  plan: LossAllocationPlan;
  /** For each plan party, its index in the program's flat party list. */
  programParty: Int32Array;
}

/** The loss-sharing plan of a deal, or [] when it has none. */
export function lossSharingEntries(deal: Deal): LossSharingEntry[] {
  const plan = prepareLossAllocation(deal.enhancements);
  if (plan.sources.length === 0) return [];
  // Program parties are every enhancement's parties, in deal order.
  const firstParty: number[] = [];
  let n = 0;
  for (const e of deal.enhancements) {
    firstParty.push(n);
    n += enhancementKind(e.kind).parties(e).length;
  }
  const programParty = Int32Array.from(plan.parties.map((p) => {
    const e = deal.enhancements[p.enhancementIndex]!;
    const pos = enhancementKind(e.kind).parties(e).findIndex((q) => q.id === p.id);
    return firstParty[p.enhancementIndex]! + pos;
  }));
  return [{ plan, programParty }];
}

export { allocateLosses, type LossEvent };

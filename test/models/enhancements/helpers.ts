// Shared by the enhancement tests: validate one enhancement entry inside the minimal deal and run
// loss events through it.
import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { Enhancement } from '../../../models/deal-format/schema.js';
import type { LossEvent } from '../../../models/enhancements/common.js';
import { allocateLosses, prepareLossAllocation, type AllocationOptions, type LossAllocation, type LossAllocationPlan } from '../../../models/enhancements/loss-allocation.js';
import { minimalDealWith } from '../../support/minimal-deal.js';

/** Validate entries as enhancements[1..] of the minimal deal; fail the test with the problems if invalid. */
export function validEnhancements(...entries: unknown[]): Enhancement[] {
  const r = validateDeal(minimalDealWith(...entries));
  if (!r.ok) expect.fail(r.problems.map(formatProblem).join('\n'));
  return r.deal.enhancements.slice(1);
}

/** The problems, formatted, of the minimal deal with these enhancements appended. */
export function problemsWith(...entries: unknown[]): string[] {
  const r = validateDeal(minimalDealWith(...entries));
  return r.ok ? [] : r.problems.map(formatProblem);
}

export const payer = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id, annualDefaultProbability: 0, ...extra });

/** A loss event: obligor i, its original principal, net loss, default and write-off months. */
export const loss = (obligorIndex: number, originalPrincipal: number, netLoss: number, defaultMonth: number, writeOffMonth: number): LossEvent =>
  ({ obligorIndex, originalPrincipal, netLoss, defaultMonth, writeOffMonth });

export interface Run { plan: LossAllocationPlan; a: LossAllocation; paid: Record<string, number>; months: Record<string, number[]> }

/** Allocate events among the (validated) entries; paid and months keyed by party id. */
export function run(entries: readonly Enhancement[], events: LossEvent[], opts: Partial<AllocationOptions> = {}): Run {
  const plan = prepareLossAllocation(entries);
  const a = allocateLosses(plan, events, { poolPrincipal: 100_000_000, ...opts });
  const paid: Record<string, number> = {};
  const months: Record<string, number[]> = {};
  plan.parties.forEach((p, k) => { paid[p.id] = a.paidByParty[k]!; months[p.id] = []; });
  for (const p of a.payments) months[plan.parties[p.party]!.id]!.push(p.month);
  return { plan, a, paid, months };
}

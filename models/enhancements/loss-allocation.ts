// Who pays for one Monte Carlo path's losses: each defaulted obligor's net loss goes through the
// deal's loss-sharing enhancements (risk-compensation funds, guarantee insurance) in the order the
// deal lists them; each pays its part into the trust at the month its timing rule says; what no
// one pays stays with the trust (and so, through the waterfall, with the noteholders).
//
// Conventions:
// - Events are taken in order of default month (ties: as given), so caps are used first come,
//   first served.
// - A later enhancement sees only what earlier ones left with the trust: together they never pay
//   more than the net loss.
// - A payer that has defaulted by the month its payment is secured (the payment month, or the
//   deposit month for a 保证金 deposit) pays nothing; its part stays with the trust and is passed
//   on to the next enhancement.
// Plain numbers throughout: this runs once per path.
import type { EnhancementParty, LossEvent, LossSharingKind } from './common.js';
import { enhancementKind } from './registry.js';

export interface LossSharingSource {
  /** Index of the enhancement in deal.enhancements. */
  enhancementIndex: number;
  id: string;
  kind: string;
  entry: unknown;
  hook: LossSharingKind<unknown, unknown>;
  /** Party id → index into plan.parties. */
  partyIndex: Map<string, number>;
}
export interface AllocationParty extends EnhancementParty {
  enhancementIndex: number;
  enhancementId: string;
  /** Position among its enhancement's parties(): the engine's flat party index is that enhancement's firstParty + this. */
  indexInEnhancement: number;
}
export interface LossAllocationPlan {
  sources: LossSharingSource[];
  /** Every payer of every loss-sharing enhancement, in deal order then party order. */
  parties: AllocationParty[];
}

/** Pick the deal's loss-sharing enhancements (in their listed order) and number their payers. */
export function prepareLossAllocation(enhancements: ReadonlyArray<{ id: string; kind: string }>): LossAllocationPlan {
  const sources: LossSharingSource[] = [];
  const parties: AllocationParty[] = [];
  enhancements.forEach((entry, enhancementIndex) => {
    const k = enhancementKind(entry.kind);
    if (!k.lossSharing) return;
    const partyIndex = new Map<string, number>();
    k.parties(entry as Parameters<typeof k.parties>[0]).forEach((p, indexInEnhancement) => {
      partyIndex.set(p.id, parties.length);
      parties.push({ ...p, enhancementIndex, enhancementId: entry.id, indexInEnhancement });
    });
    sources.push({ enhancementIndex, id: entry.id, kind: entry.kind, entry, hook: k.lossSharing as LossSharingKind<unknown, unknown>, partyIndex });
  });
  return { sources, parties };
}

export interface AllocationOptions {
  /** Principal the share-of-pool caps and tiers are measured on (the pool's eligible principal). */
  poolPrincipal: number;
  /** Per plan party: the month from which it can no longer pay (Infinity or absent: never defaults). */
  partyDefaultMonth?: ArrayLike<number>;
}

export interface AllocatedPayment {
  /** Index into plan.parties. */
  party: number;
  /** Index of the event in the `events` passed in. */
  event: number;
  obligorIndex: number;
  amount: number;
  /** Month (from issue) in which the cash reaches the trust. */
  month: number;
}
export interface LossAllocation {
  /** Payments into the trust, in the order they were decided (by default month). */
  payments: AllocatedPayment[];
  /** Total paid into the trust per plan party. */
  paidByParty: Float64Array;
  /** What a party owed but did not pay because it had defaulted. */
  unpaidByParty: Float64Array;
  /** Net loss left with the trust, per event (in the order given). */
  retainedByEvent: Float64Array;
  /** Net loss left with the trust in all. */
  retained: number;
  /** Sum of the events' net losses. */
  totalLoss: number;
}

/** Allocate one path's loss events among the deal's loss-sharing enhancements and the trust. */
export function allocateLosses(plan: LossAllocationPlan, events: readonly LossEvent[], opts: AllocationOptions): LossAllocation {
  const nP = plan.parties.length;
  const out: LossAllocation = {
    payments: [],
    paidByParty: new Float64Array(nP),
    unpaidByParty: new Float64Array(nP),
    retainedByEvent: new Float64Array(events.length),
    retained: 0,
    totalLoss: 0,
  };
  const states = plan.sources.map((s) => s.hook.createState(s.entry, opts.poolPrincipal));
  const dead = opts.partyDefaultMonth;
  const scratch: LossEvent = { obligorIndex: 0, originalPrincipal: 0, netLoss: 0, defaultMonth: 0, writeOffMonth: 0 };
  for (const i of chronological(events)) {
    const ev = events[i]!;
    const loss = ev.netLoss > 0 ? ev.netLoss : 0;
    out.totalLoss += loss;
    let remaining = loss;
    for (let s = 0; s < plan.sources.length && remaining > 0; s++) {
      const src = plan.sources[s]!;
      scratch.obligorIndex = ev.obligorIndex;
      scratch.originalPrincipal = ev.originalPrincipal;
      scratch.netLoss = remaining;
      scratch.defaultMonth = ev.defaultMonth;
      scratch.writeOffMonth = ev.writeOffMonth;
      for (const pay of src.hook.coverLoss(src.entry, states[s], scratch)) {
        const k = src.partyIndex.get(pay.partyId);
        if (k === undefined) throw new Error(`enhancement "${src.id}" paid through unknown party "${pay.partyId}"`);
        const amount = Math.min(pay.amount, remaining);
        if (!(amount > 0)) continue;
        const deadFrom = dead?.[k] ?? Infinity;
        if ((pay.securedMonth ?? pay.month) >= deadFrom) {
          out.unpaidByParty[k] = out.unpaidByParty[k]! + amount;
          continue;
        }
        out.paidByParty[k] = out.paidByParty[k]! + amount;
        out.payments.push({ party: k, event: i, obligorIndex: ev.obligorIndex, amount, month: pay.month });
        remaining -= amount;
      }
    }
    out.retainedByEvent[i] = remaining;
    out.retained += remaining;
  }
  return out;
}

/** Event indices by default month, ties in the order given (no copy when already in order). */
function chronological(events: readonly LossEvent[]): number[] {
  const idx = events.map((_, i) => i);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.defaultMonth < events[i - 1]!.defaultMonth) {
      return idx.sort((a, b) => events[a]!.defaultMonth - events[b]!.defaultMonth || a - b);
    }
  }
  return idx;
}

/** Cash paid into the trust in each month 0..months-1 (payments in later months are left out). */
export function cashIntoTrustByMonth(a: LossAllocation, months: number): Float64Array {
  const byMonth = new Float64Array(months);
  for (const p of a.payments) {
    if (p.month >= 0 && p.month < months) byMonth[p.month] = byMonth[p.month]! + p.amount;
  }
  return byMonth;
}

export interface PartyAllocation {
  enhancementId: string;
  partyId: string;
  name: string;
  paid: number;
  unpaid: number;
  /** First and last month it paid into the trust (null: never paid). */
  firstMonth: number | null;
  lastMonth: number | null;
}
/** Per party, for reports: what it paid, what it failed to pay, and when. */
export function summarizeByParty(plan: LossAllocationPlan, a: LossAllocation): PartyAllocation[] {
  const first: Array<number | null> = plan.parties.map(() => null);
  const last: Array<number | null> = plan.parties.map(() => null);
  for (const p of a.payments) {
    const f = first[p.party];
    first[p.party] = f === null || f === undefined ? p.month : Math.min(f, p.month);
    const l = last[p.party];
    last[p.party] = l === null || l === undefined ? p.month : Math.max(l, p.month);
  }
  return plan.parties.map((p, k) => ({
    enhancementId: p.enhancementId,
    partyId: p.id,
    name: p.name,
    paid: a.paidByParty[k]!,
    unpaid: a.unpaidByParty[k]!,
    firstMonth: first[k] ?? null,
    lastMonth: last[k] ?? null,
  }));
}

// A shared party's exposure across a programme's issues: on each date, what it could still be
// asked to pay under every issue outstanding — per issue its share of the scheduled interest and
// principal still due on the tranches its enhancement covers (base case), at most its capacity in
// that issue — added up, and against its capacity for the whole programme.
import { Decimal } from 'decimal.js';
import { runExact } from '../engine/exact.js';
import type { Deal } from '../deal-format/schema.js';
import { enhancementKind } from '../enhancements/registry.js';
import type { LoadedProgramme } from './load.js';

export interface IssueExposure {
  issue: string;
  /** The party's share of each call and its capacity in this issue (null: unlimited). */
  share: number;
  capacity: number | null;
  /** The tranches its enhancement covers. */
  covers: string[];
  /** What it could be asked on the issue date (the largest, since payments only lower it). */
  atIssue: number;
}

export interface PartyExposure {
  id: string;
  name: string;
  sharedCapacity: number;
  issues: IssueExposure[];
  /** On every issue and payment date: the exposure per issue (same order as `issues`) and in all. */
  timeline: Array<{ date: string; byIssue: number[]; total: number }>;
  /** The largest total and when; `capped` is it, at most the shared capacity. */
  peak: { date: string; total: number; capped: number };
}

/** The party's share and capacity in a deal, and the tranches the enhancements it stands in cover. */
function standing(deal: Deal, partyId: string): { share: number; capacity: number | null; covers: string[] } | null {
  let share = 0;
  let capacity: number | null = 0;
  const enhIds: string[] = [];
  for (const e of deal.enhancements) {
    for (const p of enhancementKind(e.kind).parties(e)) {
      if (p.id !== partyId) continue;
      enhIds.push(e.id);
      share = Math.max(share, p.share);
      capacity = capacity === null || p.capacity === null ? null : capacity + Number(p.capacity);
    }
  }
  if (enhIds.length === 0) return null;
  const steps = [...deal.waterfall.normal, ...(deal.waterfall.afterTrigger ?? []), ...(deal.waterfall.revolving ?? []), ...(deal.waterfall.accelerated ?? [])];
  const covers = new Set<string>();
  for (const st of steps) {
    if (st.type !== 'cover-shortfall' || !st.sources.some((s) => enhIds.includes(s))) continue;
    for (const t of [...st.covers.interest, ...st.covers.principal]) covers.add(t);
  }
  return { share, capacity, covers: [...covers] };
}

export function partyExposures(p: LoadedProgramme): PartyExposure[] {
  const reports = p.issues.map((iss) => runExact(iss.deal));
  const dates = [...new Set(p.issues.flatMap((iss, k) => [iss.deal.meta.issueDate, ...reports[k]!.periods.map((x) => x.date)]))].sort();
  return p.programme.sharedParties.map((sp) => {
    let name = sp.id;
    const issues: IssueExposure[] = [];
    // Per issue: the covered payments still to come after each date.
    const owedAfter: Array<(date: string) => number> = [];
    p.issues.forEach((iss, k) => {
      const st = standing(iss.deal, sp.id);
      if (!st) return;
      for (const e of iss.deal.enhancements) for (const q of enhancementKind(e.kind).parties(e)) if (q.id === sp.id) name = q.name;
      const r = reports[k]!;
      const pay = r.periods.map((x) => ({ date: x.date, amount: st.covers.reduce((s, id) => s.plus(x.tranches[id]?.interest ?? 0).plus(x.tranches[id]?.principal ?? 0), new Decimal(0)) }));
      const f = (date: string) => {
        if (date < iss.deal.meta.issueDate) return 0;
        const owed = pay.filter((x) => x.date > date).reduce((s, x) => s.plus(x.amount), new Decimal(0)).times(st.share).toNumber();
        return st.capacity === null ? owed : Math.min(st.capacity, owed);
      };
      owedAfter.push(f);
      issues.push({ issue: iss.deal.meta.id, share: st.share, capacity: st.capacity, covers: st.covers, atIssue: Math.round(f(iss.deal.meta.issueDate) * 100) / 100 });
    });
    const shared = Number(sp.capacity);
    const timeline = dates.map((date) => {
      const byIssue = owedAfter.map((f) => Math.round(f(date) * 100) / 100);
      return { date, byIssue, total: Math.round(byIssue.reduce((s, x) => s + x, 0) * 100) / 100 };
    });
    const top = timeline.reduce((a, b) => (b.total > a.total ? b : a), timeline[0]!);
    return { id: sp.id, name, sharedCapacity: shared, issues, timeline, peak: { date: top.date, total: top.total, capped: Math.min(top.total, shared) } };
  });
}

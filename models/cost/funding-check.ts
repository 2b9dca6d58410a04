// Checks of the deal's `funding` section that need the rest of the deal.
import type { Deal } from '../deal/schema.js';
import { LPR_FIRST_FIXING } from '../market/lpr.js';
import { assetKindOf } from '../pool/asset-registry.js';

/** The day each firm got its money: a loan's start, the issue date for receivables, a leg's first draw. */
export function firmStartDates(deal: Deal): Array<{ path: string; date: string }> {
  return [
    ...deal.pool.obligors.map((o, i) => ({ path: `pool.obligors[${i}]`, date: assetKindOf(o.asset).fundingDate(o.asset, deal) })),
    ...(deal.offshoreLegs ?? []).map((l, i) => ({ path: `offshoreLegs[${i}]`, date: l.draws[0]?.date ?? deal.meta.issueDate })),
  ];
}

export function fundingProblems(deal: Deal): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const f = deal.funding;
  if (!f?.baseline) {
    // The cost comparison then prices the default baseline (1Y LPR + 50 bp): it needs the LPR too.
    const early = firmStartDates(deal).find((s) => s.date < LPR_FIRST_FIXING);
    if (early) {
      const path = early.date === deal.meta.issueDate ? 'meta.issueDate' : early.path;
      out.push([path, `the cost comparison prices the firms' bank-loan baseline (funding.baseline, by default 1Y LPR + 50 bp) off the reformed LPR, first fixed ${LPR_FIRST_FIXING}; ${early.path} starts ${early.date} (start on or after ${LPR_FIRST_FIXING})`]);
    }
  }
  if (!f) return out;
  if (f.baseline?.subsidised && !f.subsidy) {
    out.push(['funding.baseline.subsidised', 'is true but funding.subsidy is not given: say which subsidy the bank loan would get, or set subsidised to false']);
  }
  if (f.baseline) {
    const early = firmStartDates(deal).find((s) => s.date < LPR_FIRST_FIXING);
    if (early) out.push(['funding.baseline', `a bank loan priced off the LPR needs a start on or after ${LPR_FIRST_FIXING} (the first reformed LPR fixing); ${early.path} starts ${early.date}`]);
  }
  return out;
}

// Checks of the deal's `funding` section that need the rest of the deal.
import type { Deal } from './schema.js';
import { LPR_FIRST_FIXING, PBOC_BENCHMARK_FROM } from '../market/lpr.js';
import { daysFrom } from '../calendar/iso-date.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { FUNDING_TEXT } from '../deal/problem-text.js';

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
      out.push([path, FUNDING_TEXT.defaultBaselineNeedsLpr(LPR_FIRST_FIXING, early.path, early.date)]);
    }
  }
  if (!f) return out;
  // Fees paid up front on the principal (appraisal, and the guarantee fee for the whole term) must
  // leave the firm part of its money: else its flows never change sign and it has no funding cost.
  const longest = Math.max(0, ...firmStartDates(deal).map((st) => daysFrom(st.date, deal.meta.maturityDate) / 365.25));
  for (const [path, fees] of [['funding.firmFees', f.firmFees], ['funding.baseline', f.baseline]] as const) {
    const upfront = (fees?.appraisalFeeRate ?? 0) + (fees?.guaranteeFeeRate ?? 0) * longest;
    if (upfront >= 0.5) out.push([path, FUNDING_TEXT.upfrontFirmFees(longest, upfront)]);
  }
  if (f.baseline?.subsidised && !f.subsidy) {
    out.push(['funding.baseline.subsidised', 'is true but funding.subsidy is not given: say which subsidy the bank loan would get, or set subsidised to false']);
  }
  if (f.baseline) {
    // Before the LPR reform the baseline is priced off the PBOC benchmark lending rate (from 2015-10-24).
    const early = firmStartDates(deal).find((s) => s.date < PBOC_BENCHMARK_FROM);
    if (early) out.push(['funding.baseline', `a bank loan needs a benchmark: the LPR from ${LPR_FIRST_FIXING}, the PBOC benchmark lending rate from ${PBOC_BENCHMARK_FROM}; ${early.path} starts ${early.date}`]);
  }
  return out;
}

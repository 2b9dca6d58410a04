// Checks of the revolving period, the status events and the clean-up call that need the rest of
// the deal: each problem as [path, message], the path naming the field.
import type { Deal } from './schema.js';
import { addMonths } from '../calendar/schedule.js';
import { enhancementKind } from '../enhancements/registry.js';

export function statusProblems(deal: Deal): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (path: string, message: string) => out.push([path, message]);
  const w = deal.waterfall;
  const r = deal.revolving;
  const { issueDate, maturityDate } = deal.meta;

  // Purchases happen only in the revolving waterfall, and only from an eligible pool.
  const lists = [['normal', w.normal], ['afterTrigger', w.afterTrigger], ['revolving', w.revolving], ['accelerated', w.accelerated]] as const;
  for (const [name, steps] of lists) {
    (steps ?? []).forEach((st, i) => {
      if (st.type !== 'buy-assets') return;
      if (!r) add(`waterfall.${name}[${i}]`, 'revolving purchases need an eligible pool: the deal has no "revolving" section (endDate, eligiblePool, purchaseRate, priceOfPar) to buy from');
      else if (name !== 'revolving') add(`waterfall.${name}[${i}]`, `"buy-assets" belongs in waterfall.revolving: the deal buys assets only in its revolving period, not in the ${name} waterfall`);
    });
  }
  if (r && !w.revolving) add('waterfall.revolving', 'is required when the deal has a revolving period (the steps to pay while it buys assets, with a "buy-assets" step)');
  if (w.revolving && !r) add('waterfall.revolving', 'needs a "revolving" section: the revolving period and the eligible pool the purchases come from');
  if (r && w.revolving && !w.revolving.some((s) => s.type === 'buy-assets')) add('waterfall.revolving', 'has no "buy-assets" step: a revolving waterfall must buy assets');

  if (r) {
    if (r.endDate <= issueDate) add('revolving.endDate', `must be after meta.issueDate (${issueDate}), got ${r.endDate}`);
    else if (r.endDate >= maturityDate) add('revolving.endDate', `must be before meta.maturityDate (${maturityDate}): the notes are repaid after the revolving period, got ${r.endDate}`);
    const e = r.eligiblePool;
    if (e.asset.termMonths > e.criteria.maxTermMonths) add('revolving.eligiblePool.asset.termMonths', `the eligible asset does not meet the eligibility criteria: ${e.asset.termMonths} months is longer than criteria.maxTermMonths (${e.criteria.maxTermMonths})`);
    if (e.asset.annualRate < e.criteria.minAnnualRate) add('revolving.eligiblePool.asset.annualRate', `the eligible asset does not meet the eligibility criteria: ${e.asset.annualRate} is below criteria.minAnnualRate (${e.criteria.minAnnualRate})`);
    const lastMaturity = addMonths(r.endDate, e.asset.termMonths, false);
    if (lastMaturity > maturityDate) add('revolving.eligiblePool.asset.termMonths', `an asset bought on revolving.endDate (${r.endDate}) would mature on ${lastMaturity}, after meta.maturityDate (${maturityDate}); purchases must mature within the deal`);
  }

  // Events: what they test must exist.
  const trancheIds = deal.liabilities.tranches.map((t) => t.id);
  const enh = deal.enhancements;
  // An enhancement with its own problems (reported by its kind's checks) may not list its parties.
  const partiesOf = (x: Deal['enhancements'][number]) => {
    try { return enhancementKind(x.kind).parties(x); } catch { return []; }
  };
  const partyIds = (deal.events ?? []).some((e) => e.when.kind === 'party-default') ? enh.flatMap((x) => partiesOf(x).map((p) => p.id)) : [];
  const quote = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ') || 'none defined';
  (deal.events ?? []).forEach((ev, i) => {
    const p = `events[${i}]`;
    const when = ev.when;
    switch (when.kind) {
      case 'threshold':
        if ((when.above === undefined) === (when.below === undefined)) add(`${p}.when`, `give exactly one of "above" or "below" for the threshold on "${when.field}"`);
        break;
      case 'party-default':
        if (!partyIds.includes(when.party)) add(`${p}.when.party`, `unknown party "${when.party}" (parties of the deal's enhancements: ${quote(partyIds)})`);
        break;
      case 'enhancement-unpaid': {
        const x = enh.find((y) => y.id === when.enhancement);
        if (!x) add(`${p}.when.enhancement`, `unknown enhancement "${when.enhancement}" (enhancements: ${quote(enh.map((y) => y.id))})`);
        else if (partiesOf(x).length === 0 || enhancementKind(x.kind).lossSharing) add(`${p}.when.enhancement`, `"${when.enhancement}" is a ${x.kind}, which is never asked to cover a shortfall (a shortfall-undertaking or guarantee can fail to pay)`);
        break;
      }
      case 'interest-shortfall':
        if (!trancheIds.includes(when.tranche)) add(`${p}.when.tranche`, `unknown tranche "${when.tranche}" (tranches: ${quote(trancheIds)})`);
        break;
      case 'purchase-shortfall':
        if (!r) add(`${p}.when`, 'a purchase-shortfall event needs a revolving period (the deal has no "revolving" section)');
        break;
    }
    if (ev.effect === 'acceleration' && !w.accelerated) add(`${p}.effect`, 'an acceleration event needs waterfall.accelerated (the steps to pay once it occurs)');
    if (ev.effect === 'amortization' && !r) add(`${p}.effect`, 'an amortization event ends the revolving period, and this deal has none (use "acceleration", or add a "revolving" section)');
  });
  (deal.stresses ?? []).forEach((st, i) => {
    if (st.purchaseRateMultiplier !== undefined && !r) add(`stresses[${i}].purchaseRateMultiplier`, 'cuts the purchase rate of a revolving period, and this deal has none');
  });
  if (w.accelerated && !(deal.events ?? []).some((e) => e.effect === 'acceleration')) add('waterfall.accelerated', 'is never used: no event has effect "acceleration"');
  return out;
}

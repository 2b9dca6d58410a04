// Checks of the "+k" offshore legs that need the rest of the deal: dates inside the deal (the legs'
// names are simulated on the deal's horizon), ids that do not collide, and the foreign-debt quota
// on every batch (a batch above it is refused with the quota, the usage and the shortfall).
import type { Deal, OffshoreLeg } from './schema.js';
import { drawInBatches, type QuotaState } from '../crossborder/quota.js';

/** The firm's quota state before the leg: its net assets, any pilot quota and the debt it already has. */
export function legQuotaState(leg: OffshoreLeg): QuotaState {
  return {
    netAssets: leg.firm.netAssets,
    ...(leg.firm.facilitationQuota === undefined ? {} : { facilitationQuota: leg.firm.facilitationQuota }),
    debts: (leg.firm.existingForeignDebt ?? []).map((d, j) => ({ id: `existing#${j + 1}`, ...d })),
  };
}

/** Draw the leg's batches against the quota; throws the quota message of the first refused batch. */
export function drawLeg(leg: OffshoreLeg) {
  return drawInBatches(legQuotaState(leg), {
    id: leg.id,
    total: leg.facility.totalCny,
    currency: leg.currency,
    maturityDate: leg.maturityDate,
    ...(leg.facility.availableUntil === undefined ? {} : { availableUntil: leg.facility.availableUntil }),
  }, leg.draws.map((d) => ({ date: d.date, amountCny: d.amountCny })));
}

export function offshoreLegProblems(deal: Deal): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const legs = deal.offshoreLegs ?? [];
  const { meta } = deal;
  const obligorIds = new Set(deal.pool.obligors.map((o) => o.id));
  const legIds = new Map<string, number>();
  const firmIds = new Map<string, number>();
  legs.forEach((leg, i) => {
    const base = `offshoreLegs[${i}]`;
    const prev = legIds.get(leg.id);
    if (prev !== undefined) out.push([`${base}.id`, `duplicate id "${leg.id}" (already used by offshoreLegs[${prev}]; ids must be unique)`]);
    else legIds.set(leg.id, i);
    if (obligorIds.has(leg.firm.id)) out.push([`${base}.firm.id`, `"${leg.firm.id}" is already a pool obligor; a "+k" firm is funded offshore, not by the trust, and needs its own id`]);
    const prevFirm = firmIds.get(leg.firm.id);
    if (prevFirm !== undefined) out.push([`${base}.firm.id`, `duplicate firm id "${leg.firm.id}" (already used by offshoreLegs[${prevFirm}])`]);
    else firmIds.set(leg.firm.id, i);
    if (leg.chain.hkGuarantor.id === leg.chain.onshoreBank.id) {
      out.push([`${base}.chain.onshoreBank.id`, `must differ from chain.hkGuarantor.id ("${leg.chain.hkGuarantor.id}"): the chain has two guarantors that can fail separately`]);
    }
    let datesOk = true;
    leg.draws.forEach((d, j) => {
      if (d.date < meta.issueDate) {
        out.push([`${base}.draws[${j}].date`, `must be on or after meta.issueDate (${meta.issueDate}): the leg's names are simulated from the deal's issue, got ${d.date}`]);
        datesOk = false;
      }
      const before = leg.draws[j - 1];
      if (before && d.date < before.date) {
        out.push([`${base}.draws[${j}].date`, `batches must be in date order, got ${d.date} after ${before.date}`]);
        datesOk = false;
      }
      if (d.date >= leg.maturityDate) {
        out.push([`${base}.draws[${j}].date`, `must be before the leg's maturityDate (${leg.maturityDate}), got ${d.date}`]);
        datesOk = false;
      }
      if (Number(d.amountCny) <= 0) {
        out.push([`${base}.draws[${j}].amountCny`, 'must be more than 0']);
        datesOk = false;
      }
    });
    if (leg.maturityDate > meta.maturityDate) {
      out.push([`${base}.maturityDate`, `must be on or before meta.maturityDate (${meta.maturityDate}): the leg is simulated on the deal's horizon, got ${leg.maturityDate}`]);
    }
    if (datesOk) {
      try {
        drawLeg(leg);
      } catch (e) {
        out.push([`${base}.draws`, (e as Error).message]);
      }
    }
  });
  return out;
}

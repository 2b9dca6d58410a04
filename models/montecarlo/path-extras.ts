// The names a Monte Carlo path carries beyond the pool and its enhancement parties: the servicer
// (资产服务机构), whose default costs the trust the collections it holds on the rail (混同风险), and
// each "+k" offshore leg's firm, Hong Kong guarantor and onshore counter-guarantor (跨境反担保).
// All of them sit in the deal's one copula, after the enhancement parties, so a bad year hits the
// firms, the guarantors and the servicer together.
//
// Commingling: when the servicer defaults in a period it holds, on average, the share
// min(1, collectionLagDays / period days) of that period's collections (`comminglingShare`,
// collections arriving evenly, default time uniform in the period); the trust recovers
// `comminglingRecovery` of it from the estate and loses the rest. A backup servicer takes over at
// once, so later periods are collected in full. A programmed e-CNY sweep (可编程支付) releases the
// money only to the trust: the share is 0 and so is the loss.
//
// The "+k" chain (see counter-guarantee.ts): the firm defaulting in month m owes the investors
// its drawn principal plus the coupon accrued since the last coupon date. The Hong Kong guarantor
// pays it unless it has defaulted by month m (then its estate pays recoveryOnDefaultedGuarantor
// of it); the onshore bank pays the guarantor's claim unless it has defaulted by month m; the
// bank then recovers from the IP income right up to its mean recovery of the appraised value.
import type { Deal } from '../deal-format/schema.js';
import type { DealProgram } from '../engine/program.js';
import { DAYS_PER_MONTH } from '../engine/program.js';
import { NO_DEFAULT, stressDefaultProbability, type DefaultName } from '../credit/default-times.js';
import { toDayNumber } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';
import { comminglingShare } from '../rail/rail.js';

export interface LegPathModel {
  id: string;
  /** Copula name indices of the firm, the Hong Kong guarantor and the onshore bank. */
  firmName: number;
  hkName: number;
  bankName: number;
  /** What the firm owes the investors if it defaults in month m (index m; 0 after maturity). */
  exposureByMonth: Float64Array;
  /** What the onshore bank realises from the IP income right: mean recovery × appraised value. */
  ipRecovery: number;
  recoveryOnDefaultedGuarantor: number;
}

export interface PathExtras {
  /** Copula name index of the servicer (−1: the deal names none). */
  servicerName: number;
  /** Per period: the share of its collections a servicer defaulting in it holds. */
  comminglingShare: Float64Array;
  comminglingRecovery: number;
  legs: LegPathModel[];
}

/**
 * The extra copula names of a deal (appended after `firstName` names) and what the path engine
 * needs to apply them. `horizonMonths` is the path model's horizon.
 */
export function buildPathExtras(deal: Deal, prog: DealProgram, firstName: number, pdMultiplier: number, horizonMonths: number): { names: DefaultName[]; extras: PathExtras } {
  const names: DefaultName[] = [];
  const add = (n: DefaultName): number => { names.push(n); return firstName + names.length - 1; };
  const pd = (annualDefaultProbability: number) => stressDefaultProbability({ annualDefaultProbability }, pdMultiplier);

  const P = prog.periods.length;
  const share = new Float64Array(P);
  let servicerName = -1;
  if (deal.servicer) {
    const sv = deal.servicer;
    servicerName = add({ id: `servicer:${sv.id}`, sector: sv.sector ?? `counterparty:servicer:${sv.id}`, pd: pd(sv.annualDefaultProbability) });
    if (deal.rail) {
      let prev = toDayNumber(deal.meta.issueDate);
      prog.periods.forEach((p, k) => {
        const day = toDayNumber(p.paymentDate);
        share[k] = comminglingShare(deal.rail!, Math.max(1, day - prev));
        prev = day;
      });
    }
  }

  const issueDay = toDayNumber(deal.meta.issueDate);
  const legs: LegPathModel[] = (deal.offshoreLegs ?? []).map((leg) => {
    const firmName = add({ id: `leg:${leg.id}:firm`, sector: leg.firm.sector, pd: pd(leg.firm.credit.annualDefaultProbability) });
    const hkName = add({ id: `leg:${leg.id}:${leg.chain.hkGuarantor.id}`, sector: leg.chain.hkGuarantor.sector ?? `counterparty:${leg.chain.hkGuarantor.id}`, pd: pd(leg.chain.hkGuarantor.annualDefaultProbability) });
    const bankName = add({ id: `leg:${leg.id}:${leg.chain.onshoreBank.id}`, sector: leg.chain.onshoreBank.sector ?? `counterparty:${leg.chain.onshoreBank.id}`, pd: pd(leg.chain.onshoreBank.annualDefaultProbability) });
    return {
      id: leg.id, firmName, hkName, bankName,
      exposureByMonth: legExposureByMonth(leg, issueDay, horizonMonths),
      ipRecovery: leg.firm.credit.recovery.mean * Number(leg.firm.ip.appraisedValue),
      recoveryOnDefaultedGuarantor: leg.chain.recoveryOnDefaultedGuarantor ?? 0,
    };
  });
  return { names, extras: { servicerName, comminglingShare: share, comminglingRecovery: deal.servicer?.comminglingRecovery ?? 0, legs } };
}

/**
 * The leg's exposure at a default in month m (at issue + m average months): principal drawn by then
 * plus the coupon accrued since the last coupon date (coupons every paymentMonths from the first
 * draw, at the contractual rate); 0 once the leg has matured.
 */
export function legExposureByMonth(leg: NonNullable<Deal['offshoreLegs']>[number], issueDay: number, horizonMonths: number): Float64Array {
  const out = new Float64Array(horizonMonths + 1);
  const first = leg.draws[0]!.date;
  const maturityDay = toDayNumber(leg.maturityDate);
  const couponDays: number[] = [];
  for (let k = 1; ; k++) {
    const d = toDayNumber(addMonths(first, k * leg.coupon.paymentMonths));
    if (d >= maturityDay) break;
    couponDays.push(d);
  }
  const basis = leg.coupon.dayCount === 'ACT/360' ? 360 : 365;
  for (let m = 1; m <= horizonMonths; m++) {
    const day = issueDay + m * DAYS_PER_MONTH;
    if (day >= maturityDay) break;
    let lastCoupon = toDayNumber(first);
    for (const c of couponDays) if (c <= day) lastCoupon = c;
    let exposure = 0;
    for (const d of leg.draws) {
      const drawDay = toDayNumber(d.date);
      if (drawDay > day) continue;
      const amount = Number(d.amountCny);
      exposure += amount + amount * leg.coupon.rate * (day - Math.max(drawDay, lastCoupon)) / basis;
    }
    out[m] = exposure;
  }
  return out;
}

/** Who loses what along the chain, in plain numbers (the float twin of counterGuaranteeChain). */
export function chainLossesFloat(exposure: number, hkDefaulted: boolean, bankDefaulted: boolean, ipRecovery: number, estateRecovery: number) {
  const paidByHk = hkDefaulted ? exposure * estateRecovery : exposure;
  const paidByBank = bankDefaulted ? paidByHk * estateRecovery : paidByHk;
  const fromIp = Math.min(ipRecovery, paidByBank);
  return { investorLoss: exposure - paidByHk, hkGuarantorLoss: paidByHk - paidByBank, onshoreBankLoss: paidByBank - fromIp };
}

/** Per-path results of the extra names. */
export interface PathExtrasOutcome {
  /** Collections lost with the servicer (yuan). */
  comminglingLoss: number;
  /** Period in which the servicer defaulted (−1: it did not, or the deal has none). */
  servicerDefaultPeriod: number;
  legInvestorLoss: Float64Array;
  legHkGuarantorLoss: Float64Array;
  legOnshoreBankLoss: Float64Array;
  /** 1 where the leg's firm defaulted owing something, so the chain was called. */
  legChainCalled: Uint8Array;
}

export function createPathExtrasOutcome(x: PathExtras): PathExtrasOutcome {
  const n = x.legs.length;
  return {
    comminglingLoss: 0, servicerDefaultPeriod: -1,
    legInvestorLoss: new Float64Array(n), legHkGuarantorLoss: new Float64Array(n), legOnshoreBankLoss: new Float64Array(n),
    legChainCalled: new Uint8Array(n),
  };
}

/**
 * Read this path's default months of the extra names: the legs' chain outcomes, and the period in
 * which the servicer's default costs collections (−1 when it costs nothing). Call after the
 * default months are drawn and before the waterfall.
 */
export function evaluatePathExtras(x: PathExtras, months: Int32Array, periodOfMonth: Int32Array, periods: number, o: PathExtrasOutcome): void {
  o.comminglingLoss = 0;
  o.servicerDefaultPeriod = -1;
  if (x.servicerName >= 0) {
    const ms = months[x.servicerName]!;
    if (ms !== NO_DEFAULT) {
      const p = periodOfMonth[ms]!;
      if (p < periods && x.comminglingShare[p]! > 0) o.servicerDefaultPeriod = p;
    }
  }
  for (let l = 0; l < x.legs.length; l++) {
    const leg = x.legs[l]!;
    const mf = months[leg.firmName]!;
    const exposure = mf === NO_DEFAULT ? 0 : (leg.exposureByMonth[mf] ?? 0);
    if (!(exposure > 0)) {
      o.legInvestorLoss[l] = 0; o.legHkGuarantorLoss[l] = 0; o.legOnshoreBankLoss[l] = 0; o.legChainCalled[l] = 0;
      continue;
    }
    const mh = months[leg.hkName]!;
    const mb = months[leg.bankName]!;
    const r = chainLossesFloat(exposure, mh !== NO_DEFAULT && mh <= mf, mb !== NO_DEFAULT && mb <= mf, leg.ipRecovery, leg.recoveryOnDefaultedGuarantor);
    o.legInvestorLoss[l] = r.investorLoss;
    o.legHkGuarantorLoss[l] = r.hkGuarantorLoss;
    o.legOnshoreBankLoss[l] = r.onshoreBankLoss;
    o.legChainCalled[l] = 1;
  }
}

/** Take the servicer's commingled share of its default period's collections out of them. */
export function applyCommingling(x: PathExtras, collections: Float64Array, o: PathExtrasOutcome): void {
  const p = o.servicerDefaultPeriod;
  if (p < 0) return;
  const held = collections[p]! * x.comminglingShare[p]!;
  const lost = held * (1 - x.comminglingRecovery);
  collections[p] = collections[p]! - lost;
  o.comminglingLoss = lost;
}

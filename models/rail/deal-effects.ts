// What a deal's settlement rail costs, worked out on its own base-case cash flows (no defaults):
// - cash drag: each collection sits with the servicer from the day the firm pays to the day it
//   reaches the trust, earning the rail's rate instead of the trust's reinvestment rate
//   (cashDrag in rail.ts; zero when the sweep is same-day);
// - interest on trust cash: from arrival to the payment date the cash waits on the rail (a bank
//   account at its demand rate; an e-CNY wallet at nothing before 2026-01-01, the demand rate in a
//   real-name wallet after: railRateOn by date). A gain, so it lowers the net cost;
// - payment fees: one payment per collection and per distribution (each fee, tranche and residual
//   payment), at rail.fees;
// - expected commingling loss (混同风险): Σ over periods of P(the servicer defaults in the period) ×
//   the share of the period's collections it holds (comminglingShare) × the collections × (1 −
//   recovery from its estate). The probability of each period is the servicer's marginal on the
//   path engine's monthly grid, so the Monte Carlo estimate (path-effects.ts) agrees with it up to
//   the collections that defaulted firms no longer pay. Zero on a programmed e-CNY rail.
// Cash carried over from one period to the next is not counted (it earns the trust's account
// rate on either rail).
import type { Deal } from '../deal-format/schema.js';
import type { DealProgram } from '../engine/program.js';
import type { ScheduleReport } from '../engine/exact.js';
import { flowsAfterIssue } from '../pool/asset-flows.js';
import { cumulativeDefaultProbability } from '../credit/default-times.js';
import { daysBetween } from '../calendar/day-count.js';
import { arrivalDate, paidDate } from '../deal-format/arrival.js';
import { cashDrag, comminglingShare, interestOnRail, isProgrammable, paymentFees } from './rail.js';

export interface RailPeriodEffect {
  period: number;
  date: string;
  collections: number;
  cashDrag: number;
  trustCashInterest: number;
  fees: number;
  /** Probability that the servicer defaults in this period, and the share of collections it then holds. */
  servicerDefaultProbability: number;
  comminglingShare: number;
  comminglingExpectedLoss: number;
  /** cash drag + fees + expected commingling loss − interest on trust cash. */
  netCost: number;
}

export interface RailEffects {
  kind: 'bank-transfer' | 'e-cny';
  programmable: boolean;
  wallet: 'real-name' | 'anonymous' | null;
  collectionLagDays: number;
  distributionLagDays: number;
  reinvestmentRate: number;
  /** Interest forgone at the reinvestment rate while the servicer holds collections. */
  forgoneInterest: number;
  /** Interest the held collections earned on the rail meanwhile. */
  railInterest: number;
  cashDrag: number;
  trustCashInterest: number;
  fees: number;
  payments: number;
  comminglingExpectedLoss: number;
  servicer: { id: string; name: string; annualDefaultProbability: number; comminglingRecovery: number } | null;
  netCost: number;
  periods: RailPeriodEffect[];
  notes: string[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The rail's effects on a deal's base case; null when the deal names no rail. */
export function railEffects(deal: Deal, prog: DealProgram, report: ScheduleReport): RailEffects | null {
  const rail = deal.rail;
  if (!rail) return null;
  const P = prog.periods.length;
  const lag = rail.collectionLagDays;
  const reinvest = deal.funding?.reinvestmentRate ?? rail.demandRate;
  const notes: string[] = [];
  if (lag > 0 && deal.funding?.reinvestmentRate === undefined) notes.push(`no funding.reinvestmentRate: held collections are valued at the rail's own ${rail.demandRate} demand rate, so there is no cash drag`);
  const per = prog.periods.map((p, k): RailPeriodEffect => ({
    period: k + 1, date: p.paymentDate, collections: 0, cashDrag: 0, trustCashInterest: 0, fees: 0,
    servicerDefaultProbability: 0, comminglingShare: 0, comminglingExpectedLoss: 0, netCost: 0,
  }));
  let forgone = 0;
  let earned = 0;
  let payments = 0;
  const periodOf = (date: string) => {
    const k = prog.periods.findIndex((p) => p.paymentDate >= date);
    return k === -1 ? P - 1 : k;
  };

  for (const o of deal.pool.obligors) {
    for (const f of flowsAfterIssue(deal, o.asset)) {
      const amount = f.interest.plus(f.principal);
      const paid = paidDate(f.date, deal.meta);
      const arrives = arrivalDate(f.date, deal.meta, lag);
      const k = periodOf(arrives);
      const e = per[k]!;
      e.collections += amount.toNumber();
      const held = daysBetween(paid, arrives);
      if (held > 0) {
        const d = cashDrag(rail, { amount, startDate: paid, days: held }, reinvest);
        forgone += d.forgoneInterest.toNumber();
        earned += d.railInterest.toNumber();
        e.cashDrag += d.drag.toNumber();
      }
      const waits = daysBetween(arrives, prog.periods[k]!.paymentDate);
      if (waits > 0) e.trustCashInterest += interestOnRail(rail, { amount, startDate: arrives, days: waits }).toNumber();
      e.fees += paymentFees(rail, [amount]).toNumber();
      payments++;
    }
  }

  // Distributions: each running fee, each tranche's interest and principal, and the residual.
  report.periods.forEach((rp, k) => {
    const out: number[] = [];
    for (const x of Object.values(rp.feesById)) if (x > 0) out.push(x);
    for (const t of Object.values(rp.tranches)) if (t.interest + t.principal > 0) out.push(r2(t.interest + t.principal));
    if (rp.residual > 0) out.push(rp.residual);
    if (out.length > 0) per[k]!.fees += paymentFees(rail, out).toNumber();
    payments += out.length;
  });

  // Commingling: the servicer's default probability per period on the monthly grid, × what it holds.
  const sv = deal.servicer;
  if (!sv) notes.push('no servicer named: commingling loss is not modelled');
  else if (isProgrammable(rail)) notes.push('programmed e-CNY: collections can only be released to the trust, so a servicer default takes none of them');
  else if (lag === 0) notes.push('collections reach the trust the day they are paid: the servicer holds none');
  if (sv) {
    const F = (months: number) => cumulativeDefaultProbability({ annualDefaultProbability: sv.annualDefaultProbability }, months / 12);
    let prevMonth = 0;
    let prevDay = deal.meta.issueDate;
    prog.periods.forEach((p, k) => {
      const e = per[k]!;
      e.servicerDefaultProbability = F(p.monthIndex) - F(prevMonth);
      e.comminglingShare = comminglingShare(rail, Math.max(1, daysBetween(prevDay, p.paymentDate)));
      e.comminglingExpectedLoss = e.servicerDefaultProbability * e.comminglingShare * e.collections * (1 - (sv.comminglingRecovery ?? 0));
      prevMonth = p.monthIndex;
      prevDay = p.paymentDate;
    });
  }
  for (const e of per) {
    e.collections = r2(e.collections);
    e.cashDrag = r2(e.cashDrag);
    e.trustCashInterest = r2(e.trustCashInterest);
    e.fees = r2(e.fees);
    e.netCost = e.cashDrag + e.fees + e.comminglingExpectedLoss - e.trustCashInterest;
  }
  const sum = (f: (e: RailPeriodEffect) => number) => per.reduce((s, e) => s + f(e), 0);
  return {
    kind: rail.kind,
    programmable: isProgrammable(rail),
    wallet: rail.kind === 'e-cny' ? rail.wallet : null,
    collectionLagDays: lag,
    distributionLagDays: rail.distributionLagDays,
    reinvestmentRate: reinvest,
    forgoneInterest: r2(forgone),
    railInterest: r2(earned),
    cashDrag: r2(sum((e) => e.cashDrag)),
    trustCashInterest: r2(sum((e) => e.trustCashInterest)),
    fees: r2(sum((e) => e.fees)),
    payments,
    comminglingExpectedLoss: sum((e) => e.comminglingExpectedLoss),
    servicer: sv ? { id: sv.id, name: sv.name, annualDefaultProbability: sv.annualDefaultProbability, comminglingRecovery: sv.comminglingRecovery ?? 0 } : null,
    netCost: sum((e) => e.netCost),
    periods: per,
    notes,
  };
}

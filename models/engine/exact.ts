// The exact engine: the base case (nobody defaults) run through the waterfall in decimal.js,
// every amount to the fen, with a reconciliation line per period.
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal-format/schema.js';
import { exactNum } from '../money/num.js';
import { compileDeal, type DealProgram } from './program.js';
import { createLedger, runWaterfall, type Ledger, type StepTrace, type WaterfallInputs } from './waterfall.js';
import { baseCaseFunding, type BaseCaseFunding } from './base-case.js';
import { pricedDeal, pricingSolution, type CostPlusSolution } from './pricing.js';
import { STATUS_NAMES, type StatusName } from './status-program.js';
import { assertFiniteResult } from './finite-guard.js';

export interface TranchePeriod { interest: number; principal: number; balance: number; interestShortfall: number }

export interface SchedulePeriodReport {
  period: number;
  /** Payment date (a business day on the deal's calendar). */
  date: string;
  accrualStart: string;
  accrualEnd: string;
  broughtForward: number;
  collections: number;
  reserveRelease: number;
  enhancementDraws: number;
  fees: number;
  feesById: Record<string, number>;
  tranches: Record<string, TranchePeriod>;
  reserveTopUp: number;
  reserveBalance: number;
  residual: number;
  carriedForward: number;
  enhancementDrawsById: Record<string, number>;
  /** Revolving purchases (循环购买): cash paid for new assets, and the principal bought. */
  purchases: number;
  purchasedPrincipal: number;
  /** 清仓回购: what the originator paid for the remaining pool, in the period it called it. */
  callProceeds: number;
  /** The deal's status: revolving 循环期, amortizing 摊还期, triggered, accelerated 加速清偿, called 已清仓回购. */
  status: StatusName;
  /** Status events that occurred in this period. */
  events: string[];
  /** collections + brought forward + reserve release + enhancement draws + call proceeds */
  cashIn: number;
  /** fees + interest + principal + reserve top-up + purchases + residual + carried forward */
  cashOut: number;
  triggered: boolean;
}

export interface ScheduleReport {
  deal: { id: string; name: string; currency: string; issueDate: string; maturityDate: string; dayCount: string; calendar: string; roll: string };
  issuance: {
    date: string;
    proceeds: number;
    upfrontFees: number;
    upfrontFeesById: Record<string, number>;
    /** What the firms receive: the pool purchase price less the up-front fees they bear. */
    netToFirms: number;
    reserveFundedByOriginator: number;
  };
  periods: SchedulePeriodReport[];
  totals: {
    collections: number;
    fees: number;
    interest: number;
    principal: number;
    enhancementDraws: number;
    residual: number;
    purchases: number;
    callProceeds: number;
    tranches: Record<string, { interest: number; principal: number; finalBalance: number; interestShortfall: number }>;
  };
  /** Every fen accounted for in every period. */
  reconciled: boolean;
  /** Whether the firms' payments carry the base case alone: enhancement draws, anything unpaid (base-case.ts). */
  baseCase: BaseCaseFunding;
  /** How the assets are priced: as given, or cost-plus with the solved rates (pricing.ts). */
  pricing: { rule: 'fixed' } | CostPlusSolution;
}

const money = (d: Decimal): number => d.toDecimalPlaces(2).toNumber();

/** The base-case waterfall inputs: contractual collections, no defaults. */
export function baseCaseInputs(prog: DealProgram): WaterfallInputs<Decimal> {
  return { collections: prog.scheduledCollections.slice() };
}

export function runExactProgram(prog: DealProgram, inputs: WaterfallInputs<Decimal> = baseCaseInputs(prog), trace?: StepTrace<Decimal>[]): Ledger<Decimal> {
  return runWaterfall(prog, exactNum, inputs, createLedger(prog, exactNum), trace);
}

/** Run the base case of a validated deal (its assets at the prices the firms pay) and report it period by period. */
export function runExact(deal: Deal): ScheduleReport {
  const prog = compileDeal(pricedDeal(deal));
  return assertFiniteResult('schedule', reportLedger(prog, runExactProgram(prog)));
}

export function reportLedger(prog: DealProgram, L: Ledger<Decimal>): ScheduleReport {
  const { deal } = prog;
  const nT = L.tranches;
  const nF = L.fees;
  const nA = L.accounts;
  const nE = L.enhancements;
  const D = (v: { [i: number]: Decimal }, i: number) => v[i] as Decimal;
  let reconciled = true;
  const periods = prog.periods.map((per, p): SchedulePeriodReport => {
    const feesById: Record<string, number> = {};
    let fees = new Decimal(0);
    prog.runningFees.forEach((f, i) => { const x = D(L.feePaid, p * nF + i); fees = fees.plus(x); feesById[f.id] = money(x); });
    const tranches: Record<string, TranchePeriod> = {};
    let interest = new Decimal(0);
    let principal = new Decimal(0);
    prog.tranches.forEach((t, i) => {
      const ip = D(L.interestPaid, p * nT + i);
      const pp = D(L.principalPaid, p * nT + i);
      interest = interest.plus(ip);
      principal = principal.plus(pp);
      tranches[t.id] = { interest: money(ip), principal: money(pp), balance: money(D(L.balance, p * nT + i)), interestShortfall: money(D(L.interestShortfall, p * nT + i)) };
    });
    const enhancementDrawsById: Record<string, number> = {};
    prog.enhancements.forEach((e, i) => { enhancementDrawsById[e.id] = money(D(L.enhancementDraw, p * nE + i)); });
    let reserveBalance = new Decimal(0);
    for (let a = 0; a < nA; a++) reserveBalance = reserveBalance.plus(D(L.accountBalance, p * nA + a));
    const cashIn = D(L.collections, p).plus(D(L.broughtForward, p)).plus(D(L.reserveRelease, p)).plus(D(L.enhancementDraws, p)).plus(D(L.callProceeds, p));
    const cashOut = fees.plus(interest).plus(principal).plus(D(L.reserveTopUp, p)).plus(D(L.purchases, p)).plus(D(L.residual, p)).plus(D(L.carriedForward, p));
    if (!cashIn.equals(cashOut)) reconciled = false;
    return {
      period: p + 1, date: per.paymentDate, accrualStart: per.accrualStart, accrualEnd: per.accrualEnd,
      broughtForward: money(D(L.broughtForward, p)), collections: money(D(L.collections, p)),
      reserveRelease: money(D(L.reserveRelease, p)), enhancementDraws: money(D(L.enhancementDraws, p)),
      fees: money(fees), feesById, tranches, reserveTopUp: money(D(L.reserveTopUp, p)), reserveBalance: money(reserveBalance),
      residual: money(D(L.residual, p)), carriedForward: money(D(L.carriedForward, p)), enhancementDrawsById,
      purchases: money(D(L.purchases, p)), purchasedPrincipal: money(D(L.purchasedPrincipal, p)), callProceeds: money(D(L.callProceeds, p)),
      status: STATUS_NAMES[L.status[p]!]!, events: prog.events.filter((_, e) => L.eventPeriod[e] === p).map((e) => e.id),
      cashIn: money(cashIn), cashOut: money(cashOut), triggered: L.triggered[p] === 1,
    };
  });

  const sum = (f: (p: number) => Decimal) => prog.periods.reduce((s, _, p) => s.plus(f(p)), new Decimal(0));
  const sumOver = (v: { [i: number]: Decimal }, width: number) => sum((p) => {
    let s = new Decimal(0);
    for (let i = 0; i < width; i++) s = s.plus(D(v, p * width + i));
    return s;
  });
  const trancheTotals: ScheduleReport['totals']['tranches'] = {};
  prog.tranches.forEach((t, i) => {
    trancheTotals[t.id] = {
      interest: money(sum((p) => D(L.interestPaid, p * nT + i))),
      principal: money(sum((p) => D(L.principalPaid, p * nT + i))),
      finalBalance: money(D(L.balance, (L.periods - 1) * nT + i)),
      interestShortfall: money(D(L.interestShortfall, (L.periods - 1) * nT + i)),
    };
  });
  const upfront = prog.upfrontFees.reduce((s, f) => s.plus(f.amount), new Decimal(0));
  const upfrontFeesById: Record<string, number> = {};
  prog.upfrontFees.forEach((f) => { upfrontFeesById[f.id] = money(f.amount); });
  return {
    deal: {
      id: deal.meta.id, name: deal.meta.name, currency: deal.meta.currency, issueDate: deal.meta.issueDate,
      maturityDate: deal.meta.maturityDate, dayCount: deal.meta.dayCount, calendar: deal.meta.calendar, roll: deal.meta.roll,
    },
    issuance: {
      date: deal.meta.issueDate,
      proceeds: money(prog.issueAmount),
      upfrontFees: money(upfront),
      upfrontFeesById,
      netToFirms: money(prog.poolPurchasePrice.minus(upfront)),
      reserveFundedByOriginator: money(prog.accounts.reduce((s, a) => s.plus(a.initialBalance), new Decimal(0))),
    },
    periods,
    totals: {
      collections: money(sum((p) => D(L.collections, p))),
      fees: money(sumOver(L.feePaid, nF)),
      interest: money(sumOver(L.interestPaid, nT)),
      principal: money(sumOver(L.principalPaid, nT)),
      enhancementDraws: money(sum((p) => D(L.enhancementDraws, p))),
      residual: money(sum((p) => D(L.residual, p))),
      purchases: money(sum((p) => D(L.purchases, p))),
      callProceeds: money(sum((p) => D(L.callProceeds, p))),
      tranches: trancheTotals,
    },
    reconciled,
    baseCase: baseCaseFunding(prog, L),
    pricing: pricingSolution(prog.deal) ?? { rule: 'fixed' },
  };
}

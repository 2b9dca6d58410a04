// Compile a deal (data) into a DealProgram: everything that does not depend on defaults, worked
// out once — payment dates, accrual fractions, coupons, fee accruals, each obligor's contractual
// collections per period, and waterfall steps resolved to indices. The exact engine and the
// Monte Carlo path engine both run this program through the same waterfall.
import { Decimal } from 'decimal.js';
import type { Deal, WaterfallStep } from '../deal-format/schema.js';
import { generateSchedule, type SchedulePeriod } from '../calendar/schedule.js';
import { arrivalDate, collectionLagDays } from '../deal-format/arrival.js';
import { toDayNumber } from '../calendar/iso-date.js';
import { lprOn } from '../market/lpr.js';
import { assetPurchasePrice, flowsAfterIssue } from '../pool/asset-flows.js';
import { accrualParts, type AccrualPart } from '../calendar/accrual.js';
import { enhancementKind } from '../enhancements/registry.js';
import type { EnhancementParty } from '../enhancements/common.js';
import { compileEvents, compileRevolving, type ProgramEvent, type ProgramRevolving } from './status-program.js';

export interface ProgramPeriod extends SchedulePeriod {
  isFinal: boolean;
  /** Months from issue to the payment date (rounded), for the Monte Carlo monthly grid. */
  monthIndex: number;
  /** Years from issue to the payment date (ACT/365F), for discounting and WAL. */
  years: number;
}

export interface ProgramTranche {
  id: string;
  seniority: number;
  class: 'senior' | 'mezzanine' | 'subordinated';
  initialBalance: Decimal;
  /** Annual coupon rate for each period (benchmark coupons reset each period). */
  couponByPeriod: number[];
  accrualByPeriod: AccrualPart[][];
  principalRule: 'bullet' | 'pass-through' | 'scheduled';
  /** For scheduled amortization: the target balance at each period (null: no target yet). */
  targetByPeriod: (Decimal | null)[];
  interestDeferrable: boolean;
}

export type FeeBase = 'notes-balance' | 'senior-balance' | 'pool-balance' | 'issue-amount';
export interface ProgramFee {
  id: string;
  kind: string;
  /** Running fee as a rate on a base, or a fixed amount a year. */
  rate: number | null;
  base: FeeBase | null;
  fixedPerYear: Decimal | null;
  accrualByPeriod: AccrualPart[][];
}

export interface ProgramAccount {
  id: string;
  initialBalance: Decimal;
  target: { type: 'fixed'; amount: Decimal } | { type: 'share-of-notes'; share: number };
}

export interface ProgramEnhancement {
  id: string;
  kind: string;
  /** Index of this enhancement's first party in the flat party list. */
  firstParty: number;
  parties: EnhancementParty[];
}

/** Source of a cover-shortfall draw: a reserve account or an enhancement. */
export type CoverSource = { type: 'account'; index: number } | { type: 'enhancement'; index: number };

export type ProgramStep =
  | { type: 'cover-shortfall'; sources: CoverSource[]; fees: boolean; interest: number[]; principal: number[] }
  | { type: 'pay-fees'; fees: number[] }
  | { type: 'pay-interest'; tranches: number[] }
  | { type: 'pay-principal'; tranches: number[] }
  | { type: 'pay-principal-turbo'; tranches: number[] }
  | { type: 'fund-reserve'; account: number }
  | { type: 'pay-residual'; to: 'originator' | 'subordinated'; tranche: number; holdUntilRepaid: number[] }
  | { type: 'buy-assets' };

export interface ProgramObligor {
  id: string;
  name: string;
  sector: string;
  appraisedValue: number;
  /** What the trust paid for the asset (the firm's funding). */
  purchasePrice: Decimal;
  /** Contractual collections reaching the trust in each period, exact. */
  collectionsByPeriod: Decimal[];
  /** Principal outstanding after each period's collections (exposure for a default after it). */
  balanceAfterPeriod: Decimal[];
  /** Each contractual flow for the path engine: the month it falls due in (1 = first month after
   *  issue; a default in month m misses the flows due in month m and later), the period that
   *  collects it, its amount and principal part. See dueMonthOf. */
  dueMonths: number[];
  duePeriods: number[];
  dueAmounts: number[];
  duePrincipal: number[];
}

export interface DealProgram {
  deal: Deal;
  periods: ProgramPeriod[];
  tranches: ProgramTranche[];
  runningFees: ProgramFee[];
  upfrontFees: Array<{ id: string; kind: string; amount: Decimal }>;
  accounts: ProgramAccount[];
  enhancements: ProgramEnhancement[];
  parties: EnhancementParty[];
  obligors: ProgramObligor[];
  /** Sum of obligors' contractual collections per period. */
  scheduledCollections: Decimal[];
  poolPurchasePrice: Decimal;
  normalSteps: ProgramStep[];
  triggerSteps: ProgramStep[] | null;
  triggers: Deal['triggers'];
  issueAmount: Decimal;
  /** Steps of the revolving (循环期) and accelerated (加速清偿) waterfalls, when the deal has them. */
  revolvingSteps: ProgramStep[] | null;
  acceleratedSteps: ProgramStep[] | null;
  /** 循环购买: the revolving window and the purchases' cash per yuan (null: a static pool). */
  revolving: ProgramRevolving | null;
  /** Status events, resolved to indices. */
  events: ProgramEvent[];
  /** 清仓回购: pool factor at or below which the originator buys the pool back (null: no call). */
  cleanUpCall: { poolFactorAtOrBelow: number } | null;
  /** Whether the waterfall needs the pool's principal on each path (revolving, call, pool-based events). */
  needsPoolBalance: boolean;
}

const FEN = Decimal.ROUND_HALF_UP;

/**
 * The program's copy of a name from the deal (a step type, a tranche class): the literal written
 * here rather than the string parsed from JSON, so that the path engine's waterfall, which tests
 * these names in every period of every path, compares them by identity (V8 internalizes literals).
 */
function literal<S extends string>(known: readonly S[], s: S): S {
  const i = known.indexOf(s);
  return i >= 0 ? known[i]! : s;
}
const STEP_TYPES = ['cover-shortfall', 'pay-fees', 'pay-interest', 'pay-principal', 'pay-principal-turbo', 'fund-reserve', 'pay-residual', 'buy-assets'] as const;
const TRANCHE_CLASSES = ['senior', 'mezzanine', 'subordinated'] as const;
const PRINCIPAL_RULES = ['bullet', 'pass-through', 'scheduled'] as const;

/** Average days in a month: the Monte Carlo engine works on a monthly grid. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Whole months between two ISO dates, rounded to the nearest month. */
export function monthsBetween(from: string, to: string): number {
  return Math.round((toDayNumber(to) - toDayNumber(from)) / DAYS_PER_MONTH);
}

/**
 * The month of the Monte Carlo grid a contractual flow belongs to: the nearest whole month after
 * issue (at least 1). A default in month m is taken at the middle of that month, so it misses the
 * flows due from m − ½ months on: the k-th monthly instalment of a loan starting at issue is month
 * k whatever the calendar month's length (rounding up put 14 of a 36-month loan's 36 instalments a
 * month late, so a default missed one more instalment than it should and the pool's expected loss
 * came out about 5 standard errors above the closed form; test/models/montecarlo/exposure.test.ts).
 */
export function dueMonthOf(issueDate: string, dueDate: string): number {
  return Math.max(1, Math.round((toDayNumber(dueDate) - toDayNumber(issueDate)) / DAYS_PER_MONTH));
}

export function compileDeal(deal: Deal): DealProgram {
  const { meta } = deal;
  const sched = generateSchedule({
    start: meta.issueDate,
    end: meta.maturityDate,
    frequency: meta.paymentFrequency,
    roll: meta.roll,
    calendar: meta.calendar,
    endOfMonth: meta.endOfMonth ?? false,
  });
  const periods: ProgramPeriod[] = sched.map((p, i) => ({
    ...p,
    isFinal: i === sched.length - 1,
    monthIndex: monthsBetween(meta.issueDate, p.paymentDate),
    years: (toDayNumber(p.paymentDate) - toDayNumber(meta.issueDate)) / 365,
  }));

  const tranches: ProgramTranche[] = deal.liabilities.tranches.map((t) => {
    const dc = t.dayCount ?? meta.dayCount;
    const couponByPeriod = periods.map((p) => {
      if (t.coupon.type === 'fixed') return t.coupon.rate;
      if (t.coupon.type === 'none') return 0;
      if (t.coupon.type === 'market') {
        // Priced from the rating, which needs this very program: the design layer prices it first (models/design/market-coupons.ts).
        throw new RangeError(`liabilities.tranches[${deal.liabilities.tranches.indexOf(t)}].coupon: a market coupon must be priced before the engines run the deal (ipabs price ${deal.meta.id} shows its price); price it with priceMarketCoupons`);
      }
      return lprOn(p.accrualStart, t.coupon.benchmark === 'LPR1Y' ? '1Y' : '5Y') + t.coupon.spread;
    });
    const rule = t.principal;
    const targetByPeriod = periods.map((p) => {
      if (rule.type !== 'scheduled') return null;
      const due = rule.targets.filter((g) => g.date <= p.accrualEnd);
      const last = due[due.length - 1];
      return last ? new Decimal(last.balance) : null;
    });
    return {
      id: t.id,
      seniority: t.seniority,
      class: literal(TRANCHE_CLASSES, t.class),
      initialBalance: new Decimal(t.balance),
      couponByPeriod,
      accrualByPeriod: periods.map((p) => accrualParts(p.accrualStart, p.accrualEnd, dc)),
      principalRule: literal(PRINCIPAL_RULES, rule.type),
      targetByPeriod,
      interestDeferrable: t.interestDeferrable,
    };
  });

  const issueAmount = tranches.reduce((s, t) => s.plus(t.initialBalance), new Decimal(0));
  const runningFees: ProgramFee[] = [];
  const upfrontFees: DealProgram['upfrontFees'] = [];
  for (const f of deal.fees) {
    if (f.timing === 'upfront') {
      const amount = f.basis.type === 'fixed'
        ? new Decimal(f.basis.amount)
        : issueBaseAmount(f.basis.on, deal, issueAmount).times(f.basis.annualRate).toDecimalPlaces(2, FEN);
      upfrontFees.push({ id: f.id, kind: f.kind, amount });
    } else {
      runningFees.push({
        id: f.id,
        kind: f.kind,
        rate: f.basis.type === 'rate' ? f.basis.annualRate : null,
        base: f.basis.type === 'rate' ? f.basis.on : null,
        fixedPerYear: f.basis.type === 'fixed' ? new Decimal(f.basis.amount) : null,
        accrualByPeriod: periods.map((p) => accrualParts(p.accrualStart, p.accrualEnd, meta.dayCount)),
      });
    }
  }

  const accounts: ProgramAccount[] = deal.accounts.map((a) => ({
    id: a.id,
    initialBalance: new Decimal(a.initialBalance),
    target: a.target.type === 'fixed'
      ? { type: 'fixed', amount: new Decimal(a.target.amount) }
      : { type: 'share-of-notes', share: a.target.share },
  }));

  const parties: EnhancementParty[] = [];
  const enhancements: ProgramEnhancement[] = deal.enhancements.map((e) => {
    const ps = enhancementKind(e.kind).parties(e);
    const firstParty = parties.length;
    parties.push(...ps);
    return { id: e.id, kind: e.kind, firstParty, parties: ps };
  });

  const paymentDayNumbers = periods.map((p) => toDayNumber(p.paymentDate));
  // An asset's flows depend only on its terms and the deal's dates: obligors with identical assets
  // (a pool of standard loans) share one computation and its (read-only) arrays.
  type AssetProgram = Pick<ProgramObligor, 'purchasePrice' | 'collectionsByPeriod' | 'balanceAfterPeriod' | 'dueMonths' | 'duePeriods' | 'dueAmounts' | 'duePrincipal'>;
  const assetPrograms = new Map<string, AssetProgram>();
  const ZERO = new Decimal(0);
  const assetProgram = (asset: Deal['pool']['obligors'][number]['asset']): AssetProgram => {
    const key = JSON.stringify(asset);
    const hit = assetPrograms.get(key);
    if (hit) return hit;
    const collectionsByPeriod = periods.map(() => ZERO);
    const principalByPeriod = periods.map(() => ZERO);
    const dueMonths: number[] = [];
    const duePeriods: number[] = [];
    const dueAmounts: number[] = [];
    const duePrincipal: number[] = [];
    for (const f of flowsAfterIssue(deal, asset)) {
      const k = collectionPeriodOf(f.date, deal, paymentDayNumbers);
      const amount = f.interest.plus(f.principal);
      collectionsByPeriod[k] = collectionsByPeriod[k]!.plus(amount);
      principalByPeriod[k] = principalByPeriod[k]!.plus(f.principal);
      dueMonths.push(dueMonthOf(meta.issueDate, f.date));
      duePeriods.push(k);
      dueAmounts.push(amount.toNumber());
      duePrincipal.push(f.principal.toNumber());
    }
    const purchasePrice = assetPurchasePrice(asset);
    let bal = purchasePrice;
    const balanceAfterPeriod = principalByPeriod.map((pp) => (bal = pp.isZero() ? bal : Decimal.max(ZERO, bal.minus(pp))));
    const made = { purchasePrice, collectionsByPeriod, balanceAfterPeriod, dueMonths, duePeriods, dueAmounts, duePrincipal };
    assetPrograms.set(key, made);
    return made;
  };
  const obligors: ProgramObligor[] = deal.pool.obligors.map((o) => ({
    id: o.id, name: o.name, sector: o.sector,
    appraisedValue: Number(o.ip.appraisedValue),
    ...assetProgram(o.asset),
  }));
  // Summed asset by asset (identical assets count once per obligor, but their sum is computed once).
  const scheduledCollections = periods.map(() => ZERO);
  const assetCounts = new Map<AssetProgram, number>();
  for (const o of deal.pool.obligors) { const a = assetProgram(o.asset); assetCounts.set(a, (assetCounts.get(a) ?? 0) + 1); }
  for (const [a, count] of assetCounts) {
    a.collectionsByPeriod.forEach((c, k) => { if (!c.isZero()) scheduledCollections[k] = scheduledCollections[k]!.plus(c.times(count)); });
  }

  const trancheIndex = new Map(tranches.map((t, i) => [t.id, i]));
  const feeIndex = new Map(runningFees.map((f, i) => [f.id, i]));
  const accountIndex = new Map(accounts.map((a, i) => [a.id, i]));
  const enhIndex = new Map(enhancements.map((e, i) => [e.id, i]));
  const ti = (id: string) => must(trancheIndex.get(id), `tranche ${id}`);
  const compileStep = (s: WaterfallStep): ProgramStep => ({ ...compileStepOf(s), type: literal(STEP_TYPES, s.type) } as ProgramStep);
  const compileStepOf = (s: WaterfallStep): ProgramStep => {
    switch (s.type) {
      case 'cover-shortfall':
        return {
          type: s.type,
          sources: s.sources.map((id): CoverSource => {
            const a = accountIndex.get(id);
            return a !== undefined ? { type: 'account', index: a } : { type: 'enhancement', index: must(enhIndex.get(id), `source ${id}`) };
          }),
          fees: s.covers.fees,
          interest: s.covers.interest.map(ti),
          principal: s.covers.principal.map(ti),
        };
      case 'pay-fees':
        // Upfront fees are settled at issue; a pay-fees step pays the running ones.
        return { type: s.type, fees: s.fees ? s.fees.flatMap((id) => (feeIndex.has(id) ? [feeIndex.get(id)!] : [])) : runningFees.map((_, i) => i) };
      case 'pay-interest':
      case 'pay-principal':
      case 'pay-principal-turbo':
        return { type: s.type, tranches: s.tranches.map(ti) };
      case 'fund-reserve':
        return { type: s.type, account: must(accountIndex.get(s.account), `account ${s.account}`) };
      case 'pay-residual':
        return { type: s.type, to: s.to, tranche: s.tranche ? ti(s.tranche) : -1, holdUntilRepaid: s.holdUntilRepaid.map(ti) };
      case 'buy-assets':
        return { type: s.type };
    }
  };
  const partyIndex = new Map(parties.map((x, i) => [x.id, i]));
  const revolving = compileRevolving(deal, periods.map((p) => p.paymentDate), (d) => collectionPeriodOf(d, deal, paymentDayNumbers));
  const events = compileEvents(deal, {
    party: (id) => must(partyIndex.get(id), `party ${id}`),
    enhancement: (id) => must(enhIndex.get(id), `enhancement ${id}`),
    tranche: ti,
  });

  return {
    deal, periods, tranches, runningFees, upfrontFees, accounts, enhancements, parties, obligors,
    scheduledCollections,
    poolPurchasePrice: obligors.reduce((s, o) => s.plus(o.purchasePrice), new Decimal(0)),
    normalSteps: deal.waterfall.normal.map(compileStep),
    triggerSteps: deal.waterfall.afterTrigger ? deal.waterfall.afterTrigger.map(compileStep) : null,
    triggers: deal.triggers,
    issueAmount,
    revolvingSteps: deal.waterfall.revolving ? deal.waterfall.revolving.map(compileStep) : null,
    acceleratedSteps: deal.waterfall.accelerated ? deal.waterfall.accelerated.map(compileStep) : null,
    revolving,
    events,
    cleanUpCall: deal.cleanUpCall ? { poolFactorAtOrBelow: deal.cleanUpCall.poolFactorAtOrBelow } : null,
    needsPoolBalance: revolving !== null || deal.cleanUpCall !== undefined || events.some((e) => e.kind === 'threshold'),
  };
}

function must<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`internal: unresolved ${what} (validateDeal should have refused this deal)`);
  return v;
}

function issueBaseAmount(on: string, deal: Deal, issueAmount: Decimal): Decimal {
  if (on === 'senior-balance') {
    return deal.liabilities.tranches.filter((t) => t.class === 'senior').reduce((s, t) => s.plus(t.balance), new Decimal(0));
  }
  return issueAmount;
}

/**
 * The period whose payment date first falls on or after the day the cash reaches the trust: the
 * due date rolled by the deal's own convention, so that an asset due on a payment date is
 * collected on that payment date however both roll; on a rail that holds collections
 * (rail.collectionLagDays > 0) the servicer passes them on that many days later.
 */
function collectionPeriodOf(dueDate: string, deal: Deal, paymentDays: number[]): number {
  const arrives = toDayNumber(arrivalDate(dueDate, deal.meta, collectionLagDays(deal)));
  const k = paymentDays.findIndex((d) => d >= arrives);
  return k === -1 ? paymentDays.length - 1 : k;
}


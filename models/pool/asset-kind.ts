// What every pool asset kind (基础资产类型) tells the engines. A kind is one file: its schema, its
// contractual flows, what the trust pays for it, exposure at default, whether it prepays, what
// the firm behind it receives and pays (for the all-in cost), and its own checks. The engines,
// the validator and the cost model ask the kind through the registry and never test a kind by
// name. Adding a kind: one new file in models/pool/, one line in asset-registry.ts
// (docs/asset-kinds.md walks through it).
import type { z } from 'zod';
import { Decimal } from 'decimal.js';
import { FEN_ROUNDING } from '../money/num.js';
import { dayNumber } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';
// Two leaves of the cost floor (a pure IRR solver and a type), as models/crossborder already does.
import { xirr } from '../money/xirr.js';
import type { CostFlow } from '../money/cost-flow.js';
import type { DayCount } from '../calendar/day-count.js';

export interface AssetFlow {
  /** Contractual due date (unadjusted). */
  date: string;
  /** Interest / income part (for licence fees: the part above the purchase price, pro rata). */
  interest: Decimal;
  /** Principal part: repays the trust's purchase price. */
  principal: Decimal;
  /** Principal outstanding after this payment. */
  balanceAfter: Decimal;
}

/** The asset models the market issues on (the library groups deals by them). */
export const ASSET_MODELS = ['licence', 'pledged-loan', 'finance-lease', 'entrusted-loan', 'factoring'] as const;
export type AssetModel = (typeof ASSET_MODELS)[number];

/** The part of a deal a kind looks at (a `Deal` is one; structural, so kinds never import the deal schema). */
export interface AssetDealView {
  meta: { issueDate: string; maturityDate: string };
}

/** What a kind says about the firm's own cash flows (the all-in cost adds the firm's outside fees). */
export interface AssetFirmFlows {
  /** What the firm was funded with, in yuan. */
  funding: Decimal;
  /** The day it got the money. */
  startDate: string;
  /** Whole months from the start to the last payment. */
  termMonths: number;
  /** The day of its last payment. */
  endDate: string;
  /** Money in at the start (and issue costs it bears there), signed from the firm's side. */
  proceeds: CostFlow[];
  /** Every payment the firm makes on the asset, signed from the firm's side (negative). */
  payments: CostFlow[];
}

export interface AssetKind<S extends z.ZodObject = z.ZodObject> {
  readonly kind: string;
  /** Short names for tables and the deal diagram, in English and in the market's Chinese. */
  readonly label: string;
  readonly labelZh: string;
  /** What the firm's payments to the trust are called (the diagram's arrow), e.g. "licence fees" 许可使用费. */
  readonly paymentsLabel: string;
  readonly paymentsLabelZh: string;
  /** Which asset model of the market this kind is (licence fees, pledged-IP loans, leases, …). */
  readonly model: AssetModel;
  readonly schema: S;
  /** The contractual flows owed to the trust if nobody defaults, in date order, exact to the fen. */
  flows(a: z.output<S>): AssetFlow[];
  /** What the trust pays for the asset at issue: the firm's (or originator's) funding. */
  purchasePrice(a: z.output<S>): Decimal;
  /** The day the firm got its money (a loan's start; the issue date for receivables bought at issue). */
  fundingDate(a: z.output<S>, deal: AssetDealView): string;
  /**
   * Exposure at default (违约风险暴露) when the firm stops paying with `outstanding` of the
   * purchase price still unpaid: what the trust stands to lose before recovery.
   */
  exposureAtDefault(a: z.output<S>, outstanding: Decimal): Decimal;
  /** Whether the firm can repay early (提前还款) at the deal's prepayment rate. */
  prepayable(a: z.output<S>): boolean;
  /**
   * Whether the firm, as the seller of the asset at issue, bears a share of the deal's up-front
   * fees out of the price (receivables sold to the trust), or not (loans the originator sold at par).
   */
  readonly sellerBearsUpfrontFees: boolean;
  /** The firm's side of the asset: what it received and what it pays (`upfrontShare`: its share of the deal's up-front fees). */
  firmFlows(a: z.output<S>, deal: AssetDealView, upfrontShare: Decimal): AssetFirmFlows;
  /** Problems of the asset within the deal, as [path inside the asset, message]. */
  check(a: z.output<S>, deal: AssetDealView): Array<[string, string]>;
  /**
   * The party the asset's cash passes through on its way to the trust, if it is not the trust's own
   * servicer: the lending bank of an entrusted loan (委托贷款) or the trust company of a trust loan
   * (信托贷款). It sits in the deal's copula; its default takes the collections it holds.
   */
  counterparty?(a: z.output<S>): AssetCounterparty | null;
  /**
   * The same asset with every amount (principal, price, scheduled payments) times `k`, each to the
   * fen: the design optimizer's issue-size lever (models/design/levers.ts). A kind that leaves it
   * out cannot be scaled, and the lever says so.
   */
  scaled?(a: z.output<S>, k: number): z.output<S>;
  /**
   * Pool pricing "cost-plus" (成本加成定价, models/pool/pricing-rule.ts): how this kind's rate or fees
   * are set at a solved annual rate. A kind that leaves it out does not support the rule (the
   * validator says so, path-named).
   */
  readonly costPlus?: CostPlusHook<z.output<S>>;
}

/** What a cost-plus price needs to know of the deal besides the asset. */
export interface CostPlusTerms {
  /** The day the trust pays for the asset (charges on receivables bought at issue run from it). */
  issueDate: string;
  /** The deal's day count, for charges on receivables (a loan keeps its own bank convention). */
  dayCount: DayCount;
  /** Licence fees: the price repaid with the last fee, or in equal parts with every fee. */
  licencePrincipal: 'bullet' | 'equal';
  /**
   * For each of the asset's payments due after issue, in order: the last day of the notes' accrual
   * that it funds — the end of the deal period that collects it, or its own date when a later
   * payment is collected in the same period. A charge on receivables runs over exactly the days
   * of note interest it pays for.
   */
  fundsUntil: readonly string[];
}

export interface CostPlusHook<A> {
  /** What the solved rate sets, for reports and messages, e.g. "rate.annualRate". */
  readonly solves: string;
  /** Why this asset cannot be priced cost-plus, as [path inside the asset, message] ([] if it can). */
  problems(a: A): Array<[string, string]>;
  /**
   * The asset with its terms set at `annualRate` on its own payment dates and day count, exact to
   * the fen. Depends only on what the rule keeps (dates, price, term), never on the terms it sets,
   * so pricing a priced asset again gives the same asset.
   */
  at(a: A, annualRate: Decimal, terms: CostPlusTerms): A;
}

/** A pass-through agent of an asset (see AssetKind.counterparty); one id may serve several assets. */
/** An amount in yuan (number or decimal string) times k, to the fen, as the decimal string the deal format takes. */
export function scaleMoney(x: number | string, k: number): string {
  return new Decimal(x).times(k).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export interface AssetCounterparty {
  id: string;
  name: string;
  /** Its own annual default probability (constant hazard), in the same copula as the firms. */
  annualDefaultProbability: number;
  /** Sector for the sector copula; its own if left out. */
  sector?: string;
  /** Days it holds a collection before passing it on (its default takes that share of a period's cash). */
  holdDays: number;
  /** Share of the held cash the trust gets back from its estate. */
  recovery: number;
}

export const fen = (d: Decimal): Decimal => d.toDecimalPlaces(2, FEN_ROUNDING);

/** Whole months from `start` to `end`, rounded to the nearest (at least 1). */
export function wholeMonths(start: string, end: string): number {
  let m = 0;
  while (dayNumber(addMonths(start, m + 1)) <= dayNumber(end) + 15) m++;
  return Math.max(1, m);
}

/** Exposure at default when it is simply the principal still outstanding (no deposit or offset). */
export const outstandingIsExposure = (_a: unknown, outstanding: Decimal): Decimal => outstanding;

/**
 * Split payments into a financing charge and repayment of the price by the effective-interest
 * method (实际利率法): the price accrues at the payments' own yield r (the IRR of + price, − payments),
 * each payment first pays the charge accrued since the last one, the rest repays the price; the
 * last payment repays what is left. So a subsidy on "interest" refunds the financing charge, as it
 * would on a loan (the engine's own split, pro rata to the payments, serves the waterfall).
 */
export function effectiveInterestSplit(price: Decimal, start: string, fees: ReadonlyArray<{ date: string; amount: Decimal }>): Array<{ date: string; interest: Decimal; principal: Decimal }> {
  const r = xirr([{ date: start, amount: price }, ...fees.map((f) => ({ date: f.date, amount: f.amount.negated() }))]);
  let balance = price;
  let prev = start;
  return fees.map((f, k) => {
    const years = (dayNumber(f.date) - dayNumber(prev)) / 365;
    prev = f.date;
    const last = k === fees.length - 1;
    const charge = Decimal.min(f.amount, Decimal.max(0, fen(balance.times(Math.pow(1 + r, years) - 1))));
    const principal = last ? balance : Decimal.min(balance, f.amount.minus(charge));
    balance = balance.minus(principal);
    return { date: f.date, interest: f.amount.minus(principal), principal };
  });
}

/** The firm's payments as cost flows: interest and principal parts, each labelled, zero parts left out. */
export function paymentFlows(parts: ReadonlyArray<{ date: string; interest: Decimal; principal: Decimal }>, interestLabel: string, principalLabel: string): CostFlow[] {
  const out: CostFlow[] = [];
  for (const f of parts) {
    if (f.interest.greaterThan(0)) out.push({ date: f.date, amount: f.interest.negated(), kind: 'interest', label: interestLabel });
    if (f.principal.greaterThan(0)) out.push({ date: f.date, amount: f.principal.negated(), kind: 'principal', label: principalLabel });
  }
  return out;
}

/** Checks for a list of dated payments: after issue, increasing, within the deal. */
export function datedPaymentProblems(payments: ReadonlyArray<{ date: string }>, field: string, deal: AssetDealView): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const { issueDate, maturityDate } = deal.meta;
  payments.forEach((p, j) => {
    const before = j > 0 ? payments[j - 1]!.date : undefined;
    if (p.date <= issueDate) out.push([`${field}[${j}].date`, `must be after meta.issueDate (${issueDate}), got ${p.date}`]);
    else if (before !== undefined && p.date <= before) out.push([`${field}[${j}].date`, `must be after the previous payment date (${before}); dates must be in increasing order, got ${p.date}`]);
    else if (p.date > maturityDate) out.push([`${field}[${j}].date`, `must be on or before meta.maturityDate (${maturityDate}), got ${p.date}`]);
  });
  return out;
}

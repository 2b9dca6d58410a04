// What a settlement rail changes, modelled rather than asserted: interest on cash while it sits on
// the rail, cash drag against what the trust could have earned, payment fees, and commingling
// exposure (混同风险) when the servicer defaults holding collections.
//
// Interest on e-CNY: before 2026-01-01 e-CNY was cash (M0) and earned nothing. From 2026-01-01,
// under the PBOC's action plan for the new-generation e-CNY system (关于进一步加强数字人民币管理服务
// 体系和相关金融基础设施建设的行动方案), balances in real-name wallets (personal types I–III and
// corporate 单位钱包) are bank deposits: the operating banks pay their listed demand-deposit rate with
// the same accrual rules as demand deposits (the big six banks' announcements of 2025-12-31; rate
// 0.05% at the time), and deposit insurance covers them; anonymous type-IV wallets earn nothing.
// A bank account earns the bank's listed demand rate.
//
// Accrual: deposits accrue daily at annual rate / 360 (日利率 = 年利率 ÷ 360, 中国人民银行关于人民币存贷款
// 计结息问题的通知, 银发〔2005〕129号), rounded to the fen once per call.
import { Decimal } from 'decimal.js';
import { checkFraction, checkInteger, checkMoney, fen, type MoneyInput } from '../market/inputs.js';
import { addDays, checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import type { Rail } from '../deal/rail-schema.js';

/** First day e-CNY in real-name wallets earns interest. */
export const ECNY_INTEREST_FROM: IsoDate = '2026-01-01';
/** Deposit interest day basis (日利率 = 年利率 ÷ 360). */
export const DEPOSIT_DAY_BASIS = 360;

/** The annual rate cash on the rail earns on `date`. */
export function railRateOn(rail: Rail, date: IsoDate): number {
  checkDate(date, 'date');
  if (rail.kind === 'bank-transfer') return rail.demandRate;
  if (dayNumber(date) < dayNumber(ECNY_INTEREST_FROM)) return 0;
  return rail.wallet === 'real-name' ? rail.demandRate : 0;
}

/** Collections released only to the trust and agreed uses: a programmed e-CNY rail. */
export const isProgrammable = (rail: Rail): boolean => rail.kind === 'e-cny' && rail.programmable;

export interface HoldingPeriod {
  amount: MoneyInput;
  /** First day the cash is held (interest accrues for this day). */
  startDate: IsoDate;
  days: number;
}

/**
 * Interest earned on `amount` held on the rail for `days` days from `startDate`, each day at the
 * rate in force that day (so a holding across 2026-01-01 on e-CNY earns only for the days after).
 */
export function interestOnRail(rail: Rail, h: HoldingPeriod): Decimal {
  const amount = checkMoney(h.amount, 'amount');
  const start = checkDate(h.startDate, 'startDate');
  const days = checkInteger(h.days, 'days', 0, 366 * 50);
  let rateDays = new Decimal(0);
  // Rates change at most at one known date, so sum by segments rather than day by day.
  const switchDay = dayNumber(ECNY_INTEREST_FROM);
  const s = dayNumber(start);
  const e = s + days;
  const before = Math.max(0, Math.min(e, switchDay) - s);
  const after = days - before;
  if (before > 0) rateDays = rateDays.plus(new Decimal(railRateOn(rail, start)).times(before));
  if (after > 0) rateDays = rateDays.plus(new Decimal(railRateOn(rail, addDays(start, before))).times(after));
  return fen(amount.times(rateDays).dividedBy(DEPOSIT_DAY_BASIS));
}

export interface CashDrag {
  /** Interest the cash earned on the rail. */
  railInterest: Decimal;
  /** Interest it would have earned at the reinvestment rate (e.g. the trust account's). */
  forgoneInterest: Decimal;
  /** forgone − earned: what the delay costs. */
  drag: Decimal;
}

/** Cash drag of holding `amount` on the rail for `days` days instead of at `reinvestmentRate`. */
export function cashDrag(rail: Rail, h: HoldingPeriod, reinvestmentRate: number): CashDrag {
  const rate = checkFraction(reinvestmentRate, 'reinvestmentRate');
  const railInterest = interestOnRail(rail, h);
  const forgoneInterest = fen(checkMoney(h.amount, 'amount').times(rate).times(h.days).dividedBy(DEPOSIT_DAY_BASIS));
  return { railInterest, forgoneInterest, drag: forgoneInterest.minus(railInterest) };
}

/** Fees for a list of payments: per payment plus basis points of each amount, each to the fen. */
export function paymentFees(rail: Rail, amounts: readonly MoneyInput[]): Decimal {
  const per = checkMoney(rail.fees.perPayment, 'rail.fees.perPayment');
  const bp = rail.fees.bp;
  return amounts.reduce<Decimal>(
    (sum, a, i) => sum.plus(fen(per.plus(checkMoney(a, `amounts[${i}]`).times(bp).dividedBy(10_000)))),
    new Decimal(0),
  );
}

export interface Collection {
  /** Day the servicer receives the money. */
  date: IsoDate;
  amount: MoneyInput;
}

export interface ComminglingExposure {
  /** Collections received but not yet passed to the trust when the servicer defaults. */
  atRisk: Decimal;
  /** The collections making it up. */
  held: Array<{ date: IsoDate; amount: Decimal; dueToTrust: IsoDate }>;
  /** Why it is zero, when it is. */
  note?: string;
}

/**
 * Collections the servicer holds on the day it defaults: received on or before that day and due
 * to reach the trust after it (received + collectionLagDays). Zero on a programmed e-CNY rail: the
 * money can only be released to the trust, so it is not part of the servicer's estate.
 */
export function comminglingExposure(rail: Rail, collections: readonly Collection[], servicerDefaultDate: IsoDate): ComminglingExposure {
  const dd = dayNumber(checkDate(servicerDefaultDate, 'servicerDefaultDate'));
  if (isProgrammable(rail)) {
    return { atRisk: new Decimal(0), held: [], note: 'programmed e-CNY: collections can only be released to the trust' };
  }
  const held: ComminglingExposure['held'] = [];
  collections.forEach((c, i) => {
    const day = dayNumber(checkDate(c.date, `collections[${i}].date`));
    const amount = checkMoney(c.amount, `collections[${i}].amount`);
    if (day <= dd && dd < day + rail.collectionLagDays) held.push({ date: c.date, amount, dueToTrust: addDays(c.date, rail.collectionLagDays) });
  });
  const atRisk = held.reduce((s, h) => s.plus(h.amount), new Decimal(0));
  return rail.collectionLagDays === 0 ? { atRisk, held, note: 'collections reach the trust the day they arrive' } : { atRisk, held };
}

/**
 * For the Monte Carlo path engine (plain numbers): the expected share of a period's collections
 * the servicer holds at a random default time within the period, collections arriving evenly:
 * min(1, lag / periodDays); 0 on a programmed e-CNY rail.
 */
export function comminglingShare(rail: Rail, periodDays: number): number {
  if (!(periodDays > 0)) throw new Error(`periodDays: must be more than 0, got ${periodDays}`);
  if (isProgrammable(rail)) return 0;
  return Math.min(1, rail.collectionLagDays / periodDays);
}

/** Commingling loss: what the trust does not recover from the servicer's estate. */
export function comminglingLoss(exposure: MoneyInput, recoveryRate: number): Decimal {
  const r = checkFraction(recoveryRate, 'recoveryRate');
  const x = checkMoney(exposure, 'exposure');
  return fen(x.times(1 - r));
}

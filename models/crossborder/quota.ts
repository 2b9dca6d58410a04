// 外债额度 foreign-debt quota under the cross-border financing macro-prudential rule
// (全口径跨境融资宏观审慎管理). A firm may borrow abroad while its risk-weighted cross-border
// financing balance stays within
//     cap = net assets (净资产) × cross-border leverage ratio (跨境融资杠杆率)
//           × macro-prudential parameter (宏观审慎调节参数)
// and the risk-weighted balance is
//     Σ balance × tenor factor (期限风险转换因子) × type factor (类别风险转换因子)
//   + Σ foreign-currency balance × exchange-rate factor (汇率风险折算因子, 0.5).
// Sources: 银发〔2016〕132号 (nationwide from 2016-05-03; firms' leverage ratio 1, parameter 1);
// 银发〔2017〕9号 (published 2017-01-13: firms' leverage ratio 2; tenor factor 1 for a repayment
// term over 1 year, 1.5 for 1 year or less; type factor 1 on and off balance sheet; exchange-rate
// factor 0.5; foreign-currency debt counted in yuan at the drawdown date's rate); parameter
// changes announced by the PBOC and SAFE: 1 → 1.25 on 2020-03-11 (银发〔2020〕64号); firms back to
// 1 on 2021-01-07 (contracts signed before may run to maturity); 1 → 1.25 on 2022-10-25;
// 1.25 → 1.5 on 2023-07-20; 1.5 → 1.75 on 2025-01-13.
// Pilot facilitation quota (便利化额度) for high-tech and 专精特新 SMEs: 汇发〔2022〕16号 (2022-05-31)
// lets firms in the pilot areas (Shenzhen among them) borrow "within a quota of up to USD 10 M
// equivalent" regardless of their small net assets (the 2018 Zhongguancun pilot and 2020 Shanghai
// FTZ pilot had USD 5 M). Modelled as: quota = max(macro-prudential cap, facilitation quota).
import { Decimal } from 'decimal.js';
import { checkMoney, checkNumber, formatFactor, formatYuan, type MoneyInput } from '../market/inputs.js';
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';

/** RMB borrowed offshore (CNH) is cross-border RMB financing: no exchange-rate factor. */
export const RMB_CURRENCIES = ['CNY', 'CNH'] as const;
export const isForeignCurrency = (currency: string): boolean =>
  !(RMB_CURRENCIES as readonly string[]).includes(currency);

/** The rule starts nationwide on 2016-05-03; earlier foreign debt ran under the 投注差 regime. */
export const MACRO_PRUDENTIAL_START: IsoDate = '2016-05-03';

/** Firms' macro-prudential parameter by effective date (oldest first). */
export const ENTERPRISE_PARAMETER_HISTORY: ReadonlyArray<{ from: IsoDate; parameter: number; source: string }> = [
  { from: '2016-05-03', parameter: 1, source: '银发〔2016〕132号' },
  { from: '2020-03-11', parameter: 1.25, source: '银发〔2020〕64号' },
  { from: '2021-01-07', parameter: 1, source: 'PBOC/SAFE notice of 2021-01-07 (firms only)' },
  { from: '2022-10-25', parameter: 1.25, source: 'PBOC/SAFE announcement of 2022-10-25' },
  { from: '2023-07-20', parameter: 1.5, source: 'PBOC/SAFE announcement of 2023-07-20' },
  { from: '2025-01-13', parameter: 1.75, source: 'PBOC/SAFE announcement of 2025-01-13' },
];

/** Firms' cross-border leverage ratio by effective date. */
export const ENTERPRISE_LEVERAGE_HISTORY: ReadonlyArray<{ from: IsoDate; ratio: number; source: string }> = [
  { from: '2016-05-03', ratio: 1, source: '银发〔2016〕132号' },
  { from: '2017-01-13', ratio: 2, source: '银发〔2017〕9号' },
];

export const TENOR_FACTOR_LONG = 1;
export const TENOR_FACTOR_SHORT = 1.5;
export const TYPE_FACTOR = 1;
export const EXCHANGE_RATE_FACTOR = 0.5;
/** USD 10 M: the facilitation quota of 汇发〔2022〕16号 (convert to yuan at the day's rate). */
export const FACILITATION_QUOTA_USD = 10_000_000;

function stepValue<T extends { from: IsoDate }>(history: readonly T[], date: IsoDate, field: string): T {
  checkDate(date, field);
  const d = dayNumber(date);
  const first = history[0] as T;
  if (d < dayNumber(first.from)) {
    throw new Error(
      `${field}: the cross-border financing macro-prudential rule applies from ${first.from}, got ${date}`,
    );
  }
  let current = first;
  for (const h of history) if (dayNumber(h.from) <= d) current = h;
  return current;
}

export const enterpriseParameterOn = (date: IsoDate, field = 'date'): number =>
  stepValue(ENTERPRISE_PARAMETER_HISTORY, date, field).parameter;
export const enterpriseLeverageRatioOn = (date: IsoDate, field = 'date'): number =>
  stepValue(ENTERPRISE_LEVERAGE_HISTORY, date, field).ratio;

export interface QuotaBreakdown {
  date: IsoDate;
  netAssets: Decimal;
  leverageRatio: number;
  macroPrudentialParameter: number;
  /** net assets × leverage × parameter, to the fen. */
  macroPrudentialCap: Decimal;
  facilitationQuota: Decimal;
  /** The larger of the two. */
  quota: Decimal;
  basis: 'macro-prudential' | 'facilitation';
}

export interface QuotaOptions {
  /** Override the leverage ratio in force (2 for firms since 2017). */
  leverageRatio?: number;
  /** Override the parameter in force on the date (e.g. for a what-if). */
  macroPrudentialParameter?: number;
  /** Pilot facilitation quota in yuan (e.g. USD 10 M × the day's rate); 0 when the firm is not in a pilot. */
  facilitationQuota?: MoneyInput;
}

/** The firm's foreign-debt quota in yuan on `date`. */
export function foreignDebtQuota(netAssets: MoneyInput, date: IsoDate, opts: QuotaOptions = {}): QuotaBreakdown {
  const na = checkMoney(netAssets, 'netAssets');
  const leverageRatio = opts.leverageRatio === undefined
    ? enterpriseLeverageRatioOn(date)
    : checkNumber(opts.leverageRatio, 'leverageRatio', 0, 100);
  const parameter = opts.macroPrudentialParameter === undefined
    ? enterpriseParameterOn(date)
    : checkNumber(opts.macroPrudentialParameter, 'macroPrudentialParameter', 0, 100);
  checkDate(date, 'date');
  const facilitation = checkMoney(opts.facilitationQuota ?? 0, 'facilitationQuota');
  const cap = na.times(leverageRatio).times(parameter).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const useFacilitation = facilitation.greaterThan(cap);
  return {
    date,
    netAssets: na,
    leverageRatio,
    macroPrudentialParameter: parameter,
    macroPrudentialCap: cap,
    facilitationQuota: facilitation,
    quota: useFacilitation ? facilitation : cap,
    basis: useFacilitation ? 'facilitation' : 'macro-prudential',
  };
}

/** One cross-border financing contract counted against the quota. */
export interface ForeignDebt {
  id?: string;
  drawDate: IsoDate;
  maturityDate: IsoDate;
  /** Balance in yuan; foreign-currency debt at the drawdown date's rate (银发〔2017〕9号). */
  amountCny: MoneyInput;
  /** 'CNY'/'CNH' (no exchange-rate factor) or a foreign currency ('HKD', 'USD', …). */
  currency: string;
  /** 表外融资 (contingent, e.g. a guarantee); its type factor is also 1 for now. */
  offBalanceSheet?: boolean;
}

export interface RiskWeight {
  amount: Decimal;
  tenorFactor: number;
  typeFactor: number;
  /** 0.5 for foreign currency, 0 for RMB. */
  exchangeRateFactor: number;
  /** amount × tenor × type + amount × exchange-rate factor, to the fen. */
  weighted: Decimal;
}

/** A repayment term of one year or less (还款期限在1年(含)以下) weighs 1.5; over a year, 1. */
export function tenorFactor(drawDate: IsoDate, maturityDate: IsoDate, field = 'maturityDate'): number {
  const start = dayNumber(drawDate, 'drawDate');
  const end = dayNumber(maturityDate, field);
  if (end <= start) throw new Error(`${field}: must be after the drawdown date ${drawDate}, got ${maturityDate}`);
  return end <= dayNumber(addMonths(drawDate, 12)) ? TENOR_FACTOR_SHORT : TENOR_FACTOR_LONG;
}

export function riskWeight(debt: ForeignDebt, field = 'debt'): RiskWeight {
  const amount = checkMoney(debt.amountCny, `${field}.amountCny`);
  if (typeof debt.currency !== 'string' || !/^[A-Z]{3}$/.test(debt.currency)) {
    throw new Error(`${field}.currency: must be a three-letter currency code such as "CNY", "HKD" or "USD", got ${JSON.stringify(debt.currency)}`);
  }
  const tf = tenorFactor(debt.drawDate, debt.maturityDate, `${field}.maturityDate`);
  const fx = isForeignCurrency(debt.currency) ? EXCHANGE_RATE_FACTOR : 0;
  const weighted = amount.times(tf).times(TYPE_FACTOR).plus(amount.times(fx)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return { amount, tenorFactor: tf, typeFactor: TYPE_FACTOR, exchangeRateFactor: fx, weighted };
}

/** Outstanding on `date`: drawn on or before it and not yet matured. */
const outstandingOn = (debt: ForeignDebt, date: IsoDate): boolean =>
  dayNumber(debt.drawDate) <= dayNumber(date) && dayNumber(date) < dayNumber(debt.maturityDate);

/** Risk-weighted cross-border financing balance (跨境融资风险加权余额) on `date`. */
export function riskWeightedUsage(debts: readonly ForeignDebt[], date: IsoDate): Decimal {
  checkDate(date, 'date');
  return debts.reduce(
    (sum, d, i) => (outstandingOn(d, date) ? sum.plus(riskWeight(d, `debts[${i}]`).weighted) : sum),
    new Decimal(0),
  );
}

/** The firm as the quota sees it: net assets, any pilot quota, and the debts it has drawn. */
export interface QuotaState {
  netAssets: MoneyInput;
  facilitationQuota?: MoneyInput;
  /** Overrides for what-ifs; by default the values in force on each drawdown date. */
  leverageRatio?: number;
  macroPrudentialParameter?: number;
  debts: readonly ForeignDebt[];
}

function describeNeed(w: RiskWeight): string {
  const base = `${formatYuan(w.amount)} × tenor factor ${formatFactor(w.tenorFactor)} × type factor ${formatFactor(w.typeFactor)}`;
  return w.exchangeRateFactor > 0
    ? `${base} + ${formatYuan(w.amount)} × exchange-rate factor ${formatFactor(w.exchangeRateFactor)}`
    : base;
}

export interface DrawdownCheck {
  quota: QuotaBreakdown;
  usedBefore: Decimal;
  need: RiskWeight;
  usedAfter: Decimal;
  headroomAfter: Decimal;
}

/** Checks a drawdown against the quota on its date without changing anything. */
export function checkDrawdown(state: QuotaState, request: ForeignDebt): DrawdownCheck {
  const date = checkDate(request.drawDate, 'request.drawDate');
  const quota = foreignDebtQuota(state.netAssets, date, {
    facilitationQuota: state.facilitationQuota,
    leverageRatio: state.leverageRatio,
    macroPrudentialParameter: state.macroPrudentialParameter,
  });
  const usedBefore = riskWeightedUsage(state.debts, date);
  const need = riskWeight(request, 'request');
  const usedAfter = usedBefore.plus(need.weighted);
  return { quota, usedBefore, need, usedAfter, headroomAfter: quota.quota.minus(usedAfter) };
}

/**
 * Adds a drawdown to the firm's foreign debt, or refuses it with a message that states the quota,
 * the usage, what this drawdown needs after risk weighting, and the shortfall.
 */
export function drawDown(state: QuotaState, request: ForeignDebt): QuotaState {
  const c = checkDrawdown(state, request);
  if (c.headroomAfter.isNegative()) {
    throw new Error(
      `foreign-debt quota exceeded: quota ${formatYuan(c.quota.quota)} CNY, used ${formatYuan(c.usedBefore)}, ` +
        `this drawdown needs ${formatYuan(c.need.weighted)} (${describeNeed(c.need)}), ` +
        `short by ${formatYuan(c.headroomAfter.negated())}`,
    );
  }
  return { ...state, debts: [...state.debts, { ...request }] };
}

/** A facility drawable in batches (e.g. the Futian +1 firm's 2 M CNY offshore loan). */
export interface BatchFacility {
  id: string;
  /** Total that may be drawn, in yuan. */
  total: MoneyInput;
  currency: string;
  /** Every batch is repaid on this date, so later batches have shorter terms. */
  maturityDate: IsoDate;
  /** Last day a batch may be drawn (optional). */
  availableUntil?: IsoDate;
}

export interface BatchDraw {
  date: IsoDate;
  amountCny: MoneyInput;
}

export interface BatchResult {
  state: QuotaState;
  draws: Array<{
    date: IsoDate;
    amount: Decimal;
    riskWeighted: Decimal;
    tenorFactor: number;
    quota: Decimal;
    usedAfter: Decimal;
    drawnToDate: Decimal;
  }>;
}

/** Draws the batches in date order; each must fit the facility and the quota on its own date. */
export function drawInBatches(state: QuotaState, facility: BatchFacility, batches: readonly BatchDraw[]): BatchResult {
  const total = checkMoney(facility.total, `facility "${facility.id}".total`);
  checkDate(facility.maturityDate, `facility "${facility.id}".maturityDate`);
  let current = state;
  let drawn = new Decimal(0);
  let lastDay = -Infinity;
  let lastDate = '';
  const draws: BatchResult['draws'] = [];
  batches.forEach((b, i) => {
    const field = `batches[${i}]`;
    const day = dayNumber(checkDate(b.date, `${field}.date`));
    if (day < lastDay) throw new Error(`${field}.date: batches must be in date order, got ${b.date} after ${lastDate}`);
    lastDay = day;
    lastDate = b.date;
    if (facility.availableUntil !== undefined && day > dayNumber(facility.availableUntil)) {
      throw new Error(`${field}.date: facility "${facility.id}" may be drawn until ${facility.availableUntil}, got ${b.date}`);
    }
    const amount = checkMoney(b.amountCny, `${field}.amountCny`);
    if (amount.isZero()) throw new Error(`${field}.amountCny: must be more than 0`);
    const after = drawn.plus(amount);
    if (after.greaterThan(total)) {
      throw new Error(
        `facility "${facility.id}" exhausted: batch ${i + 1} on ${b.date} of ${formatYuan(amount)} would bring drawings to ` +
          `${formatYuan(after)}, above the facility's ${formatYuan(total)} ${facility.currency} (available ${formatYuan(total.minus(drawn))})`,
      );
    }
    const request: ForeignDebt = {
      id: `${facility.id}#${i + 1}`,
      drawDate: b.date,
      maturityDate: facility.maturityDate,
      amountCny: amount,
      currency: facility.currency,
    };
    const check = checkDrawdown(current, request);
    try {
      current = drawDown(current, request);
    } catch (e) {
      throw new Error(`batch ${i + 1} on ${b.date}: ${(e as Error).message}`);
    }
    drawn = after;
    draws.push({
      date: b.date,
      amount,
      riskWeighted: check.need.weighted,
      tenorFactor: check.need.tenorFactor,
      quota: check.quota.quota,
      usedAfter: check.usedAfter,
      drawnToDate: drawn,
    });
  });
  return { state: current, draws };
}

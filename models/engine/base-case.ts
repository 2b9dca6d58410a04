// Two facts about the base case (nobody defaults) that a structurer must not confuse:
// - "cash reconciled": every fen that comes in goes somewhere, in every period (an accounting fact);
// - "self-funding" (自平衡): the firms' contractual payments alone pay every fee, coupon and the
//   principal — no enhancement is drawn and nothing is left unpaid. A deal whose base case draws
//   on the shortfall undertaker (差额支付) or a guarantor reconciles perfectly and still relies on
//   enhancement when nobody defaults: the notes cost more than the assets pay.
import { Decimal } from 'decimal.js';
import type { Ledger } from './waterfall.js';
import type { DealProgram } from './program.js';
import { formatMoney } from '../format.js';
import { translator, type Lang, type MessageKey, type MessageParams } from '../i18n/index.js';

export interface BaseCaseDraw {
  /** 1-based period number and payment date. */
  period: number;
  date: string;
  amount: number;
  byEnhancement: Record<string, number>;
}

export interface BaseCaseFunding {
  /** Every enhancement draw of the base case, to the fen. */
  enhancementDrawsTotal: number;
  /** The periods with a draw. */
  draws: BaseCaseDraw[];
  /** Note interest in arrears after a payment date before the final one (the largest), and where. */
  lateInterest: number;
  latePeriods: Array<{ period: number; date: string; amount: number }>;
  /** What is still owed after the final payment date: note principal, note interest, fees. */
  unpaid: { principal: number; interest: number; fees: number; total: number };
  /** No enhancement draw, no interest paid late, nothing unpaid: the firms' payments carry the deal on their own. */
  selfFunding: boolean;
}

const money = (d: Decimal): number => d.toDecimalPlaces(2).toNumber();

/** The base-case funding facts of an exact ledger (decimals, so the totals are exact to the fen). */
export function baseCaseFunding(prog: DealProgram, L: Ledger<Decimal>): BaseCaseFunding {
  const P = L.periods;
  const nE = L.enhancements;
  const nT = L.tranches;
  const at = (v: { [i: number]: Decimal }, i: number) => v[i] as Decimal;
  let total = new Decimal(0);
  const draws: BaseCaseDraw[] = [];
  for (let p = 0; p < P; p++) {
    const d = at(L.enhancementDraws, p);
    total = total.plus(d);
    if (!d.greaterThan(0)) continue;
    const byEnhancement: Record<string, number> = {};
    prog.enhancements.forEach((e, i) => {
      const x = at(L.enhancementDraw, p * nE + i);
      if (!x.isZero()) byEnhancement[e.id] = money(x);
    });
    draws.push({ period: p + 1, date: prog.periods[p]!.paymentDate, amount: money(d), byEnhancement });
  }
  let late = new Decimal(0);
  const latePeriods: BaseCaseFunding['latePeriods'] = [];
  for (let p = 0; p < P - 1; p++) {
    let arrears = new Decimal(0);
    for (let t = 0; t < nT; t++) arrears = arrears.plus(at(L.interestShortfall, p * nT + t));
    if (!arrears.greaterThan(0)) continue;
    latePeriods.push({ period: p + 1, date: prog.periods[p]!.paymentDate, amount: money(arrears) });
    late = Decimal.max(late, arrears);
  }
  let principal = new Decimal(0);
  let interest = new Decimal(0);
  for (let t = 0; t < nT; t++) {
    principal = principal.plus(at(L.balance, (P - 1) * nT + t));
    interest = interest.plus(at(L.interestShortfall, (P - 1) * nT + t));
  }
  let fees = new Decimal(0);
  for (let f = 0; f < L.fees; f++) fees = fees.plus(at(L.s.feeArrears, f));
  const unpaid = principal.plus(interest).plus(fees);
  return {
    enhancementDrawsTotal: money(total),
    draws,
    lateInterest: money(late),
    latePeriods,
    unpaid: { principal: money(principal), interest: money(interest), fees: money(fees), total: money(unpaid) },
    selfFunding: total.isZero() && late.isZero() && unpaid.isZero(),
  };
}

/** A warning: the deal is valid, but a person should look (exit 0, never blocks a save). */
export interface DealWarning {
  /** Where to look ('' for the deal as a whole). */
  path: string;
  /** Catalogue key and parameters, so a page can say it in its own language. */
  code: MessageKey;
  params: MessageParams;
  /** The message in the language asked for (English by default). */
  message: string;
}

export const formatWarning = (w: Pick<DealWarning, 'path' | 'message'>): string => `${w.path ? `${w.path}: ` : ''}${w.message}`;

/** Warnings for a base case that is not self-funding: the draws by period, and anything unpaid. */
export function baseCaseWarnings(f: BaseCaseFunding, lang: Lang = 'en'): DealWarning[] {
  const t = translator(lang);
  const out: DealWarning[] = [];
  const warn = (path: string, code: MessageKey, params: MessageParams) => out.push({ path, code, params, message: t(code, params) });
  if (f.enhancementDrawsTotal > 0) {
    const periods = f.draws.map((d) => t('pricing.baseCase.drawPeriod', {
      n: d.period, date: d.date,
      from: Object.entries(d.byEnhancement).map(([id, x]) => `${id} ${formatMoney(x)}`).join(', '),
    })).join(t('pricing.list.separator'));
    warn('', 'pricing.baseCase.reliesOnEnhancement', { total: formatMoney(f.enhancementDrawsTotal), periods });
  }
  if (f.lateInterest > 0) {
    const periods = f.latePeriods.map((d) => t('pricing.baseCase.latePeriod', { n: d.period, date: d.date, amount: formatMoney(d.amount) })).join(t('pricing.list.separator'));
    warn('', 'pricing.baseCase.lateInterest', { total: formatMoney(f.lateInterest), periods });
  }
  if (f.unpaid.total > 0) {
    warn('', 'pricing.baseCase.unpaid', {
      total: formatMoney(f.unpaid.total), principal: formatMoney(f.unpaid.principal),
      interest: formatMoney(f.unpaid.interest), fees: formatMoney(f.unpaid.fees),
    });
  }
  return out;
}

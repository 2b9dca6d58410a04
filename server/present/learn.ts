// Learn pages: one per structure, walking through ONE period of cash on the real scenario. The
// steps and their amounts are what the exact engine's waterfall wrote in its step trace
// (StepTrace, models/engine/waterfall.ts); this module only labels them, with the Chinese term
// beside each English one.
import type { Deal } from '../../models/deal-format/schema.js';
import { Decimal } from 'decimal.js';
import { baseCaseInputs, runExactProgram, type ScheduleReport, type SchedulePeriodReport } from '../../models/engine/exact.js';
import type { StepTrace } from '../../models/engine/waterfall.js';
import { compileDeal } from '../../models/engine/program.js';
import { pricedDeal } from '../../models/engine/pricing.js';
import { enhancementKind } from '../../models/enhancements/registry.js';
import { glanceOf, type DealGlance } from './glance.js';
import { daysBetween } from '../../models/calendar/day-count.js';
import { interestOnRail, railRateOn } from '../../models/rail/rail.js';
import type { Rail } from '../../models/deal/rail-schema.js';
import { formatMoney, formatRate } from '../../models/format.js';
import { translate, type Lang, type MessageKey, type MessageParams } from '../../models/i18n/index.js';
import { pluralKey } from './view-helpers.js';
import type { DealCost } from '../../models/cost/compare.js';

export interface LearnStructure {
  slug: string;
  title: string;
  titleZh: string;
  scenarioId: string;
  /** Shipped deals of this structure that can be walked through too (?deal=id), the main one first. */
  deals: string[];
  summary: string;
  /** Paragraphs explaining the structure before the numbers. */
  intro: string[];
  /** The parties, each with its name in the page's language, in the other language, and what it does. */
  parties: Array<{ name: string; otherName: string; role: string }>;
}

type Slug = 'exclusive-licence-abn' | 'n-plus-1-cross-border' | 'e-cny-issuance' | 'pledged-ip-micro-loans' | 'ip-finance-lease' | 'trust-loan-abn';
/** Each structure, its main scenario first among the shipped deals walked with its text. */
const STRUCTURES: ReadonlyArray<{ slug: Slug; deals: string[]; parties: number }> = [
  { slug: 'exclusive-licence-abn', deals: ['yuhang-abn-2023', 'yuhang-abn-2023-2', 'xingye-guangzhou-licence-2019'], parties: 6 },
  { slug: 'n-plus-1-cross-border', deals: ['futian-n-plus-1-2023'], parties: 6 },
  { slug: 'e-cny-issuance', deals: ['ningbo-ecny-2024', 'ningbo-bank-rail-2024'], parties: 4 },
  // The asset models of issue 13 (text in models/i18n/*/assets.ts).
  { slug: 'pledged-ip-micro-loans', deals: ['nanshan-hti-ip5-2022', 'longhua-hti-ip1-2021', 'revolving-microloan-illustration'], parties: 5 },
  { slug: 'ip-finance-lease', deals: ['wenke-lease-2019'], parties: 4 },
  { slug: 'trust-loan-abn', deals: ['xinxin-factoring-2023-1'], parties: 4 },
];

/** A structure's text in `lang` (the catalogue's learn.s.<slug>.* keys). */
export function localizedStructure(slug: Slug, deals: readonly string[], partyCount: number, lang: Lang): LearnStructure {
  const tr = (key: string, l: Lang = lang) => translate(l, `learn.s.${slug}.${key}` as MessageKey);
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return {
    slug, scenarioId: deals[0]!, deals: [...deals], title: tr('title'), titleZh: tr('title', 'zh'), summary: tr('summary'),
    intro: [tr('intro1'), tr('intro2'), tr('intro3')],
    parties: Array.from({ length: partyCount }, (_, i) => ({ name: tr(`p${i + 1}.name`), otherName: tr(`p${i + 1}.name`, other), role: tr(`p${i + 1}.role`) })),
  };
}

/** The structures of the learn pages, in `lang`. */
export function learnStructures(lang: Lang = 'en'): LearnStructure[] {
  return STRUCTURES.map((x) => localizedStructure(x.slug, x.deals, x.parties, lang));
}

/** The structures in English (the API's default). */
export const LEARN_STRUCTURES: readonly LearnStructure[] = learnStructures('en');

export interface WalkAmount { label: string; amount: number }
export interface WalkStep {
  n: number;
  title: string;
  titleZh: string;
  text: string;
  amounts: WalkAmount[];
  /** Cash in (+) or out (−) of the trust account at this step. */
  change: number;
  /** Cash in the trust account after the step. */
  cashAfter: number;
}

export interface Walkthrough {
  structure: LearnStructure;
  glance: DealGlance;
  periodCount: number;
  period: SchedulePeriodReport;
  steps: WalkStep[];
  /** What stays in the trust after the period (must equal the report's carried-forward). */
  cashLeft: number;
  reconciled: boolean;
  /** On a deal with a settlement rail: what the cash kept in the trust earns until the next payment date. */
  railNote: { text: string; amount: number } | null;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The steps of one period, in the deal's waterfall order, with the engine's amounts. */
export function walkPeriod(structure: LearnStructure, deal: Deal, report: ScheduleReport, periodNumber: number, lang: Lang = 'en'): Walkthrough {
  const tr = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  const p = report.periods[periodNumber - 1];
  if (!p) throw new Error(`period: must be between 1 and ${report.periods.length}, got ${periodNumber}`);
  const prog = compileDeal(pricedDeal(deal));
  const steps: WalkStep[] = [];
  let cash = 0;
  const push = (titleKey: MessageKey, text: string, amounts: WalkAmount[], change: number) => {
    cash = r2(cash + change);
    steps.push({ n: steps.length + 1, title: tr(titleKey), titleZh: translate('zh', titleKey), text, amounts, change: r2(change), cashAfter: cash });
  };

  if (p.callProceeds !== 0) {
    push('assets.learn.call.title', tr('assets.learn.call.text'), [{ label: tr('assets.learn.call.amount'), amount: p.callProceeds }], p.callProceeds);
  }
  if (p.broughtForward !== 0) {
    push('learn.step.broughtForward', tr('learn.step.broughtForwardText'), [{ label: tr('learn.amount.broughtForward'), amount: p.broughtForward }], p.broughtForward);
  }
  const byObligor = prog.obligors
    .map((o) => ({ label: o.name, amount: r2(Number(o.collectionsByPeriod[periodNumber - 1] ?? 0)) }))
    .filter((x) => x.amount !== 0)
    .sort((a, b) => b.amount - a.amount);
  const shown = byObligor.slice(0, 6);
  const rest = byObligor.slice(6).reduce((s, x) => s + x.amount, 0);
  if (rest !== 0) shown.push({ label: tr('learn.amount.moreFirms', { n: byObligor.length - 6 }), amount: r2(rest) });
  // A revolving deal also collects on the assets it bought (they are not firms of the deal file).
  const bought = r2(p.collections - byObligor.reduce((s, x) => s + x.amount, 0));
  if (deal.revolving && bought !== 0) shown.push({ label: tr('assets.learn.boughtCollections'), amount: bought });
  push('learn.step.collections', tr(pluralKey('learn.step.collectionsText', byObligor.length), { start: p.accrualStart, end: p.accrualEnd, n: byObligor.length }), shown, p.collections);

  // The period's steps as the waterfall wrote them (its step trace): what each step paid, item by
  // item, and the cash before and after it, under the status the period was paid in.
  const trace: StepTrace<Decimal>[] = [];
  runExactProgram(prog, baseCaseInputs(prog), trace);
  const tranches = deal.liabilities.tranches;
  const tName = (i: number) => { const id = prog.tranches[i]!.id; return tranches.find((t) => t.id === id)?.name ?? id; };
  const n = (d: Decimal) => d.toNumber();
  const periodSteps = trace.filter((x) => x.period === periodNumber - 1);
  // Reserve above its target (all of it in the final period) is released before the steps; what
  // cover-shortfall steps draw from the accounts is shown at those steps.
  const drawnFromAccounts = periodSteps.filter((x) => x.step.type === 'cover-shortfall').reduce((sum, x) => sum - x.accounts.reduce((t, [, v]) => t + n(v), 0), 0);
  const releasedBefore = r2(p.reserveRelease - drawnFromAccounts);
  if (releasedBefore !== 0) {
    push('learn.step.reserveRelease', tr('learn.step.reserveReleaseText'), [{ label: tr('learn.amount.reserveRelease'), amount: releasedBefore }], releasedBefore);
  }
  for (const st of periodSteps) {
    const change = n(st.cashAfter.minus(st.cashBefore));
    switch (st.step.type) {
      case 'cover-shortfall': {
        const amounts: WalkAmount[] = [];
        for (const [e, v] of st.enhancements) {
          const pe = prog.enhancements[e]!;
          const enh = deal.enhancements.find((x) => x.id === pe.id)!;
          const k = enhancementKind(enh.kind);
          amounts.push({ label: lang === 'zh' ? (enh.nameZh ?? k.labelZh) : `${enh.name ?? k.label} (${enh.nameZh ?? k.labelZh})`, amount: n(v) });
        }
        for (const [a, v] of st.accounts) {
          const id = prog.accounts[a]!.id;
          amounts.push({ label: lang === 'zh' ? tr('learn.amount.reserve', { id }) : `${tr('learn.amount.reserve', { id })} (储备账户)`, amount: -n(v) });
        }
        push('learn.step.shortfall', tr(change === 0 ? 'learn.step.shortfallNone' : 'learn.step.shortfallDrawn'), amounts, change);
        break;
      }
      case 'pay-fees': {
        const amounts = st.step.fees.map((f) => {
          const id = prog.runningFees[f]!.id;
          return { label: deal.fees.find((x) => x.id === id)?.name ?? id, amount: n(st.fees.find(([i]) => i === f)?.[1] ?? new Decimal(0)) };
        });
        push('learn.step.fees', tr('learn.step.feesText'), amounts, change);
        break;
      }
      case 'pay-interest': {
        const amounts = st.step.tranches.map((t) => ({ label: tr('learn.amount.interest', { tranche: tName(t) }), amount: n(st.interest.find(([i]) => i === t)?.[1] ?? new Decimal(0)) }));
        const worked = st.step.tranches.map((t) => interestWorking(deal, p, prog.tranches[t]!.id)).filter((x): x is string => x !== null);
        const text = `${tr('learn.step.interestText', { dayCount: deal.meta.dayCount })}${worked.length ? ` ${worked.join(' ')}` : ''}`;
        push('learn.step.interest', text, amounts, change);
        break;
      }
      case 'pay-principal':
      case 'pay-principal-turbo': {
        const amounts = st.step.tranches.map((t) => ({ label: tr('learn.amount.principal', { tranche: tName(t) }), amount: n(st.principal.find(([i]) => i === t)?.[1] ?? new Decimal(0)) }));
        push(st.step.type === 'pay-principal' ? 'learn.step.principal' : 'learn.step.principalTurbo', tr(change === 0 ? 'learn.step.principalNone' : 'learn.step.principalText'), amounts, change);
        break;
      }
      case 'fund-reserve': {
        const id = prog.accounts[st.step.account]!.id;
        push('learn.step.reserve', tr('learn.step.reserveText', { account: id }), [{ label: id, amount: -change }], change);
        break;
      }
      case 'pay-residual': {
        const to = st.step.to;
        const text = n(st.residual) === 0
          ? tr('learn.step.residualKept', { amount: formatMoney(p.carriedForward) })
          : tr('learn.step.residualPaid', { to: tr(to === 'originator' ? 'learn.residualTo.originator' : 'learn.residualTo.subordinated') });
        // A subordinated holder is first repaid its balance here; what is above it is its return.
        const amounts = [
          ...st.principal.map(([t, v]) => ({ label: tr('learn.amount.principal', { tranche: tName(t) }), amount: n(v) })),
          { label: tr('learn.amount.released'), amount: n(st.residual) }, { label: tr('learn.amount.kept'), amount: p.carriedForward },
        ];
        push('learn.step.residual', text, amounts, change);
        break;
      }
      case 'buy-assets':
        push('assets.learn.buy.title', p.purchases > 0 ? tr('assets.learn.buy.text', { principal: formatMoney(p.purchasedPrincipal), price: formatMoney(p.purchases) }) : tr('assets.learn.buy.none'), [{ label: tr('assets.learn.buy.amount'), amount: n(st.purchases) }], change);
        break;
    }
  }
  const cashLeft = cash;
  return {
    structure, glance: glanceOf(deal, lang), periodCount: report.periods.length, period: p, steps, cashLeft,
    reconciled: Math.abs(cashLeft - p.carriedForward) < 0.005 && p.cashIn === p.cashOut,
    railNote: railNoteFor(deal, report, periodNumber, lang),
  };
}

export function learnStructure(slug: string, lang: Lang = 'en'): LearnStructure | undefined {
  return learnStructures(lang).find((s) => s.slug === slug);
}

/**
 * "133,000,000.00 × 2.70% × 92/365 = 905,128.77" for a fixed-coupon tranche under ACT/365F or
 * ACT/360 — shown only when it reproduces the engine's amount to the fen, so the page never
 * teaches a formula the engine did not use.
 */
export function interestWorking(deal: Deal, p: SchedulePeriodReport, trancheId: string): string | null {
  const t = deal.liabilities.tranches.find((x) => x.id === trancheId);
  const tp = p.tranches[trancheId];
  if (!t || !tp || t.coupon.type !== 'fixed') return null;
  const dc = t.dayCount ?? deal.meta.dayCount;
  const basis = dc === 'ACT/365F' ? 365 : dc === 'ACT/360' ? 360 : null;
  if (basis === null) return null;
  const days = daysBetween(p.accrualStart, p.accrualEnd);
  const balance = tp.balance + tp.principal;
  const amount = Math.round(balance * t.coupon.rate * days / basis * 100) / 100;
  if (Math.abs(amount - tp.interest) > 0.005) return null;
  return `${t.name ?? t.id}: ${formatMoney(balance)} × ${formatRate(t.coupon.rate)} × ${days}/${basis} = ${formatMoney(tp.interest)}.`;
}

/**
 * The cash kept in the trust waits on the deal's settlement rail until the next payment date;
 * what it earns there is the rail library's answer (e-CNY earned nothing before 2026-01-01, then
 * the demand rate in real-name wallets). Shown beside the walkthrough, not added to its cash.
 */
export function railNoteFor(deal: Deal, report: ScheduleReport, periodNumber: number, lang: Lang = 'en'): Walkthrough['railNote'] {
  const tr = (key: MessageKey, params?: MessageParams) => translate(lang, key, params);
  const rail = (deal as { rail?: Rail }).rail;
  const p = report.periods[periodNumber - 1];
  const next = report.periods[periodNumber];
  if (!rail || !p || !next || p.carriedForward <= 0) return null;
  const days = daysBetween(p.date, next.date);
  const amount = interestOnRail(rail, { amount: p.carriedForward, startDate: p.date, days }).toNumber();
  const rate = railRateOn(rail, p.date);
  const where = rail.kind === 'e-cny'
    ? tr('learn.rail.where.e-cny', { wallet: tr(rail.wallet === 'real-name' ? 'learn.rail.wallet.real-name' : 'learn.rail.wallet.anonymous') })
    : tr('learn.rail.where.bank');
  const why = rail.kind === 'e-cny' && rate === 0
    ? tr(rail.wallet === 'real-name' ? 'learn.rail.whyM0' : 'learn.rail.whyAnonymous')
    : tr('learn.rail.whyRate', { rate: formatRate(rate, 2) });
  return {
    text: tr('learn.rail.text', { amount: formatMoney(p.carriedForward), days, where, date: next.date, earned: formatMoney(amount), why }),
    amount,
  };
}

/** The "+k" offshore legs of an N+1 deal, from the deal data and (when available) the cost model. */
export interface LegLesson {
  id: string;
  name: string;
  firm: string;
  currency: string;
  facility: number;
  draws: Array<{ date: string; amount: number; quotaAfter: number | null; quota: number | null }>;
  couponRate: number;
  paymentMonths: number;
  maturityDate: string;
  taxes: { lender: string; borneBy: string };
  chain: { onshoreBank: string; hkGuarantor: string; counterGuaranteeFee: number; hkGuaranteeFee: number; arrangementFeeUpfront: number };
  /** From the cost comparison (models/cost): the leg's all-in cost, its fees and taxes in yuan, FX loss. */
  /** chainFeeRate: the chain's fees as an annual rate (counter-guarantee + HK guarantee + arrangement spread over the term). */
  cost: { allInCostRate: number | null; chainFeeRate: number; taxes: number; expectedFxLoss: number; fxLoss99: number; fxLoss99CI95: [number, number] } | null;
}

export function legLessons(deal: Deal, dc: DealCost | null): LegLesson[] {
  return (deal.offshoreLegs ?? []).map((leg) => {
    const lc = dc?.legs.find((x) => x.id === leg.id);
    const tr = dc?.tranches.find((x) => x.id === leg.id && x.offshore);
    return {
      id: leg.id,
      name: leg.name ?? leg.id,
      firm: leg.firm.name,
      currency: leg.currency,
      facility: Number(leg.facility.totalCny),
      draws: leg.draws.map((d, i) => ({ date: d.date, amount: Number(d.amountCny), quotaAfter: lc?.quota[i]?.usedAfter ?? null, quota: lc?.quota[i]?.quota ?? null })),
      couponRate: leg.coupon.rate,
      paymentMonths: leg.coupon.paymentMonths,
      maturityDate: leg.maturityDate,
      taxes: leg.taxes,
      chain: {
        onshoreBank: leg.chain.onshoreBank.name, hkGuarantor: leg.chain.hkGuarantor.name,
        counterGuaranteeFee: leg.chain.counterGuaranteeFee, hkGuaranteeFee: leg.chain.hkGuaranteeFee, arrangementFeeUpfront: leg.chain.arrangementFeeUpfront,
      },
      cost: lc ? {
        allInCostRate: tr?.allInCostRate ?? null, chainFeeRate: lc.chainFees.total, taxes: lc.taxes,
        expectedFxLoss: lc.fx.expectedFxLoss, fxLoss99: lc.fx.fxLoss99, fxLoss99CI95: lc.fx.fxLoss99CI95,
      } : null,
    };
  });
}

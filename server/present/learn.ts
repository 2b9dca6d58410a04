// Learn pages: one per structure, walking through ONE period of cash on the real scenario. The
// amounts are the exact engine's (runExact); this module only orders and labels them along the
// deal's own waterfall steps, with the Chinese term beside each English one.
import type { Deal, WaterfallStep } from '../../models/deal/schema.js';
import type { ScheduleReport, SchedulePeriodReport } from '../../models/engine/exact.js';
import { compileDeal } from '../../models/engine/program.js';
import { enhancementKind } from '../../models/enhancements/registry.js';
import { glanceOf, type DealGlance } from './glance.js';
import { daysBetween } from '../../models/calendar/day-count.js';
import { interestOnRail, railRateOn } from '../../models/rail/rail.js';
import type { Rail } from '../../models/rail/schema.js';
import { formatMoney, formatRate } from '../../models/format.js';
import { translate, translator, type Lang, type MessageKey } from '../../models/i18n/index.js';

export interface LearnStructure {
  slug: string;
  title: string;
  titleZh: string;
  scenarioId: string;
  /** Shipped deals of this structure that can be walked through too (?deal=id), the main one first. */
  deals: string[];
  /** Catalogue keys of the text (structures written after the zh/en catalogue): see inLanguage(). */
  text?: LearnText;
  summary: string;
  /** Paragraphs explaining the structure before the numbers. */
  intro: string[];
  /** The parties, each with what it does. */
  parties: Array<{ en: string; zh: string; role: string }>;
}

/** A structure's text as catalogue keys, so the page shows it in its own language. */
export interface LearnText {
  title: MessageKey;
  summary: MessageKey;
  intro: MessageKey[];
  parties: Array<{ en: string; zh: string; role: MessageKey }>;
}

const en = translator('en');

/** A structure written with catalogue keys, from the catalogue: the title in both languages, the rest in `lang`. */
function fromText(base: Omit<LearnStructure, 'title' | 'titleZh' | 'summary' | 'intro' | 'parties'> & { text: LearnText }, lang: Lang = 'en'): LearnStructure {
  const t = translator(lang);
  const x = base.text;
  return {
    ...base, title: en(x.title), titleZh: translate('zh', x.title), summary: t(x.summary), intro: x.intro.map((k) => t(k)),
    parties: x.parties.map((p) => ({ en: p.en, zh: p.zh, role: t(p.role) })),
  };
}

/** The structure with its text in the page's language (structures without catalogue keys are as written). */
export function inLanguage(s: LearnStructure, lang: Lang): LearnStructure {
  return s.text ? fromText({ ...s, text: s.text }, lang) : s;
}

export const LEARN_STRUCTURES: readonly LearnStructure[] = [
  {
    slug: 'exclusive-licence-abn',
    title: 'Exclusive-licence ABN',
    titleZh: '知识产权独占许可资产支持票据',
    scenarioId: 'yuhang-abn-2023',
    deals: ['yuhang-abn-2023', 'yuhang-abn-2023-2', 'xingye-guangzhou-licence-2019'],
    summary: 'Yuhang, Hangzhou, March 2023: 14 firms, 135 patents, 133 M CNY of notes at 2.7% for one year.',
    intro: [
      'Each firm\'s patents are appraised (价值评估) and then licensed on an exclusive licence (独占许可). The licence fees the firms owe on a schedule are the underlying assets: the trust buys them, and the price it pays is the firms\' funding.',
      'An ABN trust (资产支持票据信托) holds the receivables and issues asset-backed notes (资产支持票据, ABN) to investors in the interbank market. The notes pay from the licence fees the firms pay in.',
      'A credit enhancer acts as shortfall-payment undertaker (差额支付承诺人): on a payment date it pays whatever the trust lacks to meet fees, note interest and principal. A municipal and a district guarantor (市区两级担保) stand behind it. That is why the senior notes could pay only 2.7% although the firms are small and risky.',
    ],
    parties: [
      { en: 'Firms (originators)', zh: '企业 (原始权益人)', role: 'license their patents and owe licence fees' },
      { en: 'ABN trust', zh: '资产支持票据信托', role: 'buys the receivables, issues the notes, runs the waterfall' },
      { en: 'Investors', zh: '投资者', role: 'buy the notes and receive interest and principal' },
      { en: 'Shortfall-payment undertaker', zh: '差额支付承诺人', role: 'pays any shortfall on a payment date' },
      { en: 'Municipal + district guarantors', zh: '市级 + 区级担保机构', role: 'share the risk behind the undertaking' },
      { en: 'Lead underwriter', zh: '主承销商', role: 'arranges and sells the issue (Bank of Hangzhou)' },
    ],
  },
  {
    slug: 'n-plus-1-cross-border',
    title: 'N+1 cross-border',
    titleZh: '跨境"N+1"知识产权证券化',
    scenarioId: 'futian-n-plus-1-2023',
    deals: ['futian-n-plus-1-2023'],
    summary: 'Futian, Shenzhen, 2023: N firms\' IP-pledged micro-loans as an SZSE ABS, plus one firm financed privately in Hong Kong.',
    intro: [
      '"N": Shenzhen HTI (深高新投) takes N tech firms\' micro-loan receivables secured by IP pledges (附知识产权质押的小额贷款债权), adds credit enhancement and issues them as ABS (资产支持证券) to qualified investors on the Shenzhen Stock Exchange.',
      '"+1": one firm raises money privately in Hong Kong. ICBC Shenzhen takes an assignment of the firm\'s onshore IP income right (知识产权"在岸"收益权受让) and, through a cross-border counter-guarantee (跨境反担保) with ICBC (Asia), supports the Hong Kong financing.',
      'The firm brings the money onshore as foreign debt (外债) within its foreign-debt quota (外债额度): 2 M CNY, drawable in batches. Financing cost fell by more than 20%.',
    ],
    parties: [
      { en: 'N firms', zh: 'N 家企业', role: 'borrow micro-loans against IP pledges' },
      { en: 'Shenzhen HTI', zh: '深高新投', role: 'originates the loans, enhances and sponsors the ABS' },
      { en: 'Special plan', zh: '资产支持专项计划', role: 'holds the loans and issues ABS on the SZSE' },
      { en: '+1 firm', zh: '"+1" 企业', role: 'raises money in Hong Kong, brings it onshore as foreign debt' },
      { en: 'ICBC Shenzhen', zh: '工商银行深圳分行', role: 'takes the onshore IP income right' },
      { en: 'ICBC (Asia)', zh: '工银亚洲', role: 'offshore side of the cross-border counter-guarantee' },
    ],
  },
  {
    slug: 'e-cny-issuance',
    title: 'IP securitization issued in e-CNY',
    titleZh: '以数字人民币发行的知识产权证券化',
    scenarioId: 'ningbo-ecny-2024',
    deals: ['ningbo-ecny-2024', 'ningbo-bank-rail-2024'],
    summary: 'Ningbo, 2024: 138 M CNY issued and disbursed in digital RMB; the firms\' financing cost at most 2%.',
    intro: [
      'The structure is an ordinary IP securitization; what differs is the rail: subscription, disbursement to the firms and the payments to investors move in digital RMB (数字人民币, e-CNY) wallets instead of bank transfers.',
      'Before 2026-01-01 e-CNY was cash (M0) and earned nothing while it sat in a wallet; from 2026-01-01 balances in real-name wallets are deposits that earn the demand-deposit rate. Cash waiting in the trust between payment dates is where that matters.',
      'First issue 138 M CNY (1.38亿); the firms\' actual financing cost at most 2%.',
    ],
    parties: [
      { en: 'Firms', zh: '企业', role: 'the IP owners whose receivables back the issue' },
      { en: 'Trust / special plan', zh: '信托 / 专项计划', role: 'issues the notes and pays investors' },
      { en: 'e-CNY wallets', zh: '数字人民币钱包', role: 'carry subscription, disbursement and payments' },
      { en: 'Investors', zh: '投资者', role: 'subscribe and are paid in e-CNY' },
    ],
  },
  fromText({
    slug: 'pledged-ip-micro-loans', scenarioId: 'nanshan-hti-ip5-2022', deals: ['nanshan-hti-ip5-2022', 'longhua-hti-ip1-2021'],
    text: {
      title: 'assets.learn.micro-loans.title', summary: 'assets.learn.micro-loans.summary',
      intro: ['assets.learn.micro-loans.intro.1', 'assets.learn.micro-loans.intro.2', 'assets.learn.micro-loans.intro.3'],
      parties: [
        { en: 'Firms (borrowers)', zh: '企业（借款人）', role: 'assets.learn.micro-loans.party.firms' },
        { en: 'Shenzhen HTI Micro-loan', zh: '高新投小额贷款', role: 'assets.learn.micro-loans.party.lender' },
        { en: 'Asset-backed special plan', zh: '资产支持专项计划', role: 'assets.learn.micro-loans.party.plan' },
        { en: 'HTI Guarantee', zh: '高新投担保', role: 'assets.learn.micro-loans.party.guarantor' },
        { en: 'District government', zh: '区政府', role: 'assets.learn.micro-loans.party.district' },
      ],
    },
  }),
  fromText({
    slug: 'ip-finance-lease', scenarioId: 'wenke-lease-2019', deals: ['wenke-lease-2019'],
    text: {
      title: 'assets.learn.lease.title', summary: 'assets.learn.lease.summary',
      intro: ['assets.learn.lease.intro.1', 'assets.learn.lease.intro.2', 'assets.learn.lease.intro.3'],
      parties: [
        { en: 'Firms (lessees)', zh: '企业（承租人）', role: 'assets.learn.lease.party.firms' },
        { en: 'Wenke Leasing (lessor)', zh: '文科租赁（出租人）', role: 'assets.learn.lease.party.lessor' },
        { en: 'Asset-backed special plan', zh: '资产支持专项计划', role: 'assets.learn.lease.party.plan' },
        { en: 'Investors', zh: '投资者', role: 'assets.learn.lease.party.investors' },
      ],
    },
  }),
  fromText({
    slug: 'trust-loan-abn', scenarioId: 'xinxin-factoring-2023-1', deals: ['xinxin-factoring-2023-1'],
    text: {
      title: 'assets.learn.trust.title', summary: 'assets.learn.trust.summary',
      intro: ['assets.learn.trust.intro.1', 'assets.learn.trust.intro.2', 'assets.learn.trust.intro.3'],
      parties: [
        { en: 'Firms (borrowers)', zh: '企业（借款人）', role: 'assets.learn.trust.party.firms' },
        { en: 'Trust company (lending agent)', zh: '信托公司（受托人）', role: 'assets.learn.trust.party.agent' },
        { en: 'ABN trust', zh: '资产支持票据信托', role: 'assets.learn.trust.party.abn' },
        { en: 'Binjiang Guarantee', zh: '滨江担保', role: 'assets.learn.trust.party.guarantor' },
      ],
    },
  }),
];

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
export function walkPeriod(structure: LearnStructure, deal: Deal, report: ScheduleReport, periodNumber: number): Walkthrough {
  const p = report.periods[periodNumber - 1];
  if (!p) throw new Error(`period: must be between 1 and ${report.periods.length}, got ${periodNumber}`);
  const prog = compileDeal(deal);
  const steps: WalkStep[] = [];
  let cash = 0;
  const push = (title: string, titleZh: string, text: string, amounts: WalkAmount[], change: number) => {
    cash = r2(cash + change);
    steps.push({ n: steps.length + 1, title, titleZh, text, amounts, change: r2(change), cashAfter: cash });
  };

  if (p.callProceeds !== 0) {
    push(en('assets.learn.call.title'), '清仓回购', en('assets.learn.call.text'), [{ label: en('assets.learn.call.amount'), amount: p.callProceeds }], p.callProceeds);
  }
  if (p.broughtForward !== 0) {
    push('Cash held from earlier periods', '上期留存资金', 'Cash the trust kept back on earlier payment dates (to meet the notes at maturity) is available again.', [{ label: 'brought forward', amount: p.broughtForward }], p.broughtForward);
  }
  const byObligor = prog.obligors
    .map((o) => ({ label: o.name, amount: r2(Number(o.collectionsByPeriod[periodNumber - 1] ?? 0)) }))
    .filter((x) => x.amount !== 0)
    .sort((a, b) => b.amount - a.amount);
  const shown = byObligor.slice(0, 6);
  const rest = byObligor.slice(6).reduce((s, x) => s + x.amount, 0);
  if (rest !== 0) shown.push({ label: `${byObligor.length - 6} more firms`, amount: r2(rest) });
  push('Collections arrive', '回收款归集', `The firms pay what they owe for the period (${p.accrualStart} to ${p.accrualEnd}) into the trust account: ${byObligor.length} payment${byObligor.length === 1 ? '' : 's'}.`, shown, p.collections);

  const tranches = deal.liabilities.tranches;
  const tName = (id: string) => tranches.find((t) => t.id === id)?.name ?? id;
  const usedSources = new Set<string>();
  const principalShown = new Set<string>();
  let reserveReleaseShown = false;
  // The waterfall of the period's status (循环期, 摊还期, 加速清偿, or after a trigger).
  const w = deal.waterfall;
  const waterfall: WaterfallStep[] = (p.status === 'revolving' ? w.revolving : p.status === 'accelerated' ? w.accelerated : p.status === 'triggered' ? w.afterTrigger : undefined) ?? w.normal;
  for (const st of waterfall) {
    switch (st.type) {
      case 'cover-shortfall': {
        const amounts: WalkAmount[] = [];
        let total = 0;
        for (const src of st.sources) {
          if (usedSources.has(src)) continue;
          usedSources.add(src);
          const enh = deal.enhancements.find((e) => e.id === src);
          if (enh) {
            const k = enhancementKind(enh.kind);
            const v = p.enhancementDrawsById[src] ?? 0;
            amounts.push({ label: `${enh.name ?? k.label} (${enh.nameZh ?? k.labelZh})`, amount: v });
            total += v;
          } else if (!reserveReleaseShown) {
            reserveReleaseShown = true;
            amounts.push({ label: `reserve account ${src} (储备账户)`, amount: p.reserveRelease });
            total += p.reserveRelease;
          }
        }
        const text = total === 0
          ? 'The trust checks whether the cash it holds meets the fees, interest and principal due. It does, so nobody is asked to pay: the enhancement is there for the periods when firms fail to pay.'
          : 'The cash falls short of what is due, so the trust draws on its protection in order until the gap is closed.';
        push('Shortfall check', '差额支付 / 增信提款', text, amounts, total);
        break;
      }
      case 'pay-fees': {
        const ids = st.fees ?? Object.keys(p.feesById);
        const amounts = ids.map((id) => ({ label: deal.fees.find((f) => f.id === id)?.name ?? id, amount: p.feesById[id] ?? 0 }));
        const total = amounts.reduce((s, a) => s + a.amount, 0);
        push('Fees', '支付税费', 'Running fees come first (the trustee or plan manager, the custodian, the paying agent or servicer): each an annual rate on its base, or a fixed amount a year, accrued for the period.', amounts, -total);
        break;
      }
      case 'pay-interest': {
        const amounts = st.tranches.map((id) => ({ label: `${tName(id)} interest`, amount: p.tranches[id]?.interest ?? 0 }));
        const total = amounts.reduce((s, a) => s + a.amount, 0);
        const worked = st.tranches.map((id) => interestWorking(deal, p, id)).filter((x): x is string => x !== null);
        const text = `Interest is the coupon rate (票面利率) on the balance, for the days of the period under the deal's day count (${deal.meta.dayCount}).${worked.length ? ` ${worked.join(' ')}` : ''}`;
        push('Note interest', '支付利息', text, amounts, -total);
        break;
      }
      case 'pay-principal':
      case 'pay-principal-turbo': {
        // A tranche's principal for the period is shown once, at the first step that pays it.
        const amounts = st.tranches.map((id) => {
          const amount = principalShown.has(id) ? 0 : p.tranches[id]?.principal ?? 0;
          principalShown.add(id);
          return { label: `${tName(id)} principal`, amount };
        });
        const total = amounts.reduce((s, a) => s + a.amount, 0);
        const text = total === 0
          ? 'No principal is due this period (bullet notes repay at maturity; until then the cash stays in the trust).'
          : 'Principal is repaid in order of seniority (优先级 before 次级).';
        push(st.type === 'pay-principal' ? 'Note principal' : 'Principal, all available cash (turbo)', '偿还本金', text, amounts, -total);
        break;
      }
      case 'fund-reserve':
        push('Top up the reserve', '补足储备账户', `The reserve account ${st.account} is topped up to its target from what is left.`, [{ label: st.account, amount: p.reserveTopUp }], -p.reserveTopUp);
        break;
      case 'buy-assets':
        push(en('assets.learn.buy.title'), '循环购买', p.purchases > 0 ? en('assets.learn.buy.text', { principal: formatMoney(p.purchasedPrincipal), price: formatMoney(p.purchases) }) : en('assets.learn.buy.none'), [{ label: en('assets.learn.buy.amount'), amount: p.purchases }], -p.purchases);
        break;
      case 'pay-residual': {
        const text = p.residual === 0
          ? `Nothing is released: the cash left (${formatMoney(p.carriedForward)}) stays in the trust account until the notes are repaid.`
          : `What is left goes to the ${st.to === 'originator' ? 'originator (firms)' : 'subordinated holder'} as residual (剩余收益).`;
        // A subordinated holder is first repaid its balance here (unless a principal step already did).
        const sub = st.to === 'subordinated' && st.tranche && !principalShown.has(st.tranche) ? p.tranches[st.tranche]?.principal ?? 0 : 0;
        if (st.tranche) principalShown.add(st.tranche);
        const amounts = [...(sub ? [{ label: `${tName(st.tranche!)} principal`, amount: sub }] : []), { label: 'released', amount: p.residual }, { label: 'kept in the trust', amount: p.carriedForward }];
        push('Residual', '剩余资金', text, amounts, -(p.residual + sub));
        break;
      }
    }
  }
  if (!reserveReleaseShown && p.reserveRelease !== 0) {
    push('Reserve released', '储备账户释放', 'Cash released from the reserve account into the trust account.', [{ label: 'reserve release', amount: p.reserveRelease }], p.reserveRelease);
  }
  const cashLeft = cash;
  return {
    structure, glance: glanceOf(deal), periodCount: report.periods.length, period: p, steps, cashLeft,
    reconciled: Math.abs(cashLeft - p.carriedForward) < 0.005 && p.cashIn === p.cashOut,
    railNote: railNoteFor(deal, report, periodNumber),
  };
}

export function learnStructure(slug: string): LearnStructure | undefined {
  return LEARN_STRUCTURES.find((s) => s.slug === slug);
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
export function railNoteFor(deal: Deal, report: ScheduleReport, periodNumber: number): Walkthrough['railNote'] {
  const rail = (deal as { rail?: Rail }).rail;
  const p = report.periods[periodNumber - 1];
  const next = report.periods[periodNumber];
  if (!rail || !p || !next || p.carriedForward <= 0) return null;
  const days = daysBetween(p.date, next.date);
  const amount = interestOnRail(rail, { amount: p.carriedForward, startDate: p.date, days }).toNumber();
  const rate = railRateOn(rail, p.date);
  const where = rail.kind === 'e-cny'
    ? `in ${rail.wallet === 'real-name' ? 'real-name' : 'anonymous'} e-CNY wallets (数字人民币钱包)`
    : 'in the bank account';
  const why = rail.kind === 'e-cny' && rate === 0
    ? (rail.wallet === 'real-name' ? ' — before 2026-01-01 e-CNY was cash (M0) and earned no interest' : ' — anonymous wallets earn no interest')
    : ` at the demand-deposit rate of ${formatRate(rate, 2)} (活期利率, days/360)`;
  return {
    text: `The ${formatMoney(p.carriedForward)} kept in the trust waits ${days} days ${where} until ${next.date}, earning ${formatMoney(amount)}${why}.`,
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
  /** From models/cost (issue 6): the leg's all-in cost, its fees and taxes in yuan, FX loss. */
  /** chainFeeRate: the chain's fees as an annual rate (counter-guarantee + HK guarantee + arrangement spread over the term). */
  cost: { allInCostRate: number | null; chainFeeRate: number; taxes: number; expectedFxLoss: number; fxLoss99: number; fxLoss99CI95: [number, number] } | null;
}

interface LegData {
  id: string; name?: string; currency: string; maturityDate: string;
  firm: { name: string };
  facility: { totalCny: string | number };
  draws: Array<{ date: string; amountCny: string | number }>;
  coupon: { rate: number; paymentMonths: number };
  taxes: { lender: string; borneBy: string };
  chain: { hkGuarantor: { name: string }; onshoreBank: { name: string }; counterGuaranteeFee: number; hkGuaranteeFee: number; arrangementFeeUpfront: number };
}
interface LegCostView {
  id: string;
  quota?: Array<{ date: string; quota: number; usedAfter: number }>;
  chainFees?: { total: number };
  taxes?: number;
  fx?: { expectedFxLoss: number; fxLoss99: number; fxLoss99CI95: [number, number] };
}
interface DealCostView { tranches?: Array<{ id: string; allInCostRate: number; offshore?: boolean }>; legs?: LegCostView[] }

export function legLessons(deal: Deal, dealCost: unknown): LegLesson[] {
  const legs = (deal as { offshoreLegs?: LegData[] }).offshoreLegs ?? [];
  const dc = (dealCost ?? null) as DealCostView | null;
  return legs.map((leg) => {
    const lc = dc?.legs?.find((x) => x.id === leg.id);
    const tr = dc?.tranches?.find((x) => x.id === leg.id && x.offshore);
    return {
      id: leg.id,
      name: leg.name ?? leg.id,
      firm: leg.firm.name,
      currency: leg.currency,
      facility: Number(leg.facility.totalCny),
      draws: leg.draws.map((d, i) => ({ date: d.date, amount: Number(d.amountCny), quotaAfter: lc?.quota?.[i]?.usedAfter ?? null, quota: lc?.quota?.[i]?.quota ?? null })),
      couponRate: leg.coupon.rate,
      paymentMonths: leg.coupon.paymentMonths,
      maturityDate: leg.maturityDate,
      taxes: leg.taxes,
      chain: {
        onshoreBank: leg.chain.onshoreBank.name, hkGuarantor: leg.chain.hkGuarantor.name,
        counterGuaranteeFee: leg.chain.counterGuaranteeFee, hkGuaranteeFee: leg.chain.hkGuaranteeFee, arrangementFeeUpfront: leg.chain.arrangementFeeUpfront,
      },
      cost: lc && lc.chainFees && lc.fx ? {
        allInCostRate: tr?.allInCostRate ?? null, chainFeeRate: lc.chainFees.total, taxes: lc.taxes ?? 0,
        expectedFxLoss: lc.fx.expectedFxLoss, fxLoss99: lc.fx.fxLoss99, fxLoss99CI95: lc.fx.fxLoss99CI95,
      } : null,
    };
  });
}

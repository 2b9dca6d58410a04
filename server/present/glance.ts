// A deal at a glance, for the library and the compare page: market, size, tranches, enhancement
// and coupon, read straight from the deal data (no simulation).
import { Decimal } from 'decimal.js';
import type { Deal, Tranche } from '../../models/deal-format/schema.js';
import { enhancementKind } from '../../models/enhancements/registry.js';
import { assetKindOf } from '../../models/pool/asset-registry.js';
import { lprFixingOn } from '../../models/market/lpr.js';
import { daysFrom } from '../../models/calendar/iso-date.js';
import { formatBp, formatRate } from '../../models/format.js';
import { translate, type Lang } from '../../models/i18n/index.js';

export interface TrancheGlance {
  id: string;
  name: string;
  nameZh: string | null;
  class: Tranche['class'];
  seniority: number;
  balance: number;
  /** Share of all notes. */
  share: number;
  /** "2.70%", "LPR1Y + 80 bp (4.25% at issue)", "residual" (in the request's language). */
  couponLabel: string;
  /** The coupon rate at issue (benchmark + spread on the issue date), null when there is none. */
  couponRate: number | null;
  principal: string;
  holder: string | null;
}

export interface EnhancementGlance {
  id: string;
  kind: string;
  label: string;
  labelZh: string;
  /** What the parties are called on the diagram (guarantor 担保人, undertaker 差额支付承诺人); null: the kind's label. */
  partyRole: 'guarantor' | 'undertaker' | null;
  name: string | null;
  /** Providers / guarantors that pay under it. */
  parties: Array<{ id: string; name: string; share: number; capacity: number | null }>;
  /** Total capacity of the parties; null when one is unlimited. */
  capacity: number | null;
}

export interface DealGlance {
  id: string;
  name: string;
  nameZh: string | null;
  description: string | null;
  market: Deal['meta']['market'];
  marketLabel: string;
  marketLabelZh: string;
  venue: string | null;
  currency: string;
  issueDate: string;
  maturityDate: string;
  termYears: number;
  paymentFrequency: string;
  /** Sum of tranche balances: the issue size. */
  size: number;
  obligors: number;
  appraisedValue: number;
  tranches: TrancheGlance[];
  enhancements: EnhancementGlance[];
  /** Notes below the most senior rank, as a share of all notes (internal enhancement). */
  subordinationShare: number;
  /** Reserve accounts' initial balance as a share of the notes. */
  reserveShare: number;
  /** Balance-weighted coupon of the notes that carry one, at issue. */
  weightedCoupon: number | null;
  /** Settlement rail kind ('e-cny', 'bank-transfer') when the deal names one. */
  rail: string | null;
  /** "+k" offshore legs beside the trust (N+1). */
  offshoreLegs: number;
  /** The pool's asset model (models/pool/asset-kind.ts ASSET_MODELS), or 'mixed' when its assets differ. */
  assetModel: string;
  /** Where the deal's facts come from: the distinct sources its provenance names, in order. */
  sources: string[];
}

export function couponAtIssue(t: Tranche, issueDate: string, lang: Lang = 'en'): { label: string; rate: number | null } {
  const c = t.coupon;
  if (c.type === 'fixed') return { label: formatRate(c.rate), rate: c.rate };
  if (c.type === 'none') return { label: translate(lang, 'coupon.residual'), rate: null };
  if (c.type === 'market') return { label: translate(lang, 'price.coupon.market'), rate: null };
  const tenor = c.benchmark === 'LPR1Y' ? '1Y' : '5Y';
  const sign = c.spread >= 0 ? '+' : '−';
  const base = `${c.benchmark} ${sign} ${formatBp(Math.abs(c.spread))}`;
  try {
    const rate = lprFixingOn(issueDate, tenor).rate + c.spread;
    return { label: translate(lang, 'coupon.atIssue', { base, rate: formatRate(rate) }), rate };
  } catch {
    return { label: base, rate: null };
  }
}

/** A deal at a glance; its labels (coupon, principal rule) in `lang`, the market in both languages. */
export function glanceOf(deal: Deal, lang: Lang = 'en'): DealGlance {
  const m = deal.meta;
  const tranches = deal.liabilities.tranches;
  // Money fields may be decimal strings: sum exactly, then show as numbers.
  const sum = (xs: Array<string | number>) => xs.reduce<Decimal>((s, x) => s.plus(x), new Decimal(0)).toNumber();
  const size = sum(tranches.map((t) => t.balance));
  const topRank = Math.min(...tranches.map((t) => t.seniority));
  const below = sum(tranches.filter((t) => t.seniority > topRank).map((t) => t.balance));
  let couponWeight = 0;
  let couponSum = 0;
  const tg = tranches.map((t): TrancheGlance => {
    const c = couponAtIssue(t, m.issueDate, lang);
    const balance = Number(t.balance);
    if (c.rate !== null) { couponWeight += balance; couponSum += balance * c.rate; }
    return {
      id: t.id, name: t.name ?? t.id, nameZh: t.nameZh ?? null, class: t.class, seniority: t.seniority,
      balance, share: size > 0 ? balance / size : 0, couponLabel: c.label, couponRate: c.rate,
      principal: translate(lang, `principal.${t.principal.type}`), holder: t.holder ?? null,
    };
  });
  const enh = deal.enhancements.map((e): EnhancementGlance => {
    const k = enhancementKind(e.kind);
    const parties = k.parties(e).map((p) => ({ id: p.id, name: p.name, share: p.share, capacity: p.capacity === null ? null : Number(p.capacity) }));
    const capacity = parties.some((p) => p.capacity === null) ? null : parties.reduce((s, p) => s + (p.capacity ?? 0), 0);
    return { id: e.id, kind: e.kind, label: k.label, labelZh: k.labelZh, partyRole: k.partyRole ?? null, name: e.name ?? null, parties, capacity };
  });
  const reserve = sum(deal.accounts.map((a) => a.initialBalance));
  const days = daysFrom(m.issueDate, m.maturityDate);
  return {
    id: m.id, name: m.name, nameZh: m.nameZh ?? null, description: m.description ?? null,
    market: m.market, marketLabel: translate('en', `market.${m.market}`), marketLabelZh: translate('zh', `market.${m.market}`),
    venue: m.venue ?? null, currency: m.currency, issueDate: m.issueDate, maturityDate: m.maturityDate,
    termYears: Math.round((days / 365) * 100) / 100, paymentFrequency: m.paymentFrequency,
    size, obligors: deal.pool.obligors.length,
    appraisedValue: sum(deal.pool.obligors.map((o) => o.ip.appraisedValue)),
    tranches: tg, enhancements: enh,
    subordinationShare: size > 0 ? below / size : 0,
    reserveShare: size > 0 ? reserve / size : 0,
    weightedCoupon: couponWeight > 0 ? couponSum / couponWeight : null,
    rail: (deal as { rail?: { kind?: string } }).rail?.kind ?? null,
    offshoreLegs: ((deal as { offshoreLegs?: unknown[] }).offshoreLegs ?? []).length,
    ...assetModelAndSources(deal),
  };
}

/** The pool's asset model and the deal's sources (for the library, grouped by asset model). */
export function assetModelAndSources(deal: Deal): { assetModel: string; sources: string[] } {
  const models = [...new Set(deal.pool.obligors.map((o) => assetKindOf(o.asset).model))];
  const sources = [...new Set(deal.provenance.flatMap((p) => (p.kind === 'fact' && p.source ? [p.source] : [])))];
  return { assetModel: models.length === 1 ? models[0]! : 'mixed', sources };
}


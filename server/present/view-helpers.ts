// Helpers every EJS view can call: numbers for people, and JSON safe inside <script type="application/json">.
// The language-bound ones (t, tz, money, amount…) are made per request by server/language.ts.
import { formatAmountIn, formatBp, formatChineseAmount, formatMoney, formatRate } from '../../models/format.js';
import { translate, type Lang, type MessageKey, type MessageParams } from '../../models/i18n/index.js';

/** JSON for a non-executed <script type="application/json"> block: no '<' can close the tag. */
export function jsonForHtml(v: unknown): string {
  return JSON.stringify(v ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** 133000000 → "133,000,000.00 (1.33亿)"; small amounts without the 万/亿 part. */
export function money(x: number): string {
  return formatAmountIn('en', x);
}

export const pct = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '—' : formatRate(x, digits));

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c] ?? c);
}

/**
 * A term in the page's language with, on English pages, its Chinese beside it in a span that says
 * its language — "Issue size <span lang="zh-CN">发行规模</span>" — as the pages have always shown
 * the market's Chinese terms; Chinese pages show the Chinese alone. Returns HTML (escaped).
 */
export function termHtml(lang: Lang, key: MessageKey, params?: MessageParams, cls = 'zh'): string {
  const own = escapeHtml(translate(lang, key, params));
  if (lang === 'zh') return own;
  return `${own} <span class="${cls}" lang="zh-CN">${escapeHtml(translate('zh', key, params))}</span>`;
}

/** The same as plain text (chart labels, downloads): "Issue size 发行规模" in English, "发行规模" in Chinese. */
export function termText(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const own = translate(lang, key, params);
  return lang === 'zh' ? own : `${own} ${translate('zh', key, params)}`;
}

/** The key of a counted message: "x.one" for exactly 1, else "x.other" (Chinese has one form; both keys hold it). */
export function pluralKey(base: string, n: number): MessageKey {
  return `${base}.${n === 1 ? 'one' : 'other'}` as MessageKey;
}

/** A large amount in 万/亿 with its currency: English "1.33亿 CNY", Chinese "1.33亿元" (other currencies by code). */
export function sizeText(lang: Lang, x: number, currency: string): string {
  return lang === 'zh' && currency === 'CNY' ? `${formatChineseAmount(x)}元` : `${formatChineseAmount(x)} ${currency}`;
}

/** The helpers bound to one language, set on res.locals for every page. */
export function languageHelpers(lang: Lang) {
  return {
    /** A term with its Chinese beside it on English pages (HTML). */
    tz: (key: MessageKey, params?: MessageParams, cls?: string) => termHtml(lang, key, params, cls),
    /** An amount people read: "133,000,000.00 (1.33亿)" / "1.33亿元". */
    money: (x: number) => formatAmountIn(lang, x),
    /** A counted message: `${base}.one` for 1 in English, else `${base}.other`, with {n} filled. */
    tn: (base: string, n: number, params?: MessageParams) => translate(lang, pluralKey(base, n), { n, ...params }),
    /** An amount in a currency: "1.33亿 CNY" / "1.33亿元". */
    sizeText: (x: number, currency: string) => sizeText(lang, x, currency),
    /** Mark text from the deal data that is not in the page's language (English names on Chinese pages). */
    langAttr: (textLang: Lang) => (textLang === lang ? '' : ` lang="${textLang === 'zh' ? 'zh-CN' : 'en'}"`),
  };
}

export const viewHelpers = {
  formatMoney, formatChineseAmount, formatRate, formatBp, jsonForHtml, money, pct, escapeHtml, translate,
};

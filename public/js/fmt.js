// Numbers for people in the browser. Mirrors models/format.ts and models/i18n/numbers.ts
// (test/server/fmt.test.ts checks that both give the same text), so pages read the same as the CLI.
import { lang as pageLang } from './i18n.js';

/** 1234567.8 → "1,234,567.80" */
export function formatMoney(x) {
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 133000000 → "1.33亿", 2000000 → "200万"; small amounts in yuan with separators. */
export function formatChineseAmount(x) {
  const a = Math.abs(x);
  const trim = (v, d) => String(+v.toFixed(d));
  if (a >= 1e8) return `${trim(x / 1e8, 4)}亿`;
  if (a >= 1e4) return `${trim(x / 1e4, 2)}万`;
  return formatMoney(x);
}

/** English "133,000,000.00 (1.33亿)", Chinese "1.33亿元" (models/format.ts formatAmountIn). */
export function formatAmountIn(lang, x) {
  if (lang === 'zh') return Math.abs(x) >= 1e4 ? `${formatChineseAmount(x)}元` : `${formatMoney(x)}元`;
  return Math.abs(x) >= 1e4 ? `${formatMoney(x)} (${formatChineseAmount(x)})` : formatMoney(x);
}

/** 0.027 → "2.70%" */
export function formatRate(r, digits = 2) {
  return `${(r * 100).toFixed(digits)}%`;
}

/** 0.0085 → "85 bp" */
export function formatBp(r) {
  return `${+(r * 10000).toFixed(1)} bp`;
}

/** An amount in the page's language: "133,000,000.00 (1.33亿)" / "1.33亿元". */
export function money(x, lang = pageLang) {
  return formatAmountIn(lang, x);
}

/** "1.33亿 CNY" / "1.33亿元" (view-helpers.ts sizeText). */
export function sizeText(x, currency, lang = pageLang) {
  return lang === 'zh' && currency === 'CNY' ? `${formatChineseAmount(x)}元` : `${formatChineseAmount(x)} ${currency}`;
}

export const pct = (x, digits = 2) => (x === null || x === undefined ? '—' : formatRate(x, digits));

// ---- reading what people type (models/i18n/numbers.ts) ----
const FULL_WIDTH = { '．': '.', '，': ',', '％': '%', '－': '-', '＋': '+', '　': ' ' };

export function normalizeNumberText(text) {
  return String(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．，％－＋　]/g, (c) => FULL_WIDTH[c] ?? c)
    .replace(/[\s_]/g, '')
    .replace(/(\d),(?=\d)/g, '$1');
}

export function shiftDecimal(digits, places) {
  const [int = '0', frac = ''] = digits.split('.');
  const moved = frac.padEnd(places, '0');
  const whole = `${int}${moved.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = moved.slice(places).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

const UNIT_PLACES = { '': 0, 元: 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8 };

/** "1.33亿", "13,300万元", "133000000" → { ok, value } in yuan; below the fen refused. */
export function parseAmount(text, { allowNegative = false } = {}) {
  const s = normalizeNumberText(text);
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(万元|亿元|万|亿|元)?$/.exec(s);
  if (!m) return { ok: false, reason: 'not-a-number' };
  const yuan = shiftDecimal(m[2].startsWith('.') ? `0${m[2]}` : m[2], UNIT_PLACES[m[3] ?? '']);
  if ((yuan.split('.')[1] ?? '').length > 2) return { ok: false, reason: 'below-fen' };
  const value = Number(`${m[1] === '-' ? '-' : ''}${yuan}`);
  if (value < 0 && !allowNegative) return { ok: false, reason: 'negative' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** "2.7" or "2.7%" → { ok, value: 0.027 }. */
export function parsePercent(text, { allowNegative = false } = {}) {
  const s = normalizeNumberText(text).replace(/%$/, '');
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)$/.exec(s);
  if (!m) return { ok: false, reason: 'not-a-number' };
  const digits = m[2].startsWith('.') ? `0${m[2]}` : m[2];
  const [int = '0', frac = ''] = digits.split('.');
  const padded = int.padStart(3, '0');
  const value = Number(`${m[1] === '-' ? '-' : ''}${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`);
  if (value < 0 && !allowNegative) return { ok: false, reason: 'negative' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

export function percentText(x) {
  if (!Number.isFinite(x)) return '';
  return String(Number((x * 100).toPrecision(12)));
}

export function amountText(x) {
  if (!Number.isFinite(x)) return '';
  const clean = (v) => String(Number(v.toPrecision(15)));
  const fen = Math.round(x * 100);
  if (Math.abs(x) >= 1e8 && fen % 1e6 === 0) return `${clean(x / 1e8)}亿`;
  if (Math.abs(x) >= 1e4 && fen % 1e4 === 0) return `${clean(x / 1e4)}万`;
  return clean(x);
}

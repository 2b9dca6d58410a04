// Helpers every EJS view can call: numbers for people, and JSON safe inside <script type="application/json">.
import { formatBp, formatChineseAmount, formatMoney, formatRate } from '../../models/format.js';

/** JSON for a non-executed <script type="application/json"> block: no '<' can close the tag. */
export function jsonForHtml(v: unknown): string {
  return JSON.stringify(v ?? null).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** 133000000 → "133,000,000.00 (1.33亿)"; small amounts without the 万/亿 part. */
export function money(x: number): string {
  return Math.abs(x) >= 1e4 ? `${formatMoney(x)} (${formatChineseAmount(x)})` : formatMoney(x);
}

export const pct = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '—' : formatRate(x, digits));

export const viewHelpers = {
  formatMoney, formatChineseAmount, formatRate, formatBp, jsonForHtml, money, pct,
};

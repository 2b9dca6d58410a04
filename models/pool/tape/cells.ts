// One cell of a pool tape read as the value a column needs — an amount in yuan (万/亿 allowed), a
// percentage, a whole number, a date, a choice — or the reason it cannot be, as a catalogue key
// with its parameters so the message reads in the user's language.
import { Decimal } from 'decimal.js';
import type { MessageKey, MessageParams } from '../../i18n/index.js';
import { daysInMonth, formatIsoDate } from '../../calendar/iso-date.js';

/** A cell as the tape reader sees it, whether it came from a workbook or a CSV file. */
export type TapeCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; percentFormat: boolean }
  | { kind: 'text'; value: string; fromCsv: boolean }
  | { kind: 'date'; iso: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; value: string }
  | { kind: 'boolean'; value: boolean };

export type Parsed<T> = { ok: true; value: T } | { ok: false; key: MessageKey; params: MessageParams };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = <T>(key: MessageKey, params: MessageParams = {}): Parsed<T> => ({ ok: false, key, params });

/** What a person typed, for messages: text as written, numbers as numbers. */
export function shown(c: TapeCell): string {
  switch (c.kind) {
    case 'empty': return '';
    case 'number': return String(c.value);
    case 'text': return c.value.length > 60 ? `${c.value.slice(0, 57)}…` : c.value;
    case 'date': return c.iso;
    case 'formula': return c.formula;
    case 'error': return c.value;
    case 'boolean': return String(c.value);
  }
}

/** Full-width digits and signs to ASCII, spaces and thousands separators out. */
const compact = (s: string) => s.normalize('NFKC').replace(/[\s,，_]/g, '');

// A cell our own writer protected against formula injection ("'=…") reads back as its text.
const NEUTRALIZED = /^'(?=[=+\-@\t\r\n\u2212\uFF1D\uFF0B\uFF0D\uFF20])/;

export function isBlank(c: TapeCell): boolean {
  return c.kind === 'empty' || (c.kind === 'text' && c.value.trim() === '');
}

export function readText(c: TapeCell, max: number): Parsed<string> {
  if (c.kind === 'number') return ok(String(c.value));
  if (c.kind === 'date') return ok(c.iso);
  if (c.kind !== 'text') return bad('tape.err.notText', { got: shown(c) });
  const v = c.value.replace(NEUTRALIZED, '').trim();
  if (v.length > max) return bad('tape.err.tooLong', { max });
  return ok(v);
}

/** An amount in yuan to the fen: 12000000, "12,000,000.00", "1200万", "1.2亿", "¥1.2亿元". */
export function readAmount(c: TapeCell): Parsed<Decimal> {
  let d: Decimal;
  if (c.kind === 'number') d = new Decimal(String(c.value));
  else if (c.kind === 'text') {
    let s = compact(c.value).replace(/^[¥￥]|^(CNY|RMB)/i, '').replace(/(元|CNY|RMB)$/i, '');
    let negative = false;
    if (/^\(.*\)$/.test(s)) { negative = true; s = s.slice(1, -1); }
    const m = /^([+\-\u2212]?)(\d+\.?\d*|\.\d+)(万|亿)?$/.exec(s);
    if (!m) return bad('tape.err.notAmount', { got: shown(c) });
    d = new Decimal(m[2]!).times(m[3] === '亿' ? 1e8 : m[3] === '万' ? 1e4 : 1);
    if (negative || (m[1] !== '' && m[1] !== '+')) d = d.negated();
  } else if (c.kind === 'date') return bad('tape.err.dateInNumber', { got: c.iso });
  else return bad('tape.err.notAmount', { got: shown(c) });
  if (d.isNegative() && !d.isZero()) return bad('tape.err.negative', { got: shown(c) });
  if (d.decimalPlaces() > 2) return bad('tape.err.fen', { got: shown(c) });
  if (d.greaterThan(1e15)) return bad('tape.err.amountTooLarge', { got: shown(c) });
  return ok(d);
}

/**
 * A percentage as a fraction: 2.7 and "2.7%" mean 2.7%; a cell Excel formats as a percentage
 * (stored as 0.027) reads as it shows; "270bp" also reads as 2.7%. Between lo and hi percent.
 */
export function readPercent(c: TapeCell, lo: number, hi: number): Parsed<number> {
  let pctValue: Decimal;
  if (c.kind === 'number') pctValue = new Decimal(String(c.value)).times(c.percentFormat ? 100 : 1);
  else if (c.kind === 'text') {
    const s = compact(c.value);
    const m = /^([+\-\u2212]?)(\d+\.?\d*|\.\d+)(%|bp|个基点)?$/i.exec(s);
    if (!m) return bad('tape.err.notPercent', { got: shown(c) });
    pctValue = new Decimal(m[2]!).div(m[3] && m[3] !== '%' ? 100 : 1);
    if (m[1] && m[1] !== '+') pctValue = pctValue.negated();
  } else if (c.kind === 'date') return bad('tape.err.dateInNumber', { got: c.iso });
  else return bad('tape.err.notPercent', { got: shown(c) });
  if (pctValue.lessThan(lo) || pctValue.greaterThan(hi)) return bad('tape.err.percentRange', { lo, hi, got: shown(c) });
  return ok(pctValue.div(100).toNumber());
}

export type RateValue = { type: 'fixed'; annualRate: number } | { type: 'benchmark'; benchmark: 'LPR1Y' | 'LPR5Y'; spread: number };

/** A loan rate: a percentage (4.2, "4.2%") or a spread over the LPR ("LPR1Y+80bp", "1年期LPR+0.5%"). */
export function readRate(c: TapeCell): Parsed<RateValue> {
  if (c.kind === 'text') {
    const s = compact(c.value).toUpperCase();
    const m = /^(LPR1Y|LPR5Y|1年期LPR|5年期LPR|一年期LPR|五年期LPR)(?:([+\-\u2212])(\d+\.?\d*|\.\d+)(%|BP|个基点))?$/.exec(s);
    if (m) {
      const benchmark = /5|五/.test(m[1]!) ? 'LPR5Y' : 'LPR1Y';
      let spread = m[3] ? new Decimal(m[3]).div(m[4] === '%' ? 100 : 10_000) : new Decimal(0);
      if (m[2] && m[2] !== '+') spread = spread.negated();
      if (spread.lessThan(-0.1) || spread.greaterThan(0.2)) return bad('tape.err.spreadRange', { got: shown(c) });
      return ok({ type: 'benchmark', benchmark, spread: spread.toNumber() });
    }
    if (/LPR/.test(s)) return bad('tape.err.notRate', { got: shown(c) });
  }
  const p = readPercent(c, 0, 100);
  if (!p.ok) return p.key === 'tape.err.notPercent' ? bad('tape.err.notRate', { got: shown(c) }) : p;
  return ok({ type: 'fixed', annualRate: p.value });
}

export function readWhole(c: TapeCell, lo: number, hi: number): Parsed<number> {
  let n: number;
  if (c.kind === 'number') n = c.value;
  else if (c.kind === 'text' && /^[+\-\u2212]?\d+(\.0*)?$/.test(compact(c.value))) n = Number(compact(c.value).replace('\u2212', '-'));
  else if (c.kind === 'date') return bad('tape.err.dateInNumber', { got: c.iso });
  else return bad('tape.err.notWhole', { lo, hi, got: shown(c) });
  if (!Number.isInteger(n) || n < lo || n > hi) return bad(n < 0 ? 'tape.err.negative' : 'tape.err.notWhole', { lo, hi, got: shown(c) });
  return ok(n);
}

const validDay = (y: number, m: number, d: number) => y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);

/**
 * A date written as text in a CSV file: 2023-06-01, 2023/6/1 (what Excel on Chinese Windows
 * saves), 2023.6.1 or 2023年6月1日. Day-first or month-first forms (6/1/2023) are refused as ambiguous.
 */
export function dateFromText(text: string): Parsed<string> {
  const s = compact(text);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) ? ok(formatIsoDate(y, mo, d)) : bad('tape.err.noSuchDate', { got: text });
  }
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(s)) return bad('tape.err.dateAmbiguous', { got: text });
  return bad('tape.err.notDate', { got: text });
}

/** A date: an Excel date cell, or (in a CSV file) text as dateFromText reads it. */
export function readDate(c: TapeCell): Parsed<string> {
  if (c.kind === 'date') return ok(c.iso);
  if (c.kind === 'text') {
    if (!c.fromCsv) {
      // A workbook cell holding a date as text: Excel does not treat it as a date (sorting,
      // arithmetic), and "6/1/2023" could be either day first or month first.
      return bad('tape.err.dateAsText', { got: shown(c) });
    }
    return dateFromText(c.value);
  }
  if (c.kind === 'number') return bad('tape.err.numberAsDate', { got: shown(c) });
  return bad('tape.err.notDate', { got: shown(c) });
}

/** One of a list of choices, by its stored value, its label in either language or another spelling. */
export function readChoice<T extends string>(c: TapeCell, choices: ReadonlyArray<{ value: T; names: readonly string[] }>): Parsed<T> | null {
  if (c.kind !== 'text') return null;
  const v = c.value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  const hit = choices.find((ch) => ch.value === v || ch.names.some((n) => n.normalize('NFKC').toLowerCase() === v));
  return hit ? ok(hit.value) : null;
}

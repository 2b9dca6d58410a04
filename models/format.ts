// Numbers for people: CNY with thousands separators, 万/亿 where it helps, rates in %, spreads in bp.

/** 1234567.8 → "1,234,567.80" */
export function formatMoney(x: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 133000000 → "1.33亿", 2000000 → "200万"; small amounts in yuan with separators. */
export function formatChineseAmount(x: number): string {
  const a = Math.abs(x);
  const trim = (v: number, d: number) => String(+v.toFixed(d));
  if (a >= 1e8) return `${trim(x / 1e8, 4)}亿`;
  if (a >= 1e4) return `${trim(x / 1e4, 2)}万`;
  return formatMoney(x);
}

/** An amount as a person reads it in a language: English "133,000,000.00 (1.33亿)" (the 万/亿 beside
 * large amounts), Chinese "1.33亿元" (万元/亿元, the way the market writes them); small amounts in yuan. */
export function formatAmountIn(lang: 'en' | 'zh', x: number): string {
  if (lang === 'zh') return Math.abs(x) >= 1e4 ? `${formatChineseAmount(x)}元` : `${formatMoney(x)}元`;
  return Math.abs(x) >= 1e4 ? `${formatMoney(x)} (${formatChineseAmount(x)})` : formatMoney(x);
}

/** 0.027 → "2.70%" */
export function formatRate(r: number, digits = 2): string {
  return `${(r * 100).toFixed(digits)}%`;
}

/** 0.0085 → "85 bp" */
export function formatBp(r: number): string {
  return `${+(r * 10000).toFixed(1)} bp`;
}

// East Asian wide and fullwidth characters (汉字, 全角标点, kana, hangul) take two columns of a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How many terminal columns a text takes: two for each wide character, one for the rest. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const padTo = (text: string, width: number, end: boolean): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return end ? text + fill : fill + text;
};

/** A plain text table with right-aligned numbers; Chinese headers and cells line up in a terminal. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => padTo(c, widths[i]!, i === 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Formula injection (CSV injection, OWASP): a spreadsheet runs a text cell that begins with =, +,
 * -, @ (or their full-width forms, or − U+2212), a tab, CR or LF as a formula, so a deal named
 * `=HYPERLINK(…)` would become a live link in the user's Excel. Such a cell gets a leading
 * apostrophe and reads as text; a plain number ("-1234.50", "1e-7") cannot be a formula and is
 * kept as it is. Every CSV and XLSX the project writes passes its text cells through here.
 */
const FORMULA_START = /^[=+\-@\t\r\n\u2212\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A spreadsheet cell value: text neutralized, numbers (and anything else) as they are. */
export const safeCell = <T>(v: T): T | string => (typeof v === 'string' ? neutralizeCell(v) : v);

/** RFC 4180 CSV, every text cell neutralized against formula injection. */
export function toCsv(header: string[], rows: Array<Array<string | number>>): string {
  const esc = (v: string | number) => {
    const s = typeof v === 'number' ? String(v) : neutralizeCell(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}

// ---------- values quoted back in messages ----------

/**
 * The most characters of one value that an error message quotes back (CLI and API alike, see
 * docs/api.md): a 10 MB id is shown as its first ECHO_MAX characters and its length.
 */
export const ECHO_MAX = 80;

// C0 and C1 controls (ESC starts ANSI sequences, U+009B is a one-character CSI), DEL, the line and
// paragraph separators and the bidirectional overrides that can make text read in another order.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const escapeChar = (c: string): string =>
  c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text safe to print on a terminal: control characters, ANSI escape sequences and bidirectional
 * overrides are shown escaped (`\u001b[31m`, `\n`) instead of acting on the terminal.
 * `keepLayout` lets line feeds and tabs through (for whole outputs whose lines the program laid out).
 */
export function printable(text: string, keepLayout = false): string {
  return text.replace(keepLayout ? UNPRINTABLE_BUT_LAYOUT : UNPRINTABLE, escapeChar);
}

/** Text shown unquoted in a message (a URL path, a file name): unprintables escaped, cut to `max`. */
export function clip(text: string, max = ECHO_MAX): string {
  const cut = text.length > max;
  return `${printable(cut ? text.slice(0, max) : text)}${cut ? `… (${text.length.toLocaleString('en-US')} characters)` : ''}`;
}

/**
 * The longest error message the CLI prints or the API answers: a backstop (each quoted value is
 * already cut to ECHO_MAX); anything longer is cut with a note.
 */
export const MESSAGE_MAX = 4000;
export function capMessage(message: string): string {
  return message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX)}… (message cut at ${MESSAGE_MAX} characters)` : message;
}

/**
 * A value as an error message quotes it: strings in JSON quotes with unprintable characters
 * escaped, cut to `max` characters with the full length noted; lists and objects previewed a few
 * levels deep (hostile nesting cannot exhaust the stack) and cut to `max`; `nothing` for undefined.
 */
export function echo(value: unknown, max = ECHO_MAX): string {
  if (value !== null && typeof value === 'object') {
    const s = preview(value, 3, max + 1);
    return s.length > max ? `${s.slice(0, max)}…` : s;
  }
  return scalar(value, max);
}

function scalar(v: unknown, max: number): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') {
    const cut = v.length > max;
    return `${printable(JSON.stringify(cut ? v.slice(0, max) : v))}${cut ? `… (${v.length.toLocaleString('en-US')} characters)` : ''}`;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null) return String(v);
  return typeof v;
}

function preview(v: unknown, depth: number, budget: number): string {
  if (v === null || typeof v !== 'object') return scalar(v, budget);
  const isList = Array.isArray(v);
  if (depth === 0) return isList ? '[…]' : '{…}';
  const parts: string[] = [];
  let used = 2;
  const entries: Iterable<[string, unknown]> = isList ? (v as unknown[]).entries() as Iterable<[never, unknown]> : Object.entries(v as Record<string, unknown>);
  for (const [k, x] of entries) {
    if (used > budget) { parts.push('…'); break; }
    const p = (isList ? '' : `${scalar(k, budget)}:`) + preview(x, depth - 1, budget - used);
    parts.push(p);
    used += p.length + 1;
  }
  return isList ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

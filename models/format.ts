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

/** 0.027 → "2.70%" */
export function formatRate(r: number, digits = 2): string {
  return `${(r * 100).toFixed(digits)}%`;
}

/** 0.0085 → "85 bp" */
export function formatBp(r: number): string {
  return `${+(r * 10000).toFixed(1)} bp`;
}

/** A plain text table with right-aligned numbers. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
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

// Numbers for people in the browser. Mirrors models/format.ts (test/server/fmt.test.ts checks
// that both give the same text), so pages read the same as the CLI.

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

/** 0.027 → "2.70%" */
export function formatRate(r, digits = 2) {
  return `${(r * 100).toFixed(digits)}%`;
}

/** 0.0085 → "85 bp" */
export function formatBp(r) {
  return `${+(r * 10000).toFixed(1)} bp`;
}

/** "133,000,000.00 (1.33亿)" */
export function money(x) {
  return Math.abs(x) >= 1e4 ? `${formatMoney(x)} (${formatChineseAmount(x)})` : formatMoney(x);
}

export const pct = (x, digits = 2) => (x === null || x === undefined ? '—' : formatRate(x, digits));

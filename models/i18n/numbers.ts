// Numbers as people type them (输入格式): amounts in plain yuan or with 万/亿 ("1.33亿", "13,300万元",
// "133000000"), rates in percent ("2.7" means 2.7%). The text is shifted by powers of ten as
// digits, never multiplied in binary floating point, so "1.33亿" is exactly 133000000 and "2.7" is
// exactly 0.027. public/js/fmt.js mirrors these (test/server/fmt.test.ts checks both agree).

export type ParsedNumber = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not-a-number' | 'below-fen' | 'negative' };

const FULL_WIDTH: Record<string, string> = { '．': '.', '，': ',', '％': '%', '－': '-', '＋': '+', '　': ' ' };

/** Full-width digits and signs (a Chinese input method's) as ASCII; spaces and thousands separators out. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．，％－＋　]/g, (c) => FULL_WIDTH[c] ?? c)
    .replace(/[\s_]/g, '')
    .replace(/(\d),(?=\d)/g, '$1');
}

/** "12.345" shifted left by `places` digits as a decimal string: ("1.33", 8) → "133000000". */
export function shiftDecimal(digits: string, places: number): string {
  const [int = '0', frac = ''] = digits.split('.');
  const moved = frac.padEnd(places, '0');
  const whole = `${int}${moved.slice(0, places)}`.replace(/^0+(?=\d)/, '');
  const rest = moved.slice(places).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

const UNIT_PLACES: Record<string, number> = { '': 0, 元: 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8 };

/**
 * An amount in yuan from what a person typed: "133000000", "133,000,000.00", "1.33亿", "13300万",
 * "200 万元", "5000元". Amounts below the fen are refused rather than rounded.
 */
export function parseAmount(text: string, { allowNegative = false } = {}): ParsedNumber {
  const s = normalizeNumberText(text);
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(万元|亿元|万|亿|元)?$/.exec(s);
  if (!m) return { ok: false, reason: 'not-a-number' };
  const yuan = shiftDecimal(m[2]!.startsWith('.') ? `0${m[2]}` : m[2]!, UNIT_PLACES[m[3] ?? '']!);
  if ((yuan.split('.')[1] ?? '').length > 2) return { ok: false, reason: 'below-fen' };
  const value = Number(`${m[1] === '-' ? '-' : ''}${yuan}`);
  if (value < 0 && !allowNegative) return { ok: false, reason: 'negative' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** A rate typed in percent, "2.7" or "2.7%" → 0.027 (exactly the decimal literal). */
export function parsePercent(text: string, { allowNegative = false } = {}): ParsedNumber {
  const s = normalizeNumberText(text).replace(/%$/, '');
  if (s === '') return { ok: false, reason: 'empty' };
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)$/.exec(s);
  if (!m) return { ok: false, reason: 'not-a-number' };
  const digits = m[2]!.startsWith('.') ? `0${m[2]}` : m[2]!;
  const [int = '0', frac = ''] = digits.split('.');
  const padded = int.padStart(3, '0');
  const value = Number(`${m[1] === '-' ? '-' : ''}${padded.slice(0, -2)}.${padded.slice(-2)}${frac}`);
  if (value < 0 && !allowNegative) return { ok: false, reason: 'negative' };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** A fraction as the percent text a form shows: 0.027 → "2.7" (no binary noise: 0.07 → "7", not "7.000000000000001"). */
export function percentText(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number((x * 100).toPrecision(12)));
}

/**
 * An amount as the text a form shows, with 万/亿 when that loses nothing: 133000000 → "1.33亿",
 * 2000000 → "200万", 1234.56 → "1234.56". parseAmount reads it back to the same number.
 */
export function amountText(x: number): string {
  if (!Number.isFinite(x)) return '';
  const clean = (v: number) => String(Number(v.toPrecision(15)));
  const fen = Math.round(x * 100);
  if (Math.abs(x) >= 1e8 && fen % 1e6 === 0) return `${clean(x / 1e8)}亿`;
  if (Math.abs(x) >= 1e4 && fen % 1e4 === 0) return `${clean(x / 1e4)}万`;
  return clean(x);
}

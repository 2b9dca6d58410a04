// Building blocks for the deal schema. Each helper carries its own error text so that
// every problem reads `path: what is wrong (what is allowed)`.
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { echo } from '../format.js';
import { isValidIsoDate } from '../calendar/iso-date.js';
import { DATE_TEXT, MONEY_TEXT } from './problem-text.js';

/** Loan and coupon benchmarks: the 1-year and 5-year loan prime rate (贷款市场报价利率). */
export const BENCHMARKS = ['LPR1Y', 'LPR5Y'] as const;
/** What a market-priced coupon (市场化定价) is written on: the government curve at the WAL (a fixed coupon) or the 1-year LPR (floating). */
export const MARKET_BENCHMARKS = ['CGB', 'LPR1Y'] as const;

// Values quoted in messages are cut to ECHO_MAX characters, escaped and depth-bounded (models/format.ts).
const show = (v: unknown): string => echo(v);
export const describeValue = show;

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;

/** Up to five names quoted (each cut to the echo length), then how many more. */
export function listEchoed(names: readonly PropertyKey[]): string {
  const shown = names.slice(0, 5).map((k) => show(String(k))).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** A strict object: unknown fields are errors that list the allowed fields. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        return `unknown field ${listEchoed(iss.keys)} (allowed: ${allowed})`;
      }
      if (iss.code === 'invalid_type') {
        return `must be an object, got ${typeOf(iss.input)}`;
      }
      return undefined;
    },
  });
}

/** A finite number in [lo, hi]; the message states the range and the value received. */
export function numberBetween(lo: number, hi: number, what = 'a number') {
  const msg = (input: unknown) =>
    typeof input === 'number'
      ? `must be between ${lo} and ${hi}, got ${input}`
      : `must be ${what} between ${lo} and ${hi}, got ${typeOf(input)} ${show(input)}`;
  return z
    .number({ error: (iss) => msg(iss.input) })
    .min(lo, { error: (iss) => msg(iss.input) })
    .max(hi, { error: (iss) => msg(iss.input) });
}

/** A fraction such as a rate or probability, written as a decimal (0.027 for 2.7%). */
export const fraction = () => numberBetween(0, 1, 'a fraction');

/**
 * A fee a firm pays, as a share of its principal (once, or a year): IP appraisal fees run about
 * 0.3-1%, guarantee and arrangement fees 0.3-3% a year. At most 10% catches 0.997 typed for
 * 0.997%, which left the firm nothing and its funding cost without a rate.
 */
export const feeRate = () => numberBetween(0, 0.1, 'a fee rate');

/** A spread over a benchmark, as a decimal; may be negative (LPR − 20 bp). */
export const spread = () => numberBetween(-0.1, 0.2, 'a decimal spread');

export function integerBetween(lo: number, hi: number) {
  const msg = (input: unknown) =>
    typeof input === 'number'
      ? `must be a whole number between ${lo} and ${hi}, got ${input}`
      : `must be a whole number between ${lo} and ${hi}, got ${typeOf(input)} ${show(input)}`;
  return z
    .number({ error: (iss) => msg(iss.input) })
    .int({ error: (iss) => msg(iss.input) })
    .min(lo, { error: (iss) => msg(iss.input) })
    .max(hi, { error: (iss) => msg(iss.input) });
}

/**
 * The one grammar of money in a deal (yuan, exact to the fen): a JSON number, or a string of
 * digits with one optional point and one or two decimals ("133000000.00", "15700000"). Nothing
 * else: no spaces, signs, underscores, exponents, "Infinity" or hex, all of which decimal.js or
 * Number() would read differently (or not at all). Checked here once; the engines then read every
 * amount with `new Decimal(x)` or `Number(x)` and get the same value.
 */
export const MONEY_STRING = /^[0-9]+(\.[0-9]{1,2})?$/;
export const MAX_MONEY = '1e15';

/** Why `v` is not money, or null if it is (a finite amount, 0 or more, at most 2 decimals, ≤ 1e15). */
export function moneyProblem(v: unknown): string | null {
  let d: Decimal;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return MONEY_TEXT.notFinite(show(v));
    d = new Decimal(v);
  } else if (typeof v === 'string') {
    // A minus sign or a third decimal gets its own message below; anything else is not money.
    if (!MONEY_STRING.test(v) && !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return MONEY_TEXT.grammar(show(v));
    d = new Decimal(v);
  } else {
    return MONEY_TEXT.type(typeOf(v));
  }
  if (d.isNegative() && !d.isZero()) return MONEY_TEXT.negative(show(v));
  if (d.decimalPlaces() > 2) return MONEY_TEXT.fen(show(v));
  if (d.greaterThan(MAX_MONEY)) return MONEY_TEXT.tooLarge(MAX_MONEY, show(v));
  return null;
}

const grammarProblem = (iss: { input?: unknown }): string => moneyProblem(iss.input) ?? MONEY_TEXT.type(typeOf(iss.input));

/**
 * An amount of money in yuan (see MONEY_STRING for the one grammar). The union carries the
 * grammar so that the JSON Schema (`ipabs schema`) shows editors the pattern and the range.
 */
export function money() {
  return z
    .union([
      z.number().min(0, { error: grammarProblem }).max(Number(MAX_MONEY), { error: grammarProblem }),
      z.string().regex(MONEY_STRING, { error: grammarProblem }),
    ], { error: grammarProblem })
    .superRefine((v, ctx) => {
      const problem = moneyProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
export type MoneyInput = number | string;

/**
 * The dates a deal may use. The engines count days and months past the deal's dates (loans of up to
 * 30 years, recoveries up to 10 years after a default) and write dates with four-digit years, so
 * deal dates stop well before year 9999 ("NONE" calendar deals have no holiday data to stop them).
 */
export const FIRST_DEAL_DATE = '1900-01-01';
export const LAST_DEAL_DATE = '2199-12-31';

/** A calendar date written YYYY-MM-DD, from FIRST_DEAL_DATE to LAST_DEAL_DATE. */
export function isoDate() {
  return z
    .string({ error: (iss) => `must be a date written YYYY-MM-DD, got ${typeOf(iss.input)} ${show(iss.input)}` })
    .refine(isValidIsoDate, { abort: true, error: (iss) => `must be a real date written YYYY-MM-DD, got ${show(iss.input)}` })
    .refine((d) => d >= FIRST_DEAL_DATE && d <= LAST_DEAL_DATE, { error: (iss) => DATE_TEXT.outOfRange(FIRST_DEAL_DATE, LAST_DEAL_DATE, show(iss.input)) });
}

/** One of a fixed list of words; the message lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (iss) => `must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${show(iss.input)}`,
  });
}

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A short identifier: lower-case letters, digits, '.', '_' and '-', at most 64 characters. */
export function identifier() {
  return z
    .string({ error: (iss) => `must be an identifier string, got ${typeOf(iss.input)}` })
    .regex(ID_RE, {
      error: (iss) =>
        `must be an identifier of lower-case letters, digits, '.', '_' or '-' (1-64 characters, starting with a letter or digit), got ${show(iss.input)}`,
    });
}

export function text(max = 500) {
  return z
    .string({ error: (iss) => `must be text, got ${typeOf(iss.input)}` })
    .min(1, { error: () => 'must not be empty' })
    .max(max, { error: () => `must be at most ${max} characters` });
}

export function listOf<T extends z.ZodType>(item: T, min = 0, max = 100_000) {
  return z
    .array(item, { error: (iss) => `must be a list, got ${typeOf(iss.input)}` })
    .min(min, { error: () => `must have at least ${min} entr${min === 1 ? 'y' : 'ies'}` })
    .max(max, { error: () => `must have at most ${max} entries` });
}

/** A tagged union on `kind` (or another field); an unknown tag lists the allowed ones. */
export function tagged<K extends string, O extends readonly [z.ZodObject, ...z.ZodObject[]]>(key: K, options: O) {
  return z.discriminatedUnion(key, options as unknown as [z.ZodObject, ...z.ZodObject[]], {
    error: (iss) => {
      const code: string = iss.code;
      if (code === 'invalid_union' && 'options' in iss) {
        const opts = (iss as { options?: unknown[] }).options ?? [];
        const got = iss.input && typeof iss.input === 'object' ? (iss.input as Record<string, unknown>)[key] : iss.input;
        return `${key} must be one of ${opts.map((o) => `"${String(o)}"`).join(', ')}, got ${show(got)}`;
      }
      if (code === 'invalid_type') return `must be an object with a "${key}" field, got ${typeOf(iss.input)}`;
      return undefined;
    },
  }) as unknown as z.ZodDiscriminatedUnion<[...O], K>;
}

// Building blocks for the deal schema. Each helper carries its own error text so that
// every problem reads `path: what is wrong (what is allowed)`.
import { z } from 'zod';
import { Decimal } from 'decimal.js';

/** Loan and coupon benchmarks: the 1-year and 5-year loan prime rate (贷款市场报价利率). */
export const BENCHMARKS = ['LPR1Y', 'LPR5Y'] as const;

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
};
export const describeValue = show;

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;

/** A strict object: unknown fields are errors that list the allowed fields. */
export function strictObject<S extends z.ZodRawShape>(shape: S) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        return `unknown field ${iss.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`;
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
 * An amount of money in yuan, exact to the fen: a JSON number or a decimal string with at
 * most two decimals ("133000000.00"). Negative amounts are refused.
 */
export function money() {
  return z
    .union([z.number(), z.string()], {
      error: (iss) => `must be an amount in yuan (a number or a decimal string), got ${typeOf(iss.input)}`,
    })
    .superRefine((v, ctx) => {
      let d: Decimal;
      try {
        d = new Decimal(typeof v === 'string' ? v.trim() : v);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be an amount in yuan, got ${show(v)}` });
        return;
      }
      if (!d.isFinite()) ctx.addIssue({ code: 'custom', message: `must be a finite amount, got ${show(v)}` });
      else if (d.isNegative() && !d.isZero()) ctx.addIssue({ code: 'custom', message: `must not be negative, got ${show(v)}` });
      else if (d.decimalPlaces() > 2) ctx.addIssue({ code: 'custom', message: `must be exact to the fen (at most 2 decimals), got ${show(v)}` });
      else if (d.greaterThan('1e15')) ctx.addIssue({ code: 'custom', message: `must be at most 1e15 yuan, got ${show(v)}` });
    });
}
export type MoneyInput = number | string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isValidIsoDate(s: string): boolean {
  const m = ISO_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}
/** A calendar date written YYYY-MM-DD. */
export function isoDate() {
  return z
    .string({ error: (iss) => `must be a date written YYYY-MM-DD, got ${typeOf(iss.input)} ${show(iss.input)}` })
    .refine(isValidIsoDate, { error: (iss) => `must be a real date written YYYY-MM-DD, got ${show(iss.input)}` });
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

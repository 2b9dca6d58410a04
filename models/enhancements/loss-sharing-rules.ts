// The machinery shared by loss-sharing enhancements (风险补偿基金 risk-compensation funds,
// 保证保险 guarantee insurance): parties pay fixed shares (or tiered cover) of an obligor's net
// loss into the trust, within per-loan, annual and aggregate caps, at a month set by a timing rule.
//
// Convention: the trust holds the loans, so it stands in the lender's (the bank's, 银行) shoes.
// The lender's share is not paid by anyone: it stays with the trust. Only the other parties
// (fund, insurer, guarantor, appraiser, ...) pay INTO the trust.
//
// Everything here runs inside Monte Carlo paths, so it works on plain numbers.
import { z } from 'zod';
import {
  fraction, identifier, integerBetween, money, strictObject, tagged, text,
} from '../deal/schema-helpers.js';
import { capacity, capacityLimit, capacityOrNull, type LossEvent, type LossPayment } from './common.js';

/** An object keyed by identifiers (`{ "fund": 0.54, "bank": 0.26 }`), with house error messages. */
export function recordOf<T extends z.ZodType>(value: T, what: string) {
  return z.record(identifier(), value, {
    error: (iss) => {
      if (iss.code === 'invalid_key') {
        const inner = (iss as { issues?: Array<{ message?: string }> }).issues?.[0]?.message;
        return `${inner ?? 'must be an identifier'} (keys of ${what} are identifiers such as "fund")`;
      }
      if (iss.code === 'invalid_type') {
        const got = iss.input === null ? 'null' : Array.isArray(iss.input) ? 'a list' : typeof iss.input;
        return `must be an object of ${what} keyed by party, got ${got}`;
      }
      return undefined;
    },
  });
}

/** A party that pays part of each loss into the trust, with its own caps and default probability. */
export const payerSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  /** Its own annual default probability (a government fund may be 0; an insurer or a guarantor is not). */
  annualDefaultProbability: fraction(),
  /** Sector for the sector copula (e.g. "guarantor", "insurer", "government"). */
  sector: text(100).optional(),
  /** Most it pays over the deal's life, in yuan, or "unlimited" (e.g. the fund's balance). */
  capacity: capacity().optional(),
  /** Most it pays over the deal's life as a share of the pool's (eligible) principal. */
  capacityShareOfPool: fraction().optional(),
  /** Most it pays for any one loan, in yuan. */
  perLoanCap: money().optional(),
  /** Most it pays in any one deal year (months 0-11 are year 0), in yuan (a budget line). */
  annualCap: money().optional(),
});
export type Payer = z.output<typeof payerSchema>;

/**
 * When the payer's cash reaches the trust (months counted from issue):
 * - after-default: `months` after the default, no write-off needed (Shanghai 前补偿: 90 days = 3);
 * - at-write-off: when the recovery/disposal completes (核销), plus `delayMonths`;
 * - deposit-then-write-off: moved to a deposit account (保证金) `depositMonths` after the default,
 *   paid to the trust at write-off; once deposited, the payer's own default no longer matters.
 */
export const timingSchema = tagged('type', [
  strictObject({ type: z.literal('after-default'), months: integerBetween(0, 120) }),
  strictObject({ type: z.literal('at-write-off'), delayMonths: integerBetween(0, 120).optional() }),
  strictObject({ type: z.literal('deposit-then-write-off'), depositMonths: integerBetween(0, 120) }),
] as const);
export type Timing = z.output<typeof timingSchema>;

export const describeTiming = (t: Timing): string =>
  t.type === 'after-default' ? `${t.months} months after default, no write-off needed`
    : t.type === 'at-write-off' ? (t.delayMonths ? `${t.delayMonths} months after write-off` : 'at write-off')
      : `deposited ${t.depositMonths} months after default, paid at write-off`;

/** Cover by bands of cumulative eligible loss, as fractions of the pool's eligible principal. */
export const tierSchema = strictObject({
  /** Upper end of the band: cumulative net loss / eligible principal (0.01 = the first 1%). */
  upToLossRatio: fraction(),
  /** Share of the loss inside the band that the payer covers. */
  cover: fraction(),
});
export interface Tier { upToLossRatio: number; cover: number }

/** Caps in yuan; Infinity = none. */
export interface Caps { perLoan: number; annual: number; aggregate: number; aggregateShareOfPool: number }
export const NO_CAPS: Caps = { perLoan: Infinity, annual: Infinity, aggregate: Infinity, aggregateShareOfPool: Infinity };

export function payerCaps(p: Payer): Caps {
  return {
    perLoan: p.perLoanCap === undefined ? Infinity : Number(p.perLoanCap),
    annual: p.annualCap === undefined ? Infinity : Number(p.annualCap),
    aggregate: capacityLimit(capacityOrNull(p.capacity)),
    aggregateShareOfPool: p.capacityShareOfPool ?? Infinity,
  };
}
/** The tighter of two sets of caps (a preset's caps can only be tightened by the deal's figures). */
export const tighterCaps = (a: Caps, b: Partial<Caps>): Caps => ({
  perLoan: Math.min(a.perLoan, b.perLoan ?? Infinity),
  annual: Math.min(a.annual, b.annual ?? Infinity),
  aggregate: Math.min(a.aggregate, b.aggregate ?? Infinity),
  aggregateShareOfPool: Math.min(a.aggregateShareOfPool, b.aggregateShareOfPool ?? Infinity),
});

export interface RulePayer { partyId: string; share: number; caps: Caps }
/** A loss-sharing rule reduced to numbers. */
export interface LossRule {
  /** The parties that pay into the trust (the lender, i.e. the trust, is not one of them). */
  payers: RulePayer[];
  /** When set, the single payer covers by these bands instead of its `share`. */
  tiers: Tier[] | null;
  /** Loans whose original principal is above this are not covered at all (Infinity: no limit). */
  maxLoanSize: number;
  timing: Timing;
}

/** Caps used so far on one Monte Carlo path. */
export interface LossRuleState {
  rule: LossRule;
  /** Eligible principal the share-of-pool caps and the tiers are measured on. */
  poolPrincipal: number;
  /** Room left under each payer's aggregate cap. */
  room: Float64Array;
  /** Paid by each payer in each deal year (grown as needed). */
  paidByYear: number[][];
  /** Cumulative eligible net loss seen so far (for tiers). */
  cumulativeLoss: number;
}

export function createLossRuleState(rule: LossRule, poolPrincipal: number): LossRuleState {
  const room = new Float64Array(rule.payers.length);
  rule.payers.forEach((p, i) => {
    room[i] = Math.min(p.caps.aggregate, p.caps.aggregateShareOfPool * poolPrincipal);
  });
  return { rule, poolPrincipal, room, paidByYear: rule.payers.map(() => []), cumulativeLoss: 0 };
}

/** When the cash reaches the trust, and from when it no longer depends on the payer. */
export function paymentMonths(t: Timing, ev: LossEvent): { month: number; securedMonth: number } {
  switch (t.type) {
    case 'after-default': {
      const m = ev.defaultMonth + t.months;
      return { month: m, securedMonth: m };
    }
    case 'at-write-off': {
      const m = ev.writeOffMonth + (t.delayMonths ?? 0);
      return { month: m, securedMonth: m };
    }
    case 'deposit-then-write-off': {
      const deposit = ev.defaultMonth + t.depositMonths;
      // Paid out at write-off; never before the money has been deposited.
      return { month: Math.max(deposit, ev.writeOffMonth), securedMonth: deposit };
    }
  }
}

/**
 * Tiered cover of a loss that takes cumulative eligible loss from `before` to `before + loss`:
 * the part of the loss inside each band is covered at the band's rate; beyond the last band, nothing.
 */
export function tieredCover(tiers: readonly Tier[], poolPrincipal: number, before: number, loss: number): number {
  let covered = 0;
  let lo = 0;
  const after = before + loss;
  for (const t of tiers) {
    const hi = t.upToLossRatio * poolPrincipal;
    const overlap = Math.min(after, hi) - Math.max(before, lo);
    if (overlap > 0) covered += overlap * t.cover;
    lo = hi;
    if (lo >= after) break;
  }
  return covered;
}

/**
 * What each payer pays into the trust for one obligor's net loss: eligibility (loan size), then
 * the share (or tiers), then the per-loan cap, the annual cap and the aggregate cap, in that order.
 */
export function coverLossByRule(s: LossRuleState, ev: LossEvent): LossPayment[] {
  const { rule } = s;
  if (!(ev.netLoss > 0) || ev.originalPrincipal > rule.maxLoanSize) return [];
  const { month, securedMonth } = paymentMonths(rule.timing, ev);
  const year = Math.floor(Math.max(0, securedMonth) / 12);
  const out: LossPayment[] = [];
  for (let i = 0; i < rule.payers.length; i++) {
    const p = rule.payers[i]!;
    let amount = rule.tiers ? tieredCover(rule.tiers, s.poolPrincipal, s.cumulativeLoss, ev.netLoss) : ev.netLoss * p.share;
    amount = Math.min(amount, p.caps.perLoan, s.room[i]!);
    const years = s.paidByYear[i]!;
    const paidThisYear = years[year] ?? 0;
    amount = Math.min(amount, p.caps.annual - paidThisYear);
    if (!(amount > 0)) continue;
    years[year] = paidThisYear + amount;
    s.room[i] = s.room[i]! - amount;
    out.push(securedMonth === month ? { partyId: p.partyId, amount, month } : { partyId: p.partyId, amount, month, securedMonth });
  }
  s.cumulativeLoss += ev.netLoss;
  return out;
}

// ---------- checks shared by the kinds ----------

export const fmtShare = (x: number): string => String(+x.toFixed(10));

/** Shares of a loss must add to 1 (100%): the lender's share included. */
export function sharesAddToOne(shares: Record<string, number>, path: string): Array<[string, string]> {
  const entries = Object.entries(shares);
  const total = entries.reduce((s, [, v]) => s + v, 0);
  return Math.abs(total - 1) > 1e-9
    ? [[path, `must add to 1 (100%), got ${fmtShare(total)} (${entries.map(([k, v]) => `${k} ${fmtShare(v)}`).join(' + ')})`]]
    : [];
}

/** Tiers must have increasing upper ends above 0. */
export function checkTiers(tiers: readonly Tier[], path: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let prev = 0;
  tiers.forEach((t, i) => {
    if (!(t.upToLossRatio > prev)) {
      out.push([`${path}[${i}].upToLossRatio`, i === 0
        ? `must be above 0, got ${t.upToLossRatio}`
        : `must be above the previous band's upper end (${prev}); bands go up in order, got ${t.upToLossRatio}`]);
    }
    prev = Math.max(prev, t.upToLossRatio);
  });
  return out;
}

/** Party ids must be unique within one enhancement. */
export function uniquePayerIds(payers: ReadonlyArray<[string, { id: string }]>, path: (key: string) => string): Array<[string, string]> {
  const seen = new Map<string, string>();
  const out: Array<[string, string]> = [];
  for (const [key, p] of payers) {
    const prev = seen.get(p.id);
    if (prev !== undefined) out.push([`${path(key)}.id`, `duplicate id "${p.id}" (already used by ${path(prev)}; party ids must be unique)`]);
    else seen.set(p.id, key);
  }
  return out;
}

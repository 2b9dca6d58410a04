// 市场化定价 Market coupons of a deal: each tranche whose coupon is `{ "type": "market" }` gets
// benchmark + the grid's spread for its domestic grade (TDR/BDR, models/breakeven/rate-deal.ts) at
// its WAL (models/market/market-price.ts).
//
// The grade depends on the coupon (a dearer coupon leaves less excess spread, so a lower break-even
// default rate) and the coupon on the grade: a fixed point. Start every market tranche at AAA(sf)'s
// price, rate the deal, price each tranche at the grade it got, and repeat until no grade changes
// (usually 1–2 rounds: a coupon moves the BDR by a few basis points of the pool). If the grades
// cycle, every tranche takes the worst grade of the cycle (the dearer, conservative price) and the
// answer says it did not settle.
//
// The TDR per grade: by default the stress multipliers on the pool's expected default rate — no
// simulation, so the price is the same at every load — or the TDR table the caller gives (the
// optimizer's Monte Carlo TDR, read once from the pool on common random numbers).
import type { Deal, Tranche } from '../deal-format/schema.js';
import { runExact } from '../engine/exact.js';
import { pricedDeal, PricingError } from '../engine/pricing.js';
import { breakEvenTable, domesticRating, expectedTdrSet, type DomesticRatingResult } from '../breakeven/rate-deal.js';
import { BELOW_SCALE, gradeRank, type DomesticGrade, type DomesticRating } from '../ratings/domestic-scale.js';
import type { TdrMethod, TdrSet } from '../ratings/tdr.js';
import { marketPrice, type MarketPrice } from '../market/market-price.js';
import type { SpreadGrid } from '../market/spread-grid.js';
import type { Curve } from '../market/curve-data.js';
import { lprOn } from '../market/lpr.js';
import { daysBetween } from '../calendar/day-count.js';

export interface MarketPricingOptions {
  grid?: SpreadGrid;
  curve?: Curve;
  /** The TDR set and method to rate against; default: stress multipliers on the expected default rate. */
  tdr?: { set: TdrSet; method: TdrMethod };
  /** Rounds of rate-then-price at most (default 6). */
  maxRounds?: number;
}

export interface TranchePrice {
  id: string;
  class: Tranche['class'];
  balance: number;
  /** True when the deal asks for a market coupon (it is set to `price.coupon`). */
  market: boolean;
  grade: DomesticRating;
  ratingBasis: 'stand-alone' | 'credit-substitution';
  /** Weighted average life of the base-case principal, years from issue (ACT/365). */
  walYears: number;
  /** The market price at the tranche's grade; null for a residual tranche or a grade below the grid. */
  price: MarketPrice | null;
  /** The coupon the deal gives (at issue, for an LPR-linked one); null for a market or residual coupon. */
  couponInDeal: number | null;
  /** The coupon the tranche carries after pricing (at issue). */
  coupon: number | null;
}

export interface MarketPricing {
  /** The deal with every market coupon replaced by its price (fixed, or LPR1Y + spread). */
  deal: Deal;
  tranches: TranchePrice[];
  rounds: number;
  /** False when the grades cycled and the worst grade of the cycle was taken. */
  settled: boolean;
  tdrMethod: TdrMethod;
  rating: DomesticRatingResult;
}

/** A market tranche that rates below the grid's last grade: no market price (first-loss money, not a note). */
export class UnpricedTrancheError extends RangeError {
  constructor(readonly tranche: string, readonly index: number, readonly grade: DomesticRating) {
    super(`liabilities.tranches[${index}].coupon: tranche "${tranche}" asks for a market coupon but rates ${grade}, where the spread grid has no price (first-loss money is not a note to price); give it a fixed coupon or "none", or more enhancement`);
  }
}

export const hasMarketCoupons = (deal: Deal): boolean => deal.liabilities.tranches.some((t) => t.coupon.type === 'market');

/** WAL of each tranche's base-case principal, years from issue (0 for a tranche repaid nothing). */
export function baseCaseWal(deal: Deal): Map<string, number> {
  const report = runExact(deal);
  const issue = deal.meta.issueDate;
  return new Map(deal.liabilities.tranches.map((t) => {
    let paid = 0;
    let weighted = 0;
    for (const p of report.periods) {
      const x = p.tranches[t.id]?.principal ?? 0;
      paid += x;
      weighted += x * (daysBetween(issue, p.date) / 365);
    }
    return [t.id, paid > 0 ? weighted / paid : 0];
  }));
}

/** A tranche's coupon at issue as a rate (null for a residual or market coupon). */
export function couponAtIssueRate(t: Tranche, issueDate: string): number | null {
  const c = t.coupon;
  if (c.type === 'fixed') return c.rate;
  if (c.type === 'benchmark') return lprOn(issueDate, c.benchmark === 'LPR1Y' ? '1Y' : '5Y') + c.spread;
  return null;
}

/** The deal with its assets at the prices the firms pay (cost-plus: solved from these coupons); a price that cannot be met is a RangeError on its path. */
export function assetsPriced(deal: Deal): Deal {
  try {
    return pricedDeal(deal);
  } catch (err) {
    if (err instanceof PricingError) {
      const p = err.problems[0];
      throw new RangeError(p ? `${p.path}: ${p.message}` : err.message);
    }
    throw err;
  }
}

function rate(input: Deal, o: MarketPricingOptions): DomesticRatingResult {
  // A cost-plus pool's rates follow the coupons: rate the deal as the firms would pay it.
  const deal = assetsPriced(input);
  const table = breakEvenTable(deal, { arithmetic: 'float' });
  const tdr = o.tdr ?? { set: expectedTdrSet(deal, table), method: 'stress-multiplier' as const };
  return domesticRating(table, tdr.set, tdr.method);
}

const worse = (a: DomesticRating, b: DomesticRating): DomesticRating => (gradeRank(a) >= gradeRank(b) ? a : b);

/**
 * Price the deal's market coupons (and show what the market would pay every other tranche). Throws
 * a RangeError naming the tranche when a market tranche rates below the grid's last grade.
 */
export function priceMarketCoupons(deal: Deal, o: MarketPricingOptions = {}): MarketPricing {
  const ts = deal.liabilities.tranches;
  const isMarket = ts.map((t) => t.coupon.type === 'market');
  const issue = deal.meta.issueDate;
  const maxRounds = o.maxRounds ?? 6;
  const priceAt = (t: Tranche, grade: DomesticGrade, wal: number) => {
    const c = t.coupon.type === 'market' ? t.coupon : null;
    return marketPrice({ grade, walYears: wal, issueDate: issue, benchmark: c?.benchmark, premiumBp: c?.premiumBp, grid: o.grid, curve: o.curve });
  };
  const withCoupons = (grades: DomesticRating[], wal: Map<string, number>): Deal => ({
    ...deal,
    liabilities: {
      ...deal.liabilities,
      tranches: ts.map((t, i) => {
        if (!isMarket[i]) return t;
        const g = grades[i]!;
        if (g === BELOW_SCALE) throw new UnpricedTrancheError(t.id, i, g);
        try {
          return { ...t, coupon: priceAt(t, g, wal.get(t.id) ?? 1).coupon };
        } catch (err) {
          // A user grid without this grade: no price either.
          if (err instanceof RangeError && err.message.startsWith('grade:')) throw new UnpricedTrancheError(t.id, i, g);
          throw err;
        }
      }),
    },
  });

  let grades: DomesticRating[] = ts.map(() => 'AAA(sf)');
  // The WAL does not depend on the coupon for bullet and scheduled notes; pass-through ones are re-read each round.
  let wal = baseCaseWal(isMarket.some(Boolean) ? withCoupons(grades, new Map(ts.map((t) => [t.id, 1]))) : deal);
  const seen: string[] = [grades.join('|')];
  let rounds = 0;
  let settled = true;
  let current = withCoupons(grades, wal);
  let rating = rate(current, o);
  for (;;) {
    rounds++;
    const next = ts.map((t, i) => (isMarket[i] ? rating.tranches.find((x) => x.id === t.id)!.domesticRating : grades[i]!));
    const key = next.join('|');
    if (next.every((g, i) => g === grades[i]) || !isMarket.some(Boolean)) break;
    if (seen.includes(key) || rounds >= maxRounds) {
      // A cycle (or no settling): each market tranche at the worst grade it took on the way.
      grades = grades.map((g, i) => worse(g, next[i]!));
      settled = false;
      current = withCoupons(grades, wal);
      rating = rate(current, o);
      break;
    }
    seen.push(key);
    grades = next;
    current = withCoupons(grades, wal);
    wal = baseCaseWal(current);
    current = withCoupons(grades, wal);
    rating = rate(current, o);
  }

  const tranches = ts.map((t, i): TranchePrice => {
    const r = rating.tranches.find((x) => x.id === t.id)!;
    const w = wal.get(t.id) ?? 0;
    const grade = isMarket[i] ? grades[i]! : r.domesticRating;
    const priced = current.liabilities.tranches[i]!;
    let price: MarketPrice | null = null;
    if (t.coupon.type !== 'none' && grade !== BELOW_SCALE) {
      try { price = priceAt(t, grade, w); } catch { price = null; }
    }
    return {
      id: t.id, class: t.class, balance: Number(t.balance), market: isMarket[i]!,
      grade, ratingBasis: r.ratingBasis, walYears: w, price,
      couponInDeal: couponAtIssueRate(t, issue),
      coupon: couponAtIssueRate(priced, issue),
    };
  });
  return { deal: current, tranches, rounds, settled, tdrMethod: rating.tdrMethod, rating };
}

/** The deal as the engines run it: market coupons priced (stress-multiplier TDR), other deals unchanged. */
export function withMarketCoupons(deal: Deal): Deal {
  return hasMarketCoupons(deal) ? priceMarketCoupons(deal).deal : deal;
}

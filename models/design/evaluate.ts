// One candidate design, end to end: the deal with the levers set, every coupon-bearing tranche
// priced from the market at the grade it earns (market-coupons.ts: TDR/BDR on the pool's TDR, read
// once), the priced deal run through the Monte Carlo engine on the common paths (same seed, same
// path count for every candidate), the firms' all-in cost after subsidy (models/cost/compare.ts),
// and every constraint checked.
import type { Deal } from '../deal-format/schema.js';
import { validateDeal, formatProblem } from '../deal-format/validate.js';
import { costPlusRule } from '../pool/pricing-rule.js';
import { runExact } from '../engine/exact.js';
import { daysBetween } from '../calendar/day-count.js';
import { fenToYuan } from '../sizing/levers.js';
import type { Seed } from '../credit/rng.js';
import { simulate } from '../montecarlo/simulate.js';
import { dealCost } from '../cost/compare.js';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../ratings/derived-table.js';
import { idealizedExpectedLoss, RATING_ORDER, type Rating } from '../ratings/idealized-loss.js';
import type { DomesticRating } from '../ratings/domestic-scale.js';
import type { TdrMethod, TdrSet } from '../ratings/tdr.js';
import type { SpreadGrid } from '../market/spread-grid.js';
import { assetsPriced, priceMarketCoupons, UnpricedTrancheError } from './market-coupons.js';
import { applyDesign, designProvenance, type Design } from './levers.js';
import { checkConstraints, type CandidateMeasures, type ConstraintCheck, type DesignConstraint } from './constraints.js';

export interface EvaluationContext {
  /** The deal as given. */
  base: Deal;
  constraints: readonly DesignConstraint[];
  tdr: { set: TdrSet; method: TdrMethod };
  paths: number;
  seed: Seed;
  grid?: SpreadGrid;
  /** Price every coupon-bearing tranche from the market (default); false keeps the deal's coupons. */
  marketCoupons?: boolean;
  /** The first-loss holder's return held at the shipped design's (subordinatedReturn), or null. */
  subordinated?: SubordinatedReturn | null;
}

/**
 * 次级收益 What the holder of a coupon-less subordinated tranche earns in a cost-plus pool: the
 * base-case residual per yuan of its balance, as in the shipped design. Without it a cost-plus
 * margin in basis points pays the holder the same yuan whatever the size of its tranche, so a
 * larger first loss would look free to the firms; with it the firms pay the holder the same yield
 * on whatever first loss the design asks it to hold (the margin becomes that residual).
 */
export interface SubordinatedReturn {
  tranche: string;
  /** Residual a yuan of the tranche's balance, over the deal's life. */
  residualPerYuan: number;
  /** The same a year (ACT/365, issue to maturity). */
  annualYield: number;
}

/** The shipped design's subordinated return, when the pool is cost-plus and a coupon-less tranche takes the residual; else null. */
export function subordinatedReturn(deal: Deal): SubordinatedReturn | null {
  if (!costPlusRule(deal.pool)) return null;
  const step = [...deal.waterfall.normal].reverse().find((x) => x.type === 'pay-residual');
  if (!step || step.type !== 'pay-residual' || step.to !== 'subordinated' || !step.tranche) return null;
  const t = deal.liabilities.tranches.find((x) => x.id === step.tranche);
  if (!t || t.coupon.type !== 'none' || !(Number(t.balance) > 0)) return null;
  const residual = runExact(deal).totals.residual;
  const years = daysBetween(deal.meta.issueDate, deal.meta.maturityDate) / 365;
  const perYuan = residual / Number(t.balance);
  return { tranche: t.id, residualPerYuan: perYuan, annualYield: perYuan / years };
}

/** The candidate's cost-plus margin: the residual that pays its first-loss holder the shipped return. */
function withSubordinatedReturn(d: Deal, s: SubordinatedReturn | null | undefined): Deal {
  const rule = costPlusRule(d.pool);
  const t = s ? d.liabilities.tranches.find((x) => x.id === s.tranche) : undefined;
  if (!s || !rule || !t) return d;
  const amount = fenToYuan(Math.round(s.residualPerYuan * Number(t.balance) * 100));
  return { ...d, pool: { ...d.pool, pricing: { ...rule, margin: { type: 'residual', amount } } } };
}

export interface CandidateTranche { id: string; class: string; balance: number; share: number; grade: DomesticRating; coupon: number | null }

export interface Candidate {
  design: Design;
  /** 'ok', or why the candidate could not be built or priced (it is then infeasible). */
  status: 'ok' | 'invalid' | 'unpriced';
  reason: string | null;
  /** For 'unpriced': the tranche that rates below the spread grid, and its grade. */
  unpriced: { tranche: string; grade: string } | null;
  tranches: CandidateTranche[];
  seniorGrade: DomesticRating | null;
  seniorEl: CandidateMeasures['seniorEl'];
  enhancements: CandidateMeasures['enhancements'];
  /** Firms' all-in cost after subsidy (the objective), before subsidy, and the notes' cost to the issuer; null when the candidate could not be built or priced. */
  firmsCost: number | null;
  firmsCostBeforeSubsidy: number | null;
  issuerCost: number | null;
  checks: ConstraintCheck[];
  feasible: boolean;
  /** Sum of the constraints' violations (0 when feasible; large for a candidate that could not be priced). */
  violation: number;
  /** The priced deal (market coupons set), for the best design's deal file. */
  deal: Deal | null;
}

const UNPRICED_VIOLATION = 100;

/** The provenance line of a designed deal. */
export function designReason(design: Design): string {
  const levers = Object.entries(design).map(([k, v]) => `${k} = ${v}`).join(', ');
  return `ASSUMPTION: structure chosen by ipabs optimize (${levers || 'the levers as shipped'}); coupons priced from the market: government curve + the spread grid for each tranche's domestic grade at its WAL (models/market/spread-grid.ts); in a cost-plus pool the margin is the residual that pays the first-loss holder the shipped return per yuan. Fields the design changed lost their shipped provenance.`;
}

/** Every coupon-bearing tranche as a market coupon (an LPR-linked one stays on the LPR). */
export function asMarketCoupons(d: Deal): Deal {
  return {
    ...d,
    liabilities: {
      ...d.liabilities,
      tranches: d.liabilities.tranches.map((t) => {
        if (t.coupon.type === 'fixed') return { ...t, coupon: { type: 'market' as const } };
        if (t.coupon.type === 'benchmark') return { ...t, coupon: { type: 'market' as const, benchmark: 'LPR1Y' as const } };
        return t;
      }),
    },
  };
}

const failed = (design: Design, status: Candidate['status'], reason: string): Candidate => ({
  design, status, reason, unpriced: null, tranches: [], seniorGrade: null, seniorEl: null, enhancements: [],
  firmsCost: null, firmsCostBeforeSubsidy: null, issuerCost: null, checks: [], feasible: false, violation: UNPRICED_VIOLATION, deal: null,
});

/** Evaluate one design (async: the simulation yields to the event loop, so a queue can cancel between candidates). */
export async function evaluateDesign(ctx: EvaluationContext, design: Design, opts: { simulate?: boolean } = {}): Promise<Candidate> {
  let built: Deal;
  try {
    const applied = applyDesign(ctx.base, design);
    const repriced = withSubordinatedReturn(ctx.marketCoupons === false ? applied : asMarketCoupons(applied), ctx.subordinated);
    const withProvenance = { ...repriced, provenance: designProvenance(ctx.base, repriced, designReason(design)) };
    const v = validateDeal(JSON.parse(JSON.stringify(withProvenance)));
    if (!v.ok) return failed(design, 'invalid', v.problems.slice(0, 3).map(formatProblem).join('; '));
    built = v.deal;
  } catch (err) {
    if (err instanceof RangeError) return failed(design, 'invalid', err.message);
    throw err;
  }
  let priced: Deal;
  let grades: Map<string, DomesticRating>;
  try {
    const p = priceMarketCoupons(built, { tdr: ctx.tdr, grid: ctx.grid });
    priced = p.deal;
    grades = new Map(p.tranches.map((t) => [t.id, t.grade]));
  } catch (err) {
    if (err instanceof UnpricedTrancheError) return { ...failed(design, 'unpriced', err.message), unpriced: { tranche: err.tranche, grade: err.grade } };
    if (err instanceof RangeError) return failed(design, 'invalid', err.message);
    throw err;
  }
  const ts = priced.liabilities.tranches;
  const notes = ts.reduce((s, t) => s + Number(t.balance), 0);
  const senior = ts.reduce((b, t) => (t.seniority < b.seniority ? t : b));
  const tranches = ts.map((t): CandidateTranche => ({
    id: t.id, class: t.class, balance: Number(t.balance), share: Number(t.balance) / notes, grade: grades.get(t.id)!,
    coupon: t.coupon.type === 'fixed' ? t.coupon.rate : null,
  }));

  let seniorEl: CandidateMeasures['seniorEl'] = null;
  let enhancements: CandidateMeasures['enhancements'] = [];
  if (opts.simulate ?? true) {
    const sim = await simulate(priced, { paths: ctx.paths, seed: ctx.seed });
    const st = sim.tranches.find((t) => t.id === senior.id)!;
    const wal = Math.max(st.walYears, 1 / 12);
    const thresholds = Object.fromEntries(RATING_ORDER.map((r) => [r, idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, r, wal)])) as Record<Rating, number>;
    seniorEl = { value: st.expectedLossRate, stdErr: st.expectedLossRateStdErr, walYears: st.walYears, thresholds };
    enhancements = sim.enhancements.map((e) => {
      const entry = priced.enhancements.find((x) => x.id === e.id)!;
      const capacity = entry.kind === 'guarantee'
        ? (entry.guarantors.some((g) => g.capacity === 'unlimited') ? null : entry.guarantors.reduce((s, g) => s + Number(g.capacity), 0))
        : entry.kind === 'shortfall-undertaking' ? (entry.capacity === 'unlimited' ? null : Number(entry.capacity)) : null;
      return { id: e.id, kind: e.kind, capacity, draw999: e.drawQuantiles['0.999'], draw999Upper: Math.max(e.drawQuantiles['0.999'], e.drawQuantileCI95['0.999'][1]), exhaustion: e.exhaustionProbability, exhaustionStdErr: e.exhaustionProbabilityStdErr };
    });
  }
  let cost;
  try {
    cost = dealCost(priced);
  } catch (err) {
    return failed(design, 'invalid', `firms' cost: ${(err as Error).message}`);
  }
  const measures: CandidateMeasures = { seniorGrade: grades.get(senior.id)!, seniorEl, enhancements, firmsCost: cost.subsidyAdjustedCostRate };
  const checks = checkConstraints(ctx.constraints, measures);
  const violation = checks.reduce((s, c) => s + c.violation, 0);
  return {
    design, status: 'ok', reason: null, unpriced: null, tranches, seniorGrade: measures.seniorGrade, seniorEl, enhancements,
    firmsCost: cost.subsidyAdjustedCostRate, firmsCostBeforeSubsidy: cost.allInCostRate, issuerCost: cost.issuerCostRate,
    checks, feasible: checks.every((c) => c.ok), violation, deal: assetsPriced(priced),
  };
}

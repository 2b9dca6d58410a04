// Turn accumulated sums into the simulation report: every estimate with its standard error.
import type { Seed } from '../credit/rng.js';
import { impliedRating } from '../ratings/idealized-loss.js';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../ratings/derived-table.js';
import { gradeTableFor } from '../ratings/domestic-scale.js';
import { lognormalFromMoments, lognormalTdr, monteCarloTdr, stressMultiplierTdr, type TdrSet } from '../ratings/tdr.js';
import { DRAW_BINS, histogramQuantile, LOSS_BINS, meanAndStdErr, ratioAndStdErr, type Histograms, type StatLayout } from './accumulate.js';
import type { PathModel } from './path-model.js';
import type { StressSpec } from './stress.js';

export const LOSS_QUANTILES = ['0.5', '0.9', '0.95', '0.99', '0.999'] as const;
const HISTOGRAM_BARS = 50;

export interface Estimate { mean: number; stdErr: number }

export interface SimulationResult {
  /** The deal; nameZh its Chinese name when it has one. */
  deal: { id: string; name: string; nameZh?: string };
  /** Where implied ratings come from. */
  impliedRatingBasis: string;
  run: { paths: number; seed: Seed; threads: number; stress: StressSpec; importanceShift: number; effectiveSampleSize: number };
  pool: {
    principal: number;
    expectedLossRate: number;
    expectedLossRateStdErr: number;
    lossRateQuantiles: Record<(typeof LOSS_QUANTILES)[number], number>;
    /**
     * 95% confidence interval of each quantile: the quantiles at q ∓ 1.96·√(q(1−q)/n), n the
     * (effective) number of paths — the order-statistic interval read off the histogram.
     */
    lossRateQuantileCI95: Record<(typeof LOSS_QUANTILES)[number], [number, number]>;
    /** Resolution of the quantiles (histogram bin width). */
    quantileResolution: number;
    defaultRateMean: number;
    defaultRateMeanStdErr: number;
    /**
     * Cumulative default rate: principal outstanding at default, over the deal's life, / pool
     * principal (the measure of the TDR/BDR test): mean ± standard error, standard deviation, and
     * quantiles with 95% intervals as for the loss rate.
     */
    cumulativeDefaultRate: {
      mean: number;
      stdErr: number;
      stdDev: number;
      quantiles: Record<(typeof LOSS_QUANTILES)[number], number>;
      quantileCI95: Record<(typeof LOSS_QUANTILES)[number], [number, number]>;
    };
    probabilityOfLoss: number;
    probabilityOfLossStdErr: number;
    histogram: { binEdges: number[]; probabilities: number[] };
  };
  /** 目标违约率 Target default rate per domestic grade, read off the simulated cumulative default rates (see models/ratings/tdr.ts). */
  targetDefaultRates: TdrSet;
  tranches: Array<{
    id: string;
    class: string;
    seniority: number;
    initialBalance: number;
    expectedLossRate: number;
    expectedLossRateStdErr: number;
    /** 95% confidence interval of the expected loss rate (normal approximation). */
    expectedLossRateCI95: [number, number];
    probabilityOfLoss: number;
    probabilityOfLossStdErr: number;
    expectedShortfall: number;
    expectedShortfallStdErr: number;
    walYears: number;
    walYearsStdErr: number;
    impliedRating: string;
    /**
     * When no path lost anything (P(loss) = 0 observed), the estimate 0 says only that losses are
     * rare: the one-sided 95% upper bound on the probability of loss from n paths is about 3/n (the
     * rule of three, −ln 0.05 / n), and as a loss rate is at most 1 it bounds the expected loss rate
     * too. `ratingAtLeast` is the rating that bound implies at the tranche's WAL: the tranche is at
     * least that good (with 95% confidence), not a measured Aaa. Null when some path lost.
     */
    zeroLossBound: ZeroLossBound | null;
  }>;
  enhancements: Array<{
    id: string;
    kind: string;
    expectedDraw: number;
    expectedDrawStdErr: number;
    drawQuantiles: { '0.99': number; '0.999': number };
    /** 95% confidence interval of each draw quantile (as for the pool's loss quantiles). */
    drawQuantileCI95: { '0.99': [number, number]; '0.999': [number, number] };
    exhaustionProbability: number;
    exhaustionProbabilityStdErr: number;
  }>;
  parties: Array<{
    id: string;
    name: string;
    enhancementId: string;
    expectedPaid: number;
    expectedPaidStdErr: number;
    defaultProbability: number;
    defaultProbabilityStdErr: number;
  }>;
  /** The servicer's commingling loss (混同损失, yuan): collections it held when it defaulted. Null when the deal names no servicer. */
  servicer: null | {
    id: string;
    comminglingLoss: Estimate;
    probabilityOfComminglingLoss: number;
    probabilityOfComminglingLossStdErr: number;
  };
  /**
   * Each "+k" offshore leg's guarantee chain (firm → Hong Kong guarantor → onshore counter-guarantee
   * → IP income right): who loses what when the leg's firm defaults (yuan, on the CNY draw amounts).
   */
  offshoreLegs: Array<{
    id: string;
    probabilityChainCalled: number;
    investorLoss: Estimate;
    probabilityOfInvestorLoss: number;
    probabilityOfInvestorLossStdErr: number;
    hkGuarantorLoss: Estimate;
    onshoreBankLoss: Estimate;
  }>;
  /**
   * Each pass-through agent of the assets (the bank of an entrusted loan, the trust company of a
   * trust loan): the collections it held when it defaulted, lost to the trust (yuan).
   */
  assetAgents: Array<{
    id: string;
    name: string;
    heldCashLoss: Estimate;
    probabilityOfLoss: number;
    probabilityOfLossStdErr: number;
  }>;
  /** Each status event: the probability it occurs during the deal (amortization 提前摊还, acceleration 加速清偿). */
  statusEvents: Array<{ id: string; effect: 'amortization' | 'acceleration'; probability: number; probabilityStdErr: number }>;
  /** 循环购买: expected principal bought during the revolving period (null: a static pool). */
  revolving: null | { expectedPurchases: Estimate; purchaseRate: number };
  /** 清仓回购: the probability the clean-up call is exercised (null: the deal has none). */
  cleanUpCall: null | { probability: number; probabilityStdErr: number };
  /** Who bears the pool's loss, in expectation (yuan). */
  lossAllocation: {
    poolLoss: Estimate;
    tranches: Record<string, Estimate>;
    parties: Record<string, Estimate>;
    /** Reduction of the cash released to the originator / subordinated holder. */
    residualReduction: Estimate;
    /** Recoveries that come after the final payment date. */
    lateRecoveries: Estimate;
    /**
     * Scheduled cash the trust did not receive: poolLoss + the defaulted assets' lost interest +
     * lateRecoveries + the commingling loss. The bearers (tranches, parties, unpaid fees, residual
     * reduction) share it; what they do not account for is `unattributed`.
     */
    cashShortfall: Estimate;
    /** Running fees left unpaid (borne by the fee providers). */
    feeShortfall: Estimate;
    /** cashShortfall − what the bearers bore: interest on earlier or later pass-through principal, loss-sharing paid after the final date (≈ 0 for bullet notes). */
    unattributed: number;
  };
}

/** The rule of three: with 0 events in n trials, P < −ln(0.05)/n ≈ 3/n at 95% confidence (exact for the binomial's limit). */
export function ruleOfThree(n: number): number {
  return Math.min(1, -Math.log(0.05) / n);
}

/** What a run can say about a tranche that lost on no path (see `zeroLossBound` on each tranche). */
export interface ZeroLossBound { paths: number; upperBound: number; ratingAtLeast: string }

function zeroLossBound(paths: number, walYears: number): ZeroLossBound {
  const upperBound = ruleOfThree(paths);
  return { paths: Math.round(paths), upperBound: round(upperBound), ratingAtLeast: impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, upperBound, walYears) };
}

const round = (x: number, digits = 10) => (x === 0 ? 0 : +x.toPrecision(digits));

/**
 * Distribution-free 95% interval of the q-quantile from n paths: the empirical CDF at the true
 * quantile is q ± 1.96·√(q(1−q)/n), so the interval runs between the quantiles at those levels.
 * With importance sampling n is the effective sample size (Kish), an approximation.
 */
export function quantileCI95(h: Float64Array, q: number, scale: number, n: number): [number, number] {
  const half = 1.96 * Math.sqrt((q * (1 - q)) / Math.max(1, n));
  return [round(histogramQuantile(h, Math.max(0, q - half), scale)), round(histogramQuantile(h, Math.min(1, q + half), scale))];
}
const rounded = (e: Estimate): Estimate => ({ mean: round(e.mean), stdErr: round(e.stdErr) });

export function buildResult(
  m: PathModel, L: StatLayout, v: Float64Array, h: Histograms,
  run: { paths: number; seed: Seed; threads: number; stress: StressSpec; importanceShift: number },
): SimulationResult {
  const n = run.paths;
  const est = (i: number) => meanAndStdErr(v, i, n);
  const pool = est(L.poolLoss);
  const defaults = est(L.poolDefaultRate);
  const cdr = est(L.poolCumulativeDefault);
  const anyLoss = est(L.poolAnyLoss);
  const sumW = v[L.weight]!;
  const sumW2 = v[L.weight + 1]!;
  const quantiles = Object.fromEntries(LOSS_QUANTILES.map((q) => [q, round(histogramQuantile(h.poolLoss, Number(q), 1))])) as SimulationResult['pool']['lossRateQuantiles'];
  const effectiveSampleSize = sumW2 > 0 ? (sumW * sumW) / sumW2 : n;
  const quantileCIs = Object.fromEntries(LOSS_QUANTILES.map((q) => [q, quantileCI95(h.poolLoss, Number(q), 1, effectiveSampleSize)])) as SimulationResult['pool']['lossRateQuantileCI95'];
  const cdrSd = Math.sqrt(Math.max(0, est(L.poolCumulativeDefaultSq).mean - cdr.mean * cdr.mean));
  const grades = gradeTableFor(m.deal.rating?.grades);
  const targetDefaultRates: TdrSet = {
    gradeTable: grades,
    monteCarlo: monteCarloTdr(grades, (q) => round(histogramQuantile(h.poolDefault, q, 1)), (q) => quantileCI95(h.poolDefault, q, 1, effectiveSampleSize)),
    lognormal: (() => { const fit = lognormalFromMoments(cdr.mean, cdrSd); return { ...lognormalTdr(grades, fit), fit }; })(),
    stressMultiplier: stressMultiplierTdr(grades, Math.min(1, cdr.mean)),
    baseCaseDefaultRate: { value: round(cdr.mean), stdErr: round(cdr.stdErr), source: 'simulation' },
    simulation: { paths: run.paths, seed: run.seed },
  };

  // A coarse histogram for charts: the zero bucket plus HISTOGRAM_BARS bars up to the 99.9% loss.
  const top = Math.max(quantiles['0.999'], 1 / LOSS_BINS) ;
  const barBins = Math.max(1, Math.ceil((top * LOSS_BINS) / HISTOGRAM_BARS));
  const totalW = h.poolLoss.reduce((s, x) => s + x, 0) || 1;
  const binEdges: number[] = [0, 0];
  const probabilities: number[] = [round(h.poolLoss[0]! / totalW)];
  for (let start = 1; start <= LOSS_BINS && binEdges.length <= HISTOGRAM_BARS + 1; start += barBins) {
    let w = 0;
    for (let b = start; b < start + barBins && b <= LOSS_BINS; b++) w += h.poolLoss[b]!;
    binEdges.push(round(Math.min(1, (start - 1 + barBins) / LOSS_BINS)));
    probabilities.push(round(w / totalW));
  }

  const tranches = m.prog.tranches.map((t, i) => {
    const el = est(L.trancheLoss[i]!);
    const pl = est(L.trancheAnyLoss[i]!);
    const sf = est(L.trancheShortfall[i]!);
    const walEst = ratioAndStdErr(v, L.tranchePrincipalYears[i]!, L.tranchePrincipal[i]!, L.trancheWalCross[i]!, n);
    const wal = walEst.mean;
    return {
      id: t.id, class: t.class, seniority: t.seniority, initialBalance: t.initialBalance.toNumber(),
      expectedLossRate: round(el.mean), expectedLossRateStdErr: round(el.stdErr),
      expectedLossRateCI95: [round(Math.max(0, el.mean - 1.96 * el.stdErr)), round(el.mean + 1.96 * el.stdErr)] as [number, number],
      probabilityOfLoss: round(pl.mean), probabilityOfLossStdErr: round(pl.stdErr),
      expectedShortfall: round(sf.mean), expectedShortfallStdErr: round(sf.stdErr),
      walYears: round(wal, 8), walYearsStdErr: round(walEst.stdErr, 8),
      impliedRating: impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, Math.min(1, el.mean), Math.max(wal, 1 / 12)),
      zeroLossBound: pl.mean === 0 ? zeroLossBound(effectiveSampleSize, Math.max(wal, 1 / 12)) : null,
    };
  });

  const enhancements = m.prog.enhancements.map((e, i) => {
    const d = est(L.enhancementDraw[i]!);
    const x = est(L.enhancementExhausted[i]!);
    return {
      id: e.id, kind: e.kind, expectedDraw: round(d.mean), expectedDrawStdErr: round(d.stdErr),
      drawQuantiles: { '0.99': round(histogramQuantile(h.draws[i]!, 0.99, m.drawScale[i]!)), '0.999': round(histogramQuantile(h.draws[i]!, 0.999, m.drawScale[i]!)) },
      drawQuantileCI95: { '0.99': quantileCI95(h.draws[i]!, 0.99, m.drawScale[i]!, effectiveSampleSize), '0.999': quantileCI95(h.draws[i]!, 0.999, m.drawScale[i]!, effectiveSampleSize) },
      exhaustionProbability: round(x.mean), exhaustionProbabilityStdErr: round(x.stdErr),
    };
  });

  const parties = m.prog.parties.map((p, k) => {
    const e = m.prog.enhancements.find((x) => k >= x.firstParty && k < x.firstParty + x.parties.length)!;
    const paid = est(L.partyPaid[k]!);
    const dead = est(L.partyDefaulted[k]!);
    return { id: p.id, name: p.name, enhancementId: e.id, expectedPaid: round(paid.mean), expectedPaidStdErr: round(paid.stdErr), defaultProbability: round(dead.mean), defaultProbabilityStdErr: round(dead.stdErr) };
  });

  const money = (e: { mean: number; stdErr: number }) => ({ mean: round(e.mean * m.poolPrincipal), stdErr: round(e.stdErr * m.poolPrincipal) });
  let baseResidual = 0;
  for (let p = 0; p < m.periods; p++) baseResidual += m.base.residual[p]!;
  const residual = est(L.residual);
  const shortfall = est(L.cashShortfall);
  const fees = est(L.feeShortfall);
  const borne = tranches.reduce((sum, _t, i) => sum + est(L.trancheShortfall[i]!).mean, 0)
    + parties.reduce((sum, p) => sum + p.expectedPaid, 0) + fees.mean + (baseResidual - residual.mean);
  return {
    deal: { id: m.deal.meta.id, name: m.deal.meta.name, ...(m.deal.meta.nameZh ? { nameZh: m.deal.meta.nameZh } : {}) },
    impliedRatingBasis: DERIVED_IDEALIZED_LOSS_TABLE.source.document,
    run: { ...run, importanceShift: round(run.importanceShift), effectiveSampleSize: round(effectiveSampleSize, 8) },
    pool: {
      principal: m.poolPrincipal,
      expectedLossRate: round(pool.mean), expectedLossRateStdErr: round(pool.stdErr),
      lossRateQuantiles: quantiles, lossRateQuantileCI95: quantileCIs, quantileResolution: 1 / LOSS_BINS,
      defaultRateMean: round(defaults.mean), defaultRateMeanStdErr: round(defaults.stdErr),
      cumulativeDefaultRate: {
        mean: round(cdr.mean), stdErr: round(cdr.stdErr), stdDev: round(cdrSd),
        quantiles: Object.fromEntries(LOSS_QUANTILES.map((q) => [q, round(histogramQuantile(h.poolDefault, Number(q), 1))])) as SimulationResult['pool']['lossRateQuantiles'],
        quantileCI95: Object.fromEntries(LOSS_QUANTILES.map((q) => [q, quantileCI95(h.poolDefault, Number(q), 1, effectiveSampleSize)])) as SimulationResult['pool']['lossRateQuantileCI95'],
      },
      probabilityOfLoss: round(anyLoss.mean), probabilityOfLossStdErr: round(anyLoss.stdErr),
      histogram: { binEdges, probabilities },
    },
    targetDefaultRates,
    tranches,
    enhancements,
    parties,
    servicer: m.deal.servicer ? (() => {
      const any = est(L.comminglingAnyLoss);
      return { id: m.deal.servicer.id, comminglingLoss: rounded(est(L.comminglingLoss)), probabilityOfComminglingLoss: round(any.mean), probabilityOfComminglingLossStdErr: round(any.stdErr) };
    })() : null,
    offshoreLegs: (m.deal.offshoreLegs ?? []).map((leg, l) => {
      const any = est(L.legInvestorAnyLoss[l]!);
      return {
        id: leg.id, probabilityChainCalled: round(est(L.legChainCalled[l]!).mean),
        investorLoss: rounded(est(L.legInvestorLoss[l]!)), probabilityOfInvestorLoss: round(any.mean), probabilityOfInvestorLossStdErr: round(any.stdErr),
        hkGuarantorLoss: rounded(est(L.legHkGuarantorLoss[l]!)), onshoreBankLoss: rounded(est(L.legOnshoreBankLoss[l]!)),
      };
    }),
    assetAgents: m.agents.map((a, j) => {
      const any = est(L.agentAnyLoss[j]!);
      return { id: a.id, name: a.name, heldCashLoss: rounded(est(L.agentLoss[j]!)), probabilityOfLoss: round(any.mean), probabilityOfLossStdErr: round(any.stdErr) };
    }),
    statusEvents: m.prog.events.map((ev, e) => {
      const x = est(L.eventOccurred[e]!);
      return { id: ev.id, effect: ev.accelerate ? 'acceleration' as const : 'amortization' as const, probability: round(x.mean), probabilityStdErr: round(x.stdErr) };
    }),
    revolving: m.prog.revolving ? { expectedPurchases: rounded(est(L.purchased)), purchaseRate: m.purchaseRate ?? m.prog.revolving.purchaseRate } : null,
    cleanUpCall: m.prog.cleanUpCall ? (() => { const x = est(L.called); return { probability: round(x.mean), probabilityStdErr: round(x.stdErr) }; })() : null,
    lossAllocation: {
      poolLoss: money(pool),
      tranches: Object.fromEntries(tranches.map((t, i) => { const s = est(L.trancheShortfall[i]!); return [t.id, { mean: round(s.mean), stdErr: round(s.stdErr) }]; })),
      parties: Object.fromEntries(parties.map((p) => [p.id, { mean: p.expectedPaid, stdErr: p.expectedPaidStdErr }])),
      residualReduction: { mean: round(baseResidual - residual.mean), stdErr: round(residual.stdErr) },
      lateRecoveries: (() => { const e = est(L.lateRecovery); return { mean: round(e.mean), stdErr: round(e.stdErr) }; })(),
      cashShortfall: rounded(shortfall),
      feeShortfall: rounded(fees),
      unattributed: round(shortfall.mean - borne),
    },
  };
}

export { DRAW_BINS };

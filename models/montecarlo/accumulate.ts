// Accumulating path outcomes so that results do not depend on the thread count:
// - scalar sums are kept per block of paths (in path order) and merged in block order;
// - histograms add weights quantized to multiples of 2^-20, whose sums are exact in doubles
//   (below 2^33), so their totals are the same in any order.
// Each statistic x is kept as Σ w·x and Σ (w·x)², w the importance-sampling weight (1 without).
import type { PathModel } from './path-model.js';
import type { PathOutcome } from './path-run.js';

export const LOSS_BINS = 10_000;
export const DRAW_BINS = 4_000;
const WEIGHT_QUANTUM = 2 ** 20;

/** Index of each statistic in a block's scalar vector. */
export interface StatLayout {
  size: number;
  paths: number;
  weight: number;
  poolLoss: number;
  poolDefaultRate: number;
  poolCumulativeDefault: number;
  /** Σ w·x² of the cumulative default rate: its second moment under importance weights too (for the lognormal fit). */
  poolCumulativeDefaultSq: number;
  poolAnyLoss: number;
  lateRecovery: number;
  residual: number;
  cashShortfall: number;
  feeShortfall: number;
  trancheLoss: number[];
  trancheAnyLoss: number[];
  trancheShortfall: number[];
  tranchePrincipal: number[];
  tranchePrincipalYears: number[];
  /** Σ (w·principal)·(w·principal·years): the cross term for the WAL's standard error (one slot used). */
  trancheWalCross: number[];
  enhancementDraw: number[];
  enhancementExhausted: number[];
  partyPaid: number[];
  partyDefaulted: number[];
  comminglingLoss: number;
  comminglingAnyLoss: number;
  legChainCalled: number[];
  legInvestorLoss: number[];
  legInvestorAnyLoss: number[];
  legHkGuarantorLoss: number[];
  legOnshoreBankLoss: number[];
  agentLoss: number[];
  agentAnyLoss: number[];
  eventOccurred: number[];
  purchased: number;
  called: number;
}

export function statLayout(m: PathModel): StatLayout {
  let next = 0;
  // Each statistic takes two slots: Σ w·x at i, Σ (w·x)² at i + 1.
  const take = () => { const i = next; next += 2; return i; };
  const legs = m.extras.legs.length;
  const many = (n: number) => Array.from({ length: n }, take);
  const layout = {
    paths: take(), weight: take(), poolLoss: take(), poolDefaultRate: take(), poolCumulativeDefault: take(), poolCumulativeDefaultSq: take(), poolAnyLoss: take(), lateRecovery: take(), residual: take(), cashShortfall: take(), feeShortfall: take(),
    trancheLoss: many(m.tranches), trancheAnyLoss: many(m.tranches), trancheShortfall: many(m.tranches),
    tranchePrincipal: many(m.tranches), tranchePrincipalYears: many(m.tranches), trancheWalCross: many(m.tranches),
    enhancementDraw: many(m.enhancements), enhancementExhausted: many(m.enhancements),
    partyPaid: many(m.parties), partyDefaulted: many(m.parties),
    comminglingLoss: take(), comminglingAnyLoss: take(),
    legChainCalled: many(legs), legInvestorLoss: many(legs), legInvestorAnyLoss: many(legs),
    legHkGuarantorLoss: many(legs), legOnshoreBankLoss: many(legs),
    agentLoss: many(m.agents.length), agentAnyLoss: many(m.agents.length),
    eventOccurred: many(m.prog.events.length), purchased: take(), called: take(),
  };
  return { size: next, ...layout };
}

export interface Histograms {
  /** Pool loss rate: [0] holds exact zeros, then LOSS_BINS bins over (0, 1]. */
  poolLoss: Float64Array;
  /** Pool cumulative default rate (defaulted principal / pool), binned as the loss rate: the TDR's distribution. */
  poolDefault: Float64Array;
  /** Per enhancement: [0] zeros, then DRAW_BINS bins over (0, drawScale]. */
  draws: Float64Array[];
}

export function createHistograms(m: PathModel): Histograms {
  return { poolLoss: new Float64Array(LOSS_BINS + 1), poolDefault: new Float64Array(LOSS_BINS + 1), draws: Array.from({ length: m.enhancements }, () => new Float64Array(DRAW_BINS + 1)) };
}

export function addHistograms(into: Histograms, from: Histograms): void {
  for (let i = 0; i < into.poolLoss.length; i++) into.poolLoss[i] = into.poolLoss[i]! + from.poolLoss[i]!;
  for (let i = 0; i < into.poolDefault.length; i++) into.poolDefault[i] = into.poolDefault[i]! + from.poolDefault[i]!;
  into.draws.forEach((h, e) => { const f = from.draws[e]!; for (let i = 0; i < h.length; i++) h[i] = h[i]! + f[i]!; });
}

const binOf = (x: number, scale: number, bins: number): number => {
  if (!(x > 0)) return 0;
  const b = Math.ceil((x / scale) * bins);
  return b > bins ? bins : b < 1 ? 1 : b;
};

function add(v: Float64Array, i: number, wx: number): void {
  v[i] = v[i]! + wx;
  v[i + 1] = v[i + 1]! + wx * wx;
}

/** Add one path's outcome with weight w to a block's scalars and to the histograms. */
export function accumulatePath(m: PathModel, L: StatLayout, v: Float64Array, h: Histograms, o: PathOutcome, w: number): void {
  add(v, L.paths, 1);
  add(v, L.weight, w);
  add(v, L.poolLoss, w * o.poolLossRate);
  add(v, L.poolDefaultRate, w * o.defaultRate);
  add(v, L.poolCumulativeDefault, w * o.cumulativeDefaultRate);
  add(v, L.poolCumulativeDefaultSq, w * o.cumulativeDefaultRate * o.cumulativeDefaultRate);
  add(v, L.poolAnyLoss, o.poolLossRate > 0 ? w : 0);
  add(v, L.lateRecovery, w * o.lateRecovery);
  add(v, L.residual, w * o.residual);
  add(v, L.cashShortfall, w * o.cashShortfall);
  add(v, L.feeShortfall, w * o.feeShortfall);
  for (let t = 0; t < m.tranches; t++) {
    const loss = o.trancheLossRate[t]!;
    add(v, L.trancheLoss[t]!, w * loss);
    add(v, L.trancheAnyLoss[t]!, loss > 0 ? w : 0);
    add(v, L.trancheShortfall[t]!, w * o.trancheShortfall[t]!);
    add(v, L.tranchePrincipal[t]!, w * o.tranchePrincipal[t]!);
    add(v, L.tranchePrincipalYears[t]!, w * o.tranchePrincipalYears[t]!);
    const c = L.trancheWalCross[t]!;
    v[c] = v[c]! + w * o.tranchePrincipal[t]! * w * o.tranchePrincipalYears[t]!;
  }
  for (let e = 0; e < m.enhancements; e++) {
    add(v, L.enhancementDraw[e]!, w * o.enhancementDraw[e]!);
    add(v, L.enhancementExhausted[e]!, o.enhancementExhausted[e] ? w : 0);
  }
  for (let k = 0; k < m.parties; k++) {
    add(v, L.partyPaid[k]!, w * o.partyPaid[k]!);
    add(v, L.partyDefaulted[k]!, o.partyDefaulted[k] ? w : 0);
  }
  const x = o.extras;
  add(v, L.comminglingLoss, w * x.comminglingLoss);
  add(v, L.comminglingAnyLoss, x.comminglingLoss > 0 ? w : 0);
  for (let l = 0; l < L.legChainCalled.length; l++) {
    add(v, L.legChainCalled[l]!, x.legChainCalled[l] ? w : 0);
    add(v, L.legInvestorLoss[l]!, w * x.legInvestorLoss[l]!);
    add(v, L.legInvestorAnyLoss[l]!, x.legInvestorLoss[l]! > 0 ? w : 0);
    add(v, L.legHkGuarantorLoss[l]!, w * x.legHkGuarantorLoss[l]!);
    add(v, L.legOnshoreBankLoss[l]!, w * x.legOnshoreBankLoss[l]!);
  }
  for (let a = 0; a < L.agentLoss.length; a++) {
    add(v, L.agentLoss[a]!, w * o.agentLoss[a]!);
    add(v, L.agentAnyLoss[a]!, o.agentLoss[a]! > 0 ? w : 0);
  }
  for (let e = 0; e < L.eventOccurred.length; e++) add(v, L.eventOccurred[e]!, o.eventOccurred[e] ? w : 0);
  add(v, L.purchased, w * o.purchased);
  add(v, L.called, o.called ? w : 0);
  const wq = Math.round(w * WEIGHT_QUANTUM) / WEIGHT_QUANTUM;
  const pb = binOf(o.poolLossRate, 1, LOSS_BINS);
  h.poolLoss[pb] = h.poolLoss[pb]! + wq;
  const db = binOf(o.cumulativeDefaultRate, 1, LOSS_BINS);
  h.poolDefault[db] = h.poolDefault[db]! + wq;
  for (let e = 0; e < m.enhancements; e++) {
    const hb = binOf(o.enhancementDraw[e]!, m.drawScale[e]!, DRAW_BINS);
    const d = h.draws[e]!;
    d[hb] = d[hb]! + wq;
  }
}

/** Mean and standard error of a statistic over n paths: (Σ w·x) / n and √(var / n). */
export function meanAndStdErr(v: Float64Array, i: number, n: number): { mean: number; stdErr: number } {
  const mean = v[i]! / n;
  const variance = Math.max(0, v[i + 1]! / n - mean * mean);
  return { mean, stdErr: n > 1 ? Math.sqrt(variance / (n - 1)) : 0 };
}

/**
 * A ratio of two path sums, Σa / Σb (such as the WAL: Σ principal·years / Σ principal), with its
 * delta-method standard error: s.e. = √(Σ (a − R·b)² / (n (n−1))) / mean(b).
 */
export function ratioAndStdErr(v: Float64Array, a: number, b: number, cross: number, n: number): { mean: number; stdErr: number } {
  const sb = v[b]!;
  if (!(sb > 0)) return { mean: 0, stdErr: 0 };
  const r = v[a]! / sb;
  const sumD2 = Math.max(0, v[a + 1]! - 2 * r * v[cross]! + r * r * v[b + 1]!);
  return { mean: r, stdErr: n > 1 ? Math.sqrt(sumD2 / (n * (n - 1))) / (sb / n) : 0 };
}

/**
 * Quantile of a histogram with a zero bucket: 0 if the zeros reach q, else interpolated within
 * the bin (bins of width scale / bins over (0, scale]).
 */
export function histogramQuantile(h: Float64Array, q: number, scale: number): number {
  let total = 0;
  for (let i = 0; i < h.length; i++) total += h[i]!;
  if (total <= 0) return 0;
  const target = q * total;
  let cum = h[0]!;
  if (cum >= target) return 0;
  const bins = h.length - 1;
  for (let b = 1; b <= bins; b++) {
    const next = cum + h[b]!;
    if (next >= target) {
      const frac = h[b]! > 0 ? (target - cum) / h[b]! : 1;
      return ((b - 1 + frac) / bins) * scale;
    }
    cum = next;
  }
  return scale;
}

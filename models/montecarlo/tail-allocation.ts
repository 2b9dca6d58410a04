// 损失分配 loss-allocation report: for a run, who bears how much of the pool's loss — each tranche
// (principal and interest it is never paid), each enhancement party (guarantor, undertaker, fund,
// insurer: what it paid), the fee providers (fees never paid) and the originator (cash released
// to it below the no-default case) — in expectation and in the worst paths, and in which order
// they were hit (the order of loss: bearers hit on more paths are hit by smaller losses; and, on
// each path, who was hit first, by month and within a month by the order of loss).
//
// Worst paths: the ⌈(1 − q)·n⌉ paths with the largest pool net loss (ties by path order), q = 0.99
// by default — the expectation conditional on the pool loss being at or above its q-quantile (the
// 99% expected shortfall of the pool loss), read off the same paths as the expected values. The
// paths are those of `simulate(deal, { paths, seed })` (path-replay.ts), so the expected values
// here equal simulate's `lossAllocation`.
//
// Cash identity. The trust's cash shortfall on a path is the scheduled collections it did not
// receive in time: Σ scheduled − Σ (collections received − loss-sharing payments into the trust).
// (Revolving and callable deals count the call price in, and purchases out, on both sides.)
// It equals net pool loss + the pool's lost interest + recoveries that came after the deal, and it
// is borne by: loss-sharing payers (in time), cover-shortfall payers, the tranches (promised − paid),
// fee providers and the originator. `unattributed` is what is left (0 for bullet notes; interest
// saved or added when pass-through principal is paid earlier or later than scheduled).
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import { replayPaths } from './path-replay.js';
import type { StressSpec } from './stress.js';
import type { PathModel } from './path-model.js';
import { assertFiniteResult } from '../engine/finite-guard.js';

export const DEFAULT_TAIL = 0.99;
/** Paths are kept in memory (a few numbers per bearer per path): cap the run. */
export const MAX_ALLOCATION_PATHS = 1_000_000;
const CENT = 0.005;

export interface AllocationRunOptions {
  paths: number;
  seed: Seed;
  stress?: string | StressSpec;
  /** The tail quantile q: the worst 1 − q of paths by pool loss (default 0.99). */
  tail?: number;
}

export interface Figure {
  mean: number;
  stdErr: number;
}

export interface Bearer {
  id: string;
  role: 'tranche' | 'enhancement-party' | 'fees' | 'originator';
  name: string;
  /** For parties: the enhancement they pay under. */
  enhancementId?: string;
  /** Yuan borne per path, over all paths. */
  expected: Figure;
  /** Yuan borne per path, over the worst paths. */
  tail: Figure;
  /**
   * Share of the trust's cash shortfall it bore in time (what it paid after the deal's final date
   * left out), in expectation and in the worst paths: the shares add to 1 less `unattributed`.
   */
  shareOfShortfall: number;
  tailShareOfShortfall: number;
  /** Probability of bearing anything, over all paths and in the worst paths. */
  probabilityHit: number;
  tailProbabilityHit: number;
  /** Mean month (after issue) of the first payment or shortfall, over the paths in which it was hit. */
  meanFirstHitMonth: number | null;
  tailMeanFirstHitMonth: number | null;
  /** Mean position in the order of first hits on a path (1 = hit first; ties share a position), over the paths in which it was hit. */
  meanHitRank: number | null;
  tailMeanHitRank: number | null;
  /** Parties: amount-weighted mean month their cash reached the trust, and the expected amount paid after the deal's final date. */
  meanPaymentMonth?: number | null;
  expectedPaidAfterDeal?: number;
}

export interface LossAllocationReport {
  /** The deal; nameZh its Chinese name when it has one. */
  deal: { id: string; name: string; nameZh?: string };
  run: { paths: number; seed: Seed; stress: string; tail: number; tailPaths: number; tailPoolLossThreshold: number };
  pool: {
    principal: number;
    netLoss: { expected: Figure; tail: Figure };
    /** Scheduled cash the trust did not get in time (see the identity above). */
    cashShortfall: { expected: Figure; tail: Figure };
    /** Cash shortfall not traced to a bearer. */
    unattributed: { expected: number; tail: number };
  };
  bearers: Bearer[];
  /**
   * Order of loss: the bearers ever hit, those hit on more paths first (a first-loss position is
   * hit by small losses, a senior one only by large ones); ties by the mean position on a path.
   */
  order: string[];
  tailOrder: string[];
}

interface Column { amount: Float64Array; first: Float32Array; rank: Uint8Array; paidMonthWeighted?: Float64Array; late?: Float64Array }

export function lossAllocationReport(deal: Deal, opts: AllocationRunOptions): LossAllocationReport {
  return assertFiniteResult('allocation', uncheckedAllocationReport(deal, opts));
}

function uncheckedAllocationReport(deal: Deal, opts: AllocationRunOptions): LossAllocationReport {
  const n = opts.paths;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ALLOCATION_PATHS) {
    throw new RangeError(`paths: the allocation report keeps every path in memory; must be a whole number from 1 to ${MAX_ALLOCATION_PATHS.toLocaleString('en-US')}, got ${n}`);
  }
  const q = opts.tail ?? DEFAULT_TAIL;
  if (!(q > 0 && q < 1)) throw new RangeError(`tail: must be a quantile strictly between 0 and 1 (0.99 = the worst 1% of paths), got ${q}`);

  const poolLoss = new Float64Array(n);
  const shortfall = new Float64Array(n);
  const unattributed = new Float64Array(n);
  let cols: Column[] = [];
  let meta: { ids: string[] } | null = null;
  let withinMonth: Float64Array | null = null;

  const replay = replayPaths(deal, opts, (p, r) => {
    const m = r.model;
    const P = m.periods;
    const nT = m.tranches;
    const nK = m.parties;
    const nF = m.prog.runningFees.length;
    const L = p.ledger;
    const B = m.base;
    const month = (per: number) => m.prog.periods[per]!.monthIndex;
    if (!meta) {
      meta = { ids: [] };
      withinMonth = withinMonthOrder(m);
      cols = Array.from({ length: nT + nK + 2 }, (_, c) => ({
        amount: new Float64Array(n),
        first: new Float32Array(n).fill(-1),
        rank: new Uint8Array(n),
        ...(c >= nT && c < nT + nK ? { paidMonthWeighted: new Float64Array(n), late: new Float64Array(n) } : {}),
      }));
    }
    const i = p.index;
    poolLoss[i] = p.poolLoss;
    const o = p.outcome;
    let borne = 0;
    // Tranches: never paid at the end; first hit = first period with unpaid interest, else the final one.
    for (let t = 0; t < nT; t++) {
      const c = cols[t]!;
      const lost = o.trancheShortfall[t]!;
      c.amount[i] = lost;
      borne += lost;
      if (lost > CENT) {
        let f = P - 1;
        for (let per = 0; per < P; per++) if (L.interestShortfall[per * nT + t]! > CENT) { f = per; break; }
        c.first[i] = month(f);
      }
    }
    // Parties: cover-shortfall draws by period, loss-sharing payments by month.
    let lossSharingInDeal = 0;
    for (let k = 0; k < nK; k++) {
      const c = cols[nT + k]!;
      c.amount[i] = o.partyPaid[k]!;
      let first = Infinity;
      let weighted = 0;
      for (let per = 0; per < P; per++) {
        const d = L.partyDraw[per * nK + k]!;
        if (d > 0) { first = Math.min(first, month(per)); weighted += d * month(per); borne += d; }
      }
      c.paidMonthWeighted![i] = weighted;
      if (first < Infinity) c.first[i] = first;
    }
    for (const pay of p.lossSharing) {
      const c = cols[nT + pay.party]!;
      const inDeal = pay.month < m.periodOfMonth.length && m.periodOfMonth[pay.month]! < P;
      if (inDeal) { lossSharingInDeal += pay.amount; borne += pay.amount; } else c.late![i] = c.late![i]! + pay.amount;
      c.paidMonthWeighted![i] = c.paidMonthWeighted![i]! + pay.amount * pay.month;
      if (c.first[i]! < 0 || pay.month < c.first[i]!) c.first[i] = pay.month;
    }
    // Fee providers: running fees never paid.
    const fees = cols[nT + nK]!;
    let feeLost = 0;
    let feeFirst = -1;
    for (let per = 0; per < P; per++) {
      let d = 0;
      for (let f = 0; f < nF; f++) d += B.feePaid[per * nF + f]! - L.feePaid[per * nF + f]!;
      feeLost += d;
      if (feeFirst < 0 && feeLost > CENT) feeFirst = month(per);
    }
    fees.amount[i] = feeLost;
    fees.first[i] = feeFirst;
    borne += feeLost;
    // Originator: residual released below the no-default case; first hit when the running deficit appears.
    const orig = cols[nT + nK + 1]!;
    let deficit = 0;
    let scheduled = 0;
    let received = 0;
    for (let per = 0; per < P; per++) {
      deficit += B.residual[per]! - L.residual[per]!;
      if (orig.first[i]! < 0 && deficit > CENT) orig.first[i] = month(per);
      // The cash the waterfall took from the pool: collections (bought assets' included), the
      // clean-up call, less revolving purchases (base: the no-default ledger).
      scheduled += B.collections[per]! + B.callProceeds[per]! - B.purchases[per]!;
      received += L.collections[per]! + L.callProceeds[per]! - L.purchases[per]!;
    }
    orig.amount[i] = deficit;
    if (deficit <= CENT) orig.first[i] = -1;
    borne += deficit;
    shortfall[i] = scheduled - (received - lossSharingInDeal);
    unattributed[i] = shortfall[i]! - borne;
    // Rank on this path: 1 + how many bearers were hit before (an earlier month, or the same month
    // earlier in the order of loss: residual, loss-sharing payers, shortfall sources in the order
    // drawn, fee providers, tranches from the most junior).
    for (let c = 0; c < cols.length; c++) {
      const f = cols[c]!.first[i]!;
      if (f < 0) continue;
      const key = f + withinMonth![c]!;
      let earlier = 0;
      for (let d = 0; d < cols.length; d++) {
        const g = cols[d]!.first[i]!;
        if (g >= 0 && g + withinMonth![d]! < key) earlier++;
      }
      cols[c]!.rank[i] = 1 + earlier;
    }
  });

  const m = replay.model;
  const k = Math.max(1, Math.ceil((1 - q) * n - 1e-9));
  const tail = worstPaths(poolLoss, k);
  const stat = (x: ArrayLike<number>) => meanStdErr(x, null);
  const tailStat = (x: ArrayLike<number>) => meanStdErr(x, tail);
  const pool = { expected: stat(poolLoss), tail: tailStat(poolLoss) };

  const residualTo = [...m.prog.normalSteps].reverse().find((s) => s.type === 'pay-residual');
  const originatorName = residualTo && residualTo.type === 'pay-residual' && residualTo.to === 'subordinated' ? 'subordinated holder (residual)' : 'originator (residual)';
  const descr: Array<Pick<Bearer, 'id' | 'role' | 'name' | 'enhancementId'>> = [
    ...m.prog.tranches.map((t) => ({ id: t.id, role: 'tranche' as const, name: `tranche ${t.id}` })),
    ...m.prog.parties.map((p, j) => {
      const e = m.prog.enhancements.find((x) => j >= x.firstParty && j < x.firstParty + x.parties.length)!;
      return { id: p.id, role: 'enhancement-party' as const, name: p.name, enhancementId: e.id };
    }),
    { id: 'fees', role: 'fees' as const, name: 'fee providers (running fees unpaid)' },
    { id: 'originator', role: 'originator' as const, name: originatorName },
  ];
  const share = (x: number, of: number) => (of > 0 ? x / of : 0);
  const shortfallStat = { expected: stat(shortfall), tail: tailStat(shortfall) };
  const bearers: Bearer[] = descr.map((d, c) => {
    const col = cols[c];
    const zero = new Float64Array(0);
    const amount = col?.amount ?? zero;
    const first = col?.first ?? new Float32Array(0);
    const expected = col ? stat(amount) : { mean: 0, stdErr: 0 };
    const inTail = col ? tailStat(amount) : { mean: 0, stdErr: 0 };
    const b: Bearer = {
      ...d,
      expected, tail: inTail,
      shareOfShortfall: sig(share(expected.mean - (col?.late ? stat(col.late).mean : 0), shortfallStat.expected.mean))!,
      tailShareOfShortfall: sig(share(inTail.mean - (col?.late ? tailStat(col.late).mean : 0), shortfallStat.tail.mean))!,
      probabilityHit: col ? hitRate(first, null) : 0,
      tailProbabilityHit: col ? hitRate(first, tail) : 0,
      meanFirstHitMonth: sig(col ? meanWhereHit(first, first, null) : null),
      tailMeanFirstHitMonth: sig(col ? meanWhereHit(first, first, tail) : null),
      meanHitRank: sig(col ? meanWhereHit(col.rank, first, null) : null),
      tailMeanHitRank: sig(col ? meanWhereHit(col.rank, first, tail) : null),
    };
    if (d.role === 'enhancement-party') {
      const paid = col ? sum(amount) : 0;
      b.meanPaymentMonth = sig(paid > 0 && col?.paidMonthWeighted ? sum(col.paidMonthWeighted) / paid : null);
      b.expectedPaidAfterDeal = toFen(col?.late ? sum(col.late) / n : 0);
    }
    return b;
  });
  const orderOf = (hit: 'probabilityHit' | 'tailProbabilityHit', rank: 'meanHitRank' | 'tailMeanHitRank') => bearers
    .filter((b) => b[hit] > 0)
    .sort((a, b) => b[hit] - a[hit] || a[rank]! - b[rank]!)
    .map((b) => b.id);
  return {
    deal: { id: deal.meta.id, name: deal.meta.name, ...(deal.meta.nameZh ? { nameZh: deal.meta.nameZh } : {}) },
    run: { paths: n, seed: opts.seed, stress: replay.stress.name, tail: q, tailPaths: k, tailPoolLossThreshold: toFen(poolLoss[tail[tail.length - 1]!]!) },
    pool: {
      principal: m.poolPrincipal,
      netLoss: pool,
      cashShortfall: shortfallStat,
      unattributed: { expected: stat(unattributed).mean, tail: tailStat(unattributed).mean },
    },
    bearers,
    order: orderOf('probabilityHit', 'meanHitRank'),
    tailOrder: orderOf('tailProbabilityHit', 'tailMeanHitRank'),
  };
}

/**
 * Order of loss within one month, as a fraction of a month added to a bearer's first-hit month:
 * the originator's residual goes first, then loss-sharing payers (they pay on the loss itself),
 * then cover-shortfall sources in the order the waterfall draws them, then fee providers, then the
 * tranches from the most junior. Columns: tranches, parties, fees, originator.
 */
function withinMonthOrder(m: PathModel): Float64Array {
  const nT = m.tranches;
  const nK = m.parties;
  const out = new Float64Array(nT + nK + 2);
  m.prog.tranches.forEach((t, j) => { out[j] = 0.6 + 0.01 * (20 - t.seniority); });
  m.prog.enhancements.forEach((e, ei) => {
    let pos = -1;
    for (const st of m.prog.normalSteps) {
      if (st.type !== 'cover-shortfall') continue;
      const j = st.sources.findIndex((src) => src.type === 'enhancement' && src.index === ei);
      if (j >= 0) { pos = j; break; }
    }
    for (let q = 0; q < e.parties.length; q++) out[nT + e.firstParty + q] = pos < 0 ? 0.1 : 0.2 + 0.005 * Math.min(pos, 50);
  });
  out[nT + nK] = 0.5;
  out[nT + nK + 1] = 0.05;
  return out;
}

/** Indices of the k largest values, largest first, ties by index. */
export function worstPaths(loss: Float64Array, k: number): Int32Array {
  const idx = Int32Array.from({ length: loss.length }, (_, i) => i);
  idx.sort((a, b) => loss[b]! - loss[a]! || a - b);
  return idx.slice(0, k);
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}

/** Yuan to the fen, for the report (a mean is not an amount paid, but fen are what people read). */
const toFen = (x: number) => (Math.abs(x) < 0.005 ? 0 : Math.round(x * 100) / 100);
const sig = (x: number | null, digits = 6) => (x === null || x === 0 ? x : +x.toPrecision(digits));

/** Mean and standard error over all paths, or over the listed ones, in yuan to the fen. */
function meanStdErr(x: ArrayLike<number>, only: Int32Array | null): Figure {
  const n = only ? only.length : x.length;
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < n; j++) {
    const v = x[only ? only[j]! : j]!;
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  const variance = Math.max(0, s2 / n - mean * mean);
  return { mean: toFen(mean), stdErr: toFen(n > 1 ? Math.sqrt(variance / (n - 1)) : 0) };
}

function hitRate(first: Float32Array, only: Int32Array | null): number {
  const n = only ? only.length : first.length;
  let hits = 0;
  for (let j = 0; j < n; j++) if (first[only ? only[j]! : j]! >= 0) hits++;
  return hits / n;
}

/** Mean of x over the paths (all, or the listed ones) in which the bearer was hit. */
function meanWhereHit(x: ArrayLike<number>, first: Float32Array, only: Int32Array | null): number | null {
  const n = only ? only.length : first.length;
  let hits = 0;
  let s = 0;
  for (let j = 0; j < n; j++) {
    const i = only ? only[j]! : j;
    if (first[i]! >= 0) { hits++; s += x[i]!; }
  }
  return hits > 0 ? s / hits : null;
}

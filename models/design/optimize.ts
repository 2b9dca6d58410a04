// 结构优化 The cheapest structure for the firms that meets the targets (`ipabs optimize`).
//
// Search (docs/design.md):
// 1. The pool's TDR per grade from one Monte Carlo run (the TDR depends on the pool only), and the
//    shipped design evaluated as a candidate like any other (coupons from the market).
// 2. Coarse lattice: every combination of `points` evenly spaced values per continuous lever
//    (min … max) and every listed choice of a discrete one (frequency). The lattice does not depend
//    on the constraints, so on it tightening a constraint can only remove candidates.
// 3. Refinement: a compass (pattern) search from the best feasible lattice points — for each
//    continuous lever try ± half the lattice step, move to any better feasible point, halve the
//    step when no move helps, `refine` halvings in all (final resolution: lattice step / 2^refine).
// Every candidate runs on the same paths (same seed and path count: common random numbers), so two
// candidates differ only by their structure, not by Monte Carlo noise.
//
// Ranking: feasible first; then the firms' all-in cost after subsidy; on a tie (a pool priced
// "fixed": the firms pay what their assets say whatever the notes cost) the issuer's cost of the
// notes; then the smaller total enhancement capacity (less committed), then the lever values.
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import { SimulationCancelled } from '../montecarlo/simulate.js';
import type { SpreadGrid } from '../market/spread-grid.js';
import type { TdrMethod } from '../ratings/tdr.js';
import { simulatedTdr } from './pool-tdr.js';
import { checkLeverSpec, dealLevers, LEVER_NAMES, type Design, type LeverName, type LeverRange, type LeverSpec } from './levers.js';
import { checkConstraintSpecs, type ConstraintCheck, type DesignConstraint } from './constraints.js';
import { evaluateDesign, subordinatedReturn, type Candidate, type EvaluationContext, type SubordinatedReturn } from './evaluate.js';

export const OBJECTIVES = ['firms-cost'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export interface OptimizeRequest {
  objective: Objective;
  /** The levers to turn and their ranges; default every lever the deal offers but issue size and frequency, on its default range. */
  levers?: LeverSpec[];
  /** Default: the senior rated AAA(sf) on the domestic scale. */
  constraints?: DesignConstraint[];
  paths: number;
  seed: Seed;
  /** Values per continuous lever on the coarse lattice (2–9, default 4). */
  points?: number;
  /** Halvings of the refinement step (0–6, default 3). */
  refine?: number;
  tdrMethod?: TdrMethod;
  grid?: SpreadGrid;
  /** Candidates evaluated so far (the pool's TDR run counts as one) of those expected; the refinement's count is an estimate that grows if it needs more. */
  onProgress?: (p: { phase: 'tdr' | 'lattice' | 'refine'; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export const DEFAULT_CONSTRAINTS: DesignConstraint[] = [{ kind: 'senior-rating', min: 'AAA(sf)' }];
export const MAX_LATTICE = 400;

/** A candidate as reported (without its deal). */
export type CandidateSummary = Omit<Candidate, 'deal'>;

export interface FrontierRow {
  /** The lever's value (share or yuan). */
  value: number;
  /** The cheapest feasible design with this value, or null when none of those tried was feasible. */
  firmsCost: number | null;
  design: Design | null;
  tried: number;
}

export interface BindingConstraint {
  kind: ConstraintCheck['kind'] | 'market-price' | 'invalid' | 'bound';
  enhancement: string | null;
  /** The tranche that rates below the spread grid (kind 'market-price'). */
  tranche?: string;
  /** A lever at a bound of its range (kind 'bound'): which, and which end. */
  lever?: LeverName;
  end?: 'lower' | 'upper';
  /** What the nearest better candidate (or the closest infeasible one) measured, and the limit. */
  value?: number | string;
  limit?: number | string;
  /** The same in English words. */
  detail: string;
}

export interface OptimizeResult {
  /** The deal; nameZh its Chinese name when it has one. */
  deal: { id: string; name: string; nameZh?: string };
  objective: Objective;
  status: 'optimal' | 'infeasible';
  levers: Array<{ name: LeverName; unit: string; range: LeverRange; current: number | string; best: number | string | null }>;
  constraints: DesignConstraint[];
  run: { paths: number; seed: Seed; tdrMethod: TdrMethod; commonRandomNumbers: true; points: number; refine: number };
  /** The first-loss holder's return every candidate pays (a cost-plus pool with a coupon-less subordinated tranche), or null. */
  subordinated: SubordinatedReturn | null;
  /** The shipped design, its coupons priced from the market like every candidate. */
  shipped: CandidateSummary;
  best: CandidateSummary | null;
  /** When nothing is feasible: the candidate that misses the least, and what it misses. */
  closest: CandidateSummary | null;
  binding: BindingConstraint[];
  frontier: { seniorShare: FrontierRow[] | null; capacity: { lever: LeverName; rows: FrontierRow[] } | null };
  evaluations: { lattice: number; refine: number; total: number };
  seconds: number;
  candidates: CandidateSummary[];
  /** The best design's deal (market coupons priced), for --out. */
  bestDeal: Deal | null;
}

export function checkOptimizeRequest(deal: Deal, r: OptimizeRequest): { levers: LeverSpec[]; constraints: DesignConstraint[] } {
  if (!(OBJECTIVES as readonly string[]).includes(r.objective)) throw new RangeError(`objective: must be one of ${OBJECTIVES.join(', ')}, got ${JSON.stringify(r.objective)}`);
  const offered = dealLevers(deal);
  const levers = r.levers && r.levers.length > 0
    ? r.levers
    : offered.filter((l) => l.name !== 'issue-size' && l.name !== 'frequency').map((l) => ({ name: l.name, range: l.defaultRange }));
  if (levers.length === 0) throw new RangeError(`levers: the deal offers no lever to turn (levers: ${LEVER_NAMES.join(', ')})`);
  const seen = new Set<string>();
  for (const s of levers) {
    if (seen.has(s.name)) throw new RangeError(`lever ${s.name}: given twice; give each lever once`);
    seen.add(s.name);
    checkLeverSpec(deal, s);
  }
  const constraints = r.constraints && r.constraints.length > 0 ? r.constraints : DEFAULT_CONSTRAINTS;
  checkConstraintSpecs(constraints, deal.enhancements.map((e) => e.id));
  const pts = r.points ?? 4;
  if (!(Number.isInteger(pts) && pts >= 2 && pts <= 9)) throw new RangeError(`points: values per lever on the coarse lattice, a whole number from 2 to 9, got ${pts}`);
  const ref = r.refine ?? 3;
  if (!(Number.isInteger(ref) && ref >= 0 && ref <= 6)) throw new RangeError(`refine: halvings of the refinement step, a whole number from 0 to 6, got ${ref}`);
  const size = levers.reduce((n, s) => n * (s.range.kind === 'choices' ? s.range.values.length : s.range.min === s.range.max ? 1 : pts), 1);
  if (size > MAX_LATTICE) throw new RangeError(`points: the coarse lattice would have ${size} candidates (at most ${MAX_LATTICE}); use fewer points or levers`);
  return { levers, constraints };
}

const EPS = 1e-9;
const capacityTotal = (c: Candidate | CandidateSummary) => c.enhancements.reduce((s, e) => s + (e.capacity ?? 0), 0);

/** Negative when a ranks before b (better); `away` (distance from the shipped design) breaks the last tie: an indifferent objective changes nothing. */
export function compareCandidates(a: CandidateSummary, b: CandidateSummary, away?: (d: Design) => number): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible) return a.violation - b.violation;
  // A feasible candidate was built and priced: its costs are numbers.
  const fa = a.firmsCost ?? Infinity, fb = b.firmsCost ?? Infinity, ia = a.issuerCost ?? Infinity, ib = b.issuerCost ?? Infinity;
  if (Math.abs(fa - fb) > EPS) return fa - fb;
  if (Math.abs(ia - ib) > EPS) return ia - ib;
  const ca = capacityTotal(a), cb = capacityTotal(b);
  if (Math.abs(ca - cb) > 0.005) return ca - cb;
  if (away) { const da = away(a.design), db = away(b.design); if (Math.abs(da - db) > 1e-12) return da - db; }
  return JSON.stringify(a.design) < JSON.stringify(b.design) ? -1 : JSON.stringify(a.design) > JSON.stringify(b.design) ? 1 : 0;
}

const levels = (r: LeverRange, points: number): Array<number | string> => {
  if (r.kind === 'choices') return r.values;
  if (r.min === r.max) return [r.min];
  return Array.from({ length: points }, (_, i) => roundLever(r.min + ((r.max - r.min) * i) / (points - 1), r));
};

/** Shares to 1e-6, yuan to the fen. */
function roundLever(x: number, r: LeverRange & { kind: 'interval' }): number {
  const yuan = r.max > 1.0000001;
  return yuan ? Math.round(x * 100) / 100 : Math.round(x * 1e6) / 1e6;
}

const keyOf = (d: Design) => JSON.stringify(Object.entries(d).sort(([a], [b]) => (a < b ? -1 : 1)));
const summary = ({ deal: _d, ...rest }: Candidate): CandidateSummary => rest;

export async function optimizeDesign(deal: Deal, req: OptimizeRequest): Promise<OptimizeResult> {
  const started = Date.now();
  const { levers, constraints } = checkOptimizeRequest(deal, req);
  const points = req.points ?? 4;
  const refine = req.refine ?? 3;
  const offered = dealLevers(deal);
  const cancelled = () => { if (req.signal?.aborted) throw new SimulationCancelled(); };

  const tdr = await simulatedTdr(deal, { paths: req.paths, seed: req.seed, method: req.tdrMethod });
  cancelled();
  const subordinated = subordinatedReturn(deal);
  const ctx: EvaluationContext = { base: deal, constraints, tdr, paths: req.paths, seed: req.seed, grid: req.grid, subordinated };

  const memo = new Map<string, Candidate>();
  const evaluate = async (d: Design): Promise<Candidate> => {
    const k = keyOf(d);
    let c = memo.get(k);
    if (!c) {
      cancelled();
      c = await evaluateDesign(ctx, d);
      memo.set(k, c);
    }
    return c;
  };

  // The shipped design: the deal's own lever values.
  const current: Design = {};
  for (const s of levers) current[s.name] = offered.find((l) => l.name === s.name)!.current;
  const shipped = await evaluate(current);
  const away = (d: Design) => distance(d, current, levers);
  const better = (a: Candidate, b: Candidate) => compareCandidates(summary(a), summary(b), away) < 0;

  // Coarse lattice.
  let lattice: Design[] = [{}];
  for (const s of levers) lattice = lattice.flatMap((d) => levels(s.range, points).map((v) => ({ ...d, [s.name]: v })));
  const continuousCount = levers.filter((s) => s.range.kind === 'interval' && s.range.max > s.range.min).length;
  // About four moves a lever and direction per halving, from up to three starting points.
  // Progress counts candidates (the shipped design, the lattice, the refinement), as the result's
  // evaluations do, so the page's "N candidates evaluated" and the result agree.
  let expected = 1 + lattice.length + 3 * continuousCount * 2 * Math.max(1, refine) * 2;
  const report = (phase: 'tdr' | 'lattice' | 'refine') => {
    const done = memo.size;
    expected = Math.max(expected, done);
    req.onProgress?.({ phase, done, total: expected });
  };
  report('tdr');
  for (const d of lattice) {
    await evaluate(d);
    report('lattice');
  }
  const latticeEvaluations = memo.size;

  // Refinement: compass search around the best two feasible lattice points (and the shipped design when feasible).
  const continuous = levers.filter((s): s is LeverSpec & { range: { kind: 'interval'; min: number; max: number } } => s.range.kind === 'interval' && s.range.max > s.range.min);
  const ranked = () => [...memo.values()].sort((a, b) => compareCandidates(summary(a), summary(b), away));
  const starts = ranked().filter((c) => c.feasible).slice(0, 2);
  if (shipped.feasible && !starts.some((c) => keyOf(c.design) === keyOf(shipped.design))) starts.push(shipped);
  for (const start of starts) {
    let here = start;
    let step = continuous.map((s) => (s.range.max - s.range.min) / (points - 1) / 2);
    for (let halving = 0; halving < refine; halving++) {
      let moved = true;
      while (moved) {
        moved = false;
        for (let i = 0; i < continuous.length; i++) {
          const s = continuous[i]!;
          for (const dir of [-1, 1]) {
            const v = roundLever(Math.min(s.range.max, Math.max(s.range.min, Number(here.design[s.name]) + dir * step[i]!)), s.range);
            if (v === here.design[s.name]) continue;
            const c = await evaluate({ ...here.design, [s.name]: v });
            report('refine');
            if (c.feasible && better(c, here)) { here = c; moved = true; }
          }
        }
      }
      step = step.map((x) => x / 2);
    }
  }

  req.onProgress?.({ phase: 'refine', done: memo.size, total: memo.size });
  const all = ranked();
  const bestC = all[0]!.feasible ? all[0]! : null;
  const closestC = bestC ? null : all.filter((c) => c.status === 'ok')[0] ?? all[0]!;
  const result: OptimizeResult = {
    deal: { id: deal.meta.id, name: deal.meta.name, ...(deal.meta.nameZh ? { nameZh: deal.meta.nameZh } : {}) },
    objective: req.objective,
    status: bestC ? 'optimal' : 'infeasible',
    levers: levers.map((s) => ({ name: s.name, unit: offered.find((l) => l.name === s.name)!.unit, range: s.range, current: current[s.name]!, best: bestC ? bestC.design[s.name] ?? null : null })),
    constraints,
    run: { paths: req.paths, seed: req.seed, tdrMethod: tdr.method, commonRandomNumbers: true, points, refine },
    subordinated,
    shipped: summary(shipped),
    best: bestC ? summary(bestC) : null,
    closest: closestC ? summary(closestC) : null,
    binding: bestC ? bindingAt(bestC, all, levers) : closestC ? missed(closestC) : [],
    frontier: frontierOf(all, levers, lattice, bestC),
    evaluations: { lattice: latticeEvaluations, refine: memo.size - latticeEvaluations, total: memo.size },
    seconds: (Date.now() - started) / 1000,
    candidates: all.map(summary),
    bestDeal: bestC?.deal ?? null,
  };
  return result;
}

/** What the closest infeasible candidate misses, worst first. */
function missed(c: Candidate): BindingConstraint[] {
  if (c.status === 'unpriced' && c.unpriced) return [{ kind: 'market-price', enhancement: null, tranche: c.unpriced.tranche, value: c.unpriced.grade, detail: `tranche "${c.unpriced.tranche}" would rate ${c.unpriced.grade}: no market price below the spread grid` }];
  if (c.status !== 'ok') return [{ kind: 'invalid', enhancement: null, detail: c.reason ?? c.status }];
  return c.checks.filter((x) => !x.ok).sort((a, b) => b.violation - a.violation)
    .map((x) => ({ kind: x.kind, enhancement: x.enhancement, value: x.tested, limit: x.limit, detail: `${x.kind}${x.enhancement ? ` (${x.enhancement})` : ''}: ${fmt(x.tested)}${x.tested !== x.value ? ` (upper 95% bound; estimate ${fmt(x.value)})` : ''} against a limit of ${fmt(x.limit)}` }));
}

const fmt = (v: number | string) => (typeof v === 'number' ? (Math.abs(v) < 1 ? `${(v * 100).toPrecision(4)}%` : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) : v);

/** Normalised distance between two designs over the continuous levers (each range counts 1), choices 1 when they differ. */
function distance(a: Design, b: Design, levers: readonly LeverSpec[]): number {
  let s = 0;
  for (const l of levers) {
    const x = a[l.name], y = b[l.name];
    if (l.range.kind === 'choices') s += x === y ? 0 : 1;
    else { const w = l.range.max - l.range.min || 1; s += ((Number(x) - Number(y)) / w) ** 2; }
  }
  return Math.sqrt(s);
}

/**
 * The constraints that bind at the optimum: those the nearest better-ranked candidates (cheaper, or
 * as cheap and less committed) break — relax them and the search would have moved there — and the
 * levers sitting at a bound of their range.
 */
function bindingAt(best: Candidate, all: readonly Candidate[], levers: readonly LeverSpec[]): BindingConstraint[] {
  const bf = best.firmsCost ?? Infinity, bi = best.issuerCost ?? Infinity;
  const better = all.filter((c) => {
    if (c.feasible) return false;
    if (c.status !== 'ok' || c.firmsCost === null || c.issuerCost === null) return true;
    if (c.firmsCost < bf - EPS) return true;
    if (Math.abs(c.firmsCost - bf) > EPS) return false;
    return c.issuerCost < bi - EPS || (Math.abs(c.issuerCost - bi) <= EPS && capacityTotal(c) < capacityTotal(best) - 0.005);
  });
  const out: BindingConstraint[] = [];
  const seen = new Set<string>();
  if (better.length) {
    const d = better.map((c) => distance(c.design, best.design, levers));
    const nearest = Math.min(...d);
    better.forEach((c, i) => {
      if (d[i]! > nearest * 1.5 + 1e-9) return;
      for (const b of missed(c)) {
        const k = `${b.kind}|${b.enhancement}`;
        if (!seen.has(k)) { seen.add(k); out.push(b); }
      }
    });
  }
  for (const l of levers) {
    if (l.range.kind !== 'interval' || l.range.max === l.range.min) continue;
    const v = Number(best.design[l.name]);
    if (v <= l.range.min + EPS || v >= l.range.max - EPS) out.push({ kind: 'bound', enhancement: null, lever: l.name, end: v <= l.range.min + EPS ? 'lower' : 'upper', value: v, detail: `${l.name} at the ${v <= l.range.min + EPS ? 'lower' : 'upper'} bound of its range (${fmt(v)})` });
  }
  return out;
}

/**
 * The cheapest feasible design at each lattice value of a lever (every other lever free), and at the
 * best design's value: the lower envelope of firms' cost against that lever. Refinement points in
 * between count for the nearest row only when they have exactly its value.
 */
function frontierRows(all: readonly Candidate[], name: LeverName, values: readonly number[]): FrontierRow[] {
  const byValue = new Map<number, FrontierRow>(values.map((x) => [x, { value: x, firmsCost: null, design: null, tried: 0 }]));
  for (const c of all) {
    const v = c.design[name];
    if (v === undefined) continue;
    const x = Number(v);
    const row = byValue.get(x);
    if (!row) continue;
    row.tried++;
    if (c.feasible && c.firmsCost !== null && (row.firmsCost === null || c.firmsCost < row.firmsCost - EPS)) { row.firmsCost = c.firmsCost; row.design = c.design; }
    byValue.set(x, row);
  }
  return [...byValue.values()].sort((a, b) => a.value - b.value);
}

function frontierOf(all: readonly Candidate[], levers: readonly LeverSpec[], lattice: readonly Design[], best: Candidate | null): OptimizeResult['frontier'] {
  const has = (n: LeverName) => levers.some((l) => l.name === n && l.range.kind === 'interval');
  const cap: LeverName | null = has('guarantee') ? 'guarantee' : has('undertaking') ? 'undertaking' : null;
  const values = (n: LeverName) => [...new Set([...lattice.map((d) => Number(d[n])), ...(best ? [Number(best.design[n])] : [])])];
  return {
    seniorShare: has('senior-share') ? frontierRows(all, 'senior-share', values('senior-share')) : null,
    capacity: cap ? { lever: cap, rows: frontierRows(all, cap, values(cap)) } : null,
  };
}

// Monte Carlo simulation of a deal: paths in blocks, on this thread or on worker threads, merged
// in block order so that the same deal, seed and path count give the same numbers whatever the
// thread count.
import { createHash } from 'node:crypto';
import { blockCount, blockPaths, seedKey, type Seed } from '../credit/rng.js';
import type { Deal } from '../deal-format/schema.js';
import { trancheFactorShift, type LargePoolSegment } from '../credit/importance-sampling.js';
import { cumulativeDefaultProbability } from '../credit/default-times.js';
import { addHistograms, createHistograms, type Histograms } from './accumulate.js';
import { createSimulationContext, runBlock, type SimulationContext } from './block.js';
import { parseStress, type StressSpec } from './stress.js';
import { buildResult, type SimulationResult } from './results.js';
import type { FromWorker, JobInit, ToWorker } from './worker.js';
import { borrowWorkers, discardWorkers, returnWorkers, type PooledWorker } from './worker-pool.js';
export { closeWorkerPool } from './worker-pool.js';
import type { PathModel } from './path-model.js';
import { assertFiniteResult } from '../engine/finite-guard.js';

export const MAX_PATHS = 50_000_000;
export const MAX_THREADS = 64;

export interface SimulateOptions {
  paths: number;
  seed: Seed;
  /** Worker threads; 1 runs on the calling thread. */
  threads?: number;
  /** A named stress of the deal or `pd=2x,recovery=0.5x,rho=+0.1`. */
  stress?: string | StressSpec;
  /** Importance-sampling shift of the systematic factor: a number, 'auto', or 0/undefined for none. */
  importanceShift?: number | 'auto';
  onProgress?: (pathsDone: number, paths: number) => void;
  signal?: AbortSignal;
}

export class SimulationCancelled extends Error {
  constructor() { super('simulation cancelled'); }
}

/** Check the run options, naming the value and the allowed range. */
export function checkSimulateOptions(o: SimulateOptions): void {
  if (!Number.isSafeInteger(o.paths) || o.paths < 1 || o.paths > MAX_PATHS) {
    throw new RangeError(`paths: must be a whole number from 1 to ${MAX_PATHS.toLocaleString('en-US')}, got ${o.paths}`);
  }
  const t = o.threads ?? 1;
  if (!Number.isSafeInteger(t) || t < 1 || t > MAX_THREADS) throw new RangeError(`threads: must be a whole number from 1 to ${MAX_THREADS}, got ${t}`);
  seedKey(o.seed);
  const s = o.importanceShift;
  if (s !== undefined && s !== 'auto' && !(typeof s === 'number' && Number.isFinite(s) && Math.abs(s) <= 8)) {
    throw new RangeError(`importanceShift: must be "auto" or a number between -8 and 8, got ${JSON.stringify(s)}`);
  }
}

/**
 * The importance-sampling shift that centres the systematic factor where the most senior
 * tranche starts losing in the large-pool approximation (Glasserman & Li 2005).
 */
export function autoShift(m: PathModel): number {
  const sim = m.deal.simulation;
  const rho = sim ? (sim.copula === 'sector' ? (sim.sectorCorrelation?.inter ?? sim.rho) : sim.rho) : 0;
  if (rho <= 0) return 0;
  const years = m.horizonMonths / 12;
  const segments: LargePoolSegment[] = m.deal.pool.obligors.map((o, i) => ({
    exposure: m.purchase[i]!,
    pd: cumulativeDefaultProbability({ annualDefaultProbability: o.credit.annualDefaultProbability, pdTermStructure: o.credit.pdTermStructure }, years),
    rho,
    lgd: Math.min(1, Math.max(0, 1 - (o.credit.recovery.mean * m.appraised[i]!) / Math.max(1, m.purchase[i]!))),
  }));
  const senior = m.prog.tranches.reduce((best, t, i) => (t.seniority < m.prog.tranches[best]!.seniority ? i : best), 0);
  const below = m.prog.tranches.reduce((s, t) => (t.seniority > m.prog.tranches[senior]!.seniority ? s + t.initialBalance.toNumber() : s), 0);
  const attachment = Math.min(0.95, below / m.poolPrincipal);
  return trancheFactorShift(segments, attachment, 1);
}

/**
 * The last compiled deal on this thread: a repeated run (sizing, sensitivity grids) skips
 * compiling. A context holds per-path scratch space, so a run that starts while another is using
 * it (an async run yielding to the event loop) compiles its own.
 */
let lastContext: { key: string; ctx: SimulationContext; busy: boolean } | null = null;

interface Prepared { stress: StressSpec; main: SimulationContext; shift: number; blocks: number; scalars: Float64Array[]; release: () => void }

function runStress(deal: Deal, opts: SimulateOptions): StressSpec {
  return typeof opts.stress === 'object' ? opts.stress : parseStress(opts.stress ?? 'base', deal);
}

function prepare(deal: Deal, opts: SimulateOptions, stress: StressSpec = runStress(deal, opts)): Prepared {
  checkSimulateOptions(opts);
  const key = contextKey(deal, stress);
  let entry = lastContext;
  if (!entry || entry.key !== key || entry.busy) {
    entry = { key, ctx: createSimulationContext(deal, stress), busy: false };
    if (!lastContext?.busy) lastContext = entry;
  }
  entry.busy = true;
  const held = entry;
  const main = entry.ctx;
  main.hist = createHistograms(main.model);
  const shift = opts.importanceShift === 'auto' ? autoShift(main.model) : (opts.importanceShift ?? 0);
  const blocks = blockCount(opts.paths);
  return { stress, main, shift, blocks, scalars: new Array<Float64Array>(blocks), release: () => { held.busy = false; } };
}

/** Merge the blocks' sums in block order and build the report. */
function finish(p: Prepared, opts: SimulateOptions, hist: Histograms, threads: number): SimulationResult {
  const total = new Float64Array(p.main.layout.size);
  for (let b = 0; b < p.blocks; b++) {
    const v = p.scalars[b]!;
    for (let i = 0; i < total.length; i++) total[i] = total[i]! + v[i]!;
  }
  return assertFiniteResult('simulate', buildResult(p.main.model, p.main.layout, total, hist, {
    paths: opts.paths, seed: opts.seed, threads, stress: p.stress, importanceShift: p.shift,
  }));
}

export async function simulate(deal: Deal, opts: SimulateOptions): Promise<SimulationResult> {
  checkSimulateOptions(opts);
  const threads = opts.threads ?? 1;
  const stress = runStress(deal, opts);
  const helpers = helperCount(threads, blockCount(opts.paths));
  // The workers compile the deal while this thread does the same, rather than after it.
  const crew = helpers > 0 ? hireWorkers(helpers, { key: contextKey(deal, stress), deal, stress, seed: opts.seed, paths: opts.paths }) : null;
  let p: Prepared;
  try {
    p = prepare(deal, opts, stress);
  } catch (err) {
    if (crew) discardWorkers(crew.workers);
    throw err;
  }
  try {
    const hist = crew
      ? await runOnWorkers(p.main, crew, opts, p.blocks, p.scalars, p.shift)
      : await runHere(p.main, opts, p.blocks, p.scalars, p.shift);
    return finish(p, opts, hist, threads);
  } finally {
    p.release();
  }
}

/**
 * The same simulation on the calling thread, synchronously (no progress, no cancellation): for
 * library callers that are themselves synchronous, such as the cost comparison. Same numbers as
 * `simulate` with the same deal, seed and path count.
 */
export function simulateHere(deal: Deal, opts: Omit<SimulateOptions, 'threads' | 'onProgress' | 'signal'>): SimulationResult {
  const p = prepare(deal, opts);
  try {
    for (let b = 0; b < p.blocks; b++) p.scalars[b] = runBlock(p.main, opts.seed, b, opts.paths, p.shift);
    return finish(p, opts, p.main.hist, 1);
  } finally {
    p.release();
  }
}

async function runHere(ctx: SimulationContext, opts: SimulateOptions, blocks: number, scalars: Float64Array[], shift: number): Promise<Histograms> {
  let lastYield = Date.now();
  for (let b = 0; b < blocks; b++) {
    if (opts.signal?.aborted) throw new SimulationCancelled();
    scalars[b] = runBlock(ctx, opts.seed, b, opts.paths, shift);
    // Whole paths: blocks hold PATHS_PER_BLOCK paths each, the last one the rest.
    opts.onProgress?.(blockPaths(b, opts.paths).end, opts.paths);
    // Let progress events and cancellation through when the caller is an event loop.
    if ((opts.onProgress || opts.signal) && Date.now() - lastYield > 50) {
      await new Promise((r) => setImmediate(r));
      lastYield = Date.now();
    }
  }
  return ctx.hist;
}

interface Crew { job: number; workers: PooledWorker[] }

/** Borrow workers and send them the job, so they start compiling the deal at once. */
function hireWorkers(n: number, init: JobInit): Crew {
  const crew = borrowWorkers(n);
  for (const pw of crew.workers) pw.send({ type: 'job', job: crew.job, init } satisfies ToWorker);
  return crew;
}

function runOnWorkers(
  ctx: SimulationContext, crew: Crew, opts: SimulateOptions, blocks: number, scalars: Float64Array[], shift: number,
): Promise<Histograms> {
  // The calling thread is one of the threads: it has the deal compiled already, so T threads
  // start only T − 1 workers. Every thread takes the next block from one shared counter, so a
  // worker never waits for this thread (busy with a block of its own) to hand it work. This
  // thread's blocks add into ctx.hist; the workers' histograms are added to it (sums of quantized
  // weights: exact in any order), and the blocks' sums are merged in block order at the end.
  const hist = ctx.hist;
  const { job, workers } = crew;
  const claim = new Int32Array(new SharedArrayBuffer(4));
  return new Promise<Histograms>((resolve, reject) => {
    let done = 0;
    let finished = 0;
    let failed = false;
    let hereDone = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      Atomics.store(claim, 0, blocks); // no thread starts another block
      opts.signal?.removeEventListener('abort', onAbort);
      discardWorkers(workers);
      reject(err);
    };
    const onAbort = () => fail(new SimulationCancelled());
    if (opts.signal?.aborted) { fail(new SimulationCancelled()); return; }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const blockDone = (block: number) => {
      const range = blockPaths(block, opts.paths);
      done += range.end - range.start;
      opts.onProgress?.(done, opts.paths);
    };
    const maybeResolve = () => {
      if (failed || !hereDone || finished < workers.length) return;
      opts.signal?.removeEventListener('abort', onAbort);
      returnWorkers(workers);
      resolve(hist);
    };
    // One block at a time on this thread, yielding between blocks so the workers' messages get through.
    const runHereStep = () => {
      if (failed) return;
      const b = Atomics.add(claim, 0, 1);
      if (b >= blocks) { hereDone = true; maybeResolve(); return; }
      try {
        scalars[b] = runBlock(ctx, opts.seed, b, opts.paths, shift);
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      blockDone(b);
      setImmediate(runHereStep);
    };
    for (const pw of workers) {
      pw.onFailure = fail;
      pw.onMessage = (msg: FromWorker) => {
        if (failed || msg.job !== job) return;
        if (msg.type === 'block') {
          scalars[msg.block] = msg.scalars;
          blockDone(msg.block);
        } else if (msg.type === 'histograms') {
          addHistograms(hist, { poolLoss: msg.poolLoss, poolDefault: msg.poolDefault, draws: msg.draws });
          finished++;
          maybeResolve();
        } else fail(new Error(msg.message));
      };
      // Queued behind the job message: the worker starts taking blocks as soon as it has compiled the deal.
      pw.send({ type: 'start', job, start: { shift, blocks, claim } } satisfies ToWorker);
    }
    setImmediate(runHereStep);
  });
}

/** Worker threads a run on `threads` threads starts beside the calling thread (none for a single block). */
function helperCount(threads: number, blocks: number): number {
  return Math.max(0, Math.min(threads, blocks) - 1);
}

/** Identifies a compiled deal + stress, so pooled workers can reuse their compilation. */
function contextKey(deal: Deal, stress: StressSpec): string {
  return createHash('sha1').update(JSON.stringify(deal)).update(JSON.stringify(stress)).digest('hex');
}

// A pooled worker thread: for each job it compiles the deal (cached by key, so a repeated run
// of the same deal skips it), then takes blocks from the job's shared counter until none is left.
import { parentPort } from 'node:worker_threads';
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import { createHistograms } from './accumulate.js';
import { createSimulationContext, runBlock, type SimulationContext } from './block.js';
import type { StressSpec } from './stress.js';

export interface JobInit { key: string; deal: Deal; stress: StressSpec; seed: Seed; paths: number }
/**
 * The job's blocks: every thread takes the next one from `claim[0]` (Atomics.add on shared memory),
 * so none waits for the main thread to hand it work and all finish within a block of each other.
 */
export interface JobStart { shift: number; blocks: number; claim: Int32Array }
export type ToWorker =
  | { type: 'job'; job: number; init: JobInit }
  | { type: 'start'; job: number; start: JobStart };
export type FromWorker =
  | { type: 'block'; job: number; block: number; scalars: Float64Array }
  | { type: 'histograms'; job: number; poolLoss: Float64Array; poolDefault: Float64Array; draws: Float64Array[] }
  | { type: 'error'; job: number; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const cache = new Map<string, SimulationContext>();
let current: { job: number; init: JobInit; ctx: SimulationContext } | null = null;

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'job') {
      let ctx = cache.get(msg.init.key);
      if (!ctx) {
        ctx = createSimulationContext(msg.init.deal, msg.init.stress);
        cache.clear(); // keep one compiled deal: memory stays bounded
        cache.set(msg.init.key, ctx);
      }
      ctx.hist = createHistograms(ctx.model);
      current = { job: msg.job, init: msg.init, ctx };
    } else if (!current || current.job !== msg.job) {
      throw new Error(`worker got ${msg.type} for job ${msg.job} without its job message`);
    } else {
      const { init, ctx } = current;
      const { shift, blocks, claim } = msg.start;
      for (let b = Atomics.add(claim, 0, 1); b < blocks; b = Atomics.add(claim, 0, 1)) {
        const scalars = runBlock(ctx, init.seed, b, init.paths, shift);
        // Copied, not transferred: detaching any ArrayBuffer invalidates V8's array-buffer-detaching
        // protector for the whole thread, after which every typed-array access in optimized code
        // checks for detachment — the paths ran ~18% slower on a worker than on the main thread.
        // The sums are a few hundred numbers; the copy costs microseconds.
        port.postMessage({ type: 'block', job: msg.job, block: b, scalars } satisfies FromWorker);
      }
      const { hist } = ctx;
      port.postMessage({ type: 'histograms', job: msg.job, poolLoss: hist.poolLoss, poolDefault: hist.poolDefault, draws: hist.draws } satisfies FromWorker);
      current = null;
    }
  } catch (err) {
    port.postMessage({ type: 'error', job: msg.job, message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
  }
});

// A worker thread: compiles the deal once, then runs the blocks the main thread hands it.
import { parentPort, workerData } from 'node:worker_threads';
import type { Deal } from '../deal/schema.js';
import type { Seed } from '../credit/rng.js';
import { createSimulationContext, runBlock } from './block.js';
import type { StressSpec } from './stress.js';

export interface WorkerInit { deal: Deal; stress: StressSpec; seed: Seed; paths: number; shift: number }
export type ToWorker = { type: 'block'; block: number } | { type: 'finish' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'block'; block: number; scalars: Float64Array }
  | { type: 'histograms'; poolLoss: Float64Array; draws: Float64Array[] }
  | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const init = workerData as WorkerInit;
try {
  const ctx = createSimulationContext(init.deal, init.stress);
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.type === 'block') {
        const scalars = runBlock(ctx, init.seed, msg.block, init.paths, init.shift);
        port.postMessage({ type: 'block', block: msg.block, scalars } satisfies FromWorker, [scalars.buffer as ArrayBuffer]);
      } else {
        port.postMessage({ type: 'histograms', poolLoss: ctx.hist.poolLoss, draws: ctx.hist.draws } satisfies FromWorker);
        port.close();
      }
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
}

// One job (a Monte Carlo run or a sizing search), in a worker thread so the server's request
// thread stays free. The thread may be started before its job exists (a spare kept warm by the
// run manager): it imports the engine modules named in workerData.preload at once, then waits for
// its one 'job' message. It reports progress (throttled), the result, or the error; a 'cancel'
// message aborts the engine's signal (the manager terminates the thread if that is not enough).
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { ToRunWorker, WorkerJob, WorkerMessage } from './protocol.js';
import { assertFiniteResult } from '../../models/engine/finite-guard.js';
import type { Deal } from '../../models/deal-format/schema.js';
import type { simulate } from '../../models/montecarlo/simulate.js';
import type { sensitivityGrid } from '../../models/montecarlo/sensitivity.js';
import type { sizeEnhancement, SizingRequest } from '../../models/sizing/solve.js';
import type { optimizeDesign, OptimizeRequest } from '../../models/design/optimize.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

const controller = new AbortController();
let started = false;
port.on('message', (m: ToRunWorker) => {
  if (m.type === 'cancel') controller.abort();
  else if (m.type === 'job' && !started) {
    started = true;
    run(m.job).catch((err: unknown) => {
      if (controller.signal.aborted) post({ type: 'cancelled' });
      else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
    });
  }
});

// Warm up: load the engines now, while no job waits (a failure is reported when a job needs the module).
const preload = (workerData as { preload?: string[] } | null)?.preload ?? [];
void Promise.allSettled(preload.map((file) => import(pathToFileURL(file).href))).then(() => post({ type: 'warm' }));

// The engine modules are the library's own (server/config.ts names them; a test may name a
// stand-in with the same exports): each is imported by file, in this thread, and typed as the
// library's function.
async function load<F>(file: string, name: string): Promise<F> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  if (typeof mod[name] !== 'function') throw new Error(`${file} does not export ${name}()`);
  return mod[name] as F;
}

let last = 0;
/** Progress, at most ~10 messages a second plus the last one. */
function progress(done: number, total: number): void {
  const now = Date.now();
  if (now - last >= 100 || done >= total) {
    last = now;
    post({ type: 'progress', done, total });
  }
}

async function run(job: WorkerJob): Promise<void> {
  let result: unknown;
  if (job.task === 'simulate') {
    const run = await load<typeof simulate>(job.module, 'simulate');
    result = await run(job.deal as Deal, {
      paths: job.paths,
      seed: job.seed,
      threads: job.threads,
      ...(job.stress ? { stress: job.stress } : {}),
      onProgress: progress,
      signal: controller.signal,
    });
  } else if (job.task === 'sensitivity') {
    const grid = await load<typeof sensitivityGrid>(job.module, 'sensitivityGrid');
    result = await grid(job.deal as Deal, job.pdMultipliers, job.rhos, { paths: job.paths, seed: job.seed, threads: job.threads, onProgress: progress, signal: controller.signal });
  } else if (job.task === 'optimize') {
    const optimize = await load<typeof optimizeDesign>(job.module, 'optimizeDesign');
    result = await optimize(job.deal as Deal, { ...(job.request as unknown as OptimizeRequest), onProgress: (p) => progress(p.done, p.total), signal: controller.signal });
  } else {
    const size = await load<typeof sizeEnhancement>(job.module, 'sizeEnhancement');
    result = await size(job.deal as Deal, job.request as unknown as SizingRequest);
  }
  if (controller.signal.aborted) post({ type: 'cancelled' });
  // The engines guard their own results; this also holds for any engine module the server loads.
  else post({ type: 'done', result: assertFiniteResult(job.task, result) });
}


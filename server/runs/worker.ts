// One Monte Carlo run, in a worker thread so the server's request thread stays free. It reports
// progress (throttled), the result, or the error; a 'cancel' message aborts the engine's signal.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { WorkerJob, WorkerMessage } from './protocol.js';

const job = (workerData as { job: WorkerJob }).job;
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);

const controller = new AbortController();
port.on('message', (m: unknown) => {
  if (typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'cancel') controller.abort();
});

type SimulateFn = (deal: unknown, opts: {
  paths: number; seed: number; threads: number; stress?: string;
  onProgress?: (done: number, total: number) => void; signal?: AbortSignal;
}) => Promise<unknown>;

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(job.simulateModule).href)) as { simulate?: unknown };
  if (typeof mod.simulate !== 'function') throw new Error(`${job.simulateModule} does not export simulate()`);
  const simulate = mod.simulate as SimulateFn;
  let last = 0;
  const result = await simulate(job.deal, {
    paths: job.paths,
    seed: job.seed,
    threads: job.threads,
    ...(job.stress ? { stress: job.stress } : {}),
    onProgress: (done, total) => {
      const now = Date.now();
      // At most ~10 messages a second, plus the last one.
      if (now - last >= 100 || done >= total) {
        last = now;
        post({ type: 'progress', done, total });
      }
    },
    signal: controller.signal,
  });
  if (controller.signal.aborted) post({ type: 'cancelled' });
  else post({ type: 'done', result });
}

main().catch((err: unknown) => {
  if (controller.signal.aborted) post({ type: 'cancelled' });
  else post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
});

// Worker thread that makes library summaries (summary.ts), so that validating and costing deals
// for the index never runs on the server's request thread. One job at a time, in order.
import { parentPort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { summarizeDealText, type CostFunction } from './summary.js';
import type { SummaryJob, SummaryReply } from './summarizer.js';

const port = parentPort;
if (!port) throw new Error('summary-worker.ts must run in a worker thread');

const costModules = new Map<string, Promise<CostFunction | null>>();

function costFunction(module: string | null): Promise<CostFunction | null> {
  if (module === null) return Promise.resolve(null);
  let hit = costModules.get(module);
  if (!hit) {
    hit = import(pathToFileURL(module).href).then((m: Record<string, unknown>) => (typeof m.dealCost === 'function' ? (m.dealCost as CostFunction) : null));
    costModules.set(module, hit);
  }
  return hit;
}

port.on('message', (job: SummaryJob) => {
  void (async (): Promise<SummaryReply> => {
    try {
      let cost: CostFunction | null = null;
      let costProblem: string | null = null;
      try {
        cost = await costFunction(job.costModule);
      } catch (err) {
        costModules.delete(job.costModule ?? '');
        costProblem = `cost: the cost engine does not load (${(err as Error).message.split('\n')[0]})`;
      }
      const summary = summarizeDealText(job.text, cost);
      return { seq: job.seq, ok: true, summary: summary.valid && costProblem ? { ...summary, costProblem } : summary };
    } catch (err) {
      return { seq: job.seq, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  })().then((reply) => port.postMessage(reply));
});

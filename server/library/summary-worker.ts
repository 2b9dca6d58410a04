// Worker thread that makes library summaries (summary.ts), so that validating and costing deals
// for the index never runs on the server's request thread. One job at a time, in order.
import { parentPort } from 'node:worker_threads';
import { summarizeDealText } from './summary.js';
import type { SummaryJob, SummaryReply } from './summary-protocol.js';

const port = parentPort;
if (!port) throw new Error('summary-worker.ts must run in a worker thread');

port.on('message', (job: SummaryJob) => {
  let reply: SummaryReply;
  try {
    reply = { seq: job.seq, ok: true, summary: summarizeDealText(job.text) };
  } catch (err) {
    reply = { seq: job.seq, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});

// The summary worker pool of the deal index: one long-lived worker thread (started on first use)
// that makes library summaries. Saves waiting for their summary go before background rebuilds; a
// job that crashes or outlasts the time limit stops the worker, which the next job restarts.
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredDeal } from '../../models/store/deal-store.js';
import type { Summarizer } from '../../models/store/deal-index.js';
import type { DealSummary } from './summary.js';
import type { SummaryJob, SummaryReply } from './summary-protocol.js';

interface Pending { job: SummaryJob; resolve: (s: DealSummary) => void; reject: (e: Error) => void }

export interface SummaryWorkerOptions {
  /** Longest a single summary may take before its worker is stopped. */
  timeoutMs?: number;
}

/** Bumped when the summary's shape changes, so entries made by older code are rebuilt. */
const SUMMARY_FORMAT = 2;

// As for runs (server/runs/manager.ts): compiled JavaScript from the build starts at once; from
// source (tests under tsx) the boot file registers tsx in the new thread first.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? '../runs/worker-boot.mjs' : './summary-worker.js', import.meta.url);
const workerEntry = new URL('./summary-worker.ts', import.meta.url).href;

export class SummaryWorker implements Summarizer<DealSummary> {
  readonly stamp: string;
  private worker: Worker | null = null;
  private readonly urgent: Pending[] = [];
  private readonly background: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private closed = false;

  constructor(private readonly opts: SummaryWorkerOptions = {}) {
    this.stamp = codeStamp();
  }

  summarize(stored: StoredDeal, urgent: boolean): Promise<DealSummary> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    return new Promise((resolve, reject) => {
      const job: SummaryJob = { seq: ++this.seq, text: stored.text };
      (urgent ? this.urgent : this.background).push({ job, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of [...this.urgent.splice(0), ...this.background.splice(0)]) p.reject(new Error('the server is shutting down'));
    this.current?.reject(new Error('the server is shutting down'));
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private next(): void {
    if (this.current || this.closed) return;
    const p = this.urgent.shift() ?? this.background.shift();
    if (!p) return;
    this.current = p;
    const w = this.worker ?? this.start();
    this.timer = setTimeout(() => this.fail(`summary: took longer than ${(this.opts.timeoutMs ?? 30_000) / 1000} s; stopped`), this.opts.timeoutMs ?? 30_000);
    w.postMessage(p.job);
  }

  private start(): Worker {
    const w = new Worker(workerUrl, { workerData: { entry: workerEntry } });
    w.unref(); // an idle summary worker never keeps the process alive
    w.on('message', (m: SummaryReply) => {
      const p = this.current;
      if (!p || p.job.seq !== m.seq) return;
      this.settle();
      if (m.ok) p.resolve(m.summary);
      else p.reject(new Error(m.error));
      this.next();
    });
    w.on('error', (err) => this.fail(`summary worker: ${err.message}`));
    w.on('exit', (code) => { if (this.worker === w) this.fail(`summary worker stopped (exit code ${code})`); });
    this.worker = w;
    return w;
  }

  private settle(): void {
    this.current = null;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
  }

  /** The job in flight fails; the worker is replaced for the next one. */
  private fail(message: string): void {
    const p = this.current;
    const w = this.worker;
    this.worker = null;
    this.settle();
    void w?.terminate();
    p?.reject(new Error(message));
    this.next();
  }
}

/** A fingerprint of the code that makes summaries (file names, sizes, modification times). */
export function codeStamp(): string {
  const h = createHash('sha256').update(`format ${SUMMARY_FORMAT}\n`);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const walk = (dir: string): void => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { return; }
    for (const n of names) {
      const p = join(dir, n);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|json)$/.test(n)) h.update(`${relative(root, p)} ${st.size} ${st.mtimeMs}\n`);
    }
  };
  for (const d of ['models', 'server/present', 'server/library']) walk(join(root, d));
  return h.digest('hex').slice(0, 16);
}

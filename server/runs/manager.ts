// Monte Carlo runs: each in its own worker thread, at most `maxConcurrent` at once, the rest
// queued (first come, first served) with their position reported. Listeners receive every
// state change, which the server forwards as server-sent events.
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import type { WorkerJob, WorkerMessage } from './protocol.js';

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo {
  id: string;
  /** A Monte Carlo run, or a sizing search (many runs; its progress is not reported). */
  task: 'simulate' | 'size';
  dealId: string;
  dealName: string;
  paths: number;
  seed: number;
  stress: string | null;
  /** The account that started it (team mode); null in local mode. */
  startedBy: string | null;
  state: RunState;
  /** 1-based place in the queue while queued, else null. */
  position: number | null;
  /** Paths done of total (total 0: the job does not report progress). */
  done: number;
  total: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

export type RunEvent =
  | { type: 'queued'; run: RunInfo }
  | { type: 'started'; run: RunInfo }
  | { type: 'progress'; run: RunInfo }
  | { type: 'done'; run: RunInfo }
  | { type: 'failed'; run: RunInfo }
  | { type: 'cancelled'; run: RunInfo };

export interface RunRequest {
  dealId: string;
  dealName: string;
  stressName: string | null;
  job: WorkerJob;
  /** The account starting it (team mode), counted against its limit of active runs. */
  startedBy?: string | null;
}

export class QueueFullError extends Error {}

export interface RunManagerOptions {
  maxConcurrent: number;
  maxQueued: number;
  /** Finished runs kept (with results); older ones are forgotten. */
  keep: number;
  /** How long a cancelled worker may take to stop before it is terminated. */
  cancelGraceMs?: number;
  /** Runs one account may have queued or running at once (team mode). */
  maxActivePerUser?: number;
}

interface Run {
  info: RunInfo;
  job: WorkerJob;
  result: unknown;
  worker: Worker | null;
  listeners: Set<(e: RunEvent) => void>;
  killTimer: NodeJS.Timeout | null;
}

const TERMINAL: ReadonlySet<RunState> = new Set(['done', 'failed', 'cancelled']);
export const isTerminal = (s: RunState) => TERMINAL.has(s);

const bootUrl = new URL('./worker-boot.mjs', import.meta.url);
const workerEntry = new URL('./worker.ts', import.meta.url).href;

export class RunManager {
  private readonly runs = new Map<string, Run>();
  private readonly queue: Run[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly opts: RunManagerOptions) {}

  get stats(): { running: number; queued: number; kept: number; maxConcurrent: number; maxQueued: number } {
    return { running: this.running, queued: this.queue.length, kept: this.runs.size, maxConcurrent: this.opts.maxConcurrent, maxQueued: this.opts.maxQueued };
  }

  submit(req: RunRequest): RunInfo {
    if (this.closed) throw new QueueFullError('runs: the server is shutting down');
    if (this.running >= this.opts.maxConcurrent && this.queue.length >= this.opts.maxQueued) {
      throw new QueueFullError(`runs: the queue is full (${this.running} running, ${this.queue.length} waiting; at most ${this.opts.maxQueued} may wait) — try again when a run finishes`);
    }
    const by = req.startedBy ?? null;
    const perUser = this.opts.maxActivePerUser;
    if (by !== null && perUser !== undefined) {
      const active = [...this.runs.values()].filter((r) => r.info.startedBy === by && !isTerminal(r.info.state)).length;
      if (active >= perUser) {
        throw new QueueFullError(`runs: ${by} has ${active} runs queued or running; the limit is ${perUser} per user (IPABS_USER_RUNS) — wait for one to finish or cancel one`);
      }
    }
    const id = `run-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const j = req.job;
    const [paths, seed] = j.task === 'simulate' ? [j.paths, j.seed] : [j.request.paths, j.request.seed];
    const run: Run = {
      info: {
        id, task: j.task, dealId: req.dealId, dealName: req.dealName, paths, seed, stress: req.stressName, startedBy: by,
        state: 'queued', position: null, done: 0, total: j.task === 'simulate' ? j.paths : 0,
        createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null,
      },
      job: req.job, result: undefined, worker: null, listeners: new Set(), killTimer: null,
    };
    this.runs.set(id, run);
    this.queue.push(run);
    this.renumber();
    this.pump();
    return { ...run.info };
  }

  get(id: string): { info: RunInfo; result: unknown } | null {
    const r = this.runs.get(id);
    return r ? { info: { ...r.info }, result: r.result } : null;
  }

  list(): RunInfo[] {
    return [...this.runs.values()].map((r) => ({ ...r.info })).reverse();
  }

  /** Cancel a queued or running run. Returns its info, or null for an unknown id. */
  cancel(id: string): RunInfo | null {
    const r = this.runs.get(id);
    if (!r) return null;
    if (r.info.state === 'queued') {
      const i = this.queue.indexOf(r);
      if (i >= 0) this.queue.splice(i, 1);
      this.finish(r, 'cancelled', null);
      this.renumber();
    } else if (r.info.state === 'running' && r.worker && !r.killTimer) {
      r.worker.postMessage({ type: 'cancel' });
      // Give the engine a moment to notice the signal, then stop the thread regardless.
      r.killTimer = setTimeout(() => { void r.worker?.terminate(); }, this.opts.cancelGraceMs ?? 1500);
    }
    return { ...r.info };
  }

  /** Listen to one run's events; returns the unsubscribe function. */
  subscribe(id: string, fn: (e: RunEvent) => void): () => void {
    const r = this.runs.get(id);
    if (!r) return () => undefined;
    r.listeners.add(fn);
    return () => { r.listeners.delete(fn); };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const r of [...this.queue]) this.cancel(r.info.id);
    await Promise.all([...this.runs.values()].map(async (r) => {
      if (r.worker) {
        const w = r.worker;
        this.finish(r, 'cancelled', null);
        await w.terminate();
      }
    }));
  }

  private emit(r: Run, type: RunEvent['type']): void {
    const e = { type, run: { ...r.info } } as RunEvent;
    for (const fn of r.listeners) {
      try { fn(e); } catch { /* a broken listener must not stop the others */ }
    }
  }

  private renumber(): void {
    this.queue.forEach((r, i) => {
      if (r.info.position !== i + 1) {
        r.info.position = i + 1;
        this.emit(r, 'queued');
      }
    });
  }

  private pump(): void {
    while (!this.closed && this.running < this.opts.maxConcurrent && this.queue.length > 0) {
      const r = this.queue.shift() as Run;
      this.start(r);
    }
    this.renumber();
  }

  private start(r: Run): void {
    this.running++;
    r.info.state = 'running';
    r.info.position = null;
    r.info.startedAt = new Date().toISOString();
    let worker: Worker;
    try {
      worker = new Worker(bootUrl, { workerData: { entry: workerEntry, job: r.job } });
    } catch (err) {
      this.finish(r, 'failed', `worker: could not start (${(err as Error).message})`);
      return;
    }
    r.worker = worker;
    this.emit(r, 'started');
    worker.on('message', (m: WorkerMessage) => {
      if (isTerminal(r.info.state)) return;
      switch (m.type) {
        case 'progress':
          r.info.done = m.done;
          r.info.total = m.total;
          this.emit(r, 'progress');
          break;
        case 'done':
          r.result = m.result;
          r.info.done = r.info.total;
          this.finish(r, 'done', null);
          void worker.terminate();
          break;
        case 'failed':
          this.finish(r, 'failed', m.error);
          void worker.terminate();
          break;
        case 'cancelled':
          this.finish(r, 'cancelled', null);
          void worker.terminate();
          break;
      }
    });
    worker.on('error', (err) => {
      if (!isTerminal(r.info.state)) this.finish(r, 'failed', `engine: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (!isTerminal(r.info.state)) {
        if (r.killTimer) this.finish(r, 'cancelled', null);
        else this.finish(r, 'failed', `engine: the worker stopped unexpectedly (exit code ${code})`);
      }
    });
  }

  private finish(r: Run, state: 'done' | 'failed' | 'cancelled', error: string | null): void {
    if (isTerminal(r.info.state)) return;
    const wasRunning = r.info.state === 'running';
    r.info.state = state;
    r.info.error = error;
    r.info.position = null;
    r.info.finishedAt = new Date().toISOString();
    if (r.killTimer) { clearTimeout(r.killTimer); r.killTimer = null; }
    r.worker = null;
    this.emit(r, state);
    r.listeners.clear();
    if (wasRunning) {
      this.running--;
      this.pump();
    }
    this.forgetOld();
  }

  private forgetOld(): void {
    const finished = [...this.runs.values()].filter((x) => isTerminal(x.info.state));
    for (let i = 0; i < finished.length - this.opts.keep; i++) this.runs.delete((finished[i] as Run).info.id);
  }
}

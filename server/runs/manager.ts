// Monte Carlo runs: each in its own worker thread, at most `maxConcurrent` at once, the rest
// queued (first come, first served) with their position reported. Listeners receive every
// state change, which the server forwards as server-sent events.
import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import type { ToRunWorker, WorkerJob, WorkerMessage } from './protocol.js';
import type { RunStore, StoredRun } from './run-store.js';

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo {
  id: string;
  /** A Monte Carlo run, a sizing search (many runs; its progress is not reported), a sensitivity grid or a design optimization (progress in candidates). */
  task: WorkerJob['task'];
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

/** A job as stored with its run: everything but the engine module's path on this machine. */
export type StoredJob = WorkerJob extends infer J ? (J extends WorkerJob ? Omit<J, 'module'> : never) : never;
export type RunRecord = StoredRun<RunInfo, StoredJob>;

const storedJob = (j: WorkerJob): StoredJob => {
  const { module: _module, ...rest } = j;
  return rest as StoredJob;
};

export interface RunManagerOptions {
  maxConcurrent: number;
  maxQueued: number;
  /** Finished runs kept (with results); older ones are forgotten. */
  keep: number;
  /** How long a cancelled worker may take to stop before it is terminated. */
  cancelGraceMs?: number;
  /** Runs one account may have queued or running at once (team mode). */
  maxActivePerUser?: number;
  /** Where runs are kept across restarts (none: in memory only). Its expiry rule replaces `keep`. */
  store?: RunStore<RunInfo, StoredJob>;
  /** Told about run files that cannot be read or written (the server logs it). */
  log?: (msg: string) => void;
  /** Engine modules a spare worker imports while it waits, so a run starts without loading them. */
  preload?: string[];
}

interface Run {
  info: RunInfo;
  /** The job to run; null for a run restored from disk (it is finished, nothing to run). */
  job: WorkerJob | null;
  stored: StoredJob;
  result: unknown;
  worker: Worker | null;
  listeners: Set<(e: RunEvent) => void>;
  killTimer: NodeJS.Timeout | null;
}

const TERMINAL: ReadonlySet<RunState> = new Set(['done', 'failed', 'cancelled']);
export const isTerminal = (s: RunState) => TERMINAL.has(s);

// From the build (dist/server/runs/manager.js) the worker is compiled JavaScript and starts at once;
// from source (tests under tsx) a small boot file registers tsx in the new thread first.
const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './worker-boot.mjs' : './worker.js', import.meta.url);
const workerEntry = new URL('./worker.ts', import.meta.url).href;

export class RunManager {
  private readonly runs = new Map<string, Run>();
  private readonly queue: Run[] = [];
  private running = 0;
  private closed = false;
  /** A worker started ahead of its job, engines loaded: the next run starts in it at once. */
  private spare: Worker | null = null;
  /** Whether the spare has finished loading its engines. */
  private spareReady = false;
  private keepWarm = false;

  constructor(private readonly opts: RunManagerOptions) {
    if (opts.store) this.restore(opts.store);
  }

  /**
   * Bring back the stored runs. One that was queued or running when the server stopped cannot be
   * resumed (its worker is gone): it is marked failed, saying so, and can be started again.
   */
  private restore(store: RunStore<RunInfo, StoredJob>): void {
    const { runs, problems } = store.loadAll();
    for (const p of problems) this.opts.log?.(`runs: cannot read ${p.file} in ${store.opts.dir} (${p.message}); left in place`);
    for (const rec of runs) {
      const run: Run = { info: { ...rec.info }, job: null, stored: rec.job, result: rec.result, worker: null, listeners: new Set(), killTimer: null };
      if (!isTerminal(run.info.state)) {
        run.info = { ...run.info, state: 'failed', position: null, finishedAt: new Date().toISOString(), error: 'interrupted: the server stopped before this run finished (start it again)' };
        this.persist(run);
      }
      this.runs.set(run.info.id, run);
    }
    this.forgetOld();
  }

  private persist(r: Run): void {
    const store = this.opts.store;
    if (!store) return;
    // A run stopped by the server shutting down stays "running" on disk, so the next start says
    // it was interrupted rather than that someone cancelled it.
    if (this.closed && r.info.state === 'cancelled') return;
    const rec: RunRecord = { format: 1, info: { ...r.info }, job: r.stored, result: r.result ?? null };
    store.save(rec).catch((err: unknown) => this.opts.log?.(`runs: could not save ${r.info.id} (${(err as Error).message}); it is kept in memory only`));
  }

  /** The inputs of a run as stored with it (the deal as it was run, paths, seed, stress…). */
  inputs(id: string): StoredJob | null {
    return this.runs.get(id)?.stored ?? null;
  }

  /** Wait until every run file being written is on disk. */
  async flush(): Promise<void> {
    await this.opts.store?.flush();
  }

  /**
   * Keep a spare worker from now on (the server does at start-up), so that even the first run
   * finds its engines loaded; each run that takes the spare starts the next one. Without this
   * (tests) every run starts its own worker.
   */
  warmUp(): void {
    this.keepWarm = true;
    this.startSpare();
  }

  private startSpare(): void {
    if (this.closed || this.spare) return;
    const w = this.newWorker(this.opts.preload ?? []);
    // An idle spare never keeps the process alive, and a spare that fails is simply replaced.
    w.unref();
    w.on('error', () => { if (this.spare === w) this.spare = null; });
    w.on('exit', () => { if (this.spare === w) this.spare = null; });
    w.once('message', (m: WorkerMessage) => { if (this.spare === w && m.type === 'warm') this.spareReady = true; });
    this.spare = w;
    this.spareReady = false;
  }

  /** A worker thread; a spare imports the engines while it waits, one started for a job imports just the job's. */
  private newWorker(preload: string[]): Worker {
    return new Worker(workerUrl, { workerData: { entry: workerEntry, preload } });
  }

  private takeWorker(): Worker {
    const w = this.spare ?? this.newWorker([]);
    this.spare = null;
    this.spareReady = false;
    w.removeAllListeners('error');
    w.removeAllListeners('exit');
    w.removeAllListeners('message');
    w.ref();
    if (this.keepWarm) this.startSpare();
    return w;
  }

  get stats(): { running: number; queued: number; kept: number; maxConcurrent: number; maxQueued: number; warmWorker: boolean } {
    return { running: this.running, queued: this.queue.length, kept: this.runs.size, maxConcurrent: this.opts.maxConcurrent, maxQueued: this.opts.maxQueued, warmWorker: this.spareReady };
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
    const [paths, seed] = j.task === 'size' || j.task === 'optimize' ? [j.request.paths, j.request.seed] : [j.paths, j.seed];
    const total = j.task === 'simulate' ? j.paths : j.task === 'sensitivity' ? j.paths * j.pdMultipliers.length * j.rhos.length : 0;
    const run: Run = {
      info: {
        id, task: j.task, dealId: req.dealId, dealName: req.dealName, paths, seed, stress: req.stressName, startedBy: by,
        state: 'queued', position: null, done: 0, total,
        createdAt: new Date().toISOString(), startedAt: null, finishedAt: null, error: null,
      },
      job: req.job, stored: storedJob(req.job), result: undefined, worker: null, listeners: new Set(), killTimer: null,
    };
    this.runs.set(id, run);
    this.persist(run);
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
      r.worker.postMessage({ type: 'cancel' } satisfies ToRunWorker);
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
    const spare = this.spare;
    this.spare = null;
    if (spare) await spare.terminate();
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
      if (!r.job) throw new Error('nothing to run (a restored run)');
      worker = this.takeWorker();
      worker.postMessage({ type: 'job', job: r.job } satisfies ToRunWorker);
    } catch (err) {
      this.finish(r, 'failed', `worker: could not start (${(err as Error).message})`);
      return;
    }
    r.worker = worker;
    this.emit(r, 'started');
    worker.on('message', (m: WorkerMessage) => {
      if (isTerminal(r.info.state)) return;
      switch (m.type) {
        case 'warm':
          break;
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
    r.job = null;
    this.persist(r);
    this.emit(r, state);
    r.listeners.clear();
    if (wasRunning) {
      this.running--;
      this.pump();
    }
    this.forgetOld();
  }

  /** Apply the store's expiry rule (files and memory), or keep the `keep` most recent in memory. */
  private forgetOld(): void {
    const finished = [...this.runs.values()].filter((x) => isTerminal(x.info.state));
    const store = this.opts.store;
    if (store) {
      for (const info of store.expired(finished.map((x) => x.info))) {
        this.runs.delete(info.id);
        store.remove(info.id).catch((err: unknown) => this.opts.log?.(`runs: could not delete expired ${info.id} (${(err as Error).message})`));
      }
      return;
    }
    for (let i = 0; i < finished.length - this.opts.keep; i++) this.runs.delete((finished[i] as Run).info.id);
  }
}

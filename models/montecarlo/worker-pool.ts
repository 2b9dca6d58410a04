// Worker threads kept for the life of the process: a run borrows idle workers (starting more if
// needed) and gives them back, so repeated runs do not pay thread start-up and compilation.
// Idle workers are unref'd: they never keep a command-line process alive.
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker.js';

export interface PooledWorker {
  worker: Worker;
  /** The handler of the job that borrowed it, if any. */
  onMessage: ((msg: FromWorker) => void) | null;
  onFailure: ((err: Error) => void) | null;
  send(msg: ToWorker): void;
}

// From the build the worker is compiled JavaScript (no TypeScript compiled at start-up); from
// source (tests under tsx) worker-entry.js registers tsx in the new thread first.
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.js' : './worker.js', import.meta.url);

const idle: PooledWorker[] = [];
let nextJob = 1;

function startWorker(): PooledWorker {
  const worker = new Worker(workerUrl);
  const pw: PooledWorker = {
    worker, onMessage: null, onFailure: null,
    send: (msg) => worker.postMessage(msg),
  };
  worker.on('message', (msg: FromWorker) => pw.onMessage?.(msg));
  worker.on('error', (err) => { drop(pw); pw.onFailure?.(err); });
  worker.on('exit', (code) => { drop(pw); if (code !== 0) pw.onFailure?.(new Error(`worker exited with code ${code}`)); });
  return pw;
}

function drop(pw: PooledWorker): void {
  const i = idle.indexOf(pw);
  if (i >= 0) idle.splice(i, 1);
}

/**
 * Start idle workers until n are idle, without waiting: they load their modules on their own
 * threads while the caller compiles the deal, so a multi-threaded run does not wait for both in turn.
 */
export function prestartWorkers(n: number): void {
  while (idle.length < n) {
    const pw = startWorker();
    pw.worker.unref();
    idle.push(pw);
  }
}

/** Borrow n workers (idle ones first) for one job. */
export function borrowWorkers(n: number): { job: number; workers: PooledWorker[] } {
  const workers: PooledWorker[] = [];
  while (workers.length < n) {
    const pw = idle.pop() ?? startWorker();
    pw.worker.ref();
    workers.push(pw);
  }
  return { job: nextJob++, workers };
}

/** Give workers back after a job that ended cleanly. */
export function returnWorkers(workers: PooledWorker[]): void {
  for (const pw of workers) {
    pw.onMessage = null;
    pw.onFailure = null;
    pw.worker.unref();
    idle.push(pw);
  }
}

/** Stop workers of a job that failed or was cancelled (they may be mid-block). */
export function discardWorkers(workers: PooledWorker[]): void {
  for (const pw of workers) {
    pw.onMessage = null;
    pw.onFailure = null;
    void pw.worker.terminate();
  }
}

/** Stop every idle worker (tests and servers shutting down). */
export async function closeWorkerPool(): Promise<void> {
  const all = idle.splice(0);
  await Promise.all(all.map((pw) => pw.worker.terminate()));
}

// Messages between the run manager and its workers.
export interface WorkerJob {
  /** Absolute path of the module exporting simulate(). */
  simulateModule: string;
  deal: unknown;
  paths: number;
  seed: number;
  threads: number;
  /** The name of one of the deal's stresses, or null for the base case. */
  stress: string | null;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };

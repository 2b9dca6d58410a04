// Messages between the run manager and its workers. A job is a Monte Carlo run (`simulate`) or a
// sizing search (`size`, which runs many simulations on common random numbers).
export type WorkerJob =
  | {
    task: 'simulate';
    /** Absolute path of the module exporting simulate(). */
    module: string;
    deal: unknown;
    paths: number;
    seed: number;
    threads: number;
    /** The name of one of the deal's stresses, or null for the base case. */
    stress: string | null;
  }
  | {
    task: 'size';
    /** Absolute path of the module exporting sizeEnhancement(). */
    module: string;
    deal: unknown;
    /** The sizing request as models/sizing/solve.ts takes it. */
    request: { paths: number; seed: number; stress?: string } & Record<string, unknown>;
  }
  | {
    task: 'sensitivity';
    /** Absolute path of the module exporting sensitivityGrid(). */
    module: string;
    deal: unknown;
    /** Default-probability multipliers (rows) and asset correlations (columns) of the grid. */
    pdMultipliers: number[];
    rhos: number[];
    /** The tranche the grid is read for (every tranche's figures are in the result). */
    tranche: string;
    /** Paths per cell; every cell runs on the same seed (common random numbers). */
    paths: number;
    seed: number;
    threads: number;
  }
  | {
    task: 'optimize';
    /** Absolute path of the module exporting optimizeDesign(). */
    module: string;
    deal: unknown;
    /** The optimizer's request as models/design/optimize.ts takes it (levers, constraints, paths, seed…). */
    request: { paths: number; seed: number } & Record<string, unknown>;
  };

export type WorkerMessage =
  | { type: 'warm' }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: string }
  | { type: 'cancelled' };

/** From the run manager to a worker: its job (once), or cancel. */
export type ToRunWorker = { type: 'job'; job: WorkerJob } | { type: 'cancel' };

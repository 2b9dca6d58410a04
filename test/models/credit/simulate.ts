// Test helper: run a default model over whole blocks of paths, the way the path engine will.
import { createBlockRng, PATHS_PER_BLOCK, type Seed } from '../../../models/credit/rng.js';
import type { DefaultTimeModel } from '../../../models/credit/default-times.js';

export interface SimulatedPaths {
  /** Number of names that defaulted before the horizon, per path. */
  defaults: Int32Array;
  /** Likelihood-ratio weight per path (1 without importance sampling). */
  weights: Float64Array;
}

/**
 * Simulate `paths` paths (blocks of PATHS_PER_BLOCK, each with its own stream), optionally
 * calling `perPath(pathIndex, months)` after each path.
 */
export function simulateDefaults(
  model: DefaultTimeModel,
  seed: Seed,
  paths: number,
  shift = 0,
  perPath?: (path: number, months: Int32Array) => void,
): SimulatedPaths {
  const months = new Int32Array(model.nameCount);
  const defaults = new Int32Array(paths);
  const weights = new Float64Array(paths);
  for (let block = 0; block * PATHS_PER_BLOCK < paths; block++) {
    const rng = createBlockRng(seed, block);
    const end = Math.min(paths, (block + 1) * PATHS_PER_BLOCK);
    for (let p = block * PATHS_PER_BLOCK; p < end; p++) {
      weights[p] = model.beginPath(rng, shift);
      defaults[p] = model.sampleDefaultMonths(rng, months);
      perPath?.(p, months);
    }
  }
  return { defaults, weights };
}

/** n identical names with an annual default probability. */
export function homogeneousNames(n: number, annualDefaultProbability: number, prefix = 'loan') {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, pd: { annualDefaultProbability } }));
}

// What models/credit exposes: the credit model (docs/credit-model.md): default times and the copula,
// recoveries, the normal and Student-t laws, reproducible random streams, statistics with their
// errors.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export type { CopulaSpec } from './copula.js';
export {
  NO_DEFAULT, createDefaultTimeModel, cumulativeDefaultProbability, defaultProbabilityProblems,
  stressDefaultProbability, type DefaultName, type DefaultTimeModel
} from './default-times.js';
export { trancheFactorShift, type LargePoolSegment } from './importance-sampling.js';
export { inverseNormalCdf } from './normal.js';
export { RecoveryModel, monthlyPrepaymentRate, recoveryAmount, recoveryProblems } from './recovery.js';
export {
  PATHS_PER_BLOCK, STREAM_DEFAULTS, STREAM_OTHER, STREAM_RECOVERIES, blockCount, blockPaths,
  createBlockRng, seedKey, type RandomSource, type Seed
} from './rng.js';

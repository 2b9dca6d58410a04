// What models/montecarlo exposes: Monte Carlo runs of a deal (many paths through the engine on plain
// numbers), their results with standard errors, sensitivity grids and the path extras (servicer, +k
// chains).
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { blockStreams } from './block.js';
export { simulatePathEffects, type PathEffects } from './path-effects.js';
export { compilePathModel, copulaOf, type PathModel } from './path-model.js';
export { replayPaths } from './path-replay.js';
export { createPathScratch, runPath, type PathScratch } from './path-run.js';
export type { SimulationResult, ZeroLossBound } from './results.js';
export { ruleOfThree } from './results.js';
export { sensitivityGrid, type SensitivityGrid } from './sensitivity.js';
export { SimulationCancelled, checkSimulateOptions, simulate, type SimulateOptions } from './simulate.js';
export { NO_STRESS, parseStress } from './stress.js';
export {
  MAX_ALLOCATION_PATHS, lossAllocationReport, type Bearer, type LossAllocationReport
} from './tail-allocation.js';
export { prestartWorkers } from './worker-pool.js';

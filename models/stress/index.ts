// What models/stress exposes: stress scenarios (压力情景) as data — one file per kind behind
// registry.ts, the default catalogue, and the `rating` section of a deal that changes it.
export { stressKinds, stressKind, type StressEntry } from './registry.js';
export { DEFAULT_CATALOGUE } from './default-catalogue.js';
export { describeScenario, inertReason, scenarioProblems, scenarioSchema, stressCaseOf, type Scenario } from './scenario.js';
export {
  allocationFor, catalogueFor, ratingInputProblems, ratingInputsSchema, CONCENTRATED_POOL_MAX, DEFAULT_ALLOCATIONS,
  type DefaultAllocation, type RatingInputs,
} from './rating-inputs.js';
export { neutralCase, type DealFacts, type InertReason, type StressCase, type TimingShape } from './common.js';

// What models/enhancements exposes: credit enhancement kinds (信用增级), one file each behind registry.ts:
// their schemas, parties and capacities, and the hooks sizing and the pages use.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { capacityLimit, providerSchema, type EnhancementParty, type LossEvent } from './common.js';
export { allocateLosses, prepareLossAllocation, type LossAllocationPlan } from './loss-allocation.js';
export { enhancementKind, enhancementKinds, enhancementSchemas } from './registry.js';

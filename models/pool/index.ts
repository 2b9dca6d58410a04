// What models/pool exposes: the pool's assets, one file per kind behind asset-registry.ts: their cash
// flows, prices and the sectors, and the obligors that hold them; the pool tape reader is pool/tape/.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { assetPurchasePrice, flowsAfterIssue } from './asset-flows.js';
export { effectiveInterestSplit, scaleMoney, wholeMonths, type AssetCounterparty } from './asset-kind.js';
export { assetKind, assetKindOf, assetSchemas } from './asset-registry.js';
export { PERIOD_MONTHS } from './loan.js';
export { obligorSchema, type Obligor } from './obligor.js';
export { costPlusRule, pricingRuleProblems, pricingRuleSchema, type CostPlusRule } from './pricing-rule.js';
export { perYuan, representativeFlows, revolvingSchema } from './revolving.js';
export { SECTORS, findSector, sectorLabel } from './sectors.js';

// What models/crossborder exposes: the "+k" offshore legs (跨境): FX, foreign-debt quota (宏观审慎),
// withholding taxes, the counter-guarantee chain and the legs' cash flows.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { chainFeeStack } from './counter-guarantee.js';
export { legCashFlows, legCostFlows, legFxRisk, legInvestorYield } from './leg-flows.js';
export { offshoreLegSchema } from './leg-schema.js';
export { drawInBatches, type QuotaState } from './quota.js';

// What models/cost exposes: the firms' cost of funding (综合融资成本): all-in cost before and after subsidy,
// the bank-loan baseline, the side-by-side comparison (docs/cross-border-and-cost.md).
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { compareDeals, dealCost, type CompareResult, type DealCost } from './compare.js';
export { costGapText, costRows, pricingText } from './cost-gap-text.js';
export { baselineText, costNoteText, type BaselineTerms, type CostNoteKind } from './cost-text.js';

// What models/design exposes: the structure optimizer (设计) and market pricing of the notes: levers,
// constraints, the search and its frontier.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { checkDeal, checkDealFile, checkDealText, type CheckResult, type DealWarning } from './check.js';
export { CONSTRAINT_KINDS, type DesignConstraint } from './constraints.js';
export { designedDealFile } from './designed-deal.js';
export { LEVER_NAMES, dealLevers, type LeverName, type LeverSpec } from './levers.js';
export { priceMarketCoupons, withMarketCoupons, type MarketPricing } from './market-coupons.js';
export {
  MAX_LATTICE, OBJECTIVES, checkOptimizeRequest, optimizeDesign, type FrontierRow, type Objective,
  type OptimizeRequest, type OptimizeResult
} from './optimize.js';
export { simulatedTdr } from './pool-tdr.js';

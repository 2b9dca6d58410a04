// What models/breakeven exposes: the domestic rating of a deal by the TDR/BDR test (docs/rating.md).
//   breakEvenTable  every tranche's break-even default rate under every stress scenario (deterministic, fast)
//   domesticRating  the table against a TDR set: grade, binding scenario, cushions, credit substitution
//   expectedTdrSet  a TDR set without simulation (stress multipliers on the expected default rate)
//   breakEven       one tranche, one scenario, one varied quantity (default rate, recovery, coupon)
export {
  breakEvenTable, domesticRating, expectedTdrSet, scenarioByName, trancheIndex, DOMESTIC_SCALE_LABEL,
  type BreakEvenOptions, type BreakEvenTable, type DomesticRatingResult, type ExpectedLossView, type RatedTranche,
  type ScenarioReport, type TrancheBreakEven,
} from './rate-deal.js';
export { breakEven, type BreakEvenAnswer, type BreakEvenPeriod, type BreakEvenQuery } from './query.js';
export { expectedDefaultRate } from './expected-default.js';
export type { SupportReport } from './support.js';
export { RATE_TOLERANCE, COUPON_TOLERANCE, VARIES, type Arithmetic, type Vary, type SolveStatus } from './solve.js';

// What models/engine exposes: the one compiled program of a deal and its waterfall
// (engine/waterfall.ts), run exactly to the fen: schedules, the base case, cost-plus pricing, the
// checks only a run can make.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { baseCaseWarnings, formatWarning } from './base-case.js';
export {
  checkDeal, checkDealFile, checkDealText, type CheckOptions, type CheckResult, type DealWarning
} from './check.js';
export { reportLedger, runExact, runExactProgram, type SchedulePeriodReport, type ScheduleReport, baseCaseInputs } from './exact.js';
export { assertFiniteResult } from './finite-guard.js';
export { PricingError, pricedDeal, pricingSolution, type CostPlusSolution } from './pricing.js';
export {
  DAYS_PER_MONTH, compileDeal, monthsBetween, type DealProgram, type ProgramStep, type ProgramTranche
} from './program.js';
export { scheduleCsv, scheduleRows } from './schedule-table.js';
export { createLedger, resetLedger, runWaterfall, type Ledger, type WaterfallInputs, type StepTrace } from './waterfall.js';

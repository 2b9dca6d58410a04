// What models/market exposes: market inputs: the LPR and PBOC benchmark, the government curve and
// spread grid, and the input checks for money and numbers.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export type { Curve } from './curve-data.js';
export {
  checkFraction, checkInteger, checkMoney, checkNumber, fen, formatFactor, formatYuan, type MoneyInput
} from './inputs.js';
export { LPR_FIRST_FIXING, PBOC_BENCHMARK_FROM, loanBenchmarkOn, lprFixingOn, lprOn, type LprTenor } from './lpr.js';
export { marketPrice, type MarketPrice } from './market-price.js';
export { DEFAULT_SPREAD_GRID, gridProblems, spreadGridSchema, type SpreadGrid } from './spread-grid.js';

// What models/deal exposes: the words a deal is written in (field types, their messages, JSON
// positions) and the schemas of its own sections (status events, funding, rail, servicer).
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { fundingSchema } from './funding-schema.js';
export { jsonErrorOffset, lineAndColumn } from './json-position.js';
export { CREDIT_TEXT, DATE_TEXT, DEAL_TEXT, FUNDING_TEXT, GUARD_TEXT, POOL_TEXT, SIZING_TEXT } from './problem-text.js';
export { railSchema, type Rail } from './rail-schema.js';
export {
  BENCHMARKS, MARKET_BENCHMARKS, MAX_MONEY, describeValue, feeRate, fraction, identifier,
  integerBetween, isoDate, listEchoed, listOf, money, moneyProblem, numberBetween, oneOf, spread,
  strictObject, tagged, text
} from './schema-helpers.js';
export { servicerSchema } from './servicer-schema.js';
export { cleanUpCallSchema, statusEventSchema, type StatusField } from './status-schema.js';

// What models/deal-format exposes: the whole deal format (docs/deal-format.md): the zod schema and its
// types, validation with field-named problems, loading a deal file, its JSON Schema, when
// collections reach the trust, and a read pool tape put into a deal (pool-import.ts).
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { arrivalDate, collectionLagDays, paidDate } from './arrival.js';
export { dealJsonSchema } from './json-schema.js';
export { drawLeg } from './leg-check.js';
export { loadDealFile, readDealText } from './load.js';
export { importPool } from './pool-import.js';
export {
  CURRENCIES, FREQUENCIES, MARKETS, provenanceSchema, type Deal, type DealFunding, type Enhancement,
  type Obligor, type Tranche, type WaterfallStep
} from './schema.js';
export {
  formatPath, formatProblem, parseJson, resolvePointer, validateDeal, validateDealText, type Problem
} from './validate.js';

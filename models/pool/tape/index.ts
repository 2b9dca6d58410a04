// What models/pool/tape exposes: reading a pool tape (CSV or XLSX, Chinese or English headers)
// into a pool's obligors with every bad cell named, and writing a pool as a tape. Putting the
// obligors into a deal (and validating it) is models/deal-format/pool-import.ts, a floor up.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { type TapeColumnKey } from './columns.js';
export { amountJson, cellRef, formatTapeProblem, readPoolTape, type ObligorJson, type TapeResult } from './parse.js';
export { DEFAULT_TAPE_LIMITS, type TapeProblem } from './read.js';
export { poolTapeCsv, poolTapeXlsx } from './template.js';

// What models/pool/tape exposes: reading a pool tape (CSV or XLSX, Chinese or English headers)
// into a deal's obligors with every bad cell named, and writing a deal's pool as a tape.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { importPool } from './import.js';
export { formatTapeProblem, readPoolTape } from './parse.js';
export { DEFAULT_TAPE_LIMITS, type TapeProblem } from './read.js';
export { poolTapeCsv, poolTapeXlsx } from './template.js';

// What models/sheets exposes: reading and writing spreadsheets (CSV, XLSX) without a library, and
// telling one from the other.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { decodeText, parseCsv, withBom } from './csv.js';
export { detectFileKind, zipUnpackedSize } from './detect.js';
export {
  columnLetter, excelDate, readXlsx, writeXlsx, type ColumnSpec, type ColumnType, type SheetCell, type
  SheetSpec, type WriteValue
} from './workbook.js';

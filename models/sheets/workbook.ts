// Excel workbooks (.xlsx) in and out. This is the one file that knows the spreadsheet library
// (exceljs): everything else reads and writes through the plain shapes below, so the library can
// be swapped by rewriting this file alone. Written cells have real types — numbers with number
// formats, dates as Excel dates, percentages as fractions shown with % — never numbers as text,
// and every text cell passes through the shared formula-injection guard (safeCell).
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { safeCell } from '../format.js';

// Only exceljs's workbook model and its XLSX reader and writer (jszip, saxes). Its main entry also
// loads its streaming reader and writer, which ipabs never uses, and with them ~90 packages —
// unzipper 0.10, fstream, rimraf 2, glob 7, inflight, archiver, tmp, and graceful-fs, which
// patches node's fs.close for the whole process (docs/security.md). The workbook written and read
// is the same: these are the modules the main entry's Workbook uses.
const load = createRequire(import.meta.url);
const Workbook = load('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook;
const { ValueType } = load('exceljs/lib/doc/enums.js') as { ValueType: typeof ExcelJS.ValueType };

// ---------- reading ----------

export type SheetCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number; numFmt: string | null }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; value: string };

export interface SheetGrid {
  name: string;
  /** rows[r][c] is the cell at row r+1, column c+1 (A = 0). */
  rows: SheetCell[][];
  /** Merged ranges, e.g. "B3:C3". */
  merges: string[];
}

const EMPTY: SheetCell = { kind: 'empty' };

function readCell(cell: ExcelJS.Cell): SheetCell {
  const v = cell.value;
  switch (cell.type) {
    case ValueType.Null:
    case ValueType.Merge:
      return EMPTY;
    case ValueType.Number:
      return { kind: 'number', value: v as number, numFmt: cell.numFmt ?? null };
    case ValueType.String:
    case ValueType.SharedString:
      return { kind: 'text', value: String(v) };
    case ValueType.RichText:
      return { kind: 'text', value: (v as ExcelJS.CellRichTextValue).richText.map((p) => p.text).join('') };
    case ValueType.Hyperlink:
      return { kind: 'text', value: String((v as ExcelJS.CellHyperlinkValue).text ?? '') };
    case ValueType.Date:
      return { kind: 'date', value: v as Date };
    case ValueType.Boolean:
      return { kind: 'boolean', value: v as boolean };
    case ValueType.Formula: {
      const f = v as { formula?: string; sharedFormula?: string };
      return { kind: 'formula', formula: `=${cell.formula ?? f.formula ?? f.sharedFormula ?? ''}` };
    }
    case ValueType.Error:
      return { kind: 'error', value: String((v as ExcelJS.CellErrorValue).error) };
    default:
      return { kind: 'text', value: String(v ?? '') };
  }
}

/** Every worksheet of a workbook as a grid of typed cells (the caller checks the size first). */
export async function readXlsx(bytes: Uint8Array): Promise<SheetGrid[]> {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: SheetCell[][] = [];
    const cols = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: SheetCell[] = [];
      for (let c = 1; c <= cols; c++) cells.push(readCell(row.getCell(c)));
      rows.push(cells);
    }
    const merges = (ws.model as { merges?: string[] }).merges ?? [];
    return { name: ws.name, rows, merges: [...merges] };
  });
}

/** "A", "B", … "Z", "AA" for a 0-based column index. */
export function columnLetter(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------- writing ----------

/** How a column's cells are shown; 'general' leaves each cell to its own kind (mixed columns). */
export type ColumnType = 'text' | 'general' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'bp';

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  /** Width in characters (default from the header and the type). */
  width?: number;
  /** Decimals for number and percent columns (default 2; 4 for percent). */
  decimals?: number;
  /** A drop-down of allowed values: inline (short lists) or a range on another sheet ("Lists!$A$2:$A$40"). */
  list?: { values: string[] } | { range: string };
}

export type WriteValue = string | number | Date | boolean | null;

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: WriteValue[][];
  /** Lines of text above the header (a title, a note); the header row follows them. */
  preamble?: string[];
  /** Freeze the header (and the first `freezeColumns` columns) so it stays in view. */
  freezeColumns?: number;
  /** Bold the last row (a total). */
  totalRow?: boolean;
  /** Rows (beyond the data) that get the drop-downs, for a template to fill in. */
  validationRows?: number;
}

const FORMATS: Record<ColumnType, (decimals: number) => string | undefined> = {
  text: () => '@',
  general: () => undefined,
  integer: () => '#,##0',
  number: (d) => (d === 0 ? '0' : `0.${'0'.repeat(d)}`),
  money: () => '#,##0.00',
  percent: (d) => `0.${'0'.repeat(d)}%`,
  bp: (d) => (d === 0 ? '0" bp"' : `0.${'0'.repeat(d)}" bp"`),
  date: () => 'yyyy-mm-dd',
};

/** A date written as an Excel date: the calendar day of an ISO date (YYYY-MM-DD), at UTC midnight. */
export function excelDate(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`);
}

export async function writeXlsx(sheets: SheetSpec[], creator = 'ipabs'): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = creator;
  wb.created = new Date(0);
  for (const spec of sheets) {
    const headerRow = (spec.preamble?.length ?? 0) + 1;
    const ws = wb.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow, xSplit: spec.freezeColumns ?? 0 }] });
    for (const line of spec.preamble ?? []) ws.addRow([safeCell(line)]).font = { italic: true };
    const head = ws.addRow(spec.columns.map((c) => safeCell(c.header)));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    for (const r of spec.rows) ws.addRow(r.map((v) => safeCell(v)));
    spec.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width ?? Math.max(c.type === 'date' ? 12 : 10, Math.min(40, c.header.length + 2));
      const fmt = FORMATS[c.type](c.decimals ?? (c.type === 'percent' ? 4 : c.type === 'integer' ? 0 : 2));
      // The column's format applies to the cells written and to those a user fills in later
      // (typing 4.2 in a percentage column gives 4.2%); the header and preamble stay text.
      if (fmt) {
        col.numFmt = fmt;
        for (let r = 1; r <= headerRow; r++) ws.getCell(r, i + 1).numFmt = '@';
      }
      const last = headerRow + Math.max(spec.rows.length, spec.validationRows ?? 0);
      if (c.list) {
        const formula = 'values' in c.list ? `"${c.list.values.join(',')}"` : c.list.range;
        // exceljs supports range validations; its type declarations only name the per-cell one.
        (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${columnLetter(i)}${headerRow + 1}:${columnLetter(i)}${last}`, {
          type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true,
        });
      }
    });
    if (spec.totalRow && spec.rows.length) ws.getRow(headerRow + spec.rows.length).font = { bold: true };
  }
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

// From uploaded bytes to a grid of tape cells: detect the format from the content (never the
// file name), refuse what is not a spreadsheet, too large, or a workbook that would unpack to far
// more than it weighs, and pick the pool sheet. Nothing here knows what the columns mean.
import { basename, extname } from 'node:path';
import { detectFileKind, zipUnpackedSize } from '../../sheets/detect.js';
import { decodeText, parseCsv } from '../../sheets/csv.js';
import { readXlsx, type SheetCell } from '../../sheets/workbook.js';
import type { MessageKey, MessageParams } from '../../i18n/index.js';
import type { TapeCell } from './cells.js';

export interface TapeLimits {
  /** Largest file accepted (bytes). */
  maxBytes: number;
  /** Largest size a workbook may unpack to (bytes). */
  maxUnpackedBytes: number;
  /** Most data rows (one per firm or asset). */
  maxRows: number;
}

export const DEFAULT_TAPE_LIMITS: TapeLimits = { maxBytes: 20 * 1024 * 1024, maxUnpackedBytes: 200 * 1024 * 1024, maxRows: 100_000 };

/** A problem with a place: `Pool!E12`, a whole row or column, or the file. */
export interface TapeProblem { where: string; key: MessageKey; params: MessageParams }

export interface TapeGrid {
  format: 'xlsx' | 'csv';
  /** The sheet's name as cell references use it (a CSV file's name without its extension). */
  sheet: string;
  /** rows[i][c]: the cell in sheet row i + 1, column c (A = 0). Row 1 is the header. */
  rows: TapeCell[][];
  /** Merged ranges, e.g. "B3:C3". */
  merges: string[];
  encoding: string | null;
}

export const POOL_SHEET_NAMES = ['pool', '资产池', 'pool tape', '资产池明细'];

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function fromSheetCell(c: SheetCell): TapeCell {
  switch (c.kind) {
    case 'empty': return { kind: 'empty' };
    case 'number': return { kind: 'number', value: c.value, percentFormat: (c.numFmt ?? '').includes('%') };
    case 'text': return { kind: 'text', value: c.value, fromCsv: false };
    // Excel stores a date as a day count; the library gives it at UTC midnight.
    case 'date': return { kind: 'date', iso: c.value.toISOString().slice(0, 10) };
    case 'boolean': return { kind: 'boolean', value: c.value };
    case 'formula': return { kind: 'formula', formula: c.formula };
    case 'error': return { kind: 'error', value: c.value };
  }
}

/** In a CSV file a cell that starts with "=" is a formula Excel would run on opening. */
function fromCsvText(v: string): TapeCell {
  if (v === '') return { kind: 'empty' };
  if (/^\s*=/.test(v)) return { kind: 'formula', formula: v.trim() };
  return { kind: 'text', value: v, fromCsv: true };
}

export async function readTapeGrid(bytes: Uint8Array, fileName: string, limits: TapeLimits = DEFAULT_TAPE_LIMITS): Promise<{ ok: true; grid: TapeGrid } | { ok: false; problems: TapeProblem[] }> {
  const file = basename(fileName || 'tape');
  const fail = (key: MessageKey, params: MessageParams = {}) => ({ ok: false as const, problems: [{ where: file, key, params: { file, ...params } }] });
  if (bytes.length > limits.maxBytes) return fail('tape.err.tooLarge', { size: mb(bytes.length), max: mb(limits.maxBytes) });
  const kind = detectFileKind(bytes);
  if (kind.kind === 'xls') return fail('tape.err.xls');
  if (kind.kind === 'other') return fail('tape.err.notSpreadsheet', { whatKey: kind.what });

  if (kind.kind === 'xlsx') {
    const unpacked = zipUnpackedSize(bytes);
    if (!unpacked) return fail('tape.err.damaged');
    if (unpacked.bytes > limits.maxUnpackedBytes || unpacked.entries > 10_000) {
      return fail('tape.err.unpacksTooLarge', { size: mb(unpacked.bytes), max: mb(limits.maxUnpackedBytes) });
    }
    let sheets;
    try {
      sheets = await readXlsx(bytes);
    } catch (err) {
      return fail('tape.err.damaged', { detail: (err as Error).message.slice(0, 120) });
    }
    const pick = sheets.find((s) => POOL_SHEET_NAMES.includes(s.name.trim().toLowerCase())) ?? sheets[0];
    if (!pick) return fail('tape.err.noSheet');
    if (pick.rows.length - 1 > limits.maxRows) return fail('tape.err.tooManyRows', { rows: pick.rows.length - 1, max: limits.maxRows });
    return { ok: true, grid: { format: 'xlsx', sheet: pick.name, rows: pick.rows.map((r) => r.map(fromSheetCell)), merges: pick.merges, encoding: null } };
  }

  const { text, encoding } = decodeText(bytes);
  if (text.includes('\uFFFD') && encoding !== 'utf-8') return fail('tape.err.encoding');
  const { rows } = parseCsv(text);
  if (rows.length - 1 > limits.maxRows) return fail('tape.err.tooManyRows', { rows: rows.length - 1, max: limits.maxRows });
  const sheet = basename(file, extname(file)) || 'tape';
  return { ok: true, grid: { format: 'csv', sheet, rows: rows.map((r) => r.map(fromCsvText)), merges: [], encoding } };
}

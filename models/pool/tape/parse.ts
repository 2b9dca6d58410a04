// A pool tape (资产池明细表) to the deal's pool obligors. Every cell is checked and every problem
// is reported with its place (`Pool!E12: what is wrong (what is allowed)`), never only the first;
// a tape with any problem gives no obligors at all, so nothing half-read is ever saved.
import { Decimal } from 'decimal.js';
import { addMonths } from '../../calendar/schedule.js';
import { findSector, sectorLabel, SECTORS } from '../sectors.js';
import { translator, type Lang, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { columnLetter } from '../../sheets/workbook.js';
import {
  AMORTIZATION_CHOICES, ASSET_TYPES, CHOICE_COLUMNS, FREQUENCY_CHOICES, headerKey, LICENCE_CHOICES, MONTHS_PER_PERIOD,
  RECOVERY_BASIS_CHOICES, TAPE_COLUMNS, type Choice, type TapeColumnKey,
} from './columns.js';
import {
  dateFromText, isBlank, readAmount, readChoice, readDate, readPercent, readRate, readText, readWhole, shown,
  type Parsed, type TapeCell,
} from './cells.js';
import { DEFAULT_TAPE_LIMITS, readTapeGrid, type TapeGrid, type TapeLimits, type TapeProblem } from './read.js';

export type { TapeProblem } from './read.js';

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** An obligor as deal JSON (the deal validator checks it again once it is in a deal). */
export type ObligorJson = Record<string, unknown> & { id: string };

export type TapeResult =
  | {
    ok: true; format: 'xlsx' | 'csv'; sheet: string; obligors: ObligorJson[];
    /** The sheet row of each obligor, and whether its licence fees came from the schedule column. */
    rows: number[]; fromSchedule: boolean[];
    columns: Partial<Record<TapeColumnKey, number>>;
  }
  | { ok: false; problems: TapeProblem[] };

/** "Pool!E12", quoting a sheet name that has spaces or punctuation ('My pool'!E12). */
export function cellRef(sheet: string, col: number | null, row: number): string {
  const s = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${s}!${col === null ? '' : columnLetter(col)}${row}`;
}

/** `Pool!E12: what is wrong (what is allowed)`, in one language: column names and allowed values too. */
export function formatTapeProblem(p: TapeProblem, lang: Lang): string {
  const t = translator(lang);
  const params: Record<string, string | number> = { ...p.params };
  const key = typeof params.columnKey === 'string' ? params.columnKey as TapeColumnKey : null;
  if (key) params.column = t(headerKey(key));
  if (typeof params.whatKey === 'string') params.what = t(`tape.what.${params.whatKey}` as MessageKey);
  const sep = lang === 'zh' ? '、' : ', ';
  if (p.key === 'tape.err.unknownSector') params.allowed = SECTORS.map((x) => (lang === 'zh' ? x.zh : x.en)).join(sep);
  if (p.key === 'tape.err.unknownChoice' && key) params.allowed = (CHOICE_COLUMNS[key] ?? []).map((c) => t(c.label)).join(sep);
  return `${p.where}: ${t(p.key, params)}`;
}

export function formatTapeProblems(ps: readonly TapeProblem[], lang: Lang): string[] {
  return ps.map((p) => formatTapeProblem(p, lang));
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, '').replace(/[（(].*?[)）]/g, '');

/** Column headers in either language (with or without their unit in brackets) and the keys themselves. */
function headerIndex(): Map<string, TapeColumnKey> {
  const m = new Map<string, TapeColumnKey>();
  for (const lang of ['en', 'zh'] as const) {
    const t = translator(lang);
    for (const c of TAPE_COLUMNS) {
      m.set(norm(t(headerKey(c.key))), c.key);
      m.set(norm(c.key), c.key);
    }
  }
  return m;
}

const choiceNames = <T extends string>(choices: readonly Choice<T>[]) => choices.map((c) => ({
  value: c.value,
  names: [translator('en')(c.label), translator('zh')(c.label), ...c.also],
}));
const ASSET_NAMES = choiceNames(ASSET_TYPES);
const FREQ_NAMES = choiceNames(FREQUENCY_CHOICES);
const AMORT_NAMES = choiceNames(AMORTIZATION_CHOICES);
const LICENCE_NAMES = choiceNames(LICENCE_CHOICES);
const BASIS_NAMES = choiceNames(RECOVERY_BASIS_CHOICES);


/** Read a pool tape file (XLSX or CSV bytes) into obligors, or every problem found. */
export async function readPoolTape(bytes: Uint8Array, opts: { fileName: string; limits?: TapeLimits }): Promise<TapeResult> {
  const read = await readTapeGrid(bytes, opts.fileName, opts.limits ?? DEFAULT_TAPE_LIMITS);
  if (!read.ok) return read;
  return parseTapeGrid(read.grid);
}

export function parseTapeGrid(grid: TapeGrid): TapeResult {
  const problems: TapeProblem[] = [];
  const { sheet } = grid;
  const at = (col: number | null, row: number) => cellRef(sheet, col, row);
  const add = (where: string, key: MessageKey, params: MessageParams = {}) => problems.push({ where, key, params });

  // Merged cells anywhere on the sheet: each merged range is one problem.
  for (const range of grid.merges) add(`${cellRef(sheet, null, 0).replace(/0$/, '')}${range}`, 'tape.err.merged');

  // Header row: every column named once, the required ones present.
  const header = grid.rows[0] ?? [];
  const index = headerIndex();
  const columns: Partial<Record<TapeColumnKey, number>> = {};
  header.forEach((cell, c) => {
    if (isBlank(cell)) return;
    const text = cell.kind === 'text' ? cell.value : shown(cell);
    if (/^\s*(#|note|notes|备注)/i.test(text)) return;
    const key = index.get(norm(text));
    if (!key) {
      add(at(c, 1), 'tape.err.unknownColumn', { got: text.slice(0, 60) });
      return;
    }
    if (columns[key] !== undefined) add(at(c, 1), 'tape.err.duplicateColumn', { columnKey: key, first: at(columns[key]!, 1) });
    else columns[key] = c;
  });
  if (Object.keys(columns).length === 0) {
    // Not a tape at all (another spreadsheet, a text file): one problem, not one per cell.
    return { ok: false, problems: [{ where: at(null, 1), key: 'tape.err.noHeader', params: {} }] };
  }
  for (const col of TAPE_COLUMNS) {
    if (col.required === 'always' && columns[col.key] === undefined) add(at(null, 1), 'tape.err.missingColumn', { columnKey: col.key });
  }

  const obligors: ObligorJson[] = [];
  const rows: number[] = [];
  const fromSchedule: boolean[] = [];
  const idsSeen = new Map<string, number>();
  let dataRows = 0;
  for (let r = 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r]!;
    if (cells.every(isBlank)) continue;
    dataRows++;
    const rowNo = r + 1;
    const cellOf = (key: TapeColumnKey): TapeCell => {
      const c = columns[key];
      return c === undefined ? { kind: 'empty' } : (cells[c] ?? { kind: 'empty' });
    };
    const where = (key: TapeColumnKey) => at(columns[key] ?? null, rowNo);
    let rowOk = true;
    const fail = (key: TapeColumnKey, p: { key: MessageKey; params: MessageParams }) => {
      rowOk = false;
      add(where(key), p.key, { columnKey: key, ...p.params });
    };
    // A formula or an error value in any cell is a problem whatever the column.
    cells.forEach((cell, c) => {
      if (cell.kind === 'formula') { rowOk = false; add(at(c, rowNo), 'tape.err.formula', { formula: cell.formula.slice(0, 60) }); }
      if (cell.kind === 'error') { rowOk = false; add(at(c, rowNo), 'tape.err.errorValue', { got: cell.value }); }
    });
    const bad = (c: TapeCell) => c.kind === 'formula' || c.kind === 'error';
    /** Read a column with `fn`; blank → undefined (a problem when required). */
    const get = <T>(key: TapeColumnKey, fn: (c: TapeCell) => Parsed<T>, required: boolean, requiredFor?: string): T | undefined => {
      const c = cellOf(key);
      if (bad(c)) return undefined;
      if (isBlank(c)) {
        // A column missing from the header is reported once, above, not on every row.
        if (required && columns[key] !== undefined) fail(key, { key: requiredFor ? 'tape.err.requiredFor' : 'tape.err.required', params: requiredFor ? { kind: requiredFor } : {} });
        return undefined;
      }
      const p = fn(c);
      if (!p.ok) { fail(key, p); return undefined; }
      return p.value;
    };
    const choice = <T extends string>(names: ReadonlyArray<{ value: T; names: readonly string[] }>) => (c: TapeCell): Parsed<T> =>
      readChoice(c, names) ?? { ok: false, key: 'tape.err.unknownChoice', params: { got: shown(c) } };
    const mustBeEmpty = (key: TapeColumnKey, kindLabel: string) => {
      const c = cellOf(key);
      if (!isBlank(c) && !bad(c)) fail(key, { key: 'tape.err.notForKind', params: { kind: kindLabel, got: shown(c) } });
    };

    const name = get('name', (c) => readText(c, 200), true);
    const idText = get('id', (c) => readText(c, 64), false);
    let id = idText;
    if (id !== undefined && !ID_RE.test(id)) { fail('id', { key: 'tape.err.badId', params: { got: id } }); id = undefined; }
    if (idText === undefined && !bad(cellOf('id'))) id = `firm-${String(dataRows).padStart(3, '0')}`;
    if (id !== undefined) {
      const prev = idsSeen.get(id);
      if (prev !== undefined) fail(columns.id !== undefined ? 'id' : 'name', { key: 'tape.err.duplicateId', params: { got: id, row: prev } });
      else idsSeen.set(id, rowNo);
    }
    const sector = get('sector', (c) => {
      const text = readText(c, 100);
      if (!text.ok) return text;
      const s = findSector(text.value);
      return s ? { ok: true, value: sectorLabel(s) } : { ok: false, key: 'tape.err.unknownSector', params: { got: text.value } };
    }, true);
    const kind = get('assetType', choice(ASSET_NAMES), true);
    const amount = get('amount', readAmount, true);
    if (amount && amount.isZero()) fail('amount', { key: 'tape.err.zero', params: { got: shown(cellOf('amount')) } });
    const appraised = get('appraisedValue', readAmount, true);
    const patents = (['inventionPatents', 'utilityModelPatents', 'designPatents'] as const).map((k) => get(k, (c) => readWhole(c, 0, 100_000), false));
    const trademarks = get('trademarks', (c) => readWhole(c, 0, 100_000), false);
    const copyrights = get('copyrights', (c) => readWhole(c, 0, 100_000), false);
    const pd = get('pd', (c) => readPercent(c, 0, 100), true);
    const recovery = get('recovery', (c) => readPercent(c, 0, 100), true);
    const recoveryStdDev = get('recoveryStdDev', (c) => readPercent(c, 0, 50), true);
    const lag = get('recoveryLagMonths', (c) => readWhole(c, 0, 120), true);
    const basis = get('recoveryBasis', choice(BASIS_NAMES), false);
    const appraiser = get('appraiser', (c) => readText(c, 200), false);

    let asset: Record<string, unknown> | undefined;
    let scheduleGiven = false;
    const kindLabel = kind ? translator('en')(ASSET_TYPES.find((a) => a.value === kind)!.label) : '';
    if (kind === 'loan') {
      const rate = get('rate', readRate, true, kindLabel);
      const start = get('startDate', readDate, true, kindLabel);
      const term = get('termMonths', (c) => readWhole(c, 1, 360), true, kindLabel);
      const freq = get('frequency', choice(FREQ_NAMES), true, kindLabel);
      const amort = get('amortization', choice(AMORT_NAMES), true, kindLabel);
      mustBeEmpty('feeSchedule', kindLabel);
      mustBeEmpty('licence', kindLabel);
      if (term !== undefined && freq !== undefined && term % MONTHS_PER_PERIOD[freq] !== 0) fail('termMonths', { key: 'tape.err.termPeriods', params: { got: term, per: MONTHS_PER_PERIOD[freq] } });
      if (amount && rate && start && term !== undefined && freq && amort) {
        asset = { kind: 'loan', principal: amountJson(amount), startDate: start, termMonths: term, paymentFrequency: freq, rate, amortization: amort };
      }
    } else if (kind === 'licence-royalty') {
      const licence = get('licence', choice(LICENCE_NAMES), true, kindLabel);
      mustBeEmpty('amortization', kindLabel);
      const scheduleCell = cellOf('feeSchedule');
      let payments: Array<{ date: string; amount: number | string }> | undefined;
      if (!isBlank(scheduleCell) && !bad(scheduleCell)) {
        for (const k of ['rate', 'startDate', 'termMonths', 'frequency'] as const) {
          if (!isBlank(cellOf(k)) && !bad(cellOf(k))) fail(k, { key: 'tape.err.scheduleOrRate', params: {} });
        }
        scheduleGiven = true;
        const sched = readFeeSchedule(scheduleCell);
        if (!sched.ok) fail('feeSchedule', sched);
        else payments = sched.value;
      } else if (!bad(scheduleCell)) {
        const rate = get('rate', (c) => readPercent(c, 0, 100), true, kindLabel);
        const start = get('startDate', readDate, true, kindLabel);
        const term = get('termMonths', (c) => readWhole(c, 1, 360), true, kindLabel);
        const freq = get('frequency', choice(FREQ_NAMES), true, kindLabel);
        if (term !== undefined && freq !== undefined && term % MONTHS_PER_PERIOD[freq] !== 0) fail('termMonths', { key: 'tape.err.termPeriods', params: { got: term, per: MONTHS_PER_PERIOD[freq] } });
        else if (amount && rate !== undefined && start && term !== undefined && freq) payments = licenceFeeSchedule(amount, rate, start, term, MONTHS_PER_PERIOD[freq]);
      }
      if (amount && licence && payments) asset = { kind: 'licence-royalty', licence, purchasePrice: amountJson(amount), payments };
    }

    if (!rowOk || !asset || id === undefined || name === undefined || sector === undefined || !appraised || pd === undefined || recovery === undefined || recoveryStdDev === undefined || lag === undefined) continue;
    const ip: Record<string, unknown> = { appraisedValue: amountJson(appraised) };
    if (patents.some((p) => p !== undefined)) {
      ip.patents = { invention: patents[0] ?? 0, utilityModel: patents[1] ?? 0, ...(patents[2] !== undefined ? { design: patents[2] } : {}) };
    }
    if (trademarks !== undefined) ip.trademarks = trademarks;
    if (copyrights !== undefined) ip.copyrights = copyrights;
    if (appraiser) ip.appraiser = appraiser;
    obligors.push({
      id, name, sector, ip, asset,
      credit: {
        annualDefaultProbability: pd,
        recovery: { mean: recovery, stdDev: recoveryStdDev, lagMonths: lag, ...(basis ? { basis } : {}) },
      },
    });
    rows.push(rowNo);
    fromSchedule.push(scheduleGiven);
  }
  if (dataRows === 0 && problems.length === 0) add(cellRef(sheet, null, 2), 'tape.err.noRows');
  if (problems.length) return { ok: false, problems };
  return { ok: true, format: grid.format, sheet, obligors, rows, fromSchedule, columns };
}

/** A JSON amount: a number when it is exact as one, else a decimal string (both valid deal money). */
export function amountJson(d: Decimal): number | string {
  const n = d.toNumber();
  return new Decimal(n).equals(d) ? n : d.toFixed(2);
}

/**
 * The licence fees of a rate-based row: every period the fee on the purchase price (amount × rate
 * × months / 12, to the fen, half up), and the purchase price itself with the last fee — the
 * shape of the Yuhang receivables (12,000,000 at 3.4% quarterly: 102,000 three times, then 12,102,000).
 */
export function licenceFeeSchedule(amount: Decimal, rate: number, start: string, termMonths: number, monthsPerPeriod: number): Array<{ date: string; amount: number | string }> {
  const n = termMonths / monthsPerPeriod;
  const fee = amount.times(new Decimal(String(rate))).times(monthsPerPeriod).div(12).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const out: Array<{ date: string; amount: number | string }> = [];
  for (let k = 1; k <= n; k++) out.push({ date: addMonths(start, k * monthsPerPeriod, false), amount: amountJson(k === n ? fee.plus(amount) : fee) });
  return out;
}

/** "2023-06-01 102000; 2023-09-01 102000; …" (also one entry per line, 万/亿 allowed, ":" between). */
export function readFeeSchedule(c: TapeCell): Parsed<Array<{ date: string; amount: number | string }>> {
  if (c.kind !== 'text') return { ok: false, key: 'tape.err.feeEntry', params: { n: 1, got: shown(c) } };
  const entries = c.value.split(/[;；\n]+/).map((s) => s.trim()).filter(Boolean);
  const out: Array<{ date: string; amount: number | string }> = [];
  for (let i = 0; i < entries.length; i++) {
    const m = /^(\S+?)\s*[:：=\s]\s*(\S.*)$/.exec(entries[i]!);
    const date = m ? dateFromText(m[1]!) : null;
    const amt = m ? readAmount({ kind: 'text', value: m[2]!, fromCsv: true }) : null;
    if (!m || !date || !date.ok || !amt || !amt.ok) {
      const inner = amt && !amt.ok && date?.ok ? amt : null;
      return inner && inner.key === 'tape.err.negative'
        ? { ok: false, key: 'tape.err.feeNegative', params: { n: i + 1, got: entries[i]!.slice(0, 40) } }
        : { ok: false, key: 'tape.err.feeEntry', params: { n: i + 1, got: entries[i]!.slice(0, 40) } };
    }
    const prev = out[out.length - 1];
    if (prev && date.value <= prev.date) return { ok: false, key: 'tape.err.feeOrder', params: { n: i + 1, date: date.value, prev: prev.date } };
    out.push({ date: date.value, amount: amountJson(amt.value) });
  }
  if (out.length === 0) return { ok: false, key: 'tape.err.feeEntry', params: { n: 1, got: '' } };
  if (out.length > 1000) return { ok: false, key: 'tape.err.feeTooMany', params: { got: out.length } };
  return { ok: true, value: out };
}

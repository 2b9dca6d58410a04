// A pool tape (资产池明细表) to the deal's pool obligors. Every cell is checked and every problem
// is reported with its place (`Pool!E12: what is wrong (what is allowed)`), never only the first;
// a tape with any problem gives no obligors at all, so nothing half-read is ever saved.
import { Decimal } from 'decimal.js';
import { addMonths } from '../../calendar/schedule.js';
import { findSector, sectorLabel, SECTORS } from '../sectors.js';
import { translator, type Lang, type MessageKey, type MessageParams } from '../../i18n/index.js';
import { columnLetter } from '../../sheets/workbook.js';
import {
  AMORTIZATION_CHOICES, ASSET_TYPES, CHANNEL_CHOICES, CHOICE_COLUMNS, FREQUENCY_CHOICES, headerKey, KIND_COLUMNS, KIND_SPECIFIC_COLUMNS,
  LEASE_STRUCTURE_CHOICES, LICENCE_CHOICES, MONTHS_PER_PERIOD, RECOVERY_BASIS_CHOICES, TAPE_COLUMNS, type Choice, type TapeColumnKey,
} from './columns.js';
import { assetKind } from '../asset-registry.js';
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
const STRUCTURE_NAMES = choiceNames(LEASE_STRUCTURE_CHOICES);
const CHANNEL_NAMES = choiceNames(CHANNEL_CHOICES);


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
    // Another kind's columns stay empty on this row (a deposit on a loan row is a mistake, not ignored).
    if (kind) for (const k of KIND_SPECIFIC_COLUMNS) if (!(KIND_COLUMNS[kind] as readonly TapeColumnKey[]).includes(k)) mustBeEmpty(k, kindLabel);
    /** The loan-like terms of a loan, an entrusted loan or a lease with computed rentals. */
    const loanTerms = (amortizations: ReadonlyArray<{ value: 'equal-principal' | 'annuity' | 'interest-only-bullet'; names: readonly string[] }>) => {
      const rate = get('rate', readRate, true, kindLabel);
      const start = get('startDate', readDate, true, kindLabel);
      const term = get('termMonths', (c) => readWhole(c, 1, 360), true, kindLabel);
      const freq = get('frequency', choice(FREQ_NAMES), true, kindLabel);
      const amort = get('amortization', choice(amortizations), true, kindLabel);
      if (term !== undefined && freq !== undefined && term % MONTHS_PER_PERIOD[freq] !== 0) fail('termMonths', { key: 'tape.err.termPeriods', params: { got: term, per: MONTHS_PER_PERIOD[freq] } });
      return rate && start && term !== undefined && freq && amort ? { rate, startDate: start, termMonths: term, paymentFrequency: freq, amortization: amort } : undefined;
    };
    const optionalMoney = (key: TapeColumnKey) => {
      const v = get(key, readAmount, false);
      return v === undefined ? {} : { [key]: amountJson(v) };
    };
    if (kind === 'loan') {
      const rate = get('rate', readRate, true, kindLabel);
      const start = get('startDate', readDate, true, kindLabel);
      const term = get('termMonths', (c) => readWhole(c, 1, 360), true, kindLabel);
      const freq = get('frequency', choice(FREQ_NAMES), true, kindLabel);
      const amort = get('amortization', choice(AMORT_NAMES), true, kindLabel);
      const price = optionalMoney('purchasePrice');
      if (term !== undefined && freq !== undefined && term % MONTHS_PER_PERIOD[freq] !== 0) fail('termMonths', { key: 'tape.err.termPeriods', params: { got: term, per: MONTHS_PER_PERIOD[freq] } });
      if (amount && rate && start && term !== undefined && freq && amort) {
        asset = { kind: 'loan', principal: amountJson(amount), startDate: start, termMonths: term, paymentFrequency: freq, rate, amortization: amort, ...price };
      }
    } else if (kind === 'licence-royalty') {
      const licence = get('licence', choice(LICENCE_NAMES), true, kindLabel);
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
    } else if (kind === 'finance-lease') {
      const structure = get('leaseStructure', choice(STRUCTURE_NAMES), true, kindLabel);
      const extras = { ...optionalMoney('deposit'), ...optionalMoney('handlingFee'), ...optionalMoney('purchaseOption'), ...optionalMoney('purchasePrice') };
      const tableCell = cellOf('rentalSchedule');
      let rentals: Record<string, unknown> | undefined;
      let start: string | undefined;
      if (!isBlank(tableCell) && !bad(tableCell)) {
        // A rental table (租金支付表) instead of the computed rentals: the lease start is still needed.
        for (const k of ['rate', 'termMonths', 'frequency', 'amortization'] as const) {
          if (!isBlank(cellOf(k)) && !bad(cellOf(k))) fail(k, { key: 'tape.err.tableOrTerms', params: {} });
        }
        scheduleGiven = true;
        start = get('startDate', readDate, true, kindLabel);
        const table = readRentalTable(tableCell);
        if (!table.ok) fail('rentalSchedule', table);
        else rentals = { method: 'schedule', payments: table.value };
      } else if (!bad(tableCell)) {
        const terms = loanTerms(LEASE_AMORT_NAMES);
        if (terms) {
          start = terms.startDate;
          rentals = { method: terms.amortization === 'annuity' ? 'equal-rent' : 'equal-principal', termMonths: terms.termMonths, paymentFrequency: terms.paymentFrequency, rate: terms.rate };
        }
      }
      if (amount && structure && start && rentals) asset = { kind: 'finance-lease', structure, financedAmount: amountJson(amount), startDate: start, rentals, ...extras };
    } else if (kind === 'entrusted-loan') {
      const channel = get('channel', choice(CHANNEL_NAMES), true, kindLabel);
      const terms = loanTerms(AMORT_NAMES);
      const price = optionalMoney('purchasePrice');
      const agentId = get('agentId', (c) => readText(c, 64), true, kindLabel);
      if (agentId !== undefined && !ID_RE.test(agentId)) fail('agentId', { key: 'tape.err.badId', params: { got: agentId } });
      const agentName = get('agentName', (c) => readText(c, 200), true, kindLabel);
      const agentNameZh = get('agentNameZh', (c) => readText(c, 200), false);
      const feeRate = get('agentFeeRate', (c) => readPercent(c, 0, 100), true, kindLabel);
      const agentPd = get('agentPd', (c) => readPercent(c, 0, 100), true, kindLabel);
      const holdDays = get('agentHoldDays', (c) => readWhole(c, 0, 366), true, kindLabel);
      const agentRecovery = get('agentRecovery', (c) => readPercent(c, 0, 100), false);
      const agentSector = get('agentSector', (c) => readText(c, 100), false);
      if (amount && channel && terms && agentId && agentName && feeRate !== undefined && agentPd !== undefined && holdDays !== undefined) {
        const agent = {
          id: agentId, name: agentName, ...(agentNameZh ? { nameZh: agentNameZh } : {}), feeRate, annualDefaultProbability: agentPd,
          ...(agentSector ? { sector: agentSector } : {}), holdDays, ...(agentRecovery !== undefined ? { recovery: agentRecovery } : {}),
        };
        asset = { kind: 'entrusted-loan', channel, agent, principal: amountJson(amount), ...terms, ...price };
      }
    } else if (kind === 'factoring') {
      const receivables = get('receivables', readReceivables, true, kindLabel);
      const purchaseDate = get('startDate', readDate, true, kindLabel);
      const discount = get('rate', (c) => readPercent(c, 0, 100), false);
      if (amount && receivables && purchaseDate) {
        const price = discount === undefined ? { type: 'fixed', amount: amountJson(amount) } : { type: 'discount-rate', annualRate: discount };
        const candidate = { kind: 'factoring', receivables: receivables.map((r) => ({ debtor: r.debtor, face: r.face, dueDate: r.date })), price, purchaseDate };
        // With a discount rate the amount is what it makes the price: both given, they must agree.
        const priced = discount === undefined ? null : discountedPrice(candidate);
        if (priced && !priced.equals(amount)) fail('amount', { key: 'tape.err.discountPrice', params: { got: amount.toFixed(2), price: priced.toFixed(2), rate: +(discount! * 100).toPrecision(12) } });
        else asset = candidate;
      }
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

const LEASE_AMORT_NAMES = AMORT_NAMES.filter((a) => a.value !== 'interest-only-bullet');

/** The price a discount rate gives a factoring row's receivables (null if the kind cannot price them, e.g. a due date before purchase). */
function discountedPrice(asset: Record<string, unknown>): Decimal | null {
  const k = assetKind('factoring');
  const parsed = k.schema.safeParse(asset);
  return parsed.success ? k.purchasePrice(parsed.data) : null;
}

/** Entries "date a b …" separated by ";" (or lines): the date, then what `rest` makes of the words after it. */
function readEntries<T>(c: TapeCell, rest: (words: string, n: number, entry: string) => Parsed<T>, entryKey: MessageKey): Parsed<Array<{ date: string } & T>> {
  const text = c.kind === 'text' ? c.value : '';
  const entries = text.split(/[;；\n]+/).map((s) => s.trim()).filter(Boolean);
  const out: Array<{ date: string } & T> = [];
  for (let i = 0; i < entries.length; i++) {
    const m = /^(\S+?)\s+(\S.*)$/.exec(entries[i]!);
    const date = m ? dateFromText(m[1]!) : null;
    if (!m || !date || !date.ok) return { ok: false, key: entryKey, params: { n: i + 1, got: entries[i]!.slice(0, 40) } };
    const r = rest(m[2]!, i + 1, entries[i]!);
    if (!r.ok) return r;
    const prev = out[out.length - 1];
    if (prev && date.value < prev.date) return { ok: false, key: 'tape.err.feeOrder', params: { n: i + 1, date: date.value, prev: prev.date } };
    out.push({ date: date.value, ...r.value });
  }
  if (out.length === 0) return { ok: false, key: entryKey, params: { n: 1, got: shown(c) } };
  if (out.length > 1000) return { ok: false, key: 'tape.err.feeTooMany', params: { got: out.length } };
  return { ok: true, value: out };
}

const amountWord = (w: string) => readAmount({ kind: 'text', value: w, fromCsv: true });

/** A lease's rental table: "2019-06-15 6000000 1360000; …" (date, principal part, interest part). */
export function readRentalTable(c: TapeCell): Parsed<Array<{ date: string; principal: number | string; interest: number | string }>> {
  return readEntries(c, (words, n, entry) => {
    const parts = words.split(/\s+/);
    const p = parts.length === 2 ? amountWord(parts[0]!) : null;
    const i = parts.length === 2 ? amountWord(parts[1]!) : null;
    if (!p || !i || !p.ok || !i.ok) return { ok: false, key: 'tape.err.rentalEntry', params: { n, got: entry.slice(0, 40) } };
    return { ok: true, value: { principal: amountJson(p.value), interest: amountJson(i.value) } };
  }, 'tape.err.rentalEntry');
}

/** Factored receivables: "2023-09-30 3000000 Buyer A Co.; …" (due date, face, the debtor's name). */
export function readReceivables(c: TapeCell): Parsed<Array<{ date: string; face: number | string; debtor: string }>> {
  if (c.kind !== 'text') return { ok: false, key: 'tape.err.receivableEntry', params: { n: 1, got: shown(c) } };
  return readEntries(c, (words, n, entry) => {
    const m = /^(\S+)\s+(\S.*)$/.exec(words);
    const face = m ? amountWord(m[1]!) : null;
    if (!m || !face || !face.ok || face.value.isZero() || m[2]!.length > 200) return { ok: false, key: 'tape.err.receivableEntry', params: { n, got: entry.slice(0, 40) } };
    return { ok: true, value: { face: amountJson(face.value), debtor: m[2]!.trim() } };
  }, 'tape.err.receivableEntry');
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

// The pool tape to fill in (a blank template) or to edit (a deal's pool written as a tape), as an
// Excel workbook — headers in the chosen language and frozen, drop-downs for the choices, real
// numbers, percentages and dates, an instructions sheet and the lists of allowed values — or as
// CSV (UTF-8 with a byte-order mark, for Excel on Chinese Windows).
import type { Obligor } from '../../deal/schema.js';
import { translator, type Lang, type Translate } from '../../i18n/index.js';
import { toCsv } from '../../format.js';
import { withBom } from '../../sheets/csv.js';
import { excelDate, writeXlsx, type ColumnSpec, type SheetSpec, type WriteValue } from '../../sheets/workbook.js';
import { findSector, SECTORS } from '../sectors.js';
import {
  AMORTIZATION_CHOICES, ASSET_TYPES, CHOICE_COLUMNS, FREQUENCY_CHOICES, headerKey, helpKey, LICENCE_CHOICES, RECOVERY_BASIS_CHOICES,
  TAPE_COLUMNS, type Choice, type TapeColumnKey,
} from './columns.js';

const PERCENT_COLUMNS: ReadonlySet<TapeColumnKey> = new Set(['rate', 'pd', 'recovery', 'recoveryStdDev']);
/** Rows of the template that get the drop-downs and formats (a pool is rarely larger). */
const TEMPLATE_ROWS = 2000;

const label = (t: Translate, choices: readonly Choice[], value: string | undefined) => {
  const c = choices.find((x) => x.value === value);
  return c ? t(c.label) : (value ?? '');
};

/** Percentages: a fraction in a workbook (shown with %), the percentage itself in CSV (2.7 = 2.7%). */
type Target = 'xlsx' | 'csv';
const pctOut = (x: number | undefined, to: Target): WriteValue => (x === undefined ? null : to === 'xlsx' ? x : Number((x * 100).toPrecision(12)));
const dateOut = (iso: string | undefined, to: Target): WriteValue => (iso === undefined ? null : to === 'xlsx' ? excelDate(iso) : iso);
const moneyOut = (v: number | string): number => Number(v);

/** The asset kinds a tape row can carry; the other kinds (leases, entrusted loans, factoring) live in the deal file only. */
export const TAPE_ASSET_KINDS: readonly string[] = ['loan', 'licence-royalty'];

/** A pool the tape cannot carry: answered 422 by the server, exit 1 by the CLI. */
export class TapeUnsupportedError extends Error {
  readonly status = 422;
}

/** Refuse, naming the firm, a pool with an asset kind the tape has no columns for. */
export function checkTapeKinds(obligors: readonly Obligor[], lang: Lang): void {
  const i = obligors.findIndex((o) => !TAPE_ASSET_KINDS.includes(o.asset.kind));
  if (i < 0) return;
  const o = obligors[i]!;
  throw new TapeUnsupportedError(translator(lang)('assets.tape.unsupported', { path: `pool.obligors[${i}].asset`, id: o.id, kind: o.asset.kind }));
}

/** One obligor as a tape row, in the order of TAPE_COLUMNS. */
export function obligorRow(o: Obligor, lang: Lang, to: Target): WriteValue[] {
  const t = translator(lang);
  const a = o.asset;
  const sector = findSector(o.sector);
  const cells: Partial<Record<TapeColumnKey, WriteValue>> = {
    id: o.id,
    name: o.name,
    sector: sector ? (lang === 'zh' ? sector.zh : sector.en) : o.sector,
    assetType: label(t, ASSET_TYPES, a.kind),
    appraisedValue: moneyOut(o.ip.appraisedValue),
    inventionPatents: o.ip.patents?.invention ?? null,
    utilityModelPatents: o.ip.patents?.utilityModel ?? null,
    designPatents: o.ip.patents?.design ?? null,
    trademarks: o.ip.trademarks ?? null,
    copyrights: o.ip.copyrights ?? null,
    pd: pctOut(o.credit.annualDefaultProbability, to),
    recovery: pctOut(o.credit.recovery.mean, to),
    recoveryStdDev: pctOut(o.credit.recovery.stdDev, to),
    recoveryLagMonths: o.credit.recovery.lagMonths,
    recoveryBasis: o.credit.recovery.basis ? label(t, RECOVERY_BASIS_CHOICES, o.credit.recovery.basis) : null,
    appraiser: o.ip.appraiser ?? null,
  };
  if (a.kind === 'loan') {
    Object.assign(cells, {
      amount: moneyOut(a.principal),
      rate: a.rate.type === 'fixed' ? pctOut(a.rate.annualRate, to) : `${a.rate.benchmark}${a.rate.spread < 0 ? '-' : '+'}${+(Math.abs(a.rate.spread) * 10_000).toFixed(2)}bp`,
      startDate: dateOut(a.startDate, to),
      termMonths: a.termMonths,
      frequency: label(t, FREQUENCY_CHOICES, a.paymentFrequency),
      amortization: label(t, AMORTIZATION_CHOICES, a.amortization),
    });
  } else if (a.kind === 'licence-royalty') {
    Object.assign(cells, {
      amount: moneyOut(a.purchasePrice),
      licence: label(t, LICENCE_CHOICES, a.licence),
      // The exact schedule, so a deal's pool comes back to the fen.
      feeSchedule: a.payments.map((p) => `${p.date} ${Number(p.amount).toFixed(2)}`).join('; '),
    });
  }
  return TAPE_COLUMNS.map((c) => cells[c.key] ?? null);
}

export function tapeHeader(t: Translate): string[] {
  return TAPE_COLUMNS.map((c) => t(headerKey(c.key)));
}

/** The tape as CSV text with a byte-order mark (blank template: the header row only). */
export function poolTapeCsv(lang: Lang, obligors: readonly Obligor[] = []): string {
  checkTapeKinds(obligors, lang);
  const t = translator(lang);
  const rows = obligors.map((o) => obligorRow(o, lang, 'csv').map((v) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'boolean' ? String(v) : v)));
  return withBom(toCsv(tapeHeader(t), rows));
}

/** The tape as an Excel workbook: Pool (frozen header, drop-downs), Instructions, Lists. */
export async function poolTapeXlsx(lang: Lang, obligors: readonly Obligor[] = []): Promise<Buffer> {
  checkTapeKinds(obligors, lang);
  const t = translator(lang);
  const listsName = t('tape.sheet.lists');
  // The Lists sheet: sectors in column A, each choice list in its own column after it.
  const listColumns: Array<{ header: string; values: string[] }> = [
    { header: t('tape.lists.sectors'), values: SECTORS.map((s) => (lang === 'zh' ? s.zh : s.en)) },
    ...Object.entries(CHOICE_COLUMNS).map(([key, choices]) => ({ header: t(headerKey(key as TapeColumnKey)), values: choices.map((c) => t(c.label)) })),
  ];
  const rangeOf = (i: number) => `'${listsName}'!$${String.fromCharCode(65 + i)}$2:$${String.fromCharCode(65 + i)}$${listColumns[i]!.values.length + 1}`;
  const choiceKeys = Object.keys(CHOICE_COLUMNS);
  const columns: ColumnSpec[] = TAPE_COLUMNS.map((c) => {
    const spec: ColumnSpec = { header: t(headerKey(c.key)), type: PERCENT_COLUMNS.has(c.key) ? 'percent' : c.type, width: c.width, ...(PERCENT_COLUMNS.has(c.key) ? { decimals: 2 } : {}) };
    if (c.key === 'sector') spec.list = { range: rangeOf(0) };
    const ci = choiceKeys.indexOf(c.key);
    if (ci >= 0) spec.list = { range: rangeOf(ci + 1) };
    return spec;
  });
  const pool: SheetSpec = { name: t('tape.sheet.pool'), columns, rows: obligors.map((o) => obligorRow(o, lang, 'xlsx')), freezeColumns: 2, validationRows: Math.max(TEMPLATE_ROWS, obligors.length) };
  const help: SheetSpec = {
    name: t('tape.sheet.help'),
    preamble: [t('tape.help.intro')],
    columns: [{ header: t('tape.help.column'), type: 'text', width: 26 }, { header: t('tape.help.meaning'), type: 'text', width: 120 }],
    rows: TAPE_COLUMNS.map((c) => [t(headerKey(c.key)), t(helpKey(c.key))]),
  };
  const longest = Math.max(...listColumns.map((l) => l.values.length));
  const lists: SheetSpec = {
    name: listsName,
    columns: listColumns.map((l) => ({ header: l.header, type: 'text', width: 28 })),
    rows: Array.from({ length: longest }, (_, i) => listColumns.map((l) => l.values[i] ?? null)),
  };
  return writeXlsx([pool, help, lists]);
}

// The pool tape to fill in (a blank template) or to edit (a deal's pool written as a tape), as an
// Excel workbook — headers in the chosen language and frozen, drop-downs for the choices, real
// numbers, percentages and dates, an instructions sheet and the lists of allowed values — or as
// CSV (UTF-8 with a byte-order mark, for Excel on Chinese Windows).
import { Decimal } from 'decimal.js';
import type { Obligor } from '../obligor.js';
import { translator, type Lang, type Translate } from '../../i18n/index.js';
import { toCsv } from '../../format.js';
import { withBom } from '../../sheets/csv.js';
import { excelDate, writeXlsx, type ColumnSpec, type SheetSpec, type WriteValue } from '../../sheets/workbook.js';
import { findSector, SECTORS } from '../sectors.js';
import {
  AMORTIZATION_CHOICES, ASSET_TYPES, CHANNEL_CHOICES, CHOICE_COLUMNS, FREQUENCY_CHOICES, headerKey, helpKey, KIND_COLUMNS, LEASE_STRUCTURE_CHOICES,
  LICENCE_CHOICES, RECOVERY_BASIS_CHOICES, TAPE_COLUMNS, type Choice, type TapeColumnKey,
} from './columns.js';
import { assetKindOf } from '../asset-registry.js';

const PERCENT_COLUMNS: ReadonlySet<TapeColumnKey> = new Set(['rate', 'pd', 'recovery', 'recoveryStdDev', 'agentFeeRate', 'agentPd', 'agentRecovery']);
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
const optionalMoney = (v: number | string | undefined): WriteValue => (v === undefined ? null : moneyOut(v));
const fixed2 = (v: number | string) => new Decimal(v).toFixed(2);

type AssetRate = { type: 'fixed'; annualRate: number } | { type: 'benchmark'; benchmark: string; spread: number };
/** A loan or lease rate as the tape writes it: a percentage, or "LPR1Y+80bp". */
const rateOut = (r: AssetRate, to: Target): WriteValue =>
  (r.type === 'fixed' ? pctOut(r.annualRate, to) : `${r.benchmark}${r.spread < 0 ? '-' : '+'}${+(Math.abs(r.spread) * 10_000).toFixed(2)}bp`);

/** The asset kinds a tape row can carry (columns.ts KIND_COLUMNS); a kind added later without columns lives in the deal file only. */
export const TAPE_ASSET_KINDS: readonly string[] = Object.keys(KIND_COLUMNS);

/** A pool the tape cannot carry: answered 422 by the server, exit 1 by the CLI. */
export class TapeUnsupportedError extends Error {
  readonly status = 422;
}

/** Refuse, naming the firm, a pool with an asset kind the tape has no columns for. */
export function checkTapeKinds(obligors: readonly Obligor[], lang: Lang): void {
  const t = translator(lang);
  obligors.forEach((o, i) => {
    const path = `pool.obligors[${i}].asset`;
    if (!TAPE_ASSET_KINDS.includes(o.asset.kind)) {
      throw new TapeUnsupportedError(t('assets.tape.unsupported', { path, id: o.id, kind: o.asset.kind, kinds: ASSET_TYPES.map((a) => t(a.label)).join(lang === 'zh' ? '、' : ', ') }));
    }
    // A debtor's name is the last word of its entry; ";" would split it into two receivables.
    const a = o.asset;
    const debtor = a.kind === 'factoring' ? a.receivables.find((r) => /[;；\n]/.test(r.debtor)) : undefined;
    if (debtor) throw new TapeUnsupportedError(t('assets.tape.debtorSeparator', { path, debtor: debtor.debtor.slice(0, 60) }));
  });
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
  const loanTerms = (x: { rate: AssetRate; startDate: string; termMonths: number; paymentFrequency: string }, amortization: string) => ({
    rate: rateOut(x.rate, to),
    startDate: dateOut(x.startDate, to),
    termMonths: x.termMonths,
    frequency: label(t, FREQUENCY_CHOICES, x.paymentFrequency),
    amortization: label(t, AMORTIZATION_CHOICES, amortization),
  });
  if (a.kind === 'loan') {
    Object.assign(cells, { amount: moneyOut(a.principal), ...loanTerms(a, a.amortization), purchasePrice: optionalMoney(a.purchasePrice) });
  } else if (a.kind === 'finance-lease') {
    const r = a.rentals;
    Object.assign(cells, {
      amount: moneyOut(a.financedAmount),
      leaseStructure: label(t, LEASE_STRUCTURE_CHOICES, a.structure),
      ...(r.method === 'schedule'
        ? { startDate: dateOut(a.startDate, to), rentalSchedule: r.payments.map((p) => `${p.date} ${fixed2(p.principal)} ${fixed2(p.interest)}`).join('; ') }
        : loanTerms({ ...r, startDate: a.startDate }, r.method === 'equal-rent' ? 'annuity' : 'equal-principal')),
      deposit: optionalMoney(a.deposit),
      handlingFee: optionalMoney(a.handlingFee),
      purchaseOption: optionalMoney(a.purchaseOption),
      purchasePrice: optionalMoney(a.purchasePrice),
    });
  } else if (a.kind === 'entrusted-loan') {
    const g = a.agent;
    Object.assign(cells, {
      amount: moneyOut(a.principal),
      channel: label(t, CHANNEL_CHOICES, a.channel),
      ...loanTerms(a, a.amortization),
      purchasePrice: optionalMoney(a.purchasePrice),
      agentId: g.id,
      agentName: g.name,
      agentNameZh: g.nameZh ?? null,
      agentFeeRate: pctOut(g.feeRate, to),
      agentPd: pctOut(g.annualDefaultProbability, to),
      agentHoldDays: g.holdDays,
      agentRecovery: pctOut(g.recovery, to),
      agentSector: g.sector ?? null,
    });
  } else if (a.kind === 'factoring') {
    Object.assign(cells, {
      // The price the trust pays: the agreed amount, or what the discount rate makes it (read back, they must agree).
      amount: moneyOut(assetKindOf(a).purchasePrice(a).toFixed(2)),
      rate: a.price.type === 'discount-rate' ? pctOut(a.price.annualRate, to) : null,
      startDate: dateOut(a.purchaseDate, to),
      receivables: a.receivables.map((x) => `${x.dueDate} ${fixed2(x.face)} ${x.debtor}`).join('; '),
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

// The base-case schedule as an Excel workbook, through models/sheets (the one spreadsheet
// wrapper): a schedule sheet with the CSV's rows — dates as Excel dates, amounts as numbers with
// two decimals, headers in the page's language and frozen — and an issuance sheet. Every text cell
// is neutralized against formula injection by writeXlsx (safeCell).
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { translator, type Lang, type Translate } from '../../models/i18n/index.js';
import { excelDate, writeXlsx, type ColumnSpec, type WriteValue } from '../../models/sheets/workbook.js';

/** A schedule column header in words: "senior interest" / "senior 利息". */
export function scheduleHeader(h: string, t: Translate): string {
  const fixed: Record<string, Parameters<Translate>[0]> = {
    period: 'xls.sched.period', date: 'xls.sched.date', collections: 'xls.sched.collections', fees: 'xls.sched.fees',
    'enhancement draws': 'xls.sched.enhancementDraws', 'reserve top-up': 'xls.sched.reserveTopUp', residual: 'xls.sched.residual', 'cash carried': 'xls.sched.carried',
  };
  const key = fixed[h];
  if (key) return t(key);
  const m = /^(.*) (interest|principal|balance)$/.exec(h);
  if (m) return t(`xls.sched.${m[2] as 'interest' | 'principal' | 'balance'}`, { id: m[1]! });
  return h;
}

export async function scheduleWorkbook(report: ScheduleReport, lang: Lang = 'en'): Promise<Buffer> {
  const t = translator(lang);
  const { header, rows } = scheduleRows(report);
  const columns: ColumnSpec[] = header.map((h, i) => ({
    header: scheduleHeader(h, t),
    type: i === 0 ? 'text' : i === 1 ? 'date' : 'money',
    width: i === 0 ? 8 : i === 1 ? 12 : Math.max(14, Math.min(24, h.length + 2)),
  }));
  const data: WriteValue[][] = rows.map((r) => r.map((c, i) => {
    if (i === 0) return c === 'total' ? t('xls.sched.total') : c;
    if (i === 1) return typeof c === 'string' && /^\d{4}-\d\d-\d\d$/.test(c) ? excelDate(c) : null;
    return c === '' ? null : c;
  }));
  const d = report.deal;
  const issuance: WriteValue[][] = [
    [t('xls.iss.deal'), `${d.name} (${d.id})`],
    [t('xls.iss.currency'), d.currency],
    [t('xls.iss.issueDate'), excelDate(d.issueDate)],
    [t('xls.iss.maturityDate'), excelDate(d.maturityDate)],
    [t('xls.iss.conventions'), `${d.dayCount} / ${d.calendar} / ${d.roll}`],
    [t('xls.iss.proceeds'), report.issuance.proceeds],
    [t('xls.iss.upfrontFees'), report.issuance.upfrontFees],
    ...Object.entries(report.issuance.upfrontFeesById).map(([id, v]): WriteValue[] => [t('xls.iss.upfrontFee', { id }), v]),
    [t('xls.iss.netToFirms'), report.issuance.netToFirms],
    [t('xls.iss.reserveFunded'), report.issuance.reserveFundedByOriginator],
    [t('xls.iss.reconciled'), report.reconciled ? t('common.yes') : t('common.no')],
  ];
  return writeXlsx([
    { name: t('xls.sheet.schedule'), columns, rows: data, freezeColumns: 2, totalRow: true },
    // Mixed values in one column: each cell keeps its own type (dates as dates, amounts as numbers).
    { name: t('xls.sheet.issuance'), columns: [{ header: t('xls.iss.item'), type: 'text', width: 34 }, { header: t('xls.iss.value'), type: 'general', width: 28 }], rows: issuance },
  ]);
}

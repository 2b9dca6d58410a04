// The base-case schedule as an Excel workbook, through models/sheets (the one spreadsheet wrapper):
// a schedule sheet with the CSV's rows in the page's language — dates as Excel dates, amounts as
// numbers with two decimals, the header row frozen — and an issuance sheet. Every text cell is
// neutralized against formula injection by writeXlsx (safeCell).
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { excelDate, writeXlsx, type ColumnSpec, type WriteValue } from '../../models/sheets/workbook.js';

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

export async function scheduleWorkbook(report: ScheduleReport, lang: Lang = 'en'): Promise<Buffer> {
  const t = translator(lang);
  const { header, rows } = scheduleRows(report, lang);
  // Column 1 is the period, 2 the date; a column of numbers is money, any other (a status) text.
  const columns: ColumnSpec[] = header.map((h, i) => ({
    header: h,
    type: i === 0 ? 'text' : i === 1 ? 'date' : rows.every((r) => typeof r[i] === 'number' || r[i] === '') ? 'money' : 'text',
    width: i === 0 ? 8 : i === 1 ? 12 : Math.max(14, Math.min(24, h.length + 2)),
  }));
  const data: WriteValue[][] = rows.map((r) => r.map((c, i) => (i === 1 ? (typeof c === 'string' && ISO_DATE.test(c) ? excelDate(c) : null) : c === '' ? null : c)));
  const d = report.deal;
  const issuance: WriteValue[][] = [
    [t('schedule.deal'), `${d.name} (${d.id})`],
    [t('schedule.currency'), d.currency],
    [t('schedule.issueDate'), excelDate(d.issueDate)],
    [t('schedule.maturityDate'), excelDate(d.maturityDate)],
    [t('schedule.conventions'), `${d.dayCount} / ${d.calendar} / ${d.roll}`],
    [t('schedule.proceeds'), report.issuance.proceeds],
    [t('schedule.upfrontFees'), report.issuance.upfrontFees],
    ...Object.entries(report.issuance.upfrontFeesById).map(([id, v]): WriteValue[] => [t('schedule.upfrontFee', { id }), v]),
    [t('schedule.netToFirms'), report.issuance.netToFirms],
    [t('schedule.reserveFunded'), report.issuance.reserveFundedByOriginator],
    [t('schedule.reconciled'), t(report.reconciled ? 'schedule.yes' : 'schedule.no')],
    [t('pricing.excel.selfFunding'), t(report.baseCase.selfFunding ? 'schedule.yes' : 'schedule.no')],
    [t('pricing.excel.enhancementDrawn'), report.baseCase.enhancementDrawsTotal],
  ];
  return writeXlsx([
    { name: t('schedule.sheet'), columns, rows: data, freezeColumns: 2, totalRow: true },
    // Mixed values in one column: each cell keeps its own kind (dates as dates, amounts as numbers).
    { name: t('schedule.issuanceSheet'), columns: [{ header: t('schedule.item'), type: 'text', width: 34 }, { header: t('schedule.value'), type: 'general', width: 28 }], rows: issuance },
  ]);
}

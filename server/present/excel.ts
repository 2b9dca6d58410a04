// The base-case schedule as an Excel workbook: a schedule sheet (the same rows as the CSV, payment
// dates as real dates) and an issuance sheet, with number formats so amounts read as money, the
// header row and the period/date columns frozen. Text cells are neutralized against formula
// injection (a deal named `=1+1` stays text).
import ExcelJS from 'exceljs';
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { safeCell } from '../../models/format.js';
import { excelDate } from '../../models/sheets/workbook.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FORMAT = 'yyyy-mm-dd';

export async function scheduleWorkbook(report: ScheduleReport, lang: Lang = 'en'): Promise<Buffer> {
  const t = translator(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipabs';
  wb.created = new Date(0);
  const { header, rows } = scheduleRows(report, lang);
  const ws = wb.addWorksheet(t('schedule.sheet'), { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.addRow(header.map(safeCell)).font = { bold: true };
  // Column 2 holds the payment dates: real dates a spreadsheet can sort and subtract.
  for (const r of rows) ws.addRow(r.map((c, i) => (i === 1 && typeof c === 'string' && ISO_DATE.test(c) ? excelDate(c) : safeCell(c))));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, Math.min(24, h.length + 2));
    if (i === 1) col.numFmt = DATE_FORMAT;
    if (i >= 2) col.numFmt = '#,##0.00';
  });
  ws.getCell(1, 2).numFmt = '@';
  const last = ws.getRow(rows.length + 1);
  last.font = { bold: true };

  const info = wb.addWorksheet(t('schedule.issuanceSheet'));
  info.columns = [{ header: t('schedule.item'), key: 'item', width: 34 }, { header: t('schedule.value'), key: 'value', width: 28 }];
  info.getRow(1).font = { bold: true };
  const add = (item: string, value: string | number | Date) => {
    const row = info.addRow({ item: safeCell(item), value: value instanceof Date ? value : safeCell(value) });
    row.getCell(2).numFmt = value instanceof Date ? DATE_FORMAT : '#,##0.00';
  };
  add(t('schedule.deal'), `${report.deal.name} (${report.deal.id})`);
  add(t('schedule.currency'), report.deal.currency);
  add(t('schedule.issueDate'), excelDate(report.deal.issueDate));
  add(t('schedule.maturityDate'), excelDate(report.deal.maturityDate));
  add(t('schedule.conventions'), `${report.deal.dayCount} / ${report.deal.calendar} / ${report.deal.roll}`);
  add(t('schedule.proceeds'), report.issuance.proceeds);
  add(t('schedule.upfrontFees'), report.issuance.upfrontFees);
  for (const [id, v] of Object.entries(report.issuance.upfrontFeesById)) add(t('schedule.upfrontFee', { id }), v);
  add(t('schedule.netToFirms'), report.issuance.netToFirms);
  add(t('schedule.reserveFunded'), report.issuance.reserveFundedByOriginator);
  add(t('schedule.reconciled'), t(report.reconciled ? 'schedule.yes' : 'schedule.no'));
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

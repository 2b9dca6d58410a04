// The base-case schedule as an Excel workbook: a schedule sheet (the same rows as the CSV) and
// an issuance sheet, with number formats so amounts read as money. Text cells are neutralized
// against formula injection (a deal named `=1+1` stays text).
import ExcelJS from 'exceljs';
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { safeCell } from '../../models/format.js';

export async function scheduleWorkbook(report: ScheduleReport, lang: Lang = 'en'): Promise<Buffer> {
  const t = translator(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipabs';
  wb.created = new Date(0);
  const { header, rows } = scheduleRows(report, lang);
  const ws = wb.addWorksheet(t('schedule.sheet'), { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.addRow(header.map(safeCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, Math.min(24, h.length + 2));
    if (i >= 2) col.numFmt = '#,##0.00';
  });
  const last = ws.getRow(rows.length + 1);
  last.font = { bold: true };

  const info = wb.addWorksheet(t('schedule.issuanceSheet'));
  info.columns = [{ header: t('schedule.item'), key: 'item', width: 34 }, { header: t('schedule.value'), key: 'value', width: 28 }];
  info.getRow(1).font = { bold: true };
  const add = (item: string, value: string | number) => info.addRow({ item: safeCell(item), value: safeCell(value) });
  add(t('schedule.deal'), `${report.deal.name} (${report.deal.id})`);
  add(t('schedule.currency'), report.deal.currency);
  add(t('schedule.issueDate'), report.deal.issueDate);
  add(t('schedule.maturityDate'), report.deal.maturityDate);
  add(t('schedule.conventions'), `${report.deal.dayCount} / ${report.deal.calendar} / ${report.deal.roll}`);
  add(t('schedule.proceeds'), report.issuance.proceeds);
  add(t('schedule.upfrontFees'), report.issuance.upfrontFees);
  for (const [id, v] of Object.entries(report.issuance.upfrontFeesById)) add(t('schedule.upfrontFee', { id }), v);
  add(t('schedule.netToFirms'), report.issuance.netToFirms);
  add(t('schedule.reserveFunded'), report.issuance.reserveFundedByOriginator);
  add(t('schedule.reconciled'), t(report.reconciled ? 'schedule.yes' : 'schedule.no'));
  add(t('pricing.excel.selfFunding'), t(report.baseCase.selfFunding ? 'schedule.yes' : 'schedule.no'));
  add(t('pricing.excel.enhancementDrawn'), report.baseCase.enhancementDrawsTotal);
  info.getColumn(2).numFmt = '#,##0.00';
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

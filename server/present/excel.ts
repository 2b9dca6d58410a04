// The base-case schedule as an Excel workbook: a schedule sheet (the same rows as the CSV) and
// an issuance sheet, with number formats so amounts read as money. Text cells are neutralized
// against formula injection (a deal named `=1+1` stays text).
import ExcelJS from 'exceljs';
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { safeCell } from '../../models/format.js';

export async function scheduleWorkbook(report: ScheduleReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ipabs';
  wb.created = new Date(0);
  const { header, rows } = scheduleRows(report);
  const ws = wb.addWorksheet('Schedule', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.addRow(header.map(safeCell)).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safeCell));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, Math.min(24, h.length + 2));
    if (i >= 2) col.numFmt = '#,##0.00';
  });
  const last = ws.getRow(rows.length + 1);
  last.font = { bold: true };

  const info = wb.addWorksheet('Issuance');
  info.columns = [{ header: 'item', key: 'item', width: 34 }, { header: 'value', key: 'value', width: 28 }];
  info.getRow(1).font = { bold: true };
  const add = (item: string, value: string | number) => info.addRow({ item: safeCell(item), value: safeCell(value) });
  add('deal', `${report.deal.name} (${report.deal.id})`);
  add('currency', report.deal.currency);
  add('issue date', report.deal.issueDate);
  add('maturity date', report.deal.maturityDate);
  add('day count / calendar / roll', `${report.deal.dayCount} / ${report.deal.calendar} / ${report.deal.roll}`);
  add('proceeds', report.issuance.proceeds);
  add('up-front fees', report.issuance.upfrontFees);
  for (const [id, v] of Object.entries(report.issuance.upfrontFeesById)) add(`  up-front fee: ${id}`, v);
  add('net to firms', report.issuance.netToFirms);
  add('reserve funded by originator', report.issuance.reserveFundedByOriginator);
  add('reconciled to the fen every period', report.reconciled ? 'yes' : 'NO');
  info.getColumn(2).numFmt = '#,##0.00';
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

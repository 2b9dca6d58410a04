// The base-case schedule as an Excel workbook: a schedule sheet (the same rows as the CSV, dates as
// real dates) and an issuance sheet, with number formats so amounts read as money, the header row
// and the period/date columns frozen. Text cells are neutralized against formula injection (a deal
// named `=1+1` stays text): safeCell here, and again by the writer (server/present/xlsx.ts).
import type { ScheduleReport } from '../../models/engine/exact.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { safeCell } from '../../models/format.js';
import { writeXlsx, type XlsxCell } from './xlsx.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function scheduleWorkbook(report: ScheduleReport): Buffer {
  const { header, rows } = scheduleRows(report);
  // Column 2 holds the payment dates: real dates a spreadsheet can sort and subtract.
  const schedule: XlsxCell[][] = [header.map(safeCell), ...rows.map((r) => r.map((c, i) => (i === 1 && typeof c === 'string' && ISO_DATE.test(c) ? { date: c } : safeCell(c))))];
  const item = (label: string, value: XlsxCell): XlsxCell[] => [safeCell(label), typeof value === 'string' ? safeCell(value) : value];
  const issuance: XlsxCell[][] = [
    ['item', 'value'],
    item('deal', `${report.deal.name} (${report.deal.id})`),
    item('currency', report.deal.currency),
    item('issue date', { date: report.deal.issueDate }),
    item('maturity date', { date: report.deal.maturityDate }),
    item('day count / calendar / roll', `${report.deal.dayCount} / ${report.deal.calendar} / ${report.deal.roll}`),
    item('proceeds', report.issuance.proceeds),
    item('up-front fees', report.issuance.upfrontFees),
    ...Object.entries(report.issuance.upfrontFeesById).map(([id, v]) => item(`  up-front fee: ${id}`, v)),
    item('net to firms', report.issuance.netToFirms),
    item('reserve funded by originator', report.issuance.reserveFundedByOriginator),
    item('reconciled to the fen every period', report.reconciled ? 'yes' : 'NO'),
  ];
  return writeXlsx([
    {
      name: 'Schedule',
      rows: schedule,
      columns: header.map((h, i) => ({ width: i === 1 ? 12 : Math.max(12, Math.min(24, h.length + 2)), ...(i >= 2 ? { format: 'money' as const } : {}) })),
      boldRows: [0, rows.length],
      freeze: { rows: 1, cols: 2 },
    },
    { name: 'Issuance', rows: issuance, columns: [{ width: 34 }, { width: 28, format: 'money' }], boldRows: [0] },
  ]);
}

// The base-case schedule as rows for a text table or CSV (shared by the CLI and the web export).
import type { ScheduleReport } from './exact.js';
import { toCsv } from '../format.js';

export function scheduleRows(r: ScheduleReport): { header: string[]; rows: Array<Array<string | number>> } {
  const ids = Object.keys(r.totals.tranches);
  const header = ['period', 'date', 'collections', 'fees', ...ids.flatMap((id) => [`${id} interest`, `${id} principal`, `${id} balance`]), 'enhancement draws', 'reserve top-up', 'residual', 'cash carried'];
  const rows = r.periods.map((p) => [
    p.period, p.date, p.collections, p.fees,
    ...ids.flatMap((id) => [p.tranches[id]!.interest, p.tranches[id]!.principal, p.tranches[id]!.balance]),
    p.enhancementDraws, p.reserveTopUp, p.residual, p.carriedForward,
  ]);
  rows.push([
    'total', '', r.totals.collections, r.totals.fees,
    ...ids.flatMap((id) => [r.totals.tranches[id]!.interest, r.totals.tranches[id]!.principal, r.totals.tranches[id]!.finalBalance]),
    r.totals.enhancementDraws, '', r.totals.residual, '',
  ]);
  return { header, rows };
}

/** The schedule as CSV: every amount with its two decimals (yuan and fen), as a person reads it. */
export function scheduleCsv(r: ScheduleReport): string {
  const { header, rows } = scheduleRows(r);
  return toCsv(header, rows.map((row) => row.map((c, i) => (typeof c === 'number' && i > 1 ? c.toFixed(2) : c))));
}

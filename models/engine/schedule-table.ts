// The base-case schedule as rows for a text table or CSV (shared by the CLI and the web export).
import type { ScheduleReport } from './exact.js';
import { toCsv } from '../format.js';

export function scheduleRows(r: ScheduleReport): { header: string[]; rows: Array<Array<string | number>> } {
  const ids = Object.keys(r.totals.tranches);
  // Status, purchases and the call only for deals that have them (a static pool's table is unchanged).
  const dynamic = r.periods.some((p) => p.status !== 'amortizing' || p.purchases > 0 || p.callProceeds > 0 || p.events.length > 0);
  const header = ['period', 'date', ...(dynamic ? ['status'] : []), 'collections', 'fees', ...ids.flatMap((id) => [`${id} interest`, `${id} principal`, `${id} balance`]), 'enhancement draws', 'reserve top-up', ...(dynamic ? ['purchases', 'call proceeds'] : []), 'residual', 'cash carried'];
  const rows = r.periods.map((p) => [
    p.period, p.date, ...(dynamic ? [p.status + (p.events.length ? ` (${p.events.join(', ')})` : '')] : []), p.collections, p.fees,
    ...ids.flatMap((id) => [p.tranches[id]!.interest, p.tranches[id]!.principal, p.tranches[id]!.balance]),
    p.enhancementDraws, p.reserveTopUp, ...(dynamic ? [p.purchases, p.callProceeds] : []), p.residual, p.carriedForward,
  ]);
  rows.push([
    'total', '', ...(dynamic ? [''] : []), r.totals.collections, r.totals.fees,
    ...ids.flatMap((id) => [r.totals.tranches[id]!.interest, r.totals.tranches[id]!.principal, r.totals.tranches[id]!.finalBalance]),
    r.totals.enhancementDraws, '', ...(dynamic ? [r.totals.purchases, r.totals.callProceeds] : []), r.totals.residual, '',
  ]);
  return { header, rows };
}

/** The schedule as CSV: every amount with its two decimals (yuan and fen), as a person reads it. */
export function scheduleCsv(r: ScheduleReport): string {
  const { header, rows } = scheduleRows(r);
  return toCsv(header, rows.map((row) => row.map((c, i) => (typeof c === 'number' && i > 1 ? c.toFixed(2) : c))));
}

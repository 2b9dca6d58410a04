// The base-case schedule as rows for a text table or CSV (shared by the CLI and the web export).
import type { ScheduleReport } from './exact.js';
import { toCsv } from '../format.js';
import { translator, type Lang } from '../i18n/index.js';

/** The schedule as a table: headers in `lang` (the first two columns are period and date, the last row the totals). */
export function scheduleRows(r: ScheduleReport, lang: Lang = 'en'): { header: string[]; rows: Array<Array<string | number>> } {
  const t = translator(lang);
  const ids = Object.keys(r.totals.tranches);
  // Status, purchases and the call only for deals that have them (a static pool's table is unchanged).
  const dynamic = r.periods.some((p) => p.status !== 'amortizing' || p.purchases > 0 || p.callProceeds > 0 || p.events.length > 0);
  const header = [
    t('schedule.period'), t('schedule.date'), ...(dynamic ? [t('schedule.status')] : []), t('schedule.collections'), t('schedule.fees'),
    ...ids.flatMap((id) => [t('schedule.interest', { id }), t('schedule.principal', { id }), t('schedule.balance', { id })]),
    t('schedule.draws'), t('schedule.reserveTopUp'), ...(dynamic ? [t('schedule.purchases'), t('schedule.callProceeds')] : []), t('schedule.residual'), t('schedule.carried'),
  ];
  const rows = r.periods.map((p) => [
    p.period, p.date, ...(dynamic ? [t(`schedule.status.${p.status}`) + (p.events.length ? ` (${p.events.join(', ')})` : '')] : []), p.collections, p.fees,
    ...ids.flatMap((id) => [p.tranches[id]!.interest, p.tranches[id]!.principal, p.tranches[id]!.balance]),
    p.enhancementDraws, p.reserveTopUp, ...(dynamic ? [p.purchases, p.callProceeds] : []), p.residual, p.carriedForward,
  ]);
  rows.push([
    t('schedule.total'), '', ...(dynamic ? [''] : []), r.totals.collections, r.totals.fees,
    ...ids.flatMap((id) => [r.totals.tranches[id]!.interest, r.totals.tranches[id]!.principal, r.totals.tranches[id]!.finalBalance]),
    r.totals.enhancementDraws, '', ...(dynamic ? [r.totals.purchases, r.totals.callProceeds] : []), r.totals.residual, '',
  ]);
  return { header, rows };
}

/** The schedule as CSV: every amount with its two decimals (yuan and fen), as a person reads it. */
export function scheduleCsv(r: ScheduleReport, lang: Lang = 'en'): string {
  const { header, rows } = scheduleRows(r, lang);
  return toCsv(header, rows.map((row) => row.map((c, i) => (typeof c === 'number' && i > 1 ? c.toFixed(2) : c))));
}

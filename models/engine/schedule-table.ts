// The base-case schedule as rows for a text table or CSV (shared by the CLI and the web export).
import type { ScheduleReport } from './exact.js';
import { toCsv } from '../format.js';
import { translator, type Lang } from '../i18n/index.js';

/** The schedule as a table: headers in `lang` (the first two columns are period and date, the last row the totals). */
export function scheduleRows(r: ScheduleReport, lang: Lang = 'en'): { header: string[]; rows: Array<Array<string | number>> } {
  const t = translator(lang);
  const ids = Object.keys(r.totals.tranches);
  const header = [
    t('schedule.period'), t('schedule.date'), t('schedule.collections'), t('schedule.fees'),
    ...ids.flatMap((id) => [t('schedule.interest', { id }), t('schedule.principal', { id }), t('schedule.balance', { id })]),
    t('schedule.draws'), t('schedule.reserveTopUp'), t('schedule.residual'), t('schedule.carried'),
  ];
  const rows = r.periods.map((p) => [
    p.period, p.date, p.collections, p.fees,
    ...ids.flatMap((id) => [p.tranches[id]!.interest, p.tranches[id]!.principal, p.tranches[id]!.balance]),
    p.enhancementDraws, p.reserveTopUp, p.residual, p.carriedForward,
  ]);
  rows.push([
    t('schedule.total'), '', r.totals.collections, r.totals.fees,
    ...ids.flatMap((id) => [r.totals.tranches[id]!.interest, r.totals.tranches[id]!.principal, r.totals.tranches[id]!.finalBalance]),
    r.totals.enhancementDraws, '', r.totals.residual, '',
  ]);
  return { header, rows };
}

/** The schedule as CSV: every amount with its two decimals (yuan and fen), as a person reads it. */
export function scheduleCsv(r: ScheduleReport, lang: Lang = 'en'): string {
  const { header, rows } = scheduleRows(r, lang);
  return toCsv(header, rows.map((row) => row.map((c, i) => (typeof c === 'number' && i > 1 ? c.toFixed(2) : c))));
}

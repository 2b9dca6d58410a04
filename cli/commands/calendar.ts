import { checkCalendarId, lookUpCalendar } from '../../models/calendar/year-view.js';
import { dayNameIn } from '../../models/calendar/day-name.js';
import { echo, textTable } from '../../models/format.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang, ioT } from '../lang.js';


export function calendarCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { calendar: 'value', json: 'bool' });
  if (args.positional.length === 0) throw new UsageError('calendar needs a year (2024) or one or more dates (2024-10-08)');
  const cal = checkCalendarId(flagString(args, 'calendar') ?? 'CN-IB');
  const json = args.flags.has('json');
  const t = ioT(io);
  const out: unknown[] = [];
  for (const p of args.positional) {
    const v = lookUpCalendar(p, cal);
    if (!v) throw new UsageError(`${echo(p)} is neither a year (YYYY) nor a date (YYYY-MM-DD)`);
    if (json) { out.push(v); continue; }
    if ('businessDays' in v) {
      io.out(t('cli.cal.year', { calendar: cal, year: v.year, n: v.businessDays }));
      if (v.notice) io.out(t('cli.cal.source', { title: v.notice.title, docNo: v.notice.docNo, signed: v.notice.signed ? `, ${v.notice.signed}` : '', provisional: v.notice.provisional ? t('cli.cal.provisional', { reason: v.notice.provisionalReason ?? t('cli.cal.notConfirmed') }) : '' }));
      io.out('');
      io.out(textTable([t('cli.cal.col.date'), t('cli.cal.col.day'), t('cli.cal.col.open'), t('cli.cal.col.what'), t('cli.cal.col.name')], v.exceptions.map((d) => [d.date, t(`calendar.weekday.${d.weekday}`), t(d.open ? 'calendar.open' : 'calendar.closed'), t(`calendar.kind.${d.kind}`), dayNameIn(d, t)])));
      io.out('');
    } else {
      io.out(t('cli.cal.date', { date: v.date, day: t(`calendar.weekday.${v.weekday}`), calendar: cal, open: t(v.open ? 'calendar.open' : 'calendar.closed'), kind: t(`calendar.kind.${v.kind}`), name: v.name ? `${ioLang(io) === 'zh' ? '，' : ', '}${dayNameIn(v, t)}` : '' }));
      io.out(t('cli.cal.rolled', { list: Object.entries(v.rolled).map(([r, x]) => `${r} ${x}`).join(', ') }));
    }
  }
  if (json) io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  return 0;
}

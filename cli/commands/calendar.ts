import { checkCalendarId, lookUpCalendar } from '../../models/calendar/year-view.js';
import { echo, textTable } from '../../models/format.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';


export function calendarCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { calendar: 'value', json: 'bool' });
  if (args.positional.length === 0) throw new UsageError('calendar needs a year (2024) or one or more dates (2024-10-08)');
  const cal = checkCalendarId(flagString(args, 'calendar') ?? 'CN-IB');
  const json = args.flags.has('json');
  const out: unknown[] = [];
  for (const p of args.positional) {
    const v = lookUpCalendar(p, cal);
    if (!v) throw new UsageError(`${echo(p)} is neither a year (YYYY) nor a date (YYYY-MM-DD)`);
    if (json) { out.push(v); continue; }
    if ('businessDays' in v) {
      io.out(`${cal} ${v.year}: ${v.businessDays} business days`);
      if (v.notice) io.out(`Source: ${v.notice.title} ${v.notice.docNo}${v.notice.signed ? `, ${v.notice.signed}` : ''}${v.notice.provisional ? ` — PROVISIONAL: ${v.notice.provisionalReason ?? 'not confirmed'}` : ''}`);
      io.out('');
      io.out(textTable(['date', 'day', 'open', 'what', 'name'], v.exceptions.map((d) => [d.date, d.weekday, d.open ? 'open' : 'closed', d.kind, d.name ?? ''])));
      io.out('');
    } else {
      io.out(`${v.date} (${v.weekday}) on ${cal}: ${v.open ? 'open' : 'closed'} — ${v.kind}${v.name ? `, ${v.name}` : ''}`);
      io.out(`  rolled: ${Object.entries(v.rolled).map(([r, x]) => `${r} ${x}`).join(', ')}`);
    }
  }
  if (json) io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  return 0;
}

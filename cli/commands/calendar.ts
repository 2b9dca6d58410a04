import { calendarDate, calendarYear, checkCalendarId } from '../../models/calendar/year-view.js';
import { textTable } from '../../models/format.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const calendarHelp = 'ipabs calendar YEAR|DATE... [--calendar CN-IB|CN-EX|HK|CN-IB+HK|NONE] [--json]   holidays and make-up working days of a year (with the State Council notice), or how a date is treated and rolled';

export function calendarCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { calendar: 'value', json: 'bool' });
  if (args.positional.length === 0) throw new UsageError('calendar needs a year (2024) or one or more dates (2024-10-08)');
  const cal = checkCalendarId(flagString(args, 'calendar') ?? 'CN-IB');
  const json = args.flags.has('json');
  const out: unknown[] = [];
  for (const p of args.positional) {
    if (/^\d{4}$/.test(p)) {
      const y = calendarYear(Number(p), cal);
      if (json) { out.push(y); continue; }
      io.out(`${cal} ${y.year}: ${y.businessDays} business days`);
      if (y.notice) io.out(`Source: ${y.notice.title} ${y.notice.docNo}${y.notice.signed ? `, ${y.notice.signed}` : ''}${y.notice.provisional ? ` — PROVISIONAL: ${y.notice.provisionalReason ?? 'not confirmed'}` : ''}`);
      io.out('');
      io.out(textTable(['date', 'day', 'open', 'what', 'name'], y.exceptions.map((d) => [d.date, d.weekday, d.open ? 'open' : 'closed', d.kind, d.name ?? ''])));
      io.out('');
    } else if (/^\d{4}-\d{2}-\d{2}$/.test(p)) {
      const d = calendarDate(p, cal);
      if (json) { out.push(d); continue; }
      io.out(`${d.date} (${d.weekday}) on ${cal}: ${d.open ? 'open' : 'closed'} — ${d.kind}${d.name ? `, ${d.name}` : ''}`);
      io.out(`  rolled: ${Object.entries(d.rolled).map(([r, x]) => `${r} ${x}`).join(', ')}`);
    } else {
      throw new UsageError(`"${p}" is neither a year (YYYY) nor a date (YYYY-MM-DD)`);
    }
  }
  if (json) io.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  return 0;
}

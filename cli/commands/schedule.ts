import { runExact } from '../../models/engine/exact.js';
import { scheduleCsv, scheduleRows } from '../../models/engine/schedule-table.js';
import { baseCaseWarnings, formatWarning } from '../../models/engine/base-case.js';
import { formatMoney, printable, textTable } from '../../models/format.js';
import { flagString, parseArgs } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal, nameIn } from './shared.js';
import { ioLang } from '../lang.js';
import { translator } from '../../models/i18n/index.js';


export function scheduleCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool', csv: 'bool', out: 'value' });
  const deal = requireDeal(args.positional[0], 'schedule');
  const report = runExact(deal);
  const out = flagString(args, 'out');
  const emit = (s: string) => (out ? io.writeFile(out, s) : io.out(s));
  if (args.flags.has('json')) { emit(JSON.stringify(report, null, 2)); return report.reconciled ? 0 : 2; }
  const lang = ioLang(io);
  const t = translator(lang);
  if (args.flags.has('csv')) { emit(scheduleCsv(report, lang)); return report.reconciled ? 0 : 2; }
  const { header, rows } = scheduleRows(report, lang);
  const fmt = rows.map((r) => r.map((c, i) => (typeof c === 'number' && i > 1 ? formatMoney(c) : String(c))));
  const d = report.deal;
  const answer = (yes: boolean) => t(yes ? 'cli.yes' : 'cli.NO');
  io.out(t('cli.schedule.head', { name: printable(nameIn({ name: d.name, nameZh: deal.meta.nameZh }, lang)), id: d.id, currency: d.currency, dayCount: d.dayCount, calendar: d.calendar, roll: d.roll }));
  io.out(`${t('cli.schedule.issued', { date: report.issuance.date, proceeds: formatMoney(report.issuance.proceeds), fees: formatMoney(report.issuance.upfrontFees), net: formatMoney(report.issuance.netToFirms) })}\n`);
  io.out(textTable(header, fmt));
  io.out(`\n${t('cli.schedule.reconciled', { answer: answer(report.reconciled) })}`);
  // Reconciling is not paying for itself: say whether the firms' payments carry the base case.
  io.out(t('pricing.schedule.selfFunding', { yes: answer(report.baseCase.selfFunding) }));
  for (const w of baseCaseWarnings(report.baseCase, lang)) io.out(`  ${t('pricing.cli.warning', { message: formatWarning(w) })}`);
  return report.reconciled ? 0 : 2;
}

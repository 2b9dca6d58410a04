import { runExact } from '../../models/engine/exact.js';
import { scheduleCsv, scheduleRows } from '../../models/engine/schedule-table.js';
import { formatMoney, printable, textTable } from '../../models/format.js';
import { flagString, parseArgs } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';


export function scheduleCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool', csv: 'bool', out: 'value' });
  const deal = requireDeal(args.positional[0], 'schedule');
  const report = runExact(deal);
  const out = flagString(args, 'out');
  const emit = (s: string) => (out ? io.writeFile(out, s) : io.out(s));
  if (args.flags.has('json')) { emit(JSON.stringify(report, null, 2)); return report.reconciled ? 0 : 2; }
  if (args.flags.has('csv')) { emit(scheduleCsv(report)); return report.reconciled ? 0 : 2; }
  const { header, rows } = scheduleRows(report);
  const fmt = rows.map((r) => r.map((c, i) => (typeof c === 'number' && i > 1 ? formatMoney(c) : String(c))));
  io.out(`${printable(report.deal.name)} (${report.deal.id}) — ${report.deal.currency}, ${report.deal.dayCount}, calendar ${report.deal.calendar}, roll ${report.deal.roll}`);
  io.out(`Issued ${report.issuance.date}: proceeds ${formatMoney(report.issuance.proceeds)}, up-front fees ${formatMoney(report.issuance.upfrontFees)}, net to firms ${formatMoney(report.issuance.netToFirms)}\n`);
  io.out(textTable(header, fmt));
  io.out(`\nCash reconciled to the fen in every period: ${report.reconciled ? 'yes' : 'NO'}`);
  return report.reconciled ? 0 : 2;
}

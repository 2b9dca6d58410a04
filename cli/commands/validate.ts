import { loadDealFile } from '../../models/deal/load.js';
import { formatProblemIn } from '../../models/i18n/index.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang, ioT } from '../lang.js';
import { printable } from '../../models/format.js';


export function validateCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool' });
  if (args.positional.length === 0) throw new UsageError('validate needs at least one deal file');
  let bad = 0;
  const results = args.positional.map((file) => {
    const r = loadDealFile(file);
    if (!r.ok) bad++;
    return { file, r };
  });
  if (args.flags.has('json')) {
    io.out(JSON.stringify(results.map(({ file, r }) => (r.ok ? { file, valid: true } : { file, valid: false, problems: r.problems })), null, 2));
  } else {
    const t = ioT(io);
    for (const { file, r } of results) {
      if (r.ok) io.out(t('cli.validate.valid', { file: printable(file), id: r.deal.meta.id }));
      else {
        io.err(t(r.problems.length === 1 ? 'cli.validate.problems.one' : 'cli.validate.problems.other', { file: printable(file), n: r.problems.length }));
        for (const p of r.problems) io.err(`  ${formatProblemIn(ioLang(io), p)}`);
      }
    }
  }
  return bad > 0 ? 1 : 0;
}

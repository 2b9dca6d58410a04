import { checkDealFile } from '../../models/design/check.js';
import { formatWarning } from '../../models/engine/base-case.js';
import { parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import { formatProblemIn, translator } from '../../models/i18n/index.js';
import { printable } from '../../models/format.js';

export function validateCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool' });
  if (args.positional.length === 0) throw new UsageError('validate needs at least one deal file');
  const lang = ioLang(io);
  let bad = 0;
  // The full check: problems refuse the deal (exit 1); warnings (a base case that relies on
  // enhancement) are said and keep exit 0.
  const results = args.positional.map((file) => {
    const r = checkDealFile(file, { lang });
    if (!r.ok) bad++;
    return { file, r };
  });
  if (args.flags.has('json')) {
    io.out(JSON.stringify(results.map(({ file, r }) => (r.ok
      ? { file, valid: true, warnings: r.warnings.map(({ path, message }) => ({ path, message })) }
      : { file, valid: false, problems: r.problems, warnings: [] })), null, 2));
  } else {
    const t = translator(lang);
    for (const { file, r } of results) {
      if (r.ok) {
        io.out(r.warnings.length ? t('pricing.cli.validWithWarnings', { file: printable(file), id: r.deal.meta.id, n: r.warnings.length }) : t('cli.validate.valid', { file: printable(file), id: r.deal.meta.id }));
        for (const w of r.warnings) io.out(`  ${t('pricing.cli.warning', { message: formatWarning(w) })}`);
      } else {
        io.err(t(r.problems.length === 1 ? 'cli.validate.problems.one' : 'cli.validate.problems.other', { file: printable(file), n: r.problems.length }));
        for (const p of r.problems) io.err(`  ${formatProblemIn(lang, p)}`);
      }
    }
  }
  return bad > 0 ? 1 : 0;
}

import { checkDealFile } from '../../models/engine/check.js';
import { formatWarning } from '../../models/engine/base-case.js';
import { formatProblem } from '../../models/deal/validate.js';
import { translator } from '../../models/i18n/index.js';
import { parseArgs, UsageError } from '../args.js';
import { cliLang } from './shared.js';
import type { Io } from '../io.js';
import { printable } from '../../models/format.js';


export function validateCommand(argv: string[], io: Io): number {
  const args = parseArgs(argv, { json: 'bool', lang: 'value' });
  if (args.positional.length === 0) throw new UsageError('validate needs at least one deal file');
  const lang = cliLang(args);
  const t = translator(lang);
  let bad = 0;
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
    for (const { file, r } of results) {
      if (r.ok) {
        io.out(r.warnings.length ? t('pricing.cli.validWithWarnings', { file: printable(file), id: r.deal.meta.id, n: r.warnings.length }) : t('pricing.cli.valid', { file: printable(file), id: r.deal.meta.id }));
        for (const w of r.warnings) io.out(`  ${t('pricing.cli.warning', { message: formatWarning(w) })}`);
      } else {
        io.err(`${printable(file)}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`);
        for (const p of r.problems) io.err(`  ${formatProblem(p)}`);
      }
    }
  }
  return bad > 0 ? 1 : 0;
}

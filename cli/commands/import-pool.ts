// ipabs import-pool TAPE --into DEAL.json: a pool tape (XLSX or CSV) into a deal file, and
// ipabs pool-template: the tape to fill in (blank, or a deal's pool to edit). The files come from
// models/pool/tape/template.ts, which passes every cell through toCsv / safeCell.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { translator } from '../../models/i18n/index.js';
import { ioLang } from '../lang.js';
import { parseJson, formatProblem } from '../../models/deal-format/validate.js';
import { formatTapeProblem, readPoolTape } from '../../models/pool/tape/parse.js';
import { importPool } from '../../models/deal-format/pool-import.js';
import { poolTapeCsv, poolTapeXlsx } from '../../models/pool/tape/template.js';
import { formatMoney } from '../../models/format.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import type { Io } from '../io.js';
import { requireDeal } from './shared.js';



function readBytes(file: string, what: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`${what}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export async function importPoolCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { into: 'value', out: 'value', check: 'bool', lang: 'value' });
  const lang = ioLang(io);
  const t = translator(lang);
  const tapeFile = args.positional[0];
  const into = flagString(args, 'into');
  if (!tapeFile || args.positional.length > 1) throw new UsageError('import-pool needs one tape file (XLSX or CSV)');
  if (!into) throw new UsageError('import-pool needs --into DEAL.json (the deal whose pool the tape replaces)');
  const tape = await readPoolTape(readBytes(tapeFile, 'tape'), { fileName: basename(tapeFile) });
  const dealText = new TextDecoder().decode(readBytes(into, '--into'));
  const parsed = parseJson(dealText);
  if (!parsed.ok) {
    io.err(t('cli.import.dealInvalid', { file: into }));
    for (const p of parsed.problems) io.err(`  ${formatProblem(p)}`);
    return 1;
  }
  const result = tape.ok ? importPool(parsed.value, tape, { file: basename(tapeFile), importedOn: new Date().toISOString().slice(0, 10) }, basename(into)) : tape;
  if (!result.ok) {
    io.err(t('cli.import.problems', { n: result.problems.length, file: tapeFile }));
    for (const p of result.problems) io.err(`  ${formatTapeProblem(p, lang)}`);
    return 1;
  }
  const r = result.result;
  const out = flagString(args, 'out') ?? into;
  if (!args.flags.has('check')) io.writeFile(out, `${JSON.stringify(r.json, null, 2)}\n`);
  io.out(t(args.flags.has('check') ? 'cli.import.checked' : 'cli.import.done', { n: r.obligors, file: tapeFile, out, funding: formatMoney(Number(r.funding)) }));
  for (const c of r.tranches) {
    if (c.from !== c.to) io.out(`  ${t('cli.import.tranche', { id: c.id, from: formatMoney(Number(c.from)), to: formatMoney(Number(c.to)), share: (c.share * 100).toFixed(2) })}`);
  }
  if (r.droppedSpreads.length) io.out(`  ${t('cli.import.droppedSpreads', { ids: r.droppedSpreads.join(lang === 'zh' ? '、' : ', ') })}`);
  return 0;
}

export async function poolTemplateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { out: 'value', from: 'value', lang: 'value' });
  const lang = ioLang(io);
  const t = translator(lang);
  const out = flagString(args, 'out');
  if (!out) throw new UsageError('pool-template needs --out FILE.xlsx or --out FILE.csv');
  const ext = extname(out).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError(`--out: must end in .xlsx or .csv, got ${JSON.stringify(out)}`);
  const from = flagString(args, 'from');
  const obligors = from ? requireDeal(from, 'pool-template').pool.obligors : [];
  if (ext === '.csv') io.writeFile(out, poolTapeCsv(lang, obligors));
  else io.writeBytes(out, await poolTapeXlsx(lang, obligors));
  io.out(t(from ? 'cli.template.fromDeal' : 'cli.template.blank', { out, n: obligors.length, from: from ?? '' }));
  return 0;
}

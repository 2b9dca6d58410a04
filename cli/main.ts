// ipabs command line: each command adapts the models/ library to the terminal.
import { processIo, type Io } from './io.js';
import { UsageError } from './args.js';
import { takeLang } from './lang.js';
import { messagesFor, translator, type Lang, type MessageKey, type Translate } from '../models/i18n/index.js';
import { validateCommand, validateHelp } from './commands/validate.js';
import { scheduleCommand, scheduleHelp } from './commands/schedule.js';
import { schemaCommand, schemaHelp } from './commands/schema.js';
import { simulateCommand, simulateHelp } from './commands/simulate.js';
import { sensitivityCommand, sensitivityHelp } from './commands/sensitivity.js';
import { sizeCommand, sizeHelp } from './commands/size.js';
import { allocationCommand, allocationHelp } from './commands/allocation.js';
import { compareCommand, compareHelp } from './commands/compare.js';
import { calendarCommand, calendarHelp } from './commands/calendar.js';
import { rateCommand, rateHelp } from './commands/rate.js';
import { breakevenCommand, breakevenHelp } from './commands/breakeven.js';
import { importPoolCommand, importPoolHelp, poolTemplateCommand, poolTemplateHelp } from './commands/import-pool.js';

type Command = { run: (argv: string[], io: Io) => number | Promise<number>; help: string };

export const commands: Record<string, Command> = {
  validate: { run: validateCommand, help: validateHelp },
  schedule: { run: scheduleCommand, help: scheduleHelp },
  simulate: { run: simulateCommand, help: simulateHelp },
  sensitivity: { run: sensitivityCommand, help: sensitivityHelp },
  size: { run: sizeCommand, help: sizeHelp },
  allocation: { run: allocationCommand, help: allocationHelp },
  compare: { run: compareCommand, help: compareHelp },
  rate: { run: rateCommand, help: rateHelp },
  breakeven: { run: breakevenCommand, help: breakevenHelp },
  calendar: { run: calendarCommand, help: calendarHelp },
  'import-pool': { run: importPoolCommand, help: importPoolHelp },
  'pool-template': { run: poolTemplateCommand, help: poolTemplateHelp },
  schema: { run: schemaCommand, help: schemaHelp },
};

/** "ipabs schedule FILE …   description": the synopsis as written, the description in `lang` when the catalogue has it. */
function helpLine(name: string, help: string, t: Translate): string {
  const key = `cli.help.${name}` as MessageKey;
  const [synopsis, ...rest] = help.split(/\s{3,}/);
  const description = key in messagesFor('en') ? t(key) : rest.join('   ');
  return description ? `${synopsis}   ${description}` : help;
}

export function usage(lang: Lang = 'en'): string {
  const t = translator(lang);
  return [t('cli.title'), '', t('cli.usage'), ...Object.entries(commands).map(([name, c]) => `  ${helpLine(name, c.help, t)}`), '', t('cli.langNote')].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let lang: Lang;
  let args: string[];
  try {
    ({ lang, rest: args } = takeLang(argv));
  } catch (err) {
    io.err(`ipabs: ${(err as Error).message}`);
    return 1;
  }
  const t = translator(lang);
  const withLang: Io = { ...io, lang };
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') { io.out(usage(lang)); return name ? 0 : 1; }
  const cmd = commands[name];
  if (!cmd) { io.err(`ipabs: ${t('cli.unknownCommand', { name, list: Object.keys(commands).join(', ') })}\n\n${usage(lang)}`); return 1; }
  try {
    return await cmd.run(rest, withLang);
  } catch (err) {
    if (err instanceof UsageError) { io.err(`ipabs ${name}: ${err.message}`); return 1; }
    io.err(`ipabs ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

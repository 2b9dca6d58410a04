// ipabs command line: each command adapts the models/ library to the terminal.
import { prestartWorkers } from '../models/montecarlo/worker-pool.js';
import { processIo, type Io } from './io.js';
import { allCores, MAX_THREADS_FLAG, UsageError } from './args.js';
import { takeLang } from './lang.js';
import { errorLineIn, messagesFor, translator, type Lang, type MessageKey, type Translate } from '../models/i18n/index.js';
import {
  allocationHelp, calendarHelp, compareHelp, importPoolHelp, poolTemplateHelp, scheduleHelp, schemaHelp, sensitivityHelp,
  simulateHelp, sizeHelp, validateHelp, rateHelp, breakevenHelp, priceHelp, optimizeHelp, programmeHelp, userHelp,
} from './commands/help.js';
import { capMessage, echo } from '../models/format.js';

type Run = (argv: string[], io: Io) => number | Promise<number>;
/** A command loads its module (and the part of models/ it needs) only when it is run: `ipabs --help` starts at once. */
type Command = { load: () => Promise<Run>; help: string };

export const commands: Record<string, Command> = {
  validate: { load: async () => (await import('./commands/validate.js')).validateCommand, help: validateHelp },
  schedule: { load: async () => (await import('./commands/schedule.js')).scheduleCommand, help: scheduleHelp },
  simulate: { load: async () => (await import('./commands/simulate.js')).simulateCommand, help: simulateHelp },
  sensitivity: { load: async () => (await import('./commands/sensitivity.js')).sensitivityCommand, help: sensitivityHelp },
  size: { load: async () => (await import('./commands/size.js')).sizeCommand, help: sizeHelp },
  allocation: { load: async () => (await import('./commands/allocation.js')).allocationCommand, help: allocationHelp },
  compare: { load: async () => (await import('./commands/compare.js')).compareCommand, help: compareHelp },
  rate: { load: async () => (await import('./commands/rate.js')).rateCommand, help: rateHelp },
  price: { load: async () => (await import('./commands/price.js')).priceCommand, help: priceHelp },
  optimize: { load: async () => (await import('./commands/optimize.js')).optimizeCommand, help: optimizeHelp },
  breakeven: { load: async () => (await import('./commands/breakeven.js')).breakevenCommand, help: breakevenHelp },
  calendar: { load: async () => (await import('./commands/calendar.js')).calendarCommand, help: calendarHelp },
  'import-pool': { load: async () => (await import('./commands/import-pool.js')).importPoolCommand, help: importPoolHelp },
  'pool-template': { load: async () => (await import('./commands/import-pool.js')).poolTemplateCommand, help: poolTemplateHelp },
  programme: { load: async () => (await import('./commands/programme.js')).programmeCommand, help: programmeHelp },
  schema: { load: async () => (await import('./commands/schema.js')).schemaCommand, help: schemaHelp },
  user: { load: async () => (await import('./commands/user.js')).userCommand, help: userHelp },
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

/** The thread count a command line asks for (`--threads N`, `--threads=N`, `--threads all`), or 1. The command checks the flag itself. */
export function threadsRequested(args: readonly string[]): number {
  const i = args.findIndex((a) => a === '--threads' || a.startsWith('--threads='));
  if (i < 0) return 1;
  const raw = args[i]!.includes('=') ? args[i]!.slice(args[i]!.indexOf('=') + 1) : args[i + 1];
  if (raw === 'all') return allCores();
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_THREADS_FLAG ? n : 1;
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
  if (!cmd) { io.err(`ipabs: ${t('cli.unknownCommand', { name: echo(name), list: Object.keys(commands).join(', ') })}\n\n${usage(lang)}`); return 1; }
  // A multi-threaded run's workers load their modules while this thread loads the command's and
  // reads and checks the deal (every command that runs Monte Carlo takes --threads).
  const threads = threadsRequested(rest);
  if (threads > 1) prestartWorkers(threads - 1);
  try {
    return await (await cmd.load())(rest, withLang);
  } catch (err) {
    // Each line of the message in the reader's language ("  path: what is wrong" lines included).
    const say = (m: string) => capMessage(m).split('\n').map((l) => { const pad = /^ */.exec(l)![0]; return pad + errorLineIn(lang, l.slice(pad.length)); }).join('\n');
    if (err instanceof UsageError) { io.err(`ipabs ${name}: ${say(err.message)}`); return 1; }
    io.err(`ipabs ${name}: ${say(err instanceof Error ? err.message : String(err))}`);
    return 1;
  }
}

// ipabs command line: each command adapts the models/ library to the terminal.
import { processIo, type Io } from './io.js';
import { UsageError } from './args.js';
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
import { programmeCommand, programmeHelp } from './commands/programme.js';
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
  programme: { run: programmeCommand, help: programmeHelp },
  schema: { run: schemaCommand, help: schemaHelp },
};

export function usage(): string {
  return ['ipabs — IP-securitization and cross-border structuring simulator', '', 'Usage:', ...Object.values(commands).map((c) => `  ${c.help}`)].join('\n');
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { io.out(usage()); return name ? 0 : 1; }
  const cmd = commands[name];
  if (!cmd) { io.err(`ipabs: unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})\n\n${usage()}`); return 1; }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) { io.err(`ipabs ${name}: ${err.message}`); return 1; }
    io.err(`ipabs ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

import { breakEven, VARIES, type BreakEvenAnswer } from '../../models/breakeven/index.js';
import { DEFAULT_ALLOCATIONS } from '../../models/stress/index.js';
import { flagString, parseArgs, UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../io.js';
import { ioLang } from '../lang.js';
import { requireDeal } from './shared.js';
import { choice } from './rate.js';
import { formatBreakEven } from './rating-text.js';


const FLAGS = { tranche: 'value', vary: 'value', scenario: 'value', 'default-rate': 'value', recovery: 'value', allocation: 'value', 'with-support': 'bool', lang: 'value', json: 'bool' } as const;

function fraction(args: ParsedArgs, name: string): number | undefined {
  const raw = flagString(args, name);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !(x >= 0 && x <= 1)) throw new UsageError(`--${name}: must be a fraction between 0 and 1 (0.2 = 20%), got ${JSON.stringify(raw)}`);
  return x;
}

// The library names fields as the deal format does; on the command line they are flags.
const FIELD_TO_FLAG: Array<[RegExp, string]> = [[/^tranche:/, '--tranche:'], [/^scenario:/, '--scenario:'], [/^vary:/, '--vary:'], [/^defaultRate:/, '--default-rate:'], [/^recovery:/, '--recovery:']];

export async function breakevenCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  const lang = ioLang(io);
  const deal = requireDeal(args.positional[0], 'breakeven');
  const tranche = flagString(args, 'tranche');
  if (!tranche) throw new UsageError(`--tranche: give the id of the tranche (tranches: ${deal.liabilities.tranches.map((t) => t.id).join(', ')})`);
  const vary = choice(flagString(args, 'vary'), VARIES, 'vary');
  if (!vary) throw new UsageError(`--vary: give what to vary, one of ${VARIES.join(', ')}`);
  let answer: BreakEvenAnswer;
  try {
    answer = breakEven(deal, {
      tranche, vary, scenario: flagString(args, 'scenario'),
      defaultRate: fraction(args, 'default-rate'), recovery: fraction(args, 'recovery'),
      allocation: choice(flagString(args, 'allocation'), DEFAULT_ALLOCATIONS, 'allocation'),
      withSupport: args.flags.has('with-support'),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(FIELD_TO_FLAG.reduce((m, [re, flag]) => m.replace(re, flag), err.message));
    throw err;
  }
  io.out(args.flags.has('json') ? JSON.stringify(answer, null, 2) : formatBreakEven(answer, lang));
  return 0;
}

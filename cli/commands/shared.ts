import type { Deal } from '../../models/deal/schema.js';
import { checkDealFile } from '../../models/engine/check.js';
import { formatProblem } from '../../models/deal/validate.js';
import { UsageError } from '../args.js';

/** Load a deal for a command (priced: cost-plus solved from the notes), or stop with its problems listed. */
export function requireDeal(file: string | undefined, command: string): Deal {
  if (!file) throw new UsageError(`${command} needs a deal file`);
  const r = checkDealFile(file, { baseCase: false });
  if (!r.ok) throw new UsageError(`${file} is not a valid deal:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  return r.deal;
}


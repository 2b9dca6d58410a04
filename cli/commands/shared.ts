import type { Deal } from '../../models/deal-format/schema.js';
import { checkDealFile } from '../../models/design/check.js';
import { formatProblem } from '../../models/deal-format/validate.js';
import { UsageError } from '../args.js';
import type { Lang } from '../../models/i18n/index.js';

/** Load a deal for a command (priced: market coupons at their grade, cost-plus solved from the notes), or stop with its problems listed. */
export function requireDeal(file: string | undefined, command: string): Deal {
  if (!file) throw new UsageError(`${command} needs a deal file`);
  const r = checkDealFile(file, { baseCase: false });
  if (!r.ok) throw new UsageError(`${file} is not a valid deal:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  return r.deal;
}


/** A deal's name as a reader of `lang` knows it: its Chinese name (meta.nameZh) in Chinese when it has one. */
export const nameIn = (d: { name: string; nameZh?: string | null }, lang: Lang): string => (lang === 'zh' && d.nameZh ? d.nameZh : d.name);

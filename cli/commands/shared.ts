import type { Deal } from '../../models/deal/schema.js';
import { loadDealFile } from '../../models/deal/load.js';
import { formatProblem } from '../../models/deal/validate.js';
import { UsageError } from '../args.js';
import { withMarketCoupons } from '../../models/design/market-coupons.js';

/** Load a deal for a command, or stop with its problems listed. */
export function requireDeal(file: string | undefined, command: string): Deal {
  if (!file) throw new UsageError(`${command} needs a deal file`);
  const r = loadDealFile(file);
  if (!r.ok) throw new UsageError(`${file} is not a valid deal:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
  // A tranche with a market coupon (市场化定价) runs at its price: benchmark + the grid's spread for its grade.
  try {
    return withMarketCoupons(r.deal);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  }
}


// The largest difference, field by field, between a Monte Carlo (double) ledger and an exact
// (decimal) one: the engines' agreement tests allow one fen.
import type { Decimal } from 'decimal.js';
import type { Vec } from '../../models/money/num.js';
import type { Ledger } from '../../models/engine/waterfall.js';

export const LEDGER_FIELDS = ['collections', 'broughtForward', 'reserveRelease', 'enhancementDraws', 'feePaid', 'interestPaid', 'principalPaid', 'balance', 'reserveTopUp', 'residual', 'carriedForward', 'partyDraw'] as const;
/** The revolving deal's fields besides: purchases and the clean-up call. */
export const STATUS_FIELDS = [...LEDGER_FIELDS, 'purchases', 'purchasedPrincipal', 'callProceeds'] as const;

export function maxLedgerGap(a: Ledger<number>, b: Ledger<Decimal>, fields: ReadonlyArray<(typeof STATUS_FIELDS)[number]> = LEDGER_FIELDS): { field: string; index: number; gap: number } {
  let worst = { field: '', index: -1, gap: 0 };
  for (const f of fields) {
    const x = a[f] as Vec<number>;
    const y = b[f] as Vec<Decimal>;
    for (let i = 0; i < x.length; i++) {
      const gap = Math.abs(x[i]! - (y[i] as Decimal).toNumber());
      if (gap > worst.gap) worst = { field: f, index: i, gap };
    }
  }
  return worst;
}

// The deal's status machinery compiled once: the revolving window and the representative asset's
// cash per yuan for a purchase on each payment date (循环购买), the status events resolved to
// indices, and the clean-up call (清仓回购). The waterfall (models/engine/waterfall.ts) runs it on
// either number type; see models/deal/status-schema.ts for the rules.
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal-format/schema.js';
import type { StatusField } from '../deal/status-schema.js';
import { perYuan, representativeFlows } from '../pool/revolving.js';
import { PERIOD_MONTHS } from '../pool/loan.js';

/** One flow of a purchase made on a payment date, per yuan of principal bought. */
export interface PurchaseFlow {
  /** The period that collects it. */
  period: number;
  /** Whole months from the purchase to its due date (for the path engine's conditional defaults). */
  months: number;
  cash: Decimal;
  balanceBefore: Decimal;
  balanceAfter: Decimal;
}

export interface ProgramRevolving {
  /** 1 for the periods whose payment date falls in the revolving period. */
  window: Uint8Array;
  available: Decimal;
  purchaseRate: number;
  priceOfPar: number;
  /** For a purchase in period p (in the window): its flows per yuan; [] outside the window. */
  flows: PurchaseFlow[][];
  /** Contractual profiles per yuan bought in period p, flat [p * P + k]: cash collected in k, principal outstanding at the end of k. */
  cash: Decimal[];
  balance: Decimal[];
  /** The eligible pool's credit, for the path engine. */
  credit: NonNullable<Deal['revolving']>['eligiblePool']['credit'];
}

export const STATUS = { amortizing: 0, revolving: 1, triggered: 2, accelerated: 3, called: 4 } as const;
export const STATUS_NAMES = ['amortizing', 'revolving', 'triggered', 'accelerated', 'called'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export type ProgramEvent =
  | { id: string; accelerate: boolean; kind: 'threshold'; field: StatusField; above: number | null; below: number | null }
  | { id: string; accelerate: boolean; kind: 'party-default'; party: number }
  | { id: string; accelerate: boolean; kind: 'enhancement-unpaid'; enhancement: number }
  | { id: string; accelerate: boolean; kind: 'interest-shortfall'; tranche: number }
  | { id: string; accelerate: boolean; kind: 'purchase-shortfall'; below: number };

/** Events known while a period is paid (the period is paid again under the new status). */
export const IN_PERIOD_EVENTS = new Set(['enhancement-unpaid', 'interest-shortfall', 'purchase-shortfall']);

export function compileRevolving(deal: Deal, paymentDates: readonly string[], collectionPeriodOf: (dueDate: string) => number): ProgramRevolving | null {
  const r = deal.revolving;
  if (!r) return null;
  const P = paymentDates.length;
  const window = Uint8Array.from(paymentDates, (d, p) => (d <= r.endDate && p < P - 1 ? 1 : 0));
  const zero = new Decimal(0);
  const cash = new Array<Decimal>(P * P).fill(zero);
  const balance = new Array<Decimal>(P * P).fill(zero);
  const step = PERIOD_MONTHS[r.eligiblePool.asset.paymentFrequency];
  const flows = paymentDates.map((date, p): PurchaseFlow[] => {
    if (!window[p]) return [];
    let before = new Decimal(1);
    const out = representativeFlows(r.eligiblePool.asset, date).map((f, j) => {
      const y = perYuan(f);
      const flow = { period: Math.max(p + 1, collectionPeriodOf(f.date)), months: (j + 1) * step, cash: y.cash, balanceBefore: before, balanceAfter: y.balanceAfter };
      before = y.balanceAfter;
      return flow;
    });
    for (const f of out) cash[p * P + f.period] = cash[p * P + f.period]!.plus(f.cash);
    // Principal outstanding at the end of each period from the purchase on: 1 until the first flow is collected.
    let j = 0;
    let bal = new Decimal(1);
    for (let k = p; k < P; k++) {
      while (j < out.length && out[j]!.period <= k) bal = out[j++]!.balanceAfter;
      balance[p * P + k] = bal;
    }
    return out;
  });
  return { window, available: new Decimal(r.eligiblePool.available), purchaseRate: r.purchaseRate, priceOfPar: r.priceOfPar, flows, cash, balance, credit: r.eligiblePool.credit };
}

export function compileEvents(deal: Deal, index: { party: (id: string) => number; enhancement: (id: string) => number; tranche: (id: string) => number }): ProgramEvent[] {
  return (deal.events ?? []).map((e): ProgramEvent => {
    const base = { id: e.id, accelerate: e.effect === 'acceleration' };
    const w = e.when;
    switch (w.kind) {
      case 'threshold': return { ...base, kind: w.kind, field: w.field, above: w.above ?? null, below: w.below ?? null };
      case 'party-default': return { ...base, kind: w.kind, party: index.party(w.party) };
      case 'enhancement-unpaid': return { ...base, kind: w.kind, enhancement: index.enhancement(w.enhancement) };
      case 'interest-shortfall': return { ...base, kind: w.kind, tranche: index.tranche(w.tranche) };
      case 'purchase-shortfall': return { ...base, kind: w.kind, below: w.below };
    }
  });
}

// When a collection reaches the trust (回收款到账): the day a firm pays a flow (its due date rolled
// by the deal's convention) and, on a rail that holds collections collectionLagDays days (回收款转付),
// the next business day on or after that many days later. The program (program.ts) puts each flow
// in the first period whose payment date is on or after its arrival; the rail's own effects
// (rail/deal-effects.ts) and checks (deal-format/rail-check.ts) read the same dates.
import type { Deal } from './schema.js';
import { adjustDate } from '../calendar/business-days.js';
import { addDays } from '../calendar/iso-date.js';

/** Days collections sit with the servicer on the deal's rail (0 with no rail). */
export const collectionLagDays = (deal: Pick<Deal, 'rail'>): number => deal.rail?.collectionLagDays ?? 0;

/** The day a firm actually pays a flow due on `dueDate`: the due date rolled by the deal's convention. */
export function paidDate(dueDate: string, meta: Pick<Deal['meta'], 'roll' | 'calendar'>): string {
  return adjustDate(dueDate, meta.roll, meta.calendar);
}

/** The day the cash of a flow due on `dueDate` reaches the trust. */
export function arrivalDate(dueDate: string, meta: Pick<Deal['meta'], 'roll' | 'calendar'>, lagDays: number): string {
  const paid = paidDate(dueDate, meta);
  return lagDays > 0 ? adjustDate(addDays(paid, lagDays), 'following', meta.calendar) : paid;
}

/** The deal's final payment date: the maturity date rolled. */
export const finalPaymentDate = (meta: Pick<Deal['meta'], 'maturityDate' | 'roll' | 'calendar'>): string =>
  adjustDate(meta.maturityDate, meta.roll, meta.calendar);

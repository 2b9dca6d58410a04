// A deal's settlement rail as the engines see it: the day each collection reaches the trust, and
// the checks that need the rest of the deal.
//
// A firm pays on its due date (rolled by the deal's convention). On a rail with collectionLagDays
// N the servicer holds the cash N days (回收款转付) and passes it on the next business day on or
// after; the trust collects it in the first period whose payment date is on or after that day.
// With no rail (or N = 0) the cash arrives the day the firm pays, as before rails existed.
import type { Deal } from '../deal/schema.js';
import { adjustDate, calendarRange } from '../calendar/business-days.js';
import { addDays } from '../calendar/iso-date.js';
import { flowsAfterIssue } from '../pool/asset-flows.js';

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

/**
 * Problems of the rail against the rest of the deal, as [path, message]: every collection must reach
 * the trust by the final payment date (else the notes could not be repaid from it), and a rail that
 * holds collections needs the rate the trust forgoes meanwhile (funding.reinvestmentRate).
 */
export function railProblems(deal: Deal): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const rail = deal.rail;
  if (!rail) return out;
  const lag = rail.collectionLagDays;
  if (lag > 0) {
    const last = finalPaymentDate(deal.meta);
    const dataEnd = calendarRange(deal.meta.calendar)?.last;
    deal.pool.obligors.forEach((o, i) => {
      for (const f of flowsAfterIssue(deal, o.asset)) {
        // A flow due after the final date is reported by the deal's own date checks; it may also lie
        // beyond the calendar's holiday data, where it cannot be rolled.
        if (f.date > last) break;
        // Held past the calendar's holiday data (so past the final payment date): it cannot be rolled there.
        const held = addDays(paidDate(f.date, deal.meta), lag);
        const arrives = dataEnd !== undefined && held > dataEnd ? held : arrivalDate(f.date, deal.meta, lag);
        if (arrives > last) {
          out.push([`pool.obligors[${i}].asset`, `the payment due ${f.date} reaches the trust on ${arrives} (rail.collectionLagDays ${lag} days after it is paid), after the final payment date ${last}; on this rail every payment must be due at least ${lag} days before it`]);
          break;
        }
      }
    });
    if (deal.funding?.reinvestmentRate === undefined) {
      out.push(['funding.reinvestmentRate', `is required when the rail holds collections (rail.collectionLagDays ${lag}): the annual rate the trust's cash would earn meanwhile, for the cash drag`]);
    }
  }
  return out;
}

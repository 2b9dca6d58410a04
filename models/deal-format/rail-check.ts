// A deal's settlement rail checked against the rest of the deal. When each collection reaches the
// trust (the rail's collection lag) is models/deal-format/arrival.ts: the engine reads it too.
// With no rail (or a lag of 0) the cash arrives the day the firm pays, as before rails existed.
import type { Deal } from './schema.js';
import { calendarRange } from '../calendar/business-days.js';
import { addDays } from '../calendar/iso-date.js';
import { flowsAfterIssue } from '../pool/asset-flows.js';
import { arrivalDate, finalPaymentDate, paidDate } from './arrival.js';

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

// The expected cumulative default rate of a pool, counted as the Monte Carlo engine counts defaults:
// the base case the stress multipliers scale, and a check on the simulated mean.
import { Decimal } from 'decimal.js';
import type { DealProgram } from '../engine/program.js';
import { cumulativeDefaultProbability } from '../credit/default-times.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { periodOfMonth } from './scenario-plan.js';

/**
 * Expected cumulative default rate over the deal's life, as the Monte Carlo engine counts defaults:
 * a default in month m (1 … last payment month) costs the principal outstanding before the flows
 * due in month m, if it falls within the deal's periods.
 */
export function expectedDefaultRate(prog: DealProgram): number {
  const P = prog.periods.length;
  const H = Math.max(1, prog.periods[P - 1]!.monthIndex);
  const inDeal = Uint8Array.from({ length: H + 1 }, (_, m) => (periodOfMonth(prog, m) < P ? 1 : 0));
  // Cumulative default probability by month, once per distinct assumption (most pools share a few).
  const curves = new Map<string, Float64Array>();
  const curveOf = (spec: { annualDefaultProbability: number; pdTermStructure?: unknown }): Float64Array => {
    const key = JSON.stringify(spec);
    let F = curves.get(key);
    if (!F) {
      F = Float64Array.from({ length: H + 1 }, (_, m) => cumulativeDefaultProbability(spec as Parameters<typeof cumulativeDefaultProbability>[0], m / 12));
      curves.set(key, F);
    }
    return F;
  };
  let sum = 0;
  prog.obligors.forEach((ob, i) => {
    const { credit, asset } = prog.deal.pool.obligors[i]!;
    const F = curveOf({ annualDefaultProbability: credit.annualDefaultProbability, pdTermStructure: credit.pdTermStructure });
    const kind = assetKindOf(asset);
    // Flows are in date order: walk them with the months, recomputing the exposure when one is paid.
    let j = 0;
    let repaid = new Decimal(0);
    let exposure = -1;
    for (let m = 1; m <= H; m++) {
      let moved = exposure < 0;
      while (j < ob.dueMonths.length && ob.dueMonths[j]! < m) { repaid = repaid.plus(ob.duePrincipal[j]!); j++; moved = true; }
      if (moved) {
        const outstanding = Decimal.max(0, ob.purchasePrice.minus(repaid));
        // A default after the last flow costs nothing: there is nothing left to miss.
        exposure = outstanding.isZero() ? 0 : Math.max(0, kind.exposureAtDefault(asset, outstanding).toNumber());
      }
      if (inDeal[m]) sum += (F[m]! - F[m - 1]!) * exposure;
    }
  });
  return sum / prog.poolPurchasePrice.toNumber();
}

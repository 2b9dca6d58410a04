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
  let sum = 0;
  prog.obligors.forEach((ob, i) => {
    const { credit, asset } = prog.deal.pool.obligors[i]!;
    const spec = { annualDefaultProbability: credit.annualDefaultProbability, pdTermStructure: credit.pdTermStructure };
    const kind = assetKindOf(asset);
    let before = cumulativeDefaultProbability(spec, 0);
    for (let m = 1; m <= H; m++) {
      const f = cumulativeDefaultProbability(spec, m / 12);
      let repaid = new Decimal(0);
      for (let j = 0; j < ob.dueMonths.length; j++) if (ob.dueMonths[j]! < m) repaid = repaid.plus(ob.duePrincipal[j]!);
      const outstanding = Decimal.max(0, ob.purchasePrice.minus(repaid));
      // A default after the last flow costs nothing: there is nothing left to miss.
      const exposure = outstanding.isZero() ? 0 : Math.max(0, kind.exposureAtDefault(asset, outstanding).toNumber());
      if (periodOfMonth(prog, m) < P) sum += (f - before) * exposure;
      before = f;
    }
  });
  return sum / prog.poolPurchasePrice.toNumber();
}

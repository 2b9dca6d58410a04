// Revolving purchases and the pool's principal on a Monte Carlo path.
//
// The eligible pool (合格资产池) is granular: many small assets like the representative one. It is
// one name in the deal's copula (its own draw is not used); on each path its assets default at the
// rate conditional on the path's systematic factors (the large-pool limit), so purchased assets
// suffer in the same bad years as the firms. A yuan bought in period p then collects, in each later
// period, the representative asset's cash times the share still performing, plus the recovery
// (share `recovery.mean` of the principal defaulted, `lagMonths` later) — the per-path profile the
// waterfall multiplies by what it bought.
//
// The original pool's performing principal on the path (for purchases, the clean-up call and
// pool-based status events): the scheduled principal less that of the loans that defaulted or
// prepaid, from the period they stopped paying.
import type { DealProgram } from '../engine/program.js';
import type { DefaultName, DefaultTimeModel } from '../credit/default-times.js';
import { stressDefaultProbability } from '../credit/default-times.js';
import type { Deal } from '../deal-format/schema.js';

export interface RevolvingPathModel {
  /** Copula name index of the eligible pool. */
  name: number;
  /** Distinct months-from-purchase of the representative asset's flows, and each flow's index into them. */
  months: Int32Array;
  recoveryMean: number;
  recoveryLagMonths: number;
  /** Month index (from issue) of each period's payment date. */
  periodMonth: Int32Array;
  /** Per-path profiles (P × P), overwritten by every path. */
  cash: Float64Array;
  balance: Float64Array;
  defaults: Float64Array;
  /** Per-path net loss per yuan bought in each period (principal defaulted less recovery). */
  lossPerYuan: Float64Array;
  survival: Float64Array;
}

/** The eligible pool's copula name: in the sector the pool's firms are most often in, unless it says. */
export function eligiblePoolName(deal: Deal, pdMultiplier: number): DefaultName | null {
  const r = deal.revolving;
  if (!r) return null;
  const counts = new Map<string, number>();
  for (const o of deal.pool.obligors) counts.set(o.sector, (counts.get(o.sector) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'eligible-pool';
  return {
    id: 'eligible-pool',
    sector: r.eligiblePool.credit.sector ?? common,
    pd: stressDefaultProbability({ annualDefaultProbability: r.eligiblePool.credit.annualDefaultProbability }, pdMultiplier),
  };
}

export function buildRevolvingPath(prog: DealProgram, nameIndex: number): RevolvingPathModel | null {
  const rev = prog.revolving;
  if (!rev) return null;
  const P = prog.periods.length;
  const first = rev.flows.find((f) => f.length > 0) ?? [];
  return {
    name: nameIndex,
    months: Int32Array.from(first, (f) => f.months),
    recoveryMean: rev.credit.recovery.mean,
    recoveryLagMonths: rev.credit.recovery.lagMonths,
    periodMonth: Int32Array.from(prog.periods, (p) => p.monthIndex),
    cash: new Float64Array(P * P), balance: new Float64Array(P * P), defaults: new Float64Array(P * P),
    lossPerYuan: new Float64Array(P),
    survival: new Float64Array(first.length),
  };
}

/** This path's purchase profiles (after the default model's beginPath). */
export function fillPurchaseProfiles(prog: DealProgram, r: RevolvingPathModel, dm: DefaultTimeModel, periodOfMonth: Int32Array, recoveryMultiplier: number): void {
  const rev = prog.revolving!;
  const P = prog.periods.length;
  for (let j = 0; j < r.months.length; j++) r.survival[j] = 1 - dm.conditionalCumulativeDefault(r.name, r.months[j]!);
  r.cash.fill(0);
  r.balance.fill(0);
  r.defaults.fill(0);
  r.lossPerYuan.fill(0);
  const recovery = Math.min(1, r.recoveryMean * recoveryMultiplier);
  for (let p = 0; p < P; p++) {
    const flows = rev.flows[p]!;
    if (flows.length === 0) continue;
    const row = p * P;
    let sPrev = 1;
    let loss = 0;
    for (let j = 0; j < flows.length; j++) {
      const f = flows[j]!;
      const sj = r.survival[j]!;
      r.cash[row + f.period] = r.cash[row + f.period]! + f.cash.toNumber() * sj;
      const defaulted = (sPrev - sj) * f.balanceBefore.toNumber();
      r.defaults[row + f.period] = r.defaults[row + f.period]! + defaulted;
      const rec = defaulted * recovery;
      const month = r.periodMonth[p]! + f.months + r.recoveryLagMonths;
      const rp = month < periodOfMonth.length ? periodOfMonth[month]! : P;
      if (rp < P) r.cash[row + rp] = r.cash[row + rp]! + rec;
      loss += defaulted - rec;
      sPrev = sj;
    }
    r.lossPerYuan[p] = loss;
    // Performing principal at the end of each period: 1 until the first flow, then survivors of the last flow collected.
    let j = 0;
    let bal = 1;
    for (let k = p; k < P; k++) {
      while (j < flows.length && flows[j]!.period <= k) { bal = flows[j]!.balanceAfter.toNumber() * r.survival[j]!; j++; }
      r.balance[row + k] = bal;
    }
  }
}

/** Per obligor, its scheduled principal at the end of each period, flat [o * P + k] (for the path's pool balance). */
export function obligorBalances(prog: DealProgram): Float64Array {
  const P = prog.periods.length;
  const out = new Float64Array(prog.obligors.length * P);
  prog.obligors.forEach((o, i) => o.balanceAfterPeriod.forEach((b, k) => { out[i * P + k] = b.toNumber(); }));
  return out;
}

// One deterministic default scenario through the deal's own waterfall: a cumulative default rate d
// (defaulted principal / initial pool principal) spread over the periods by the scenario's timing,
// falling pro rata on the pool or on the largest obligors first, recoveries where they arrive,
// prepayments, the survivors' contractual collections — then the same runWaterfall the exact
// engine and the Monte Carlo paths use, in decimals (Num<Decimal>) or doubles (Num<number>).
import type { Num } from '../money/num.js';
import type { DealProgram } from '../engine/program.js';
import { createLedger, resetLedger, runWaterfall, type Ledger, type WaterfallInputs } from '../waterfall/run.js';
import type { ScenarioPlan } from './scenario-plan.js';

export interface DefaultOutcome<T> {
  inputs: WaterfallInputs<T>;
  /** Default rate actually reached (below d when the timing asks for more than is outstanding). */
  achievedRate: number;
  /** Per obligor: share of its original principal that defaulted. */
  defaultedShare: Float64Array;
}

/**
 * The waterfall inputs of the scenario at default rate `d`. Money is summed in the arithmetic `num`
 * and each period's collections rounded to the fen; the shares (which obligor defaults how much)
 * are plain numbers, the same for both arithmetics.
 */
export function defaultScenarioInputs<T>(plan: ScenarioPlan, num: Num<T>, d: number, standAlone: boolean): DefaultOutcome<T> {
  const P = plan.periods;
  const nO = plan.obligors;
  const survive = new Float64Array(nO).fill(1);
  const defaultedShare = new Float64Array(nO);
  const cash = num.vector(P);
  const recovered = num.vector(P);
  const cdr = new Float64Array(P);
  // The performing principal at each period's end, for revolving purchases, the clean-up call and pool events.
  const needsPool = plan.prog.needsPoolBalance;
  const poolEnd = num.vector(needsPool ? P : 0);
  const total = d * plan.poolPrincipal;
  let carry = 0;
  let defaulted = 0;

  const defaultShare = (o: number, k: number, share: number) => {
    if (!(share > 0)) return;
    const at = o * P + k;
    const bal = plan.exposureStart[at]!;
    survive[o] = Math.max(0, survive[o]! - share);
    defaultedShare[o] = defaultedShare[o]! + share;
    defaulted += share * bal;
    const r = plan.recoveryRate[o]!;
    const whole = plan.recoveryOnExposure[o] ? r * bal : Math.min(r * plan.appraised[o]!, bal);
    if (!(whole > 0)) return;
    const late = plan.delayedShare;
    const rp = plan.recoveryPeriod[at]!;
    if (rp < P) recovered[rp] = num.add(recovered[rp] as T, num.times(num.of(whole), share * (1 - late)));
    const dp = plan.delayedPeriod[at]!;
    if (late > 0 && dp < P) recovered[dp] = num.add(recovered[dp] as T, num.times(num.of(whole), share * late));
  };

  for (let k = 0; k < P; k++) {
    let due = total * plan.timing[k]! + carry;
    if (due > 0) {
      if (plan.allocation === 'pro-rata') {
        let performing = 0;
        for (let o = 0; o < nO; o++) performing += survive[o]! * plan.exposureStart[o * P + k]!;
        const take = Math.min(due, performing);
        const phi = performing > 0 ? take / performing : 0;
        for (let o = 0; o < nO; o++) defaultShare(o, k, survive[o]! * phi);
        due -= take;
      } else {
        for (let j = 0; j < nO && due > 0; j++) {
          const o = plan.bySize[j]!;
          const bal = plan.exposureStart[o * P + k]!;
          const take = Math.min(due, survive[o]! * bal);
          if (take > 0) defaultShare(o, k, take / bal);
          due -= take;
        }
      }
      // What could not default this period (the pool is not there any more) defaults in the next.
      carry = due > 1e-9 ? due : 0;
    }
    let c = num.zero;
    for (let o = 0; o < nO; o++) {
      const at = o * P + k;
      const q = plan.prepayShare[at]!;
      if (q > 0 && survive[o]! > 0) {
        const prepaid = survive[o]! * q;
        c = num.add(c, num.times(num.of(plan.balanceStart[at]!), prepaid));
        survive[o] = survive[o]! - prepaid;
      }
      if (survive[o]! > 0) c = num.add(c, num.times(num.of(plan.collections[at]!), survive[o]!));
    }
    cash[k] = c;
    cdr[k] = defaulted / plan.poolPrincipal;
    if (needsPool) {
      let left = 0;
      for (let o = 0; o < nO; o++) left += survive[o]! * (k + 1 < P ? plan.balanceStart[o * P + k + 1]! : 0);
      poolEnd[k] = num.fen(num.of(left));
    }
  }
  for (let k = 0; k < P; k++) cash[k] = num.fen(num.add(cash[k] as T, recovered[k] as T));
  const partyDefaultPeriod = standAlone ? new Float64Array(plan.prog.parties.length) : null;
  const poolStart = num.vector(needsPool ? P : 0);
  if (needsPool) for (let k = 0; k < P; k++) poolStart[k] = k === 0 ? num.of(plan.poolPrincipal) : (poolEnd[k - 1] as T);
  return {
    inputs: {
      collections: cash, cumulativeDefaultRate: cdr, partyDefaultPeriod,
      ...(needsPool ? { poolBalanceStart: poolStart, poolBalanceEnd: poolEnd } : {}),
      ...(plan.purchaseRate !== null ? { purchaseRate: plan.purchaseRate } : {}),
    },
    achievedRate: defaulted / plan.poolPrincipal,
    defaultedShare,
  };
}

/** A waterfall ledger per arithmetic, reused across the solver's trials. */
export class Runner<T> {
  private readonly ledger: Ledger<T>;
  constructor(readonly plan: ScenarioPlan, readonly num: Num<T>) {
    this.ledger = createLedger(plan.prog, num);
  }

  run(inputs: WaterfallInputs<T>): Ledger<T> {
    resetLedger(this.ledger, this.num);
    return runWaterfall(this.plan.prog, this.num, inputs, this.ledger);
  }
}

/** Half a fen: below it, an amount left unpaid is rounding, not a shortfall. */
const HALF_FEN = 0.005;

/**
 * Whether tranche t got everything promised on time: no interest shortfall in any period unless
 * its interest is deferrable (then none left at the end), a scheduled tranche never above its
 * target balance, and nothing owed after the final payment date.
 */
export function paidInFull<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, t: number): boolean {
  const nT = L.tranches;
  const P = L.periods;
  const tr = prog.tranches[t]!;
  const half = num.of(HALF_FEN);
  for (let p = 0; p < P; p++) {
    if (!tr.interestDeferrable && num.gt(L.interestShortfall[p * nT + t] as T, half)) return false;
    const target = tr.principalRule === 'scheduled' ? tr.targetByPeriod[p] : null;
    if (target && num.gt(L.balance[p * nT + t] as T, num.add(num.of(target), half))) return false;
  }
  const last = (P - 1) * nT + t;
  return !num.gt(L.balance[last] as T, half) && !num.gt(L.interestShortfall[last] as T, half);
}

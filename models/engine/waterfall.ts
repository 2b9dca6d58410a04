// The waterfall (现金流分配顺序), written once against Num<T>: the exact engine runs it on Decimals
// for schedules people read, the Monte Carlo engine on doubles in typed arrays for each path.
// Every amount paid is rounded to the fen, so the two agree to the fen when their inputs do.
import type { DealProgram, ProgramStep } from './program.js';
import { STATUS } from './status-program.js';
import type { Decimal } from 'decimal.js';
import type { Num, Vec } from '../money/num.js';

export interface WaterfallInputs<T> {
  /** Cash reaching the trust in each period (collections, recoveries, loss-sharing payments). */
  collections: Vec<T>;
  /** Cumulative defaulted principal / initial pool at each period (for triggers); null: none. */
  cumulativeDefaultRate?: ArrayLike<number> | null;
  /** For each enhancement party, the first period in which it can no longer pay; null: all alive. */
  partyDefaultPeriod?: ArrayLike<number> | null;
  /** Pool principal outstanding at the start of each period (for fees on the pool balance). */
  poolBalanceStart?: Vec<T> | null;
  /**
   * The original assets' performing principal at the end of each period, after its collections (for
   * revolving purchases, the clean-up call and pool-based status events); null: as scheduled.
   */
  poolBalanceEnd?: Vec<T> | null;
  /**
   * Per yuan bought in period p, flat [p * periods + k]: cash collected in period k, performing
   * principal at the end of k, and principal defaulted in k. null: the contractual profile (no defaults).
   */
  purchaseProfile?: { cash: Vec<T>; balance: Vec<T>; defaults: Vec<T> } | null;
  /** The purchase rate (循环购买率) after a stress; null: the deal's own. */
  purchaseRate?: number | null;
}

/**
 * What one step of the waterfall did in one period: the cash in the trust account before and
 * after it, and what it paid or drew, item by item (index in the program's fees, tranches,
 * accounts, enhancements; only what changed). Kept only when runWaterfall is given a trace (the
 * exact engine, for the Learn walkthrough); the Monte Carlo paths keep none.
 */
export interface StepTrace<T> {
  period: number;
  /** The step's index in the waterfall the period was paid under, and the step. */
  index: number;
  step: ProgramStep;
  cashBefore: T;
  cashAfter: T;
  fees: Array<[number, T]>;
  interest: Array<[number, T]>;
  principal: Array<[number, T]>;
  /** Change of each account's balance (negative: drawn to cover a shortfall; positive: topped up). */
  accounts: Array<[number, T]>;
  enhancements: Array<[number, T]>;
  purchases: T;
  residual: T;
}

/** What the waterfall did, period by period. Vectors are flat: [period * count + index]. */
export interface Ledger<T> {
  readonly periods: number;
  readonly tranches: number;
  readonly fees: number;
  readonly accounts: number;
  readonly parties: number;
  readonly enhancements: number;
  broughtForward: Vec<T>;
  collections: Vec<T>;
  reserveRelease: Vec<T>;
  enhancementDraws: Vec<T>;
  feePaid: Vec<T>;
  interestPaid: Vec<T>;
  interestShortfall: Vec<T>;
  principalPaid: Vec<T>;
  balance: Vec<T>;
  reserveTopUp: Vec<T>;
  accountBalance: Vec<T>;
  partyDraw: Vec<T>;
  enhancementDraw: Vec<T>;
  residual: Vec<T>;
  carriedForward: Vec<T>;
  triggered: Uint8Array;
  /** Revolving purchases (循环购买): cash paid, and principal bought, per period. */
  purchases: Vec<T>;
  purchasedPrincipal: Vec<T>;
  /** 清仓回购: what the originator paid for the pool in the period it called it. */
  callProceeds: Vec<T>;
  /** The deal's status in each period (STATUS in engine/status-program.ts). */
  status: Uint8Array;
  /** Period in which each status event occurred (−1: never). */
  eventPeriod: Int32Array;
  /** Period in which the clean-up call was exercised (−1: never). */
  calledPeriod: number;
  // Working state, kept here so that a Monte Carlo run allocates nothing per path.
  s: {
    bal: Vec<T>; intArrears: Vec<T>; feeArrears: Vec<T>; acc: Vec<T>; used: Vec<T>;
    feeDue: Vec<T>; intDue: Vec<T>; prinDue: Vec<T>; coverDue: Vec<T>;
    initBal: Vec<T>; initAcc: Vec<T>; cap: Vec<T>; unlimited: Uint8Array;
    fixedFee: Vec<T>; issueAmount: T; scheduledPool: Vec<T>;
    /** The vectors resetLedger zeroes: listed once, not as a new array for every path. */
    zeroed: Vec<T>[];
    /** Scheduled original-pool principal at the end of each period; the initial pool. */
    scheduledPoolEnd: Vec<T>; initialPool: T;
    /** Contractual purchase profiles (P × P) in this number type, and zeros for their defaults. */
    revCash: Vec<T>; revBalance: Vec<T>; revDefaults: Vec<T>;
    /** From purchases so far: cash due in each later period, performing principal at each period end, defaults in each period. */
    purchasedCash: Vec<T>; purchasedBal: Vec<T>; purchasedDef: Vec<T>;
    /** Per enhancement: whether it paid less than it was asked this period. */
    unpaid: Uint8Array;
    /** Whether revolving purchases fell short of each purchase-shortfall event's level this period. */
    purchaseShort: Uint8Array;
    /** Copies of the period's working state, to pay a period again under a new status. */
    snap: { bal: Vec<T>; acc: Vec<T>; used: Vec<T>; feeDue: Vec<T>; intDue: Vec<T>; prinDue: Vec<T>; coverDue: Vec<T> };
  };
}

export function createLedger<T>(prog: DealProgram, num: Num<T>): Ledger<T> {
  const P = prog.periods.length;
  const nT = prog.tranches.length;
  const nF = prog.runningFees.length;
  const nA = prog.accounts.length;
  const nK = prog.parties.length;
  const nE = prog.enhancements.length;
  const v = (n: number) => num.vector(n);
  const fill = (vec: Vec<T>, xs: T[]) => { xs.forEach((x, i) => { vec[i] = x; }); return vec; };
  // Scheduled pool principal at the start and end of each period (base case), for pool-balance fees.
  const scheduledPool = v(P);
  const scheduledPoolEnd = v(P);
  const sched = scheduledPoolBalances(prog);
  for (let k = 0; k < P; k++) {
    scheduledPool[k] = num.of(sched.start[k]!);
    scheduledPoolEnd[k] = num.of(sched.end[k]!);
  }
  const rev = prog.revolving;
  const nEv = prog.events.length;
  const L: Ledger<T> = {
    periods: P, tranches: nT, fees: nF, accounts: nA, parties: nK, enhancements: nE,
    broughtForward: v(P), collections: v(P), reserveRelease: v(P), enhancementDraws: v(P),
    feePaid: v(P * nF), interestPaid: v(P * nT), interestShortfall: v(P * nT), principalPaid: v(P * nT),
    balance: v(P * nT), reserveTopUp: v(P), accountBalance: v(P * nA), partyDraw: v(P * nK),
    enhancementDraw: v(P * nE), residual: v(P), carriedForward: v(P), triggered: new Uint8Array(P),
    purchases: v(P), purchasedPrincipal: v(P), callProceeds: v(P), status: new Uint8Array(P),
    eventPeriod: new Int32Array(nEv).fill(-1), calledPeriod: -1,
    s: {
      bal: v(nT), intArrears: v(nT), feeArrears: v(nF), acc: v(nA), used: v(nK),
      feeDue: v(nF), intDue: v(nT), prinDue: v(nT), coverDue: v(nT),
      initBal: fill(v(nT), prog.tranches.map((t) => num.of(t.initialBalance))),
      initAcc: fill(v(nA), prog.accounts.map((a) => num.of(a.initialBalance))),
      cap: fill(v(nK), prog.parties.map((p) => num.of(p.capacity ?? 0))),
      unlimited: Uint8Array.from(prog.parties.map((p) => (p.capacity === null ? 1 : 0))),
      fixedFee: fill(v(nF), prog.runningFees.map((f) => num.of(f.fixedPerYear ?? 0))),
      issueAmount: num.of(prog.issueAmount),
      scheduledPool,
      scheduledPoolEnd, initialPool: num.of(prog.poolPurchasePrice),
      revCash: rev ? fill(v(P * P), rev.cash.map((x) => num.of(x))) : v(0),
      revBalance: rev ? fill(v(P * P), rev.balance.map((x) => num.of(x))) : v(0),
      revDefaults: rev ? v(P * P) : v(0),
      purchasedCash: v(P), purchasedBal: v(P), purchasedDef: v(P),
      unpaid: new Uint8Array(nE), purchaseShort: new Uint8Array(nEv),
      snap: { bal: v(nT), acc: v(nA), used: v(nK), feeDue: v(nF), intDue: v(nT), prinDue: v(nT), coverDue: v(nT) },
      zeroed: [],
    },
  };
  const s = L.s;
  s.zeroed = [L.broughtForward, L.collections, L.reserveRelease, L.enhancementDraws, L.feePaid, L.interestPaid,
    L.interestShortfall, L.principalPaid, L.balance, L.reserveTopUp, L.accountBalance, L.partyDraw, L.enhancementDraw,
    L.residual, L.carriedForward, s.intArrears, s.feeArrears, s.used,
    L.purchases, L.purchasedPrincipal, L.callProceeds, s.purchasedCash, s.purchasedBal, s.purchasedDef];
  return L;
}

const poolBalanceCache = new WeakMap<DealProgram, { start: Decimal[]; end: Decimal[] }>();

/** Scheduled pool principal at the start and at the end of each period (base case); once per program. */
function scheduledPoolBalances(prog: DealProgram): { start: Decimal[]; end: Decimal[] } {
  const hit = poolBalanceCache.get(prog);
  if (hit) return hit;
  // Obligors with identical assets share one balance array (engine/program.ts): sum each array once.
  const counts = new Map<Decimal[], number>();
  for (const o of prog.obligors) counts.set(o.balanceAfterPeriod, (counts.get(o.balanceAfterPeriod) ?? 0) + 1);
  const start: Decimal[] = [];
  const end: Decimal[] = [];
  let pool = prog.poolPurchasePrice;
  prog.periods.forEach((_, k) => {
    start.push(pool);
    pool = pool.times(0);
    for (const [balances, count] of counts) pool = pool.plus(balances[k]!.times(count));
    end.push(pool);
  });
  const out = { start, end };
  poolBalanceCache.set(prog, out);
  return out;
}

function zero<T>(vec: Vec<T>, z: T): void {
  vec.fill(z); // a memset for the path engine's Float64Arrays
}

/** Reset a ledger so it can be reused for the next Monte Carlo path. */
export function resetLedger<T>(L: Ledger<T>, num: Num<T>): void {
  const z = num.zero;
  const zeroed = L.s.zeroed;
  for (let i = 0; i < zeroed.length; i++) zero(zeroed[i]!, z);
  L.triggered.fill(0);
  L.status.fill(0);
  L.eventPeriod.fill(-1);
  L.calledPeriod = -1;
}

const at = <T>(v: Vec<T>, i: number): T => v[i] as T;

/** Run the deal's waterfall over all periods. The ledger must be fresh or reset. */
export function runWaterfall<T>(prog: DealProgram, num: Num<T>, inp: WaterfallInputs<T>, L: Ledger<T>, trace?: StepTrace<T>[]): Ledger<T> {
  const P = L.periods;
  const nT = L.tranches;
  const nF = L.fees;
  const nA = L.accounts;
  const nK = L.parties;
  const nE = L.enhancements;
  const { bal, intArrears, feeArrears, acc, feeDue, intDue, prinDue, coverDue } = L.s;
  for (let t = 0; t < nT; t++) bal[t] = at(L.s.initBal, t);
  for (let a = 0; a < nA; a++) acc[a] = at(L.s.initAcc, a);
  let cash = num.zero;
  let triggered = false;
  let drawnBefore = false;
  // Status (交易状态): sticky flags set by events; the revolving window comes from the program.
  const rev = prog.revolving;
  const events = prog.events;
  const hasEvents = events.length > 0;
  let accelerated = false;
  let amortizationEvent = false;
  let calledAt = -1;
  // The pools' balances on this path, or as scheduled (read directly: no closures made per path).
  const poolEnd = inp.poolBalanceEnd ?? L.s.scheduledPoolEnd;
  const poolStart = inp.poolBalanceStart ?? L.s.scheduledPool;

  for (let p = 0; p < P; p++) {
    // After a clean-up call the originator owns what is left of the pool: nothing reaches the trust.
    if (calledAt >= 0) {
      L.broughtForward[p] = cash;
      L.carriedForward[p] = cash;
      L.status[p] = STATUS.called;
      for (let t = 0; t < nT; t++) { L.balance[p * nT + t] = at(bal, t); L.interestShortfall[p * nT + t] = at(intArrears, t); }
      for (let a = 0; a < nA; a++) L.accountBalance[p * nA + a] = at(acc, a);
      continue;
    }
    let isFinal = p === P - 1; // period.isFinal, without reading the period object in every path
    const coll = rev ? num.add(at(inp.collections, p), at(L.s.purchasedCash, p)) : at(inp.collections, p);
    L.broughtForward[p] = cash;
    L.collections[p] = coll;
    let avail = num.add(cash, coll);

    // Balances at the start of the period: the bases for fees and reserve targets.
    let notes = num.zero;
    let senior = num.zero;
    for (let t = 0; t < nT; t++) {
      notes = num.add(notes, at(bal, t));
      if (prog.tranches[t]!.class === 'senior') senior = num.add(senior, at(bal, t));
    }

    // 清仓回购: once the performing pool is at or below the call level, the originator buys it back
    // at its principal outstanding and this period is the last.
    if (prog.cleanUpCall && !isFinal) {
      const left = num.add(at(poolEnd, p), rev ? at(L.s.purchasedBal, p) : num.zero);
      if (!num.gt(left, num.fen(num.times(L.s.initialPool, prog.cleanUpCall.poolFactorAtOrBelow)))) {
        const price = num.fen(left);
        L.callProceeds[p] = price;
        avail = num.add(avail, price);
        isFinal = true;
        calledAt = p;
        L.calledPeriod = p;
      }
    }

    // Reserve above its target is released; everything is released in the final period.
    let released = num.zero;
    let reserveShort = false;
    for (let a = 0; a < nA; a++) {
      const target = reserveTarget(prog, num, a, notes);
      const excess = isFinal ? at(acc, a) : num.max(num.zero, num.sub(at(acc, a), target));
      if (num.isPositive(excess)) {
        acc[a] = num.sub(at(acc, a), excess);
        released = num.add(released, excess);
      }
      if (num.gt(target, at(acc, a))) reserveShort = true;
    }
    avail = num.add(avail, released);

    // Triggers are tested at the start of the period; once breached they stay breached.
    if (!triggered && prog.triggerSteps) {
      const cdr = inp.cumulativeDefaultRate ? (inp.cumulativeDefaultRate[p] ?? 0) : 0;
      for (const tr of prog.triggers) {
        if ((tr.kind === 'cumulative-default-rate' && cdr >= (tr.threshold ?? Infinity))
          || (tr.kind === 'enhancement-drawn' && drawnBefore)
          || (tr.kind === 'reserve-below-target' && reserveShort && p > 0)) triggered = true;
      }
    }
    L.triggered[p] = triggered ? 1 : 0;

    // Status events known at the start of the period (thresholds on the deal's state, a party's default).
    if (hasEvents) {
      for (let e = 0; e < events.length; e++) {
        if (L.eventPeriod[e]! >= 0) continue;
        const ev = events[e]!;
        let fired = false;
        if (ev.kind === 'threshold') {
          const x = statusValue(prog, num, inp, L, ev.field, p, at(poolStart, p), cash, notes);
          fired = (ev.above !== null && x > ev.above) || (ev.below !== null && x < ev.below);
        } else if (ev.kind === 'party-default') {
          fired = !!inp.partyDefaultPeriod && p >= (inp.partyDefaultPeriod[ev.party] ?? Infinity);
        }
        if (fired) {
          L.eventPeriod[e] = p;
          if (ev.accelerate) accelerated = true;
          else amortizationEvent = true;
        }
      }
    }
    let status = statusOf(prog, p, accelerated, triggered, amortizationEvent);

    // What is due this period.
    for (let f = 0; f < nF; f++) feeDue[f] = num.add(accrueFee(prog, num, L, inp, f, p, notes, senior), at(feeArrears, f));
    for (let t = 0; t < nT; t++) {
      const tr = prog.tranches[t]!;
      intDue[t] = num.add(accrueInterest(num, at(bal, t), tr.couponByPeriod[p]!, tr.accrualByPeriod[p]!), at(intArrears, t));
      const b = at(bal, t);
      let due: T;
      let covered: T;
      if (isFinal) { due = b; covered = b; } else if (tr.principalRule === 'bullet') { due = num.zero; covered = num.zero; } else if (tr.principalRule === 'pass-through') { due = b; covered = num.zero; } else {
        const target = tr.targetByPeriod[p];
        due = target ? num.max(num.zero, num.sub(b, num.of(target))) : num.zero;
        covered = due;
      }
      prinDue[t] = due;
      coverDue[t] = covered;
    }

    // Pay the period under its status; an event that occurs while paying (an enhancement short, a
    // tranche's interest unpaid, purchases short) changes the status, and the period is paid again
    // from the same starting point under the new one.
    const retry = hasEvents;
    if (retry) snapshotPeriod(L, nT, nA, nK, nF);
    const availStart = avail;
    const releasedStart = released;
    let enhancementDraws = num.zero;
    for (;;) {
      const steps = stepsOf(prog, status);
      L.status[p] = status;
      for (let si = 0; si < steps.length; si++) {
        const st = steps[si]!;
        const before = trace ? periodPayments(L, acc, p) : null;
        const cashBefore = avail;
        switch (st.type) {
          case 'cover-shortfall': {
            const required = coveredRequirement(num, steps, si, feeDue, intDue, coverDue);
            let need = num.sub(required, avail);
            for (let j = 0; j < st.sources.length && num.isPositive(need); j++) {
              const src = st.sources[j]!;
              let got: T;
              if (src.type === 'account') {
                got = num.min(at(acc, src.index), need);
                acc[src.index] = num.sub(at(acc, src.index), got);
                released = num.add(released, got);
              } else {
                got = applyEnhancementDraw(prog, num, L, inp, src.index, p, need);
                enhancementDraws = num.add(enhancementDraws, got);
              }
              avail = num.add(avail, got);
              need = num.sub(need, got);
            }
            break;
          }
          case 'pay-fees':
            avail = payProRata(num, st.fees, feeDue, L.feePaid, p * nF, avail);
            break;
          case 'pay-interest':
            avail = payProRata(num, st.tranches, intDue, L.interestPaid, p * nT, avail);
            break;
          case 'pay-principal':
            for (let i = 0; i < st.tranches.length; i++) {
              const t = st.tranches[i]!;
              const amt = num.min(avail, num.min(at(prinDue, t), at(bal, t)));
              if (!num.isPositive(amt)) continue;
              payPrincipal(num, L, bal, prinDue, p * nT, t, amt);
              avail = num.sub(avail, amt);
            }
            break;
          case 'pay-principal-turbo':
            for (let i = 0; i < st.tranches.length; i++) {
              const t = st.tranches[i]!;
              const amt = num.min(avail, at(bal, t));
              if (!num.isPositive(amt)) continue;
              payPrincipal(num, L, bal, prinDue, p * nT, t, amt);
              avail = num.sub(avail, amt);
            }
            break;
          case 'fund-reserve': {
            let notesAfter = num.zero;
            for (let t = 0; t < nT; t++) notesAfter = num.add(notesAfter, at(bal, t));
            const gap = num.sub(reserveTarget(prog, num, st.account, notesAfter), at(acc, st.account));
            const top = num.min(avail, num.max(num.zero, gap));
            if (num.isPositive(top)) {
              acc[st.account] = num.add(at(acc, st.account), top);
              L.reserveTopUp[p] = num.add(at(L.reserveTopUp, p), top);
              avail = num.sub(avail, top);
            }
            break;
          }
          case 'buy-assets':
            // Never in the final period: on the last date, or once the originator has called the
            // pool (its price is the pool before purchases), assets bought now would leave the trust unpaid for.
            if (rev && status === STATUS.revolving && !isFinal) avail = buyAssets(prog, num, L, inp, p, avail, num.add(at(poolEnd, p), at(L.s.purchasedBal, p)));
            break;
          case 'pay-residual': {
            let held = false;
            if (!isFinal) for (let i = 0; i < st.holdUntilRepaid.length; i++) if (num.isPositive(at(bal, st.holdUntilRepaid[i]!))) held = true;
            if (held || !num.isPositive(avail)) break;
            // A subordinated holder is repaid its balance first; what is above it is its return.
            if (st.to === 'subordinated' && st.tranche >= 0) {
              const amt = num.min(avail, at(bal, st.tranche));
              if (num.isPositive(amt)) {
                payPrincipal(num, L, bal, prinDue, p * nT, st.tranche, amt);
                avail = num.sub(avail, amt);
              }
            }
            L.residual[p] = num.add(at(L.residual, p), avail);
            avail = num.zero;
            break;
          }
        }
        if (trace) trace.push(stepTrace(num, periodPayments(L, acc, p), before!, p, si, st, cashBefore, avail));
      }
      if (!retry) break;
      // Events that occurred while paying this period.
      let changed = false;
      for (let e = 0; e < events.length; e++) {
        if (L.eventPeriod[e]! >= 0) continue;
        const ev = events[e]!;
        const fired = (ev.kind === 'enhancement-unpaid' && L.s.unpaid[ev.enhancement] === 1)
          || (ev.kind === 'interest-shortfall' && num.isPositive(at(intDue, ev.tranche)))
          || (ev.kind === 'purchase-shortfall' && L.s.purchaseShort[e] === 1);
        if (!fired) continue;
        L.eventPeriod[e] = p;
        if (ev.accelerate) accelerated = true;
        else amortizationEvent = true;
      }
      const next = statusOf(prog, p, accelerated, triggered, amortizationEvent);
      if (next !== status) { status = next; changed = true; }
      if (!changed) break;
      restorePeriod(L, num, p, nT, nA, nK, nF, nE);
      while (trace && trace.length > 0 && trace[trace.length - 1]!.period === p) trace.pop();
      avail = availStart;
      released = releasedStart;
      enhancementDraws = num.zero;
    }

    // Whatever was not paid is carried: fee and interest arrears; the cash stays in the trust.
    for (let f = 0; f < nF; f++) feeArrears[f] = at(feeDue, f);
    for (let t = 0; t < nT; t++) {
      intArrears[t] = at(intDue, t);
      L.interestShortfall[p * nT + t] = at(intDue, t);
      L.balance[p * nT + t] = at(bal, t);
    }
    for (let a = 0; a < nA; a++) L.accountBalance[p * nA + a] = at(acc, a);
    L.reserveRelease[p] = released;
    L.enhancementDraws[p] = enhancementDraws;
    if (num.isPositive(enhancementDraws)) drawnBefore = true;
    if (rev) bookPurchase(prog, num, L, inp, p);
    cash = avail;
    L.carriedForward[p] = cash;
  }
  return L;
}

/** What period p has paid so far, item by item (for a step's trace). */
function periodPayments<T>(L: Ledger<T>, acc: Vec<T>, p: number): { fees: T[]; interest: T[]; principal: T[]; accounts: T[]; enhancements: T[]; purchases: T; residual: T } {
  const slice = (v: Vec<T>, n: number) => Array.from({ length: n }, (_, i) => at(v, p * n + i));
  return {
    fees: slice(L.feePaid, L.fees), interest: slice(L.interestPaid, L.tranches), principal: slice(L.principalPaid, L.tranches),
    accounts: Array.from({ length: L.accounts }, (_, a) => at(acc, a)), enhancements: slice(L.enhancementDraw, L.enhancements),
    purchases: at(L.purchases, p), residual: at(L.residual, p),
  };
}

function stepTrace<T>(num: Num<T>, after: ReturnType<typeof periodPayments<T>>, before: ReturnType<typeof periodPayments<T>>, period: number, index: number, step: ProgramStep, cashBefore: T, cashAfter: T): StepTrace<T> {
  const changed = (a: T[], b: T[]): Array<[number, T]> => a.flatMap((x, i): Array<[number, T]> => {
    const d = num.sub(x, b[i]!);
    return num.isPositive(d) || num.isPositive(num.sub(num.zero, d)) ? [[i, d]] : [];
  });
  return {
    period, index, step, cashBefore, cashAfter,
    fees: changed(after.fees, before.fees), interest: changed(after.interest, before.interest), principal: changed(after.principal, before.principal),
    accounts: changed(after.accounts, before.accounts), enhancements: changed(after.enhancements, before.enhancements),
    purchases: num.sub(after.purchases, before.purchases), residual: num.sub(after.residual, before.residual),
  };
}

/** The status of period p from the sticky flags: accelerated, else triggered (legacy), else revolving in its window, else amortizing. */
function statusOf(prog: DealProgram, p: number, accelerated: boolean, triggered: boolean, amortizationEvent: boolean): number {
  if (accelerated && prog.acceleratedSteps) return STATUS.accelerated;
  if (triggered && prog.triggerSteps) return STATUS.triggered;
  if (prog.revolving && prog.revolvingSteps && prog.revolving.window[p] === 1 && !amortizationEvent) return STATUS.revolving;
  return STATUS.amortizing;
}

function stepsOf(prog: DealProgram, status: number): readonly ProgramStep[] {
  if (status === STATUS.accelerated) return prog.acceleratedSteps!;
  if (status === STATUS.triggered) return prog.triggerSteps!;
  if (status === STATUS.revolving) return prog.revolvingSteps!;
  return prog.normalSteps;
}

/** A threshold event's value at the start of period p (a plain number: thresholds are fractions and ratios). */
function statusValue<T>(prog: DealProgram, num: Num<T>, inp: WaterfallInputs<T>, L: Ledger<T>, field: string, p: number, poolStart: T, cash: T, notes: T): number {
  const initial = num.toNumber(L.s.initialPool);
  const purchasedStart = prog.revolving && p > 0 ? num.toNumber(at(L.s.purchasedBal, p - 1)) : 0;
  const pool = num.toNumber(poolStart) + purchasedStart;
  if (field === 'pool-factor') return initial > 0 ? pool / initial : 0;
  if (field === 'overcollateralization-ratio') {
    const n = num.toNumber(notes);
    return n > 0 ? (pool + num.toNumber(cash)) / n : Infinity;
  }
  // cumulative-default-rate: original and purchased defaults over everything that entered the pool.
  let defaulted = (inp.cumulativeDefaultRate ? (inp.cumulativeDefaultRate[p] ?? 0) : 0) * initial;
  let entered = initial;
  if (prog.revolving) {
    for (let k = 0; k <= p; k++) defaulted += num.toNumber(at(L.s.purchasedDef, k));
    for (let k = 0; k < p; k++) entered += num.toNumber(at(L.purchasedPrincipal, k));
  }
  return entered > 0 ? defaulted / entered : 0;
}

/**
 * 循环购买: buy principal from the eligible pool with the cash available, up to what restores the
 * pool's principal to its initial size, no more than the eligible pool has left, times the purchase
 * rate; pay priceOfPar per yuan. Notes whether purchases fell short of each shortfall event's level
 * of what the cash could have bought (a pool running dry, not a trust short of cash).
 */
function buyAssets<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, inp: WaterfallInputs<T>, p: number, avail: T, poolNow: T): T {
  const rev = prog.revolving!;
  const wanted = num.max(num.zero, num.sub(L.s.initialPool, poolNow));
  let boughtBefore = num.zero;
  for (let k = 0; k < p; k++) boughtBefore = num.add(boughtBefore, at(L.purchasedPrincipal, k));
  const left = num.max(num.zero, num.sub(num.of(rev.available), boughtBefore));
  const rate = inp.purchaseRate ?? rev.purchaseRate;
  const affordable = num.fenDown(num.ratio(avail, 1, rev.priceOfPar));
  // What the trust wants to buy with the cash it has; the eligible pool and the purchase rate limit what it finds.
  const wantedWithCash = num.min(wanted, affordable);
  const principal = num.min(num.fenDown(num.times(num.min(wanted, left), rate)), affordable);
  const cost = num.min(num.fen(num.times(principal, rev.priceOfPar)), avail);
  prog.events.forEach((ev, e) => {
    if (ev.kind === 'purchase-shortfall') L.s.purchaseShort[e] = num.isPositive(wantedWithCash) && num.gt(num.times(wantedWithCash, ev.below), principal) ? 1 : 0;
  });
  if (!num.isPositive(principal)) return avail;
  L.purchasedPrincipal[p] = principal;
  L.purchases[p] = cost;
  return num.sub(avail, cost);
}

/** Once period p is settled: its purchase's cash, principal and defaults in every later period. */
function bookPurchase<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, inp: WaterfallInputs<T>, p: number): void {
  const x = at(L.purchasedPrincipal, p);
  if (!num.isPositive(x)) return;
  const P = L.periods;
  const prof = inp.purchaseProfile ?? { cash: L.s.revCash, balance: L.s.revBalance, defaults: L.s.revDefaults };
  for (let k = p; k < P; k++) {
    const i = p * P + k;
    if (k > p) L.s.purchasedCash[k] = num.add(at(L.s.purchasedCash, k), num.fen(num.prorate(x, at(prof.cash, i), num.of(1))));
    L.s.purchasedBal[k] = num.add(at(L.s.purchasedBal, k), num.fen(num.prorate(x, at(prof.balance, i), num.of(1))));
    L.s.purchasedDef[k] = num.add(at(L.s.purchasedDef, k), num.prorate(x, at(prof.defaults, i), num.of(1)));
  }
  void prog;
}

function snapshotPeriod<T>(L: Ledger<T>, nT: number, nA: number, nK: number, nF: number): void {
  const s = L.s;
  for (let t = 0; t < nT; t++) { s.snap.bal[t] = at(s.bal, t); s.snap.intDue[t] = at(s.intDue, t); s.snap.prinDue[t] = at(s.prinDue, t); s.snap.coverDue[t] = at(s.coverDue, t); }
  for (let a = 0; a < nA; a++) s.snap.acc[a] = at(s.acc, a);
  for (let k = 0; k < nK; k++) s.snap.used[k] = at(s.used, k);
  for (let f = 0; f < nF; f++) s.snap.feeDue[f] = at(s.feeDue, f);
  s.unpaid.fill(0);
  s.purchaseShort.fill(0);
}

/** Undo what paying period p did, back to the snapshot. */
function restorePeriod<T>(L: Ledger<T>, num: Num<T>, p: number, nT: number, nA: number, nK: number, nF: number, nE: number): void {
  const s = L.s;
  const z = num.zero;
  for (let t = 0; t < nT; t++) {
    s.bal[t] = at(s.snap.bal, t); s.intDue[t] = at(s.snap.intDue, t); s.prinDue[t] = at(s.snap.prinDue, t); s.coverDue[t] = at(s.snap.coverDue, t);
    L.interestPaid[p * nT + t] = z; L.principalPaid[p * nT + t] = z;
  }
  for (let a = 0; a < nA; a++) s.acc[a] = at(s.snap.acc, a);
  for (let k = 0; k < nK; k++) { s.used[k] = at(s.snap.used, k); L.partyDraw[p * nK + k] = z; }
  for (let f = 0; f < nF; f++) { s.feeDue[f] = at(s.snap.feeDue, f); L.feePaid[p * nF + f] = z; }
  for (let e = 0; e < nE; e++) L.enhancementDraw[p * nE + e] = z;
  L.reserveTopUp[p] = z; L.residual[p] = z; L.purchases[p] = z; L.purchasedPrincipal[p] = z;
  s.unpaid.fill(0);
  s.purchaseShort.fill(0);
}

function payPrincipal<T>(num: Num<T>, L: Ledger<T>, bal: Vec<T>, prinDue: Vec<T>, off: number, t: number, amt: T): void {
  bal[t] = num.sub(at(bal, t), amt);
  prinDue[t] = num.max(num.zero, num.sub(at(prinDue, t), amt));
  L.principalPaid[off + t] = num.add(at(L.principalPaid, off + t), amt);
}

/** Interest for one period: balance × rate × Σ days/basis, rounded to the fen. */
export function accrueInterest<T>(num: Num<T>, balance: T, rate: number, parts: ReadonlyArray<{ days: number; basis: number }>): T {
  let x = num.zero;
  const base = num.times(balance, rate);
  for (let i = 0; i < parts.length; i++) x = num.add(x, num.ratio(base, parts[i]!.days, parts[i]!.basis));
  return num.fen(x);
}

function accrueFee<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, inp: WaterfallInputs<T>, f: number, p: number, notes: T, senior: T): T {
  const fee = prog.runningFees[f]!;
  const parts = fee.accrualByPeriod[p]!;
  if (fee.rate === null) return accrueInterest(num, at(L.s.fixedFee, f), 1, parts);
  const base = fee.base === 'notes-balance' ? notes
    : fee.base === 'senior-balance' ? senior
      : fee.base === 'issue-amount' ? L.s.issueAmount
        : poolBase(prog, num, L, inp, p);
  return accrueInterest(num, base, fee.rate, parts);
}

/** Pool principal at the start of period p for fees: the original assets', plus what revolving purchases hold. */
function poolBase<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, inp: WaterfallInputs<T>, p: number): T {
  const original = at(inp.poolBalanceStart ?? L.s.scheduledPool, p);
  return prog.revolving && p > 0 ? num.add(original, at(L.s.purchasedBal, p - 1)) : original;
}

function reserveTarget<T>(prog: DealProgram, num: Num<T>, a: number, notes: T): T {
  const tgt = prog.accounts[a]!.target;
  return tgt.type === 'fixed' ? num.of(tgt.amount) : num.fen(num.times(notes, tgt.share));
}

/**
 * What a cover-shortfall step must find: the covered fees, interest and principal due in the
 * steps after it, plus anything due in earlier steps that will be paid ahead of them.
 */
function coveredRequirement<T>(num: Num<T>, steps: readonly ProgramStep[], from: number, feeDue: Vec<T>, intDue: Vec<T>, coverDue: Vec<T>): T {
  const cover = steps[from] as Extract<ProgramStep, { type: 'cover-shortfall' }>;
  let last = -1;
  for (let i = from + 1; i < steps.length; i++) {
    const s = steps[i]!;
    if ((s.type === 'pay-fees' && cover.fees)
      || (s.type === 'pay-interest' && s.tranches.some((t) => cover.interest.includes(t)))
      || (s.type === 'pay-principal' && s.tranches.some((t) => cover.principal.includes(t)))) last = i;
  }
  let req = num.zero;
  for (let i = from + 1; i <= last; i++) {
    const s = steps[i]!;
    const ahead = i < last;
    if (s.type === 'pay-fees' && (ahead || cover.fees)) for (const f of s.fees) req = num.add(req, at(feeDue, f));
    if (s.type === 'pay-interest') for (const t of s.tranches) if (ahead || cover.interest.includes(t)) req = num.add(req, at(intDue, t));
    if (s.type === 'pay-principal') for (const t of s.tranches) if (ahead || cover.principal.includes(t)) req = num.add(req, at(coverDue, t));
  }
  return req;
}

/** Pay items pro rata to what is due when cash is short; splits round down, the last takes the rest. */
function payProRata<T>(num: Num<T>, items: readonly number[], due: Vec<T>, paid: Vec<T>, off: number, avail: T): T {
  let total = num.zero;
  for (let j = 0; j < items.length; j++) total = num.add(total, at(due, items[j]!));
  if (!num.isPositive(total)) return avail;
  const short = num.gt(total, avail);
  let left = avail;
  for (let j = 0; j < items.length; j++) {
    const i = items[j]!;
    const d = at(due, i);
    let amt = d;
    if (short) amt = j === items.length - 1 ? num.min(d, left) : num.fenDown(num.prorate(avail, d, total));
    amt = num.min(amt, left);
    due[i] = num.sub(d, amt);
    paid[off + i] = num.add(at(paid, off + i), amt);
    left = num.sub(left, amt);
  }
  return left;
}

/**
 * Ask an enhancement's parties for `need`: each is asked its share (the last takes the rounding
 * rest), pays up to its remaining capacity, and pays nothing once it has defaulted. A party's
 * unpaid share is not picked up by the others (several, not joint, liability: 按份责任).
 */
export function applyEnhancementDraw<T>(prog: DealProgram, num: Num<T>, L: Ledger<T>, inp: WaterfallInputs<T>, e: number, p: number, need: T): T {
  const enh = prog.enhancements[e]!;
  const nK = L.parties;
  let asked = num.zero;
  let paid = num.zero;
  for (let j = 0; j < enh.parties.length; j++) {
    const k = enh.firstParty + j;
    const ask = j === enh.parties.length - 1 ? num.sub(need, asked) : num.fen(num.times(need, enh.parties[j]!.share));
    asked = num.add(asked, ask);
    const alive = !inp.partyDefaultPeriod || p < (inp.partyDefaultPeriod[k] ?? Infinity);
    if (!alive) continue;
    const room = L.s.unlimited[k] ? ask : num.max(num.zero, num.sub(at(L.s.cap, k), at(L.s.used, k)));
    const pay = num.min(ask, room);
    if (!num.isPositive(pay)) continue;
    L.s.used[k] = num.add(at(L.s.used, k), pay);
    L.partyDraw[p * nK + k] = num.add(at(L.partyDraw, p * nK + k), pay);
    paid = num.add(paid, pay);
  }
  const ne = L.enhancements;
  L.enhancementDraw[p * ne + e] = num.add(at(L.enhancementDraw, p * ne + e), paid);
  if (num.gt(need, paid)) L.s.unpaid[e] = 1;
  return paid;
}

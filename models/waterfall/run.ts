// The waterfall (现金流分配顺序), written once against Num<T>: the exact engine runs it on Decimals
// for schedules people read, the Monte Carlo engine on doubles in typed arrays for each path.
// Every amount paid is rounded to the fen, so the two agree to the fen when their inputs do.
import type { DealProgram, ProgramStep } from '../engine/program.js';
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
  // Working state, kept here so that a Monte Carlo run allocates nothing per path.
  s: {
    bal: Vec<T>; intArrears: Vec<T>; feeArrears: Vec<T>; acc: Vec<T>; used: Vec<T>;
    feeDue: Vec<T>; intDue: Vec<T>; prinDue: Vec<T>; coverDue: Vec<T>;
    initBal: Vec<T>; initAcc: Vec<T>; cap: Vec<T>; unlimited: Uint8Array;
    fixedFee: Vec<T>; issueAmount: T; scheduledPool: Vec<T>;
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
  const scheduledPool = v(P);
  scheduledPoolStart(prog).forEach((x, k) => { scheduledPool[k] = num.of(x); });
  return {
    periods: P, tranches: nT, fees: nF, accounts: nA, parties: nK, enhancements: nE,
    broughtForward: v(P), collections: v(P), reserveRelease: v(P), enhancementDraws: v(P),
    feePaid: v(P * nF), interestPaid: v(P * nT), interestShortfall: v(P * nT), principalPaid: v(P * nT),
    balance: v(P * nT), reserveTopUp: v(P), accountBalance: v(P * nA), partyDraw: v(P * nK),
    enhancementDraw: v(P * nE), residual: v(P), carriedForward: v(P), triggered: new Uint8Array(P),
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
    },
  };
}

const poolStartCache = new WeakMap<DealProgram, Decimal[]>();

/** Scheduled pool principal at the start of each period (base case), for pool-balance fees; once per program. */
function scheduledPoolStart(prog: DealProgram): Decimal[] {
  const hit = poolStartCache.get(prog);
  if (hit) return hit;
  // Obligors with identical assets share one balance array (engine/program.ts): sum each array once.
  const counts = new Map<Decimal[], number>();
  for (const o of prog.obligors) counts.set(o.balanceAfterPeriod, (counts.get(o.balanceAfterPeriod) ?? 0) + 1);
  const out: Decimal[] = [];
  let pool = prog.poolPurchasePrice;
  prog.periods.forEach((_, k) => {
    out.push(pool);
    pool = pool.times(0);
    for (const [balances, count] of counts) pool = pool.plus(balances[k]!.times(count));
  });
  poolStartCache.set(prog, out);
  return out;
}

function zero<T>(vec: Vec<T>, z: T): void {
  for (let i = 0; i < vec.length; i++) vec[i] = z;
}

/** Reset a ledger so it can be reused for the next Monte Carlo path. */
export function resetLedger<T>(L: Ledger<T>, num: Num<T>): void {
  const z = num.zero;
  // Only what a run adds to or reads before writing; every other vector is overwritten in each period.
  for (const vec of [L.reserveTopUp, L.partyDraw, L.enhancementDraw, L.feePaid, L.interestPaid, L.principalPaid,
    L.residual, L.s.intArrears, L.s.feeArrears, L.s.used]) zero(vec, z);
}

const at = <T>(v: Vec<T>, i: number): T => v[i] as T;

/** Run the deal's waterfall over all periods. The ledger must be fresh or reset. */
export function runWaterfall<T>(prog: DealProgram, num: Num<T>, inp: WaterfallInputs<T>, L: Ledger<T>): Ledger<T> {
  const P = L.periods;
  const nT = L.tranches;
  const nF = L.fees;
  const nA = L.accounts;
  const nK = L.parties;
  const { bal, intArrears, feeArrears, acc, feeDue, intDue, prinDue, coverDue } = L.s;
  for (let t = 0; t < nT; t++) bal[t] = at(L.s.initBal, t);
  for (let a = 0; a < nA; a++) acc[a] = at(L.s.initAcc, a);
  let cash = num.zero;
  let triggered = false;
  let drawnBefore = false;

  for (let p = 0; p < P; p++) {
    const isFinal = p === P - 1; // prog.periods[p].isFinal
    const coll = at(inp.collections, p);
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
    const steps = triggered && prog.triggerSteps ? prog.triggerSteps : prog.normalSteps;

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

    let enhancementDraws = num.zero;
    for (let si = 0; si < steps.length; si++) {
      const st = steps[si]!;
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
            avail = payPrincipal(num, L, bal, prinDue, p * nT, t, amt, avail);
          }
          break;
        case 'pay-principal-turbo':
          for (let i = 0; i < st.tranches.length; i++) {
            const t = st.tranches[i]!;
            const amt = num.min(avail, at(bal, t));
            if (!num.isPositive(amt)) continue;
            avail = payPrincipal(num, L, bal, prinDue, p * nT, t, amt, avail);
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
        case 'pay-residual': {
          let held = false;
          if (!isFinal) for (let i = 0; i < st.holdUntilRepaid.length; i++) if (num.isPositive(at(bal, st.holdUntilRepaid[i]!))) held = true;
          if (held || !num.isPositive(avail)) break;
          // A subordinated holder is repaid its balance first; what is above it is its return.
          if (st.to === 'subordinated' && st.tranche >= 0) {
            const amt = num.min(avail, at(bal, st.tranche));
            if (num.isPositive(amt)) avail = payPrincipal(num, L, bal, prinDue, p * nT, st.tranche, amt, avail);
          }
          L.residual[p] = num.add(at(L.residual, p), avail);
          avail = num.zero;
          break;
        }
      }
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
    cash = avail;
    L.carriedForward[p] = cash;
  }
  void nK;
  return L;
}

function payPrincipal<T>(num: Num<T>, L: Ledger<T>, bal: Vec<T>, prinDue: Vec<T>, off: number, t: number, amt: T, avail: T): T {
  bal[t] = num.sub(at(bal, t), amt);
  prinDue[t] = num.max(num.zero, num.sub(at(prinDue, t), amt));
  L.principalPaid[off + t] = num.add(at(L.principalPaid, off + t), amt);
  return num.sub(avail, amt);
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
        : at(inp.poolBalanceStart ?? L.s.scheduledPool, p);
  return accrueInterest(num, base, fee.rate, parts);
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
  return paid;
}

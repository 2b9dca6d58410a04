// One Monte Carlo path: draw defaults (firms and counterparties in one copula), take the missed
// flows out of the collections, add recoveries and loss-sharing payments where they arrive, and
// run the deal's own waterfall on doubles. A path in which no firm defaults is the base case,
// whose outcome is computed once and reused.
import type { RandomSource } from '../credit/rng.js';
import { NO_DEFAULT } from '../credit/default-times.js';
import { recoveryAmount } from '../credit/recovery.js';
import { floatNum } from '../money/num.js';
import { createLedger, resetLedger, runWaterfall, type Ledger, type WaterfallInputs } from '../engine/waterfall.js';
import type { PathModel } from './path-model.js';
import { allocateLosses, type LossEvent } from './loss-sharing.js';
import { anyAgentDefault, applyAgentLosses, type AgentPathInputs } from './asset-agents.js';
import { fillPurchaseProfiles } from './revolving-path.js';
import { applyCommingling, createPathExtrasOutcome, evaluatePathExtras, type PathExtrasOutcome } from './path-extras.js';

/**
 * A path whose default months another model drew (a shelf programme's one copula across its
 * issues): `s.months` and `s.defaulted` (obligors first, in name order) are already filled with
 * `count` defaults, the systematic factor is given, and the waterfall always runs, after
 * `beforeWaterfall` (e.g. to set a shared party's remaining capacity).
 */
export interface PresetDefaults {
  count: number;
  globalFactor: number;
  beforeWaterfall?: (ledger: Ledger<number>) => void;
}

/** What one path produced (overwritten by every path). */
export interface PathOutcome {
  /** Net pool loss (exposure at default less recovery) / pool principal. */
  poolLossRate: number;
  /** Defaulted obligors / obligors. */
  defaultRate: number;
  /** Cumulative default rate: principal outstanding at default, over the deal's periods, / pool principal (the TDR's measure). */
  cumulativeDefaultRate: number;
  /** Per tranche: loss of present value of promised cash, at its own coupon, / original balance. */
  trancheLossRate: Float64Array;
  /** Per tranche: what the base case pays it (interest and principal) less what this path pays, in yuan: for a bullet note the principal and interest unpaid at the end. */
  trancheShortfall: Float64Array;
  tranchePrincipal: Float64Array;
  tranchePrincipalYears: Float64Array;
  enhancementDraw: Float64Array;
  enhancementExhausted: Uint8Array;
  /** Per party: what it paid (shortfall draws and loss-sharing payments), and whether it defaulted. */
  partyPaid: Float64Array;
  partyDefaulted: Uint8Array;
  /** Cash released to the originator / subordinated holder. */
  residual: number;
  /** Recoveries that arrive after the final payment date (not available to the notes). */
  lateRecovery: number;
  /**
   * Scheduled cash the trust did not receive (Σ base-case collections − Σ collections on the path,
   * before loss-sharing payments): the net pool loss + the defaulted assets' lost interest + the
   * recoveries after the final date + any commingling loss. The bearers below share it. A revolving
   * or callable deal counts the net cash its waterfall took from the pool (collections, call price,
   * less purchases), as an event or another call period changes which scheduled flows reach it.
   */
  cashShortfall: number;
  /** Running fees left unpaid (base case − path), in yuan: borne by the fee providers. */
  feeShortfall: number;
  /** The servicer's commingling loss and the "+k" legs' chain losses on this path. */
  extras: PathExtrasOutcome;
  /** Per pass-through agent of the assets (entrusted / trust loans): the held cash the trust lost with it. */
  agentLoss: Float64Array;
  /** Per status event: 1 if it occurred on this path. */
  eventOccurred: Uint8Array;
  /** Principal bought in revolving purchases, and 1 if the clean-up call was exercised. */
  purchased: number;
  called: number;
}

export interface PathScratch {
  ledger: Ledger<number>;
  collections: Float64Array;
  cdr: Float64Array;
  partyDefaultPeriod: Float64Array;
  months: Int32Array;
  defaulted: Int32Array;
  /** Prepayment month of each obligor on this path (0: none) and the principal it repaid early. */
  prepaidMonth: Int32Array;
  prepaidAmount: Float64Array;
  events: LossEvent[];
  /** The original pool's performing principal at the start and end of each period on this path (when the deal needs it). */
  poolStart: Float64Array;
  poolEnd: Float64Array;
  /** Whether the last path ran its own waterfall (false: it was the base case, see model.base). */
  ranWaterfall: boolean;
  out: PathOutcome;
  baseOutcome: PathOutcome;
  /** What each party paid under loss sharing on this path. */
  lossSharingPaid: Float64Array;
  /** The waterfall's inputs: these same vectors, refilled per path. */
  waterfallInputs: WaterfallInputs<number>;
}

function emptyOutcome(m: PathModel): PathOutcome {
  return {
    poolLossRate: 0, defaultRate: 0, cumulativeDefaultRate: 0,
    trancheLossRate: new Float64Array(m.tranches), trancheShortfall: new Float64Array(m.tranches),
    tranchePrincipal: new Float64Array(m.tranches), tranchePrincipalYears: new Float64Array(m.tranches),
    enhancementDraw: new Float64Array(m.enhancements), enhancementExhausted: new Uint8Array(m.enhancements),
    partyPaid: new Float64Array(m.parties), partyDefaulted: new Uint8Array(m.parties),
    residual: 0, lateRecovery: 0, cashShortfall: 0, feeShortfall: 0,
    extras: createPathExtrasOutcome(m.extras),
    agentLoss: new Float64Array(m.agents.length),
    eventOccurred: new Uint8Array(m.prog.events.length),
    purchased: 0,
    called: 0,
  };
}

export function createPathScratch(m: PathModel): PathScratch {
  const names = m.defaultModel.nameCount;
  const collections = new Float64Array(m.periods);
  const cdr = new Float64Array(m.periods);
  const partyDefaultPeriod = new Float64Array(m.parties).fill(Infinity);
  const s: PathScratch = {
    ledger: createLedger(m.prog, floatNum),
    collections, cdr, partyDefaultPeriod,
    lossSharingPaid: new Float64Array(m.parties),
    waterfallInputs: { collections, cumulativeDefaultRate: cdr, partyDefaultPeriod },
    months: new Int32Array(names),
    defaulted: new Int32Array(names),
    prepaidMonth: new Int32Array(m.obligors),
    prepaidAmount: new Float64Array(m.obligors),
    events: [],
    poolStart: new Float64Array(m.periods),
    poolEnd: new Float64Array(m.periods),
    ranWaterfall: false,
    out: emptyOutcome(m),
    baseOutcome: emptyOutcome(m),
  };
  summarizeLedger(m, m.base, s.baseOutcome);
  return s;
}

function copyOutcome(from: PathOutcome, to: PathOutcome): void {
  to.poolLossRate = from.poolLossRate;
  to.defaultRate = from.defaultRate;
  to.cumulativeDefaultRate = from.cumulativeDefaultRate;
  to.trancheLossRate.set(from.trancheLossRate);
  to.trancheShortfall.set(from.trancheShortfall);
  to.tranchePrincipal.set(from.tranchePrincipal);
  to.tranchePrincipalYears.set(from.tranchePrincipalYears);
  to.enhancementDraw.set(from.enhancementDraw);
  to.enhancementExhausted.set(from.enhancementExhausted);
  to.partyPaid.set(from.partyPaid);
  to.residual = from.residual;
  to.lateRecovery = from.lateRecovery;
  to.cashShortfall = from.cashShortfall;
  to.feeShortfall = from.feeShortfall;
  to.agentLoss.set(from.agentLoss);
  to.eventOccurred.set(from.eventOccurred);
  to.purchased = from.purchased;
  to.called = from.called;
}

/** Tranche losses, WAL inputs, enhancement draws and residual from a waterfall ledger. */
function summarizeLedger(m: PathModel, L: Ledger<number>, o: PathOutcome): void {
  const P = m.periods;
  const nT = m.tranches;
  for (let t = 0; t < nT; t++) {
    let pv = 0;
    let prin = 0;
    let prinYears = 0;
    for (let p = 0; p < P; p++) {
      const pp = L.principalPaid[p * nT + t]!;
      pv += m.discount[t * P + p]! * (L.interestPaid[p * nT + t]! + pp);
      prin += pp;
      prinYears += pp * m.years[p]!;
    }
    const init = L.s.initBal[t]!;
    const loss = m.promisedPV[t]! - pv;
    // Below 1e-8 of the balance a PV difference is fen rounding of a faster or slower repayment, not a loss.
    o.trancheLossRate[t] = init > 0 && loss > Math.max(0.01, 1e-8 * init) ? loss / init : 0;
    // What the base case pays the tranche and this path does not. For a bullet note that is the
    // principal and interest unpaid at the end; a pass-through note repaid later than in the base
    // case is also paid more interest (a negative part), which the residual's reduction pays for.
    let promisedLessPaid = 0;
    for (let p = 0; p < P; p++) {
      const i = p * nT + t;
      promisedLessPaid += m.base.interestPaid[i]! + m.base.principalPaid[i]! - L.interestPaid[i]! - L.principalPaid[i]!;
    }
    o.trancheShortfall[t] = promisedLessPaid;
    o.tranchePrincipal[t] = prin;
    o.tranchePrincipalYears[t] = prinYears;
  }
  const nE = m.enhancements;
  const nK = m.parties;
  for (let e = 0; e < nE; e++) {
    let d = 0;
    for (let p = 0; p < P; p++) d += L.enhancementDraw[p * nE + e]!;
    o.enhancementDraw[e] = d;
    const enh = m.prog.enhancements[e]!;
    let exhausted = 0;
    for (let j = 0; j < enh.parties.length; j++) {
      const k = enh.firstParty + j;
      const cap = m.partyCapacity[k]!;
      if (cap < Infinity && L.s.used[k]! >= cap - 0.005) exhausted = 1;
    }
    o.enhancementExhausted[e] = exhausted;
  }
  for (let k = 0; k < nK; k++) {
    let d = 0;
    for (let p = 0; p < P; p++) d += L.partyDraw[p * nK + k]!;
    o.partyPaid[k] = d;
  }
  let r = 0;
  let bought = 0;
  for (let p = 0; p < P; p++) { r += L.residual[p]!; bought += L.purchasedPrincipal[p]!; }
  o.residual = r;
  const nF = m.prog.runningFees.length;
  let fees = 0;
  for (let i = 0; i < P * nF; i++) fees += m.base.feePaid[i]! - L.feePaid[i]!;
  o.feeShortfall = fees;
  o.purchased = bought;
  o.called = L.calledPeriod >= 0 ? 1 : 0;
  for (let e = 0; e < o.eventOccurred.length; e++) o.eventOccurred[e] = L.eventPeriod[e]! >= 0 ? 1 : 0;
}

/**
 * Run one path. `rngDefaults` drives the copula, `rngRecoveries` the recoveries (separate
 * streams, so a recovery stress does not move the defaults). `shift` is the importance-sampling
 * shift of the systematic factor. Returns the path's likelihood-ratio weight.
 */
export function runPath(m: PathModel, s: PathScratch, rngDefaults: RandomSource, rngRecoveries: RandomSource, shift: number, rngOther?: RandomSource, preset?: PresetDefaults): number {
  const dm = m.defaultModel;
  const weight = preset ? 1 : dm.beginPath(rngDefaults, shift);
  const nDef = preset ? preset.count : dm.sampleDefaultMonths(rngDefaults, s.months, s.defaulted);
  const nO = m.obligors;
  const out = s.out;
  let obligorDefaults = 0;
  while (obligorDefaults < nDef && s.defaulted[obligorDefaults]! < nO) obligorDefaults++;
  for (let k = 0; k < m.parties; k++) {
    const mo = s.months[nO + k]!;
    out.partyDefaulted[k] = mo === NO_DEFAULT ? 0 : 1;
    s.partyDefaultPeriod[k] = mo === NO_DEFAULT ? Infinity : m.periodOfMonth[mo]!;
  }
  // The servicer and the "+k" legs' chains (names after the parties).
  evaluatePathExtras(m.extras, s.months, m.periodOfMonth, m.periods, out.extras);
  const prepays = m.prepaymentSmm > 0;
  const agentHit = m.agents.length > 0 && anyAgentDefault(m.agents, s.months, m.periodOfMonth, m.periods);
  if (obligorDefaults === 0 && !prepays && out.extras.servicerDefaultPeriod < 0 && !agentHit && !m.alwaysRun && !preset) {
    copyOutcome(s.baseOutcome, out);
    s.ranWaterfall = false;
    return weight;
  }
  s.ranWaterfall = true;

  const P = m.periods;
  const col = s.collections;
  col.set(m.baseCollections);
  if (prepays) {
    if (!rngOther) throw new Error('runPath: a deal with prepayment needs the third random stream (STREAM_OTHER)');
    applyPrepayments(m, s, rngOther);
  }
  s.cdr.fill(0);
  s.events.length = 0;
  const globalFactor = preset ? preset.globalFactor : dm.latent.factors[0]!;
  let poolLoss = 0;
  let late = 0;
  const { flowStart, flowPeriod, flowAmount, flowExposure, firstFlowFrom, flowRow } = m;
  const { defaulted, months } = s;
  let defaultsCounted = 0;
  for (let j = 0; j < obligorDefaults; j++) {
    const o = defaulted[j]!;
    const month = months[o]!;
    // A loan repaid early cannot default afterwards.
    if (prepays && s.prepaidMonth[o]! > 0 && s.prepaidMonth[o]! <= month) continue;
    // Flows are in date order: find the first one due in or after the default month; what was
    // repaid before it is off the exposure, it and everything after it is missed.
    const end = flowStart[o + 1]!;
    const lo = flowStart[o]! + firstFlowFrom[flowRow[o]! + month]!;
    // A name that has paid everything it owes cannot default: its latent crossing after the last
    // flow (the deal runs on for recoveries) is no default, no loss and no recovery.
    if (lo === end) continue;
    defaultsCounted++;
    let exposure = flowExposure[lo]!;
    for (let f = lo; f < end; f++) col[flowPeriod[f]!] = col[flowPeriod[f]!]! - flowAmount[f]!;
    // If the loan would have prepaid later, that prepayment is now missed too.
    if (prepays && s.prepaidMonth[o]! > month) {
      const pp = m.periodOfMonth[s.prepaidMonth[o]!]!;
      col[pp] = col[pp]! - s.prepaidAmount[o]!;
    }
    if (exposure < 0) exposure = 0;
    const fraction = m.recovery.sampleFraction(rngRecoveries, o, globalFactor) * m.recoveryMultiplier;
    const rec = recoveryAmount(fraction, m.recoveryOnExposure[o] ? exposure : m.appraised[o]!, exposure);
    const recMonth = month + m.recovery.lagMonths[o]!;
    const rp = recMonth < m.periodOfMonth.length ? m.periodOfMonth[recMonth]! : P;
    if (rp < P) col[rp] = col[rp]! + rec;
    else late += rec;
    poolLoss += exposure - rec;
    const dp = m.periodOfMonth[month]!;
    if (dp < P) s.cdr[dp] = s.cdr[dp]! + exposure / m.poolPrincipal;
    if (m.lossSharing.length > 0) {
      s.events.push({ obligorIndex: o, originalPrincipal: m.purchase[o]!, netLoss: exposure - rec, defaultMonth: month, writeOffMonth: recMonth });
    }
  }
  for (let p = 1; p < P; p++) s.cdr[p] = s.cdr[p]! + s.cdr[p - 1]!;

  // A pass-through agent that defaults takes the collections it holds (entrusted / trust loans).
  out.agentLoss.fill(0);
  if (agentHit) applyAgentLosses(m.agents, agentInputs(m, s, prepays), col, out.agentLoss);

  // A servicer that defaults holding collections takes them into its estate (混同风险).
  applyCommingling(m.extras, col, out.extras);
  let shortfall = 0;
  for (let p = 0; p < P; p++) shortfall += m.baseCollections[p]! - col[p]!;

  // Loss-sharing enhancements pay part of each net loss into the trust when their rules say. A
  // revolving or callable deal's shortfall nets out what they paid within the horizon (below);
  // other deals need not sum the collections twice more on every path.
  const measuresPoolCash = Boolean(m.revolving || m.prog.cleanUpCall);
  let colBefore = 0;
  if (measuresPoolCash) for (let p = 0; p < P; p++) colBefore += col[p]!;
  const lossSharingPaid = applyLossSharing(m, s);
  let lossSharingInHorizon = -colBefore;
  if (measuresPoolCash) for (let p = 0; p < P; p++) lossSharingInHorizon += col[p]!;

  // The pool's principal on this path, and what a yuan bought in each period brings (revolving deals).
  const pool = m.obligorBalance ? poolBalances(m, s, obligorDefaults, prepays) : null;
  const rev = m.revolving;
  if (rev) fillPurchaseProfiles(m.prog, rev, dm, m.periodOfMonth, m.recoveryMultiplier);

  resetLedger(s.ledger, floatNum);
  preset?.beforeWaterfall?.(s.ledger);
  // The common case reuses the scratch's inputs object; pool-balance and revolving deals add theirs.
  const inputs: WaterfallInputs<number> = pool || rev ? {
    ...s.waterfallInputs,
    ...(pool ? { poolBalanceStart: s.poolStart, poolBalanceEnd: s.poolEnd } : {}),
    ...(rev ? { purchaseProfile: { cash: rev.cash, balance: rev.balance, defaults: rev.defaults }, purchaseRate: m.purchaseRate } : {}),
  } : s.waterfallInputs;
  runWaterfall(m.prog, floatNum, inputs, s.ledger);
  summarizeLedger(m, s.ledger, out);
  for (let k = 0; k < m.parties; k++) out.partyPaid[k] = out.partyPaid[k]! + lossSharingPaid[k]!;
  out.poolLossRate = poolLoss / m.poolPrincipal;
  if (rev) {
    // A revolving pool's loss counts the purchased assets' too, over everything that entered the pool.
    let bought = 0;
    let lost = 0;
    for (let p = 0; p < P; p++) { bought += s.ledger.purchasedPrincipal[p]!; lost += s.ledger.purchasedPrincipal[p]! * rev.lossPerYuan[p]!; }
    out.poolLossRate = (poolLoss + lost) / (m.poolPrincipal + bought);
  }
  out.defaultRate = defaultsCounted / nO;
  out.cumulativeDefaultRate = P > 0 ? s.cdr[P - 1]! : 0;
  out.lateRecovery = late;
  // A revolving or callable deal: what the trust lacked is measured on the cash its waterfall took
  // from the pool — collections (bought assets' included) and the call price, less what it paid for
  // purchases — since an event that stops purchases, or a call in another period, changes which of
  // the scheduled flows reach the trust at all. Loss-sharing payments are borne by their parties.
  if (measuresPoolCash) shortfall = netPoolCash(m.base, P) - (netPoolCash(s.ledger, P) - lossSharingInHorizon);
  out.cashShortfall = shortfall;
  return weight;
}

/** The cash a waterfall took from the pool: collections and the call price, less purchases. */
function netPoolCash(L: Ledger<number>, P: number): number {
  let c = 0;
  for (let p = 0; p < P; p++) c += L.collections[p]! + L.callProceeds[p]! - L.purchases[p]!;
  return c;
}

/**
 * The original pool's performing principal at the start and end of each period on this path: the
 * scheduled principal less that of each loan from the period it defaulted (written off) or prepaid.
 */
function poolBalances(m: PathModel, s: PathScratch, obligorDefaults: number, prepays: boolean): true {
  const P = m.periods;
  const ob = m.obligorBalance!;
  s.poolEnd.set(m.base.s.scheduledPoolEnd as Float64Array);
  const drop = (o: number, from: number) => {
    for (let k = from; k < P; k++) s.poolEnd[k] = s.poolEnd[k]! - ob[o * P + k]!;
  };
  for (let j = 0; j < obligorDefaults; j++) {
    const o = s.defaulted[j]!;
    const month = s.months[o]!;
    if (prepays && s.prepaidMonth[o]! > 0 && s.prepaidMonth[o]! <= month) continue;
    drop(o, m.periodOfMonth[month]!);
  }
  if (prepays) for (let o = 0; o < m.obligors; o++) if (s.prepaidMonth[o]! > 0 && !(s.months[o]! > 0 && s.months[o]! < s.prepaidMonth[o]!)) drop(o, m.periodOfMonth[s.prepaidMonth[o]!]!);
  s.poolStart[0] = m.poolPrincipal;
  for (let k = 1; k < P; k++) s.poolStart[k] = s.poolEnd[k - 1]!;
  return true;
}

/** What the agents' held cash depends on: each loan's month of default on this path (a loan prepaid before it never defaults). */
function agentInputs(m: PathModel, s: PathScratch, prepays: boolean): AgentPathInputs {
  return {
    months: s.months, periodOfMonth: m.periodOfMonth, periods: m.periods,
    flowStart: m.flowStart, flowMonth: m.flowMonth, flowPeriod: m.flowPeriod, flowAmount: m.flowAmount,
    obligorStopMonth: (o) => {
      const mo = s.months[o]!;
      return mo !== NO_DEFAULT && prepays && s.prepaidMonth[o]! > 0 && s.prepaidMonth[o]! <= mo ? NO_DEFAULT : mo;
    },
  };
}

function applyLossSharing(m: PathModel, s: PathScratch): Float64Array {
  const paid = s.lossSharingPaid;
  paid.fill(0);
  if (m.lossSharing.length === 0) return paid;
  const P = m.periods;
  for (const entry of m.lossSharing) {
    const deadMonth = Array.from(entry.programParty, (k) => {
      const mo = s.months[m.obligors + k]!;
      return mo === NO_DEFAULT ? Infinity : mo;
    });
    const alloc = allocateLosses(entry.plan, s.events, { poolPrincipal: m.poolPrincipal, partyDefaultMonth: deadMonth });
    for (const pay of alloc.payments) {
      const p = pay.month < m.periodOfMonth.length ? m.periodOfMonth[pay.month]! : P;
      if (p < P) s.collections[p] = s.collections[p]! + pay.amount;
      const k = entry.programParty[pay.party]!;
      paid[k] = paid[k]! + pay.amount;
    }
  }
  return paid;
}

/**
 * Prepayment (提前还款) at a constant annual rate: each loan draws the month it would repay in
 * full (geometric with the monthly rate SMM). Its flows due from that month on are replaced by
 * the principal then outstanding, collected in that month's period. Royalty receivables do not
 * prepay. One uniform per obligor, always, so the stream stays aligned.
 */
function applyPrepayments(m: PathModel, s: PathScratch, rng: RandomSource): void {
  const logSurvive = Math.log1p(-m.prepaymentSmm);
  const { flowStart, flowMonth, flowPeriod, flowAmount, flowPrincipalBefore, purchase } = m;
  const col = s.collections;
  for (let o = 0; o < m.obligors; o++) {
    const u = rng.uniform();
    s.prepaidMonth[o] = 0;
    s.prepaidAmount[o] = 0;
    if (!m.prepayable[o]) continue;
    const month = Math.max(1, Math.ceil(Math.log(u) / logSurvive));
    const end = flowStart[o + 1]!;
    let f = flowStart[o]!;
    while (f < end && flowMonth[f]! < month) f++;
    if (f >= end || month >= flowMonth[end - 1]!) continue; // repaid on schedule before it would prepay
    const outstanding = purchase[o]! - flowPrincipalBefore[f]!;
    for (let g = f; g < end; g++) col[flowPeriod[g]!] = col[flowPeriod[g]!]! - flowAmount[g]!;
    const pp = m.periodOfMonth[month]!;
    col[pp] = col[pp]! + outstanding;
    s.prepaidMonth[o] = month;
    s.prepaidAmount[o] = outstanding;
  }
}

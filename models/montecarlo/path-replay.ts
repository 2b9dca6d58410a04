// Replay the paths of a `simulate` run one by one, for reports that need more than its sums:
// the loss-allocation report (who bore what, in the worst paths, in which order) and the timing
// of an enhancement's draws (for the break-even fee). Additive: it reuses the engine's own
// block streams and `runPath`, so path i here is path i of `simulate(deal, { paths, seed })`
// with the same stress and no importance sampling — same defaults, recoveries and waterfall.
// Runs on the calling thread.
import { blockCount, blockPaths, type Seed } from '../credit/rng.js';
import { NO_DEFAULT } from '../credit/default-times.js';
import type { Deal } from '../deal-format/schema.js';
import type { Ledger } from '../engine/waterfall.js';
import { allocateLosses } from './loss-sharing.js';
import { blockStreams, createSimulationContext } from './block.js';
import { checkSimulateOptions } from './simulate.js';
import { parseStress, type StressSpec } from './stress.js';
import type { PathModel } from './path-model.js';
import type { PathOutcome, PathScratch } from './path-run.js';
import { runPath } from './path-run.js';

export interface ReplayOptions {
  paths: number;
  seed: Seed;
  /** A named stress of the deal or `pd=2x,...`, as for simulate. */
  stress?: string | StressSpec;
}

/** A loss-sharing payment of the current path: program party index, amount, month it reaches the trust. */
export interface ReplayPayment {
  party: number;
  amount: number;
  month: number;
}

/** What a visitor sees of one path (valid only during the call: buffers are reused). */
export interface ReplayedPath {
  index: number;
  /** The engine's summary of the path (pool loss rate, tranche losses, party payments, …). */
  outcome: PathOutcome;
  /** The waterfall ledger of the path (the shared base-case ledger when no firm defaulted). */
  ledger: Ledger<number>;
  /** Whether any firm defaulted (false: the base case, nothing lost). */
  anyDefault: boolean;
  /** Net pool loss in yuan (exposure at default less recovery). */
  poolLoss: number;
  /** Loss-sharing payments (risk-compensation funds, guarantee insurance), in decision order. */
  lossSharing: readonly ReplayPayment[];
  /** Default month of each program party (0 = survived the horizon). */
  partyDefaultMonth: ArrayLike<number>;
  scratch: PathScratch;
}

/** The compiled model the paths run on (the same for every path of a replay). */
export interface Replay {
  model: PathModel;
  stress: StressSpec;
}

/** Run `paths` paths exactly as `simulate` would, calling `visit` after each. */
export function replayPaths(deal: Deal, opts: ReplayOptions, visit: (p: ReplayedPath, r: Replay) => void): Replay {
  checkSimulateOptions({ paths: opts.paths, seed: opts.seed });
  const stress = typeof opts.stress === 'object' ? opts.stress : parseStress(opts.stress ?? 'base', deal);
  const ctx = createSimulationContext(deal, stress);
  const m = ctx.model;
  const s = ctx.scratch;
  const replay: Replay = { model: m, stress };
  const payments: ReplayPayment[] = [];
  const partyMonths = new Int32Array(m.parties);
  const seen: ReplayedPath = {
    index: 0, outcome: s.out, ledger: m.base, anyDefault: false, poolLoss: 0,
    lossSharing: payments, partyDefaultMonth: partyMonths, scratch: s,
  };
  const blocks = blockCount(opts.paths);
  for (let b = 0; b < blocks; b++) {
    const { start, end } = blockPaths(b, opts.paths);
    const { defaults, recoveries, other } = blockStreams(opts.seed, b);
    for (let i = start; i < end; i++) {
      runPath(m, s, defaults, recoveries, 0, other);
      // runPath leaves the ledger and the loss events untouched when the path is the base case.
      const anyDefault = s.out.defaultRate > 0;
      for (let k = 0; k < m.parties; k++) partyMonths[k] = s.months[m.obligors + k]!;
      payments.length = 0;
      if (anyDefault) lossSharingPayments(m, s, payments);
      seen.index = i;
      seen.anyDefault = anyDefault;
      seen.ledger = s.ranWaterfall ? s.ledger : m.base;
      seen.poolLoss = s.out.poolLossRate * m.poolPrincipal;
      visit(seen, replay);
    }
  }
  return replay;
}

/** The loss-sharing payments of the current path, as path-run's applyLossSharing decides them. */
function lossSharingPayments(m: PathModel, s: PathScratch, out: ReplayPayment[]): void {
  for (const entry of m.lossSharing) {
    const deadMonth = Array.from(entry.programParty, (k) => {
      const mo = s.months[m.obligors + k]!;
      return mo === NO_DEFAULT ? Infinity : mo;
    });
    const alloc = allocateLosses(entry.plan, s.events, { poolPrincipal: m.poolPrincipal, partyDefaultMonth: deadMonth });
    for (const pay of alloc.payments) out.push({ party: entry.programParty[pay.party]!, amount: pay.amount, month: pay.month });
  }
}

// Monte Carlo estimates of what the servicer and the "+k" chains cost, on exactly the paths of
// `ipabs simulate` with the same seed (replayPaths: same block streams, same defaults): the
// expected commingling loss (混同损失) and, per leg, the offshore investors', the Hong Kong
// guarantor's and the onshore bank's expected losses, with standard errors.
import type { Deal } from '../deal/schema.js';
import type { Seed } from '../credit/rng.js';
import { replayPaths } from '../montecarlo/path-replay.js';

export interface Estimate { mean: number; stdErr: number }

export interface PathEffects {
  paths: number;
  seed: Seed;
  /** Expected collections lost with a defaulting servicer (yuan). */
  comminglingLoss: Estimate;
  /** Probability that the servicer defaults holding collections. */
  probabilityOfComminglingLoss: number;
  legs: Array<{
    id: string;
    /** Probability that the leg's firm defaults owing something, so the chain is called. */
    probabilityChainCalled: number;
    investorLoss: Estimate;
    probabilityOfInvestorLoss: number;
    hkGuarantorLoss: Estimate;
    onshoreBankLoss: Estimate;
  }>;
}

class Mean {
  private s = 0;
  private s2 = 0;
  add(x: number): void { this.s += x; this.s2 += x * x; }
  get(n: number): Estimate {
    const mean = this.s / n;
    const v = Math.max(0, this.s2 / n - mean * mean);
    return { mean, stdErr: n > 1 ? Math.sqrt(v / (n - 1)) : 0 };
  }
}

export function simulatePathEffects(deal: Deal, opts: { paths: number; seed: Seed; stress?: string }): PathEffects {
  const nLegs = deal.offshoreLegs?.length ?? 0;
  const comm = new Mean();
  const commAny = new Mean();
  const legs = Array.from({ length: nLegs }, () => ({ called: new Mean(), inv: new Mean(), invAny: new Mean(), hk: new Mean(), bank: new Mean() }));
  replayPaths(deal, { paths: opts.paths, seed: opts.seed, ...(opts.stress ? { stress: opts.stress } : {}) }, (p) => {
    const x = p.outcome.extras;
    comm.add(x.comminglingLoss);
    commAny.add(x.comminglingLoss > 0 ? 1 : 0);
    for (let l = 0; l < nLegs; l++) {
      const a = legs[l]!;
      a.called.add(x.legChainCalled[l]!);
      a.inv.add(x.legInvestorLoss[l]!);
      a.invAny.add(x.legInvestorLoss[l]! > 0 ? 1 : 0);
      a.hk.add(x.legHkGuarantorLoss[l]!);
      a.bank.add(x.legOnshoreBankLoss[l]!);
    }
  });
  const n = opts.paths;
  return {
    paths: n,
    seed: opts.seed,
    comminglingLoss: comm.get(n),
    probabilityOfComminglingLoss: commAny.get(n).mean,
    legs: legs.map((a, l) => ({
      id: deal.offshoreLegs![l]!.id,
      probabilityChainCalled: a.called.get(n).mean,
      investorLoss: a.inv.get(n),
      probabilityOfInvestorLoss: a.invAny.get(n).mean,
      hkGuarantorLoss: a.hk.get(n),
      onshoreBankLoss: a.bank.get(n),
    })),
  };
}

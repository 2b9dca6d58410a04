// Monte Carlo estimates of what the servicer and the "+k" chains cost, for the cost comparison:
// the expected commingling loss (混同损失) and, per leg, the offshore investors', the Hong Kong
// guarantor's and the onshore bank's expected losses, with standard errors. They are exactly the
// `servicer` and `offshoreLegs` figures of `ipabs simulate` with the same seed and path count.
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import { simulateHere } from './simulate.js';
import type { Estimate, SimulationResult } from './results.js';

export type { Estimate };

export interface PathEffects {
  paths: number;
  seed: Seed;
  /** Expected collections lost with a defaulting servicer (yuan). */
  comminglingLoss: Estimate;
  /** Probability that the servicer defaults holding collections. */
  probabilityOfComminglingLoss: number;
  legs: Array<Omit<SimulationResult['offshoreLegs'][number], 'probabilityOfInvestorLossStdErr'>>;
}

export function simulatePathEffects(deal: Deal, opts: { paths: number; seed: Seed; stress?: string }): PathEffects {
  const r = simulateHere(deal, { paths: opts.paths, seed: opts.seed, ...(opts.stress ? { stress: opts.stress } : {}) });
  return {
    paths: opts.paths,
    seed: opts.seed,
    comminglingLoss: r.servicer?.comminglingLoss ?? { mean: 0, stdErr: 0 },
    probabilityOfComminglingLoss: r.servicer?.probabilityOfComminglingLoss ?? 0,
    legs: r.offshoreLegs.map(({ probabilityOfInvestorLossStdErr: _omit, ...leg }) => leg),
  };
}

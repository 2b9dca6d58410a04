// The eligible pool's purchased assets default at the rate conditional on each path's systematic
// factor: averaged over paths, that must give back the unconditional default probability, for any
// copula correlation (the law of total probability).
import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { DealInput } from '../../../models/deal-format/schema.js';
import { replayPaths } from '../../../models/montecarlo/path-replay.js';
import { cumulativeDefaultProbability } from '../../../models/credit/default-times.js';
import { revolvingDeal } from '../../support/revolving-deal.js';

describe('revolving purchases on Monte Carlo paths (models/montecarlo/revolving-path.ts)', () => {
  for (const rho of [0, 0.3]) {
    it(`a yuan bought in period 1 defaults, on average over paths, as the eligible pool's PD says (ρ = ${rho})`, () => {
      const d = revolvingDeal() as DealInput & { revolving: NonNullable<DealInput['revolving']> };
      d.revolving.eligiblePool.credit.annualDefaultProbability = 0.08;
      d.simulation = { copula: 'gaussian', rho };
      const v = validateDeal(d);
      if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
      const P = 8;
      let n = 0;
      let sum = 0;
      let sum2 = 0;
      let expected = 0;
      replayPaths(v.deal, { paths: 4000, seed: 3 }, (_, { model: m }) => {
        const rev = m.revolving!;
        let x = 0;
        for (let k = 0; k < P; k++) x += rev.defaults[0 * P + k]!;
        n++; sum += x; sum2 += x * x;
        if (n === 1) {
          // Unconditionally: Σ_j (PD(t_j) − PD(t_{j−1})) × principal outstanding before flow j.
          const flows = m.prog.revolving!.flows[0]!;
          let prev = 0;
          for (const f of flows) {
            const pd = cumulativeDefaultProbability({ annualDefaultProbability: 0.08 }, f.months / 12);
            expected += (pd - prev) * f.balanceBefore.toNumber();
            prev = pd;
          }
        }
      });
      const mean = sum / n;
      const se = Math.sqrt(Math.max(0, sum2 / n - mean * mean) / (n - 1));
      expect(expected).to.be.within(0.03, 0.05);
      expect(Math.abs(mean - expected), `mean ${mean} vs ${expected} (s.e. ${se})`).to.be.at.most(4 * se + 1e-12);
    });
  }
});

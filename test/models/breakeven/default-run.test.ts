// The deterministic default run itself: the pooled arithmetic used pro rata gives the same cash as
// going obligor by obligor, and a recovery with no lag is collected in the period of its default.
import { expect } from 'chai';
import fc from 'fast-check';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { compileDeal } from '../../../models/engine/program.js';
import { floatNum } from '../../../models/money/num.js';
import { buildScenarioPlan } from '../../../models/breakeven/scenario-plan.js';
import { defaultScenarioInputs } from '../../../models/breakeven/default-run.js';
import { stressCaseOf, type Scenario } from '../../../models/stress/index.js';
import { dealArb } from '../../support/random-deal.js';
import { minimalDeal } from '../../support/minimal-deal.js';

const scenario = (stresses: readonly unknown[]): Scenario => ({ name: 's', stresses, reason: 'test' }) as Scenario;

describe('deterministic default run', () => {
  it('pro rata, the pool summed per group collects what obligor by obligor collects, to the fen, in every period', () => {
    const stressArb = fc.constantFrom(
      [], [{ kind: 'default-timing', shape: 'front-loaded', share: 0.3 }], [{ kind: 'recovery-haircut', haircut: 0.4 }, { kind: 'recovery-delay', share: 0.5, months: 3 }],
      [{ kind: 'spread-compression', bp: 50 }], [{ kind: 'prepayment', annualRate: 0.2 }],
    );
    fc.assert(fc.property(dealArb, stressArb, fc.double({ min: 0, max: 1, noNaN: true }), (raw, stresses, d) => {
      const v = validateDeal(raw);
      if (!v.ok) throw new Error('invalid generated deal');
      const plan = buildScenarioPlan(compileDeal(v.deal), stressCaseOf(scenario(stresses)), { allocation: 'pro-rata' });
      expect(plan.pooled).to.not.equal(null);
      const pooled = defaultScenarioInputs(plan, floatNum, d, true);
      const byObligor = defaultScenarioInputs({ ...plan, pooled: null }, floatNum, d, true);
      const a = pooled.inputs.collections as Float64Array;
      const b = byObligor.inputs.collections as Float64Array;
      for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!), `period ${k + 1}`).to.be.at.most(0.01 + 1e-9);
      expect(pooled.achievedRate).to.be.closeTo(byObligor.achievedRate, 1e-12);
    }), { numRuns: 80 });
  });

  it('a recovery with no lag is collected in the period the default falls in, not the one before', () => {
    const raw = minimalDeal();
    for (const o of raw.pool.obligors) o.credit.recovery = { mean: 0.5, stdDev: 0, lagMonths: 0, basis: 'exposure' };
    const v = validateDeal(raw);
    if (!v.ok) throw new Error(v.problems.map((p) => p.message).join('; '));
    const prog = compileDeal(v.deal);
    // All defaults at the start of the last period (back-loaded by 100%): half their exposure comes back then.
    const plan = buildScenarioPlan(prog, stressCaseOf(scenario([{ kind: 'default-timing', shape: 'back-loaded', share: 1 }])), { allocation: 'pro-rata' });
    const none = defaultScenarioInputs(plan, floatNum, 0, true).inputs.collections as Float64Array;
    const some = defaultScenarioInputs(plan, floatNum, 0.2, true).inputs.collections as Float64Array;
    const P = prog.periods.length;
    for (let k = 0; k < P - 1; k++) expect(some[k], `period ${k + 1}`).to.equal(none[k]);
    // By the last period each firm owes its last 2.6 M fee, 2.5 M of it principal: 5 M exposed. A 20%
    // default rate is 4 M of the 20 M pool: 80% of what is left defaults, and half of 4 M comes back.
    expect(none[P - 1]).to.equal(5_200_000);
    expect(some[P - 1]).to.be.closeTo(5_200_000 - 0.8 * 5_200_000 + 0.5 * 4_000_000, 0.01);
  });
});

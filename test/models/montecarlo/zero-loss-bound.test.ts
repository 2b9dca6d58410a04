// A tranche that lost nothing on every path is reported with the rule-of-three bound (3/n at 95%)
// and the rating that bound supports, not a bare "0 bp, Aaa" (issue 14).
import { expect } from 'chai';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { ruleOfThree } from '../../../models/montecarlo/results.js';
import { impliedRating } from '../../../models/ratings/idealized-loss.js';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../../../models/ratings/derived-table.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { loadRaw, loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

const safeYuhang = (): Deal => {
  const raw = loadRaw('yuhang-abn-2023.json') as { pool: { obligors: unknown[] } };
  const r = validateDeal(withChanges(raw, Object.fromEntries(raw.pool.obligors.map((_, i) => [`/pool/obligors/${i}/credit/annualDefaultProbability`, 0]))));
  if (!r.ok) throw new Error('variant should be valid');
  return r.deal;
};

describe('zero losses observed: the rule-of-three bound (零损失的上界)', () => {
  it('is −ln(0.05)/n ≈ 3/n', () => {
    expect(ruleOfThree(1_000)).to.be.closeTo(0.0029957, 1e-7);
    expect(ruleOfThree(2)).to.equal(1);
  });

  it('bounds a tranche that never lost and rates it by the bound, which tightens with more paths', async () => {
    const deal = safeYuhang();
    const few = await simulate(deal, { paths: 1_000, seed: 1 });
    const many = await simulate(deal, { paths: 100_000, seed: 1 });
    const a = few.tranches[0]!;
    const b = many.tranches[0]!;
    expect(a.expectedLossRate).to.equal(0);
    expect(a.impliedRating).to.equal('Aaa');
    expect(a.zeroLossBound).to.deep.equal({ paths: 1_000, upperBound: 0.002995732274, ratingAtLeast: impliedRating(DERIVED_IDEALIZED_LOSS_TABLE, 0.002995732274, a.walYears) });
    // 0.3% of loss at a one-year WAL is far from Aaa; 100 times the paths bound it 100 times tighter.
    expect(a.zeroLossBound!.ratingAtLeast).to.not.equal('Aaa');
    expect(b.zeroLossBound!.upperBound).to.be.closeTo(a.zeroLossBound!.upperBound / 100, 1e-12);
    const order = ['Aaa', 'Aa1', 'Aa2', 'Aa3', 'A1', 'A2', 'A3', 'Baa1', 'Baa2', 'Baa3', 'Ba1', 'Ba2', 'Ba3', 'B1', 'B2', 'B3'];
    expect(order.indexOf(b.zeroLossBound!.ratingAtLeast)).to.be.lessThan(order.indexOf(a.zeroLossBound!.ratingAtLeast));
  });

  it('is absent when some path lost', async () => {
    const r = await simulate(loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`), { paths: 4_096, seed: 1 });
    const junior = r.tranches.find((t) => t.class === 'subordinated')!;
    expect(junior.probabilityOfLoss).to.be.greaterThan(0);
    expect(junior.zeroLossBound).to.equal(null);
  });
});

import { expect } from 'chai';
import { dealCost } from '../../../models/cost/compare.js';
import { runExact } from '../../../models/engine/exact.js';
import { loadScenario, scenarioFiles, SCENARIO_DIR } from '../../support/scenarios.js';

// The facts brief's figures, reproduced by the shipped scenarios on the pricing each declares
// (DOMAIN.md: Yuhang 133 M at 2.7%; Futian's cheapest firm 1.79% after subsidy, a cost cut of more
// than 20%; Ningbo's firms at most 2%).
describe('shipped scenarios reproduce the facts on their own pricing rule', () => {
  it('every scenario says which pricing rule it uses and why (provenance /pool/pricing)', () => {
    for (const f of scenarioFiles()) {
      const d = loadScenario(f);
      expect(d.pool.pricing, f).to.not.equal(undefined);
      const p = d.provenance.find((x) => x.path === '/pool/pricing');
      expect(p, f).to.not.equal(undefined);
      expect(p!.reason, f).to.match(new RegExp(`^${d.pool.pricing!.rule}: `));
    }
  });

  it('Yuhang (fixed): 133 M senior notes at 2.7% for the year, 3,591,000.00 of interest, self-funding', () => {
    const d = loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);
    expect(d.pool.pricing).to.deep.equal({ rule: 'fixed' });
    const r = runExact(d);
    expect(r.totals.tranches.senior!.interest).to.equal(3_591_000);
    expect(r.issuance.proceeds).to.equal(133_000_000);
    expect(r.baseCase.selfFunding).to.equal(true);
  });

  it('Futian (cost-plus): the cheapest firm pays 1.79% a year after subsidy, and the deal saves more than 20% against a bank loan', () => {
    const c = dealCost(loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`));
    expect(c.pricing.rule).to.equal('cost-plus');
    expect(c.lowestFirm.subsidyAdjustedCostRate.toFixed(4)).to.equal('0.0179');
    expect(c.savingVsBaseline).to.be.above(0.2);
  });

  it('Ningbo e-CNY (cost-plus): the firms\' actual cost after subsidy is at most 2%', () => {
    const c = dealCost(loadScenario(`${SCENARIO_DIR}ningbo-ecny-2024.json`));
    expect(c.pricing.rule).to.equal('cost-plus');
    expect(c.subsidyAdjustedCostRate).to.be.at.most(0.02);
    for (const f of c.firms) expect(f.subsidyAdjustedCostRate, f.id).to.be.at.most(0.02);
    expect(c.tranches[0]!.balance).to.equal(138_000_000);
  });
});

// The run's loss allocation adds up (issue 14: the run page listed 853,633 against a pool loss of
// 1,376,558 for Yuhang). The pool's loss reaches the trust as scheduled cash it lacks — the net
// loss, the defaulted assets' lost interest, recoveries after the final date, commingling — and
// that shortfall is borne by the investors, the enhancement parties, the fee providers and the
// originator's residual, with nothing left over for bullet notes.
import { expect } from 'chai';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { lossAllocationReport } from '../../../models/montecarlo/tail-allocation.js';
import { loadScenario, scenarioFiles } from '../../support/scenarios.js';

describe('loss allocation identity (损失分担)', function () {
  this.timeout(60_000);
  for (const file of scenarioFiles()) {
    const deal = loadScenario(file);
    it(`${deal.meta.id}: the bearers share exactly the cash the trust lacked`, async () => {
      const r = await simulate(deal, { paths: 12_000, seed: 5 });
      const la = r.lossAllocation;
      const sum = (xs: Record<string, { mean: number }>) => Object.values(xs).reduce((s, e) => s + e.mean, 0);
      const borne = sum(la.tranches) + sum(la.parties) + la.feeShortfall.mean + la.residualReduction.mean;
      expect(la.cashShortfall.mean, 'something was lost').to.be.greaterThan(0);
      expect(Math.abs(la.cashShortfall.mean - borne), 'unaccounted yuan per path').to.be.lessThan(0.01);
      expect(Math.abs(la.unattributed)).to.be.lessThan(0.01);
      // The lacked cash is more than the net loss: the defaulted assets' interest and late recoveries.
      const commingling = r.servicer?.comminglingLoss.mean ?? 0;
      const agents = (r.assetAgents ?? []).reduce((s, a) => s + a.heldCashLoss.mean, 0);
      const lostInterest = la.cashShortfall.mean - la.poolLoss.mean - la.lateRecoveries.mean - commingling - agents;
      expect(lostInterest, 'lost interest cannot be negative').to.be.greaterThan(-0.01);
      // A revolving deal also lacks the interest of loans it stopped buying after an amortization
      // event (its principal came back instead): no longer a fraction of the lost principal.
      if (!deal.revolving) expect(lostInterest, 'lost interest is a fraction of the lost principal').to.be.lessThan(la.poolLoss.mean + la.lateRecoveries.mean);
    });
  }

  it('finds the same cash shortfall as the allocation report, which traces it path by path', async () => {
    const deal = loadScenario(scenarioFiles().find((f) => f.includes('yuhang'))!);
    const r = await simulate(deal, { paths: 8_000, seed: 9 });
    const report = lossAllocationReport(deal, { paths: 8_000, seed: 9 });
    expect(r.lossAllocation.cashShortfall.mean).to.be.closeTo(report.pool.cashShortfall.expected.mean, 0.01);
  });

  it('on a revolving deal the trust lacks the net cash its waterfall took from the pool (collections and call, less purchases), and the bearers share it exactly', async () => {
    const deal = loadScenario(scenarioFiles().find((f) => f.includes('revolving-microloan'))!);
    const r = await simulate(deal, { paths: 8_000, seed: 9 });
    // Events stop purchases on some paths: the shortfall is then far from the original pool's own.
    expect(r.statusEvents.find((e) => e.id === 'cdr-5')!.probability).to.be.greaterThan(0.01);
    expect(Math.abs(r.lossAllocation.unattributed)).to.be.lessThan(0.01);
    const report = lossAllocationReport(deal, { paths: 8_000, seed: 9 });
    expect(r.lossAllocation.cashShortfall.mean).to.be.closeTo(report.pool.cashShortfall.expected.mean, 0.01);
  });
});

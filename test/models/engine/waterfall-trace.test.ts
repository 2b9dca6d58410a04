// The waterfall's step trace (runWaterfall's optional StepTrace list, kept by the exact engine for
// the Learn walkthrough): one entry per step of the waterfall each period was paid under, the cash
// passed from step to step, and the items each step paid adding up to the period's ledger.
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { compileDeal } from '../../../models/engine/program.js';
import { pricedDeal } from '../../../models/engine/pricing.js';
import { baseCaseInputs, runExactProgram } from '../../../models/engine/exact.js';
import { STATUS } from '../../../models/engine/status-program.js';
import type { StepTrace } from '../../../models/engine/waterfall.js';
import { loadScenario, scenarioFiles } from '../../support/scenarios.js';

const sum = (xs: Array<[number, Decimal]>, i: number) => xs.filter(([k]) => k === i).reduce((s, [, v]) => s.plus(v), new Decimal(0));

describe('engine/waterfall: the step trace', () => {
  for (const file of scenarioFiles()) {
    it(`${file}: every period's steps, in order, hand the cash on and add up to the ledger`, () => {
      const prog = compileDeal(pricedDeal(loadScenario(file)));
      const trace: StepTrace<Decimal>[] = [];
      const L = runExactProgram(prog, baseCaseInputs(prog), trace);
      const untraced = runExactProgram(prog, baseCaseInputs(prog));
      expect(Array.from(L.carriedForward, String), 'a trace changes nothing the waterfall pays').to.deep.equal(Array.from(untraced.carriedForward, String));
      for (let p = 0; p < L.periods; p++) {
        const steps = trace.filter((s) => s.period === p);
        const status = L.status[p]!;
        const expected = (status === STATUS.revolving ? prog.revolvingSteps : status === STATUS.accelerated ? prog.acceleratedSteps : null) ?? null;
        if (expected) expect(steps.map((s) => s.step), `period ${p + 1}: the ${status} waterfall`).to.deep.equal(expected);
        expect(steps.map((s) => s.index)).to.deep.equal(steps.map((_, i) => i));
        for (let i = 1; i < steps.length; i++) expect(steps[i]!.cashBefore.toString(), `period ${p + 1} step ${i + 1}`).to.equal(steps[i - 1]!.cashAfter.toString());
        if (steps.length) expect(steps[steps.length - 1]!.cashAfter.toString(), `period ${p + 1}: cash kept`).to.equal(String(L.carriedForward[p]));
        for (let t = 0; t < L.tranches; t++) {
          expect(steps.reduce((s, x) => s.plus(sum(x.interest, t)), new Decimal(0)).toString(), `period ${p + 1} interest ${t}`).to.equal(String(L.interestPaid[p * L.tranches + t]));
          expect(steps.reduce((s, x) => s.plus(sum(x.principal, t)), new Decimal(0)).toString(), `period ${p + 1} principal ${t}`).to.equal(String(L.principalPaid[p * L.tranches + t]));
        }
        for (let f = 0; f < L.fees; f++) expect(steps.reduce((s, x) => s.plus(sum(x.fees, f)), new Decimal(0)).toString()).to.equal(String(L.feePaid[p * L.fees + f]));
        expect(steps.reduce((s, x) => s.plus(x.residual), new Decimal(0)).toString()).to.equal(String(L.residual[p]));
        // Each step's cash change is what it drew in less what it paid out.
        for (const s of steps) {
          const out = [...s.fees, ...s.interest, ...s.principal].reduce((a, [, v]) => a.plus(v), s.purchases.plus(s.residual));
          const drawn = s.enhancements.reduce((a, [, v]) => a.plus(v), new Decimal(0)).minus(s.accounts.reduce((a, [, v]) => a.plus(v), new Decimal(0)));
          expect(s.cashAfter.minus(s.cashBefore).toString(), `period ${p + 1} step ${s.index + 1} (${s.step.type})`).to.equal(drawn.minus(out).toString());
        }
      }
    });
  }
});

import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { compilePathModel } from '../../../models/montecarlo/path-model.js';
import { NO_STRESS } from '../../../models/montecarlo/stress.js';
import { runExactProgram } from '../../../models/engine/exact.js';
import { floatNum, exactNum } from '../../../models/money/num.js';
import { createLedger, runWaterfall } from '../../../models/engine/waterfall.js';
import { maxLedgerGap } from '../../support/ledger-gap.js';
import { loadScenario, scenarioFiles } from '../../support/scenarios.js';

// The Monte Carlo engine runs the same waterfall as the exact engine, on doubles. With the same
// collections the two must agree to the fen on every payment.
const maxGap = maxLedgerGap;

describe('Monte Carlo path engine against the exact engine', () => {
  for (const file of scenarioFiles()) {
    const name = file.split('/').pop()!;
    const deal = loadScenario(file);
    const model = compilePathModel(deal, NO_STRESS);

    it(`${name}: with no defaults, agrees with the exact schedule within one fen per payment`, () => {
      const exact = runExactProgram(model.prog);
      const gap = maxGap(model.base, exact);
      expect(gap.gap, `${gap.field}[${gap.index}]`).to.be.at.most(0.01 + 1e-9);
    });

    it(`${name}: with collections cut by a third in odd periods (shortfalls, draws), still agrees to the fen`, () => {
      const exactCollections = model.prog.scheduledCollections.map((c, p) => (p % 2 ? c.times(2).dividedBy(3).toDecimalPlaces(2, Decimal.ROUND_DOWN) : c));
      const exact = runWaterfall(model.prog, exactNum, { collections: exactCollections }, createLedger(model.prog, exactNum));
      const float = runWaterfall(model.prog, floatNum, { collections: Float64Array.from(exactCollections.map((d) => d.toNumber())) }, createLedger(model.prog, floatNum));
      const gap = maxGap(float, exact);
      expect(gap.gap, `${gap.field}[${gap.index}]`).to.be.at.most(0.01 + 1e-9);
    });
  }
});

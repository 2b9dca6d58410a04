// The exact engine and the Monte Carlo path engine run one waterfall definition; on a revolving
// deal with status events and a clean-up call they must agree to the fen on every payment, every
// purchase and every status, both on the base case and on the inputs of real Monte Carlo paths
// (collections after defaults, the pool's principal, the purchases' per-path profiles).
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { compilePathModel } from '../../../models/montecarlo/path-model.js';
import { NO_STRESS } from '../../../models/montecarlo/stress.js';
import { replayPaths } from '../../../models/montecarlo/path-replay.js';
import { runExactProgram } from '../../../models/engine/exact.js';
import { exactNum } from '../../../models/money/num.js';
import { createLedger, runWaterfall, type Ledger, type WaterfallInputs } from '../../../models/engine/waterfall.js';
import { revolvingDeal } from '../../support/revolving-deal.js';
import { maxLedgerGap, STATUS_FIELDS } from '../../support/ledger-gap.js';

const maxGap = (a: Ledger<number>, b: Ledger<Decimal>) => maxLedgerGap(a, b, STATUS_FIELDS);

const dec = (v: ArrayLike<number>): Decimal[] => Array.from(v, (x) => new Decimal(x));

describe('revolving deal: exact engine against the Monte Carlo path engine', () => {
  const v = validateDeal(revolvingDeal());
  if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
  const deal = v.deal;

  it('with no defaults, the path engine\'s base case is the exact schedule to the fen, purchases, call and statuses included', () => {
    const m = compilePathModel(deal, NO_STRESS);
    const exact = runExactProgram(m.prog);
    const gap = maxGap(m.base, exact);
    expect(gap.gap, `${gap.field}[${gap.index}]`).to.be.at.most(0.01 + 1e-9);
    expect(Array.from(m.base.status)).to.deep.equal(Array.from(exact.status));
    expect(m.base.calledPeriod).to.equal(exact.calledPeriod);
    // The base case buys during the revolving period and is called at the end: the test covers both.
    expect(Array.from({ length: exact.periods }, (_, p) => exact.purchases[p]!).some((x) => x.greaterThan(0))).to.equal(true);
    expect(exact.calledPeriod).to.be.greaterThan(0);
  });

  it('on the inputs of 400 Monte Carlo paths (defaults, recoveries, purchased-asset defaults), the two engines agree to the fen', () => {
    let compared = 0;
    let withEvents = 0;
    replayPaths(deal, { paths: 400, seed: 11, stress: { ...NO_STRESS, pdMultiplier: 4 } }, ({ ledger, scratch: s }, { model: m }) => {
      if (!s.ranWaterfall) return;
      const rev = m.revolving!;
      const inputs: WaterfallInputs<Decimal> = {
        collections: dec(s.collections),
        cumulativeDefaultRate: s.cdr,
        partyDefaultPeriod: s.partyDefaultPeriod,
        poolBalanceStart: dec(s.poolStart),
        poolBalanceEnd: dec(s.poolEnd),
        purchaseProfile: { cash: dec(rev.cash), balance: dec(rev.balance), defaults: dec(rev.defaults) },
        purchaseRate: m.purchaseRate,
      };
      const exact = runWaterfall(m.prog, exactNum, inputs, createLedger(m.prog, exactNum));
      const gap = maxGap(ledger, exact);
      expect(gap.gap, `${gap.field}[${gap.index}]`).to.be.at.most(0.01 + 1e-9);
      expect(Array.from(ledger.status)).to.deep.equal(Array.from(exact.status));
      expect(Array.from(ledger.eventPeriod)).to.deep.equal(Array.from(exact.eventPeriod));
      compared++;
      if (ledger.eventPeriod.some((p) => p >= 0)) withEvents++;
    });
    expect(compared).to.equal(400);
    // At 4× the default probability some paths switch status: the comparison covers them.
    expect(withEvents).to.be.greaterThan(20);
  });
});

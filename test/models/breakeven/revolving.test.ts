// The stress catalogue's revolving purchase cut (循环购买率下降) reaches the revolving engine: on a
// revolving deal it is not inert and fewer purchases lower the break-even default rate of the
// tranche that lives on the excess cash; on a static deal it is inert.
import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { breakEvenTable } from '../../../models/breakeven/index.js';
import { loadScenario, scenarioFiles } from '../../support/scenarios.js';
import { revolvingDeal } from '../../support/revolving-deal.js';

describe('break-even default rates on a revolving deal', () => {
  it('the 20% purchase cut bites: the subordinated BDR falls, the scenario is not inert', () => {
    const v = validateDeal(revolvingDeal());
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const t = breakEvenTable(v.deal);
    const cut = t.scenarios.find((s) => s.name === 'revolving-purchase-cut-20')!;
    expect(cut.inert).to.equal(null);
    const sub = t.tranches.find((x) => x.id === 'sub')!;
    expect(sub.bdrByScenario['revolving-purchase-cut-20']!).to.be.below(sub.bdrByScenario['base']! - 0.005);
  });

  it('on a static pool the purchase cut is inert', () => {
    const yuhang = loadScenario(scenarioFiles().find((f) => f.endsWith('yuhang-abn-2023.json'))!);
    const t = breakEvenTable(yuhang);
    expect(t.scenarios.find((s) => s.name === 'revolving-purchase-cut-20')!.inert).to.equal('rating.inert.not-revolving');
  });
});

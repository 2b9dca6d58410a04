import { expect } from 'chai';
import { optimizeDesign, type OptimizeRequest, type OptimizeResult } from '../../../models/design/optimize.js';
import { evaluateDesign } from '../../../models/design/evaluate.js';
import { simulatedTdr } from '../../../models/design/pool-tdr.js';
import type { DesignConstraint } from '../../../models/design/constraints.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { dealCost } from '../../../models/cost/compare.js';
import { loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';

const futian = () => loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`);
const yuhang = () => loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);

// Small enough to run in a test: 3 values a lever, 2 halvings, 8,192 paths (two blocks).
const quick: Omit<OptimizeRequest, 'constraints'> = {
  objective: 'firms-cost', paths: 8192, seed: 1, points: 3, refine: 2,
  levers: [
    { name: 'senior-share', range: { kind: 'interval', min: 0.75, max: 0.95 } },
    { name: 'mezzanine-split', range: { kind: 'interval', min: 0.3, max: 0.9 } },
    { name: 'undertaking', range: { kind: 'interval', min: 100_000_000, max: 165_000_000 } },
  ],
};
const constraints: DesignConstraint[] = [
  { kind: 'senior-rating', min: 'AAA(sf)' },
  { kind: 'draw999', enhancement: 'hti-undertaking', max: 90_000_000 },
  { kind: 'exhaustion', enhancement: 'hti-undertaking', max: 0.01 },
];

describe('the design optimizer (ipabs optimize)', function () {
  this.timeout(240_000);
  let loose: OptimizeResult;
  before(async () => { loose = await optimizeDesign(futian(), { ...quick, constraints }); });

  it('finds a Futian design no more expensive for the firms than the shipped one under the same constraints', () => {
    expect(loose.shipped.feasible, JSON.stringify(loose.shipped.checks)).to.equal(true);
    expect(loose.status).to.equal('optimal');
    expect(loose.best!.firmsCost!).to.be.at.most(loose.shipped.firmsCost!);
    // Cost-plus pool: the firms pay what the notes cost, so the market's 2.43% AAA(sf) coupons (against
    // the shipped 2.75% and 3.50%) already make the shipped design cheaper for them.
    expect(loose.shipped.firmsCost!).to.be.lessThan(dealCost(futian()).subsidyAdjustedCostRate);
    // The first-loss holder keeps the shipped return: 2,175,001.04 of residual on 7.5 M a year.
    expect(loose.subordinated!.tranche).to.equal('subordinated');
    expect(loose.subordinated!.residualPerYuan).to.be.closeTo(2_175_001.04 / 7_500_000, 1e-12);
    // The shipped design is one of the candidates, on the same paths.
    expect(loose.candidates.some((c) => JSON.stringify(c.design) === JSON.stringify(loose.shipped.design))).to.equal(true);
  });

  it('whose best design meets every constraint when re-run on fresh paths (another seed, 4 times the paths)', async () => {
    const deal = futian();
    const tdr = await simulatedTdr(deal, { paths: 32_768, seed: 'fresh-7' });
    const rerun = await evaluateDesign({ base: deal, constraints, tdr, paths: 32_768, seed: 'fresh-7' }, loose.best!.design);
    expect(rerun.status).to.equal('ok');
    for (const c of rerun.checks) {
      if (typeof c.value === 'number') expect(c.value, `${c.kind} ${c.enhancement}`).to.be.at.most(c.limit as number);
      else expect(c.ok, c.kind).to.equal(true);
    }
  });

  it('writes a best design that validates as a deal of its own', () => {
    const v = validateDeal(JSON.parse(JSON.stringify(loose.bestDeal)));
    expect(v.ok, v.ok ? '' : JSON.stringify(v.problems)).to.equal(true);
  });

  it('never finds a cheaper optimum when a constraint is tightened', async () => {
    const tighter: DesignConstraint[] = [
      { kind: 'senior-rating', min: 'AAA(sf)' },
      { kind: 'draw999', enhancement: 'hti-undertaking', max: 55_000_000 },
      { kind: 'exhaustion', enhancement: 'hti-undertaking', max: 0.01 },
    ];
    const tight = await optimizeDesign(futian(), { ...quick, constraints: tighter });
    expect(tight.status).to.equal('optimal');
    expect(tight.best!.firmsCost!).to.be.at.least(loose.best!.firmsCost! - 1e-12);
    for (const c of tight.best!.checks) expect(c.ok).to.equal(true);
    // The 55 M limit binds: the loose optimum draws more than that (60.5 M at the upper end of its interval).
    const looseDraw = loose.best!.checks.find((c) => c.kind === 'draw999')!;
    expect(looseDraw.value as number).to.be.greaterThan(55_000_000);
    expect(tight.best!.firmsCost!).to.be.greaterThan(loose.best!.firmsCost!);
    // Every design feasible under the tighter limit was feasible under the looser one.
    const looseKeys = new Set(loose.candidates.filter((c) => c.feasible).map((c) => JSON.stringify(c.design)));
    const both = tight.candidates.filter((c) => c.feasible && loose.candidates.some((l) => JSON.stringify(l.design) === JSON.stringify(c.design)));
    for (const c of both) expect(looseKeys.has(JSON.stringify(c.design))).to.equal(true);
  });

  it('reports the frontier of firms\' cost against the senior share and the undertaking capacity', () => {
    const f = loose.frontier;
    expect(f.seniorShare!.map((r) => r.value)).to.include.members([0.75, 0.85, 0.95]);
    expect(f.capacity!.lever).to.equal('undertaking');
    for (const r of [...f.seniorShare!, ...f.capacity!.rows]) if (r.firmsCost !== null) expect(r.firmsCost).to.be.at.least(loose.best!.firmsCost! - 1e-12);
  });

  it('says when nothing is feasible: the closest candidate and what it misses', async () => {
    const r = await optimizeDesign(yuhang(), {
      objective: 'firms-cost', paths: 4096, seed: 1, points: 2, refine: 0,
      levers: [{ name: 'undertaking', range: { kind: 'interval', min: 50_000_000, max: 140_000_000 } }],
      constraints: [{ kind: 'senior-rating', min: 'AAA(sf)' }, { kind: 'draw999', enhancement: 'undertaking', max: 1_000_000 }],
    });
    expect(r.status).to.equal('infeasible');
    expect(r.best).to.equal(null);
    expect(r.closest!.status).to.equal('ok');
    expect(r.binding.map((b) => b.kind)).to.include('draw999');
  });

  it('refuses bad requests with the field named', async () => {
    await optimizeDesign(futian(), { ...quick, constraints, levers: [{ name: 'senior-share', range: { kind: 'interval', min: 0.9, max: 0.8 } }] }).then(
      () => { throw new Error('accepted'); }, (e: Error) => expect(e.message).to.match(/^lever senior-share: min 0.9 is above max 0.8/));
    await optimizeDesign(futian(), { ...quick, constraints, levers: [{ name: 'reserve', range: { kind: 'interval', min: 0, max: 1 } }] }).then(
      () => { throw new Error('accepted'); }, (e: Error) => expect(e.message).to.match(/^lever reserve: the deal has no reserve account/));
    await optimizeDesign(futian(), { ...quick, constraints: [{ kind: 'draw999', enhancement: 'nope', max: 1 }] }).then(
      () => { throw new Error('accepted'); }, (e: Error) => expect(e.message).to.match(/^constraints\[0\]\.enhancement: no enhancement "nope"/));
  });
});

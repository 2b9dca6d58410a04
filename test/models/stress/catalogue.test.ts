import { expect } from 'chai';
import { DEFAULT_CATALOGUE } from '../../../models/stress/default-catalogue.js';
import { catalogueFor, allocationFor, ratingInputsSchema } from '../../../models/stress/rating-inputs.js';
import { describeScenario, inertReason, scenarioProblems, stressCaseOf, type Scenario } from '../../../models/stress/scenario.js';
import { stressKinds } from '../../../models/stress/registry.js';
import { translator } from '../../../models/i18n/index.js';
import { timingShares } from '../../../models/breakeven/scenario-plan.js';

const en = translator('en');
const zh = translator('zh');
const byName = (n: string) => DEFAULT_CATALOGUE.find((s) => s.name === n)!;

describe('stress catalogue (压力情景)', () => {
  it('ships at least 20 scenarios, each with a reason in English and Chinese, covering every kind of stress', () => {
    expect(DEFAULT_CATALOGUE.length).to.be.at.least(20);
    expect(new Set(DEFAULT_CATALOGUE.map((s) => s.name)).size).to.equal(DEFAULT_CATALOGUE.length);
    for (const s of DEFAULT_CATALOGUE) {
      expect(s.reason.length, s.name).to.be.above(10);
      expect(s.reasonZh, s.name).to.be.a('string');
      expect(s.source, s.name).to.be.a('string');
      expect(scenarioProblems(s), s.name).to.deep.equal([]);
    }
    const kinds = new Set(DEFAULT_CATALOGUE.flatMap((s) => s.stresses.map((x) => x.kind)));
    expect([...kinds].sort()).to.deep.equal(stressKinds.map((k) => k.kind).sort());
  });

  it('combines stresses into one case: timing, recovery haircut and delay, prepayment, yield and rates', () => {
    const c = stressCaseOf(byName('severe-combined'));
    expect(c.timing).to.deep.equal({ shape: 'front-loaded', share: 0.2 });
    expect(c.recoveryMultiplier).to.equal(0.5);
    expect(c.recoveryDelay).to.deep.equal({ share: 0.3, months: 6 });
    expect(c.spreadCompression).to.be.closeTo(0.005, 1e-15);
    expect(stressCaseOf(byName('recovery-zero')).recoveryMultiplier).to.equal(0);
    expect(stressCaseOf(byName('rate-up-100bp')).rateRise).to.be.closeTo(0.01, 1e-15);
    expect(stressCaseOf(byName('prepayment-up-50')).prepayment).to.deep.equal({ multiplier: 1.5 });
    expect(stressCaseOf(byName('revolving-purchase-cut-20')).purchaseRateMultiplier).to.equal(0.8);
  });

  it('says each scenario in words, in both languages', () => {
    expect(describeScenario(byName('front-20-recovery-minus-30'), en)).to.equal('20% of defaults moved into the first period + recoveries 30% lower');
    expect(describeScenario(byName('front-20-recovery-minus-30'), zh)).to.equal('20%的违约提前至第一期 + 回收率下调30%');
    expect(describeScenario(byName('base'), en)).to.equal("the deal's own assumptions, defaults spread evenly");
  });

  it('marks a scenario that cannot change a deal (no prepayable asset, no benchmark coupon, a static pool)', () => {
    const facts = { prepayableAssets: false, basePrepaymentRate: 0, benchmarkLinked: false, recoveries: true, revolving: false };
    expect(inertReason(byName('prepayment-up-50'), facts)).to.equal('rating.inert.no-prepayment');
    expect(inertReason(byName('rate-up-100bp'), facts)).to.equal('rating.inert.no-benchmark');
    expect(inertReason(byName('revolving-purchase-cut-20'), facts)).to.equal('rating.inert.not-revolving');
    expect(inertReason(byName('front-20-recovery-minus-30'), facts)).to.equal(null);
    expect(inertReason(byName('prepayment-up-50'), { ...facts, prepayableAssets: true, basePrepaymentRate: 0.1 })).to.equal(null);
  });

  it('lets a deal replace, add and exclude scenarios, or start from none', () => {
    const mine: Scenario = { name: 'base', stresses: [{ kind: 'recovery-haircut', haircut: 0.05 }], reason: 'our base' };
    const extra: Scenario = { name: 'ip-freeze', stresses: [{ kind: 'recovery-haircut', haircut: 0.9 }], reason: 'IP market freezes' };
    const list = catalogueFor({ scenarios: [mine, extra], excludeScenarios: ['rate-up-100bp'] });
    expect(list[0]).to.equal(mine);
    expect(list.map((s) => s.name)).to.not.include('rate-up-100bp');
    expect(list[list.length - 1]).to.equal(extra);
    expect(list).to.have.length(DEFAULT_CATALOGUE.length);
    expect(catalogueFor({ catalogue: 'none', scenarios: [extra] })).to.deep.equal([extra]);
  });

  it('defaults largest-first for concentrated pools (at most 20 obligors) and pro rata above', () => {
    expect(allocationFor(undefined, 14)).to.equal('largest-first');
    expect(allocationFor(undefined, 21)).to.equal('pro-rata');
    expect(allocationFor({ defaultAllocation: 'pro-rata' }, 3)).to.equal('pro-rata');
  });

  it('spreads defaults over the pool\'s life: even, a share moved first or last, or a vector', () => {
    const alive = [true, true, true, true, false];
    expect([...timingShares({ shape: 'even' }, alive)]).to.deep.equal([0.25, 0.25, 0.25, 0.25, 0]);
    expect([...timingShares({ shape: 'front-loaded', share: 0.2 }, alive)].map((x) => +x.toFixed(12))).to.deep.equal([0.4, 0.2, 0.2, 0.2, 0]);
    expect([...timingShares({ shape: 'back-loaded', share: 1 }, alive)]).to.deep.equal([0, 0, 0, 1, 0]);
    expect([...timingShares({ shape: 'vector', vector: [0.1, 0.2, 0.3, 0.4, 0] }, alive)]).to.deep.equal([0.1, 0.2, 0.3, 0.4, 0]);
    expect(() => timingShares({ shape: 'vector', vector: [0.5, 0.5] }, alive)).to.throw('vector: has 2 shares but the deal has 5 payment periods');
  });

  it('checks a scenario entry: one stress of each kind, front/back loading needs a share, prepayment one of multiplier or rate', () => {
    const parse = (x: unknown) => ratingInputsSchema.parse({ scenarios: [x] }).scenarios![0]!;
    const twice = parse({ name: 'x', reason: 'r', stresses: [{ kind: 'recovery-haircut', haircut: 0.1 }, { kind: 'recovery-haircut', haircut: 0.2 }] });
    expect(scenarioProblems(twice)[0]).to.deep.equal(['stresses[1].kind', '"recovery-haircut" is already stresses[0]; a scenario takes each kind of stress once (combine them in one entry)']);
    const noShare = parse({ name: 'x', reason: 'r', stresses: [{ kind: 'default-timing', shape: 'front-loaded' }] });
    expect(scenarioProblems(noShare)[0]![0]).to.equal('stresses[0].share');
    const both = parse({ name: 'x', reason: 'r', stresses: [{ kind: 'prepayment', multiplier: 2, annualRate: 0.2 }] });
    expect(scenarioProblems(both)[0]![1]).to.include('give exactly one of "multiplier"');
    const unknown = ratingInputsSchema.safeParse({ scenarios: [{ name: 'x', reason: 'r', stresses: [{ kind: 'rate-fall', bp: 10 }] }] });
    expect(unknown.error!.issues[0]!.message).to.match(/^kind must be one of "default-timing", "recovery-haircut", .* got "rate-fall"$/);
  });
});

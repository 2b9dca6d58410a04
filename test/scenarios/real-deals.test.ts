// The real deals of DOMAIN.md "Real Chinese IP securitizations with public figures": each shipped
// scenario carries the published figures as facts (checked here against the brief), validates,
// schedules reconciled to the fen with no enhancement drawn in the base case, and simulates
// reproducibly. Longhua–HTI IP 1 reproduces the firms' published 2.46% all-in cost after subsidy.
import { expect } from 'chai';
import { runExact } from '../../models/engine/exact.js';
import { dealCost } from '../../models/cost/compare.js';
import { simulate, simulateHere } from '../../models/montecarlo/simulate.js';
import { assetKindOf } from '../../models/pool/asset-registry.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { loadScenario, SCENARIO_DIR } from '../support/scenarios.js';

const load = (id: string): Deal => loadScenario(`${SCENARIO_DIR}${id}.json`);
const total = (xs: ReadonlyArray<{ balance: string | number }>) => xs.reduce((s, x) => s + Number(x.balance), 0);
const patents = (d: Deal) => d.pool.obligors.reduce((s, o) => s + (o.ip.patents?.invention ?? 0) + (o.ip.patents?.utilityModel ?? 0) + (o.ip.patents?.design ?? 0), 0);
const ipItems = (d: Deal) => patents(d) + d.pool.obligors.reduce((s, o) => s + (o.ip.copyrights ?? 0) + (o.ip.trademarks ?? 0), 0);
const models = (d: Deal) => [...new Set(d.pool.obligors.map((o) => assetKindOf(o.asset).model))];

const NEW_DEALS = ['nanshan-hti-ip5-2022', 'longhua-hti-ip1-2021', 'wenke-lease-2019', 'xinxin-factoring-2023-1', 'xingye-guangzhou-licence-2019', 'yuhang-abn-2023-2'];

describe('real-deal scenarios (DOMAIN.md figures)', () => {
  it('Nanshan–HTI IP 5: 2.06亿, 12 firms, 26 IP rights, senior 3.80% for 1 year, pledged-IP micro-loans, over-coverage and HTI\'s shortfall payment', () => {
    const d = load('nanshan-hti-ip5-2022');
    expect(total(d.liabilities.tranches)).to.equal(206_000_000);
    expect(d.pool.obligors).to.have.length(12);
    expect(ipItems(d)).to.equal(26);
    const senior = d.liabilities.tranches.find((t) => t.class === 'senior')!;
    expect(senior.coupon).to.deep.equal({ type: 'fixed', rate: 0.038 });
    expect([d.meta.issueDate, d.meta.maturityDate]).to.deep.equal(['2022-04-14', '2023-04-14']);
    expect(models(d)).to.deep.equal(['pledged-loan']);
    expect(d.enhancements.map((e) => e.kind)).to.include.members(['shortfall-undertaking', 'over-collateralization', 'subordination']);
    // The over-coverage ratio is the schedule's: scheduled collections / senior principal and interest.
    const r = runExact(d);
    const s = r.totals.tranches.senior!;
    const oc = d.enhancements.find((e) => e.kind === 'over-collateralization') as { ratio: number };
    expect(oc.ratio).to.be.closeTo(r.totals.collections / (s.interest + s.principal), 0.0005);
  });

  it('Longhua–HTI IP 1: 2.02亿, 10 firms; the firms\' all-in cost after subsidy is 2.46% a year within 1 bp', () => {
    const d = load('longhua-hti-ip1-2021');
    expect(total(d.liabilities.tranches)).to.equal(202_000_000);
    expect(d.pool.obligors).to.have.length(10);
    const c = dealCost(d);
    expect(c.subsidyAdjustedCostRate).to.be.closeTo(0.0246, 0.0001);
    // The subsidy does the work: before it the firms pay several times as much.
    expect(c.allInCostRate).to.be.above(0.05);
    expect(c.subsidyTotal).to.be.above(0);
  });

  it('第一创业-文科租赁一期: 7.33亿, senior 6.96亿 (AAA), subordinated 0.37亿 held by the originator, 51 IP items, finance-lease rentals', () => {
    const d = load('wenke-lease-2019');
    const [senior, sub] = d.liabilities.tranches;
    expect(total(d.liabilities.tranches)).to.equal(733_000_000);
    expect(Number(senior!.balance)).to.equal(696_000_000);
    expect(Number(sub!.balance)).to.equal(37_000_000);
    expect(sub!.holder).to.match(/originator/);
    expect(ipItems(d)).to.equal(51);
    expect(models(d)).to.deep.equal(['finance-lease']);
    // Priced against the PBOC benchmark lending rate of 2019 (before the LPR reform).
    const c = dealCost(d);
    expect(c.tranches[0]!.benchmark).to.deep.equal({ name: '1Y benchmark lending rate on 2019-03-25', rate: 0.0435 });
  });

  it('鑫欣保理2023-1: 0.22亿, 3 firms, 15 patents, 3.2% for 1 year, trust-loan model, 滨江担保 guarantee', () => {
    const d = load('xinxin-factoring-2023-1');
    expect(total(d.liabilities.tranches)).to.equal(22_000_000);
    expect(d.pool.obligors).to.have.length(3);
    expect(patents(d)).to.equal(15);
    expect(d.liabilities.tranches[0]!.coupon).to.deep.equal({ type: 'fixed', rate: 0.032 });
    expect(d.pool.obligors.every((o) => o.asset.kind === 'entrusted-loan' && o.asset.channel === 'trust')).to.equal(true);
    expect(d.enhancements[0]!.kind).to.equal('guarantee');
    expect(d.meta.market).to.equal('interbank-abn');
  });

  it('兴业圆融-广州开发区: 3.01亿, 11 firms, exclusive patent licence and licence-back, senior 4%, issued 2019-09-11', () => {
    const d = load('xingye-guangzhou-licence-2019');
    expect(total(d.liabilities.tranches)).to.equal(301_000_000);
    expect(d.pool.obligors).to.have.length(11);
    expect(d.pool.obligors.every((o) => o.asset.kind === 'licence-royalty' && o.asset.licence === 'exclusive')).to.equal(true);
    expect(d.liabilities.tranches[0]!.coupon).to.deep.equal({ type: 'fixed', rate: 0.04 });
    expect(d.meta.issueDate).to.equal('2019-09-11');
  });

  it('the Yuhang second issue: under the same 10亿 shelf as issue 1, with the same municipal and district guarantors', () => {
    const first = load('yuhang-abn-2023');
    const second = load('yuhang-abn-2023-2');
    expect(second.meta.shelf).to.deep.equal({ capacity: 1_000_000_000, issueNumber: 2 });
    const ids = (d: Deal) => d.enhancements.flatMap((e) => (e.kind === 'guarantee' ? e.guarantors.map((g) => g.id) : []));
    expect(ids(second)).to.deep.equal(ids(first));
    expect(second.meta.issueDate > first.meta.issueDate && second.meta.issueDate < first.meta.maturityDate).to.equal(true);
  });

  for (const id of NEW_DEALS) {
    it(`${id}: reconciles to the fen, repays every note in the base case with no enhancement drawn, and every provenance fact names its source`, () => {
      const d = load(id);
      const r = runExact(d);
      expect(r.reconciled).to.equal(true);
      expect(r.totals.enhancementDraws).to.equal(0);
      for (const t of Object.values(r.totals.tranches)) {
        expect(t.finalBalance).to.equal(0);
        expect(t.interestShortfall).to.equal(0);
      }
      const facts = d.provenance.filter((p) => p.kind === 'fact');
      expect(facts.length).to.be.greaterThan(2);
      for (const f of facts) expect(f.source, f.path).to.match(/DOMAIN\.md/);
      expect(d.provenance.filter((p) => p.kind === 'assumption').length).to.be.greaterThan(5);
    });
  }

  it('simulates reproducibly: the same seed gives the same numbers, on one thread or two (鑫欣保理 with its trust-company agent)', async function () {
    this.timeout(60_000);
    const d = load('xinxin-factoring-2023-1');
    const a = simulateHere(d, { paths: 8192, seed: 9 });
    const b = await simulate(d, { paths: 8192, seed: 9, threads: 2 });
    const strip = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'threads' || k === 'elapsedMs' ? undefined : v));
    expect(strip(b)).to.equal(strip(a));
    expect(a.assetAgents[0]!.id).to.equal('trust-company');
  });
});

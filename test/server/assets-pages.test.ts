// The asset models in the web app: the library groups deals by asset model with their sources; the
// Learn pages walk every structure's deals (and revolving purchases and the clean-up call) period by
// period with every yuan accounted for, in the page's language.
import { expect } from 'chai';
import request from 'supertest';
import { listen, type Listening } from './helpers.js';
import { LEARN_STRUCTURES, walkPeriod } from '../../server/present/learn.js';
import { validateDeal, formatProblem } from '../../models/deal-format/validate.js';
import { runExact } from '../../models/engine/exact.js';
import { loadScenario, SCENARIO_DIR } from '../support/scenarios.js';
import { revolvingDeal } from '../support/revolving-deal.js';

describe('asset models in the web app', function () {
  this.timeout(30_000);
  let t: Listening;
  before(async () => { t = await listen({}); });
  after(() => t.dispose());

  it('GET /api/deals: each deal carries its asset model and the sources of its facts', async () => {
    const r = await request(t.baseUrl).get('/api/deals').expect(200);
    const byId = new Map((r.body.deals as Array<{ id: string; glance: { assetModel: string; sources: string[] } }>).map((d) => [d.id, d.glance]));
    expect(byId.get('wenke-lease-2019')!.assetModel).to.equal('finance-lease');
    expect(byId.get('xinxin-factoring-2023-1')!.assetModel).to.equal('entrusted-loan');
    expect(byId.get('longhua-hti-ip1-2021')!.assetModel).to.equal('pledged-loan');
    expect(byId.get('yuhang-abn-2023')!.assetModel).to.equal('licence');
    expect(byId.get('longhua-hti-ip1-2021')!.sources).to.deep.equal(['DOMAIN.md, "Real Chinese IP securitizations with public figures" (Longhua district government)']);
  });

  it('every shipped deal is walked on a Learn page of its structure', () => {
    const walked = LEARN_STRUCTURES.flatMap((s) => s.deals);
    for (const id of ['nanshan-hti-ip5-2022', 'longhua-hti-ip1-2021', 'wenke-lease-2019', 'xinxin-factoring-2023-1', 'xingye-guangzhou-licence-2019', 'yuhang-abn-2023-2']) {
      expect(walked, id).to.include(id);
    }
  });

  it('GET /api/learn/pledged-ip-micro-loans?deal=longhua-hti-ip1-2021 walks Longhua; a deal of another structure is a 400 naming the allowed ones', async () => {
    const r = await request(t.baseUrl).get('/api/learn/pledged-ip-micro-loans?deal=longhua-hti-ip1-2021&period=2').expect(200);
    expect(r.body.glance.id).to.equal('longhua-hti-ip1-2021');
    expect(r.body.reconciled).to.equal(true);
    const bad = await request(t.baseUrl).get('/api/learn/pledged-ip-micro-loans?deal=yuhang-abn-2023').expect(400);
    expect(bad.body.error).to.equal('deal: "yuhang-abn-2023" is not a deal of this structure (deals: nanshan-hti-ip5-2022, longhua-hti-ip1-2021, revolving-microloan-illustration)');
  });

  it('the lease and trust-loan Learn pages speak the page\'s language', async () => {
    const zh = await request(t.baseUrl).get('/learn/ip-finance-lease?lang=zh').expect(200);
    expect(zh.text).to.include('售后回租：出租人购买企业的著作权或专利再回租给企业');
    const en = await request(t.baseUrl).get('/learn/trust-loan-abn?lang=en').expect(200);
    expect(en.text).to.include('The money reaches the firms through a trust company');
  });

  it('every period of every new deal reconciles on its Learn page, and a revolving deal shows its purchases and the clean-up call', () => {
    for (const s of LEARN_STRUCTURES) {
      for (const id of s.deals) {
        const deal = loadScenario(`${SCENARIO_DIR}${id}.json`);
        const report = runExact(deal);
        for (let n = 1; n <= report.periods.length; n++) expect(walkPeriod(s, deal, report, n).reconciled, `${id} period ${n}`).to.equal(true);
      }
    }
    // The shipped revolving illustration is walked on the micro-loan page: purchases in period 1, the call in period 7.
    const micro = LEARN_STRUCTURES.find((x) => x.slug === 'pledged-ip-micro-loans')!;
    const illustration = loadScenario(`${SCENARIO_DIR}revolving-microloan-illustration.json`);
    const shipped = runExact(illustration);
    expect(walkPeriod(micro, illustration, shipped, 1).steps.find((x) => x.titleZh === '循环购买')!.change).to.equal(-45_000_000.09);
    expect(walkPeriod(micro, illustration, shipped, 7).steps.find((x) => x.titleZh === '清仓回购')!.change).to.equal(8_282_285.74);
    // Period 7's collections all come from loans bought while revolving: the walk says so rather than "0 payments".
    const seventh = walkPeriod(micro, illustration, shipped, 7).steps.find((x) => x.titleZh === '回收款归集')!;
    expect(seventh.amounts).to.deep.equal([{ label: 'from the assets bought while revolving (循环购买)', amount: 15_995_044.2 }]);
    const v = validateDeal(revolvingDeal());
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const report = runExact(v.deal);
    const first = walkPeriod(LEARN_STRUCTURES[0]!, v.deal, report, 1);
    expect(first.reconciled).to.equal(true);
    expect(first.steps.find((x) => x.titleZh === '循环购买')!.change).to.equal(-report.periods[0]!.purchases);
    const called = report.periods.findIndex((p) => p.callProceeds > 0);
    const last = walkPeriod(LEARN_STRUCTURES[0]!, v.deal, report, called + 1);
    expect(last.reconciled).to.equal(true);
    expect(last.steps.find((x) => x.titleZh === '清仓回购')!.change).to.equal(report.periods[called]!.callProceeds);
  });
});

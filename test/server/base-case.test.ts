import { expect } from 'chai';
import request from 'supertest';
import { makeApp, yuhangAs, type TestApp } from './helpers.js';

// The server says a base case that relies on enhancement as a warning — beside the problems, never
// among them — when validating as you type, when saving, and on the deal page.
describe('base case that relies on enhancement (API and deal page)', () => {
  let t: TestApp;
  beforeEach(() => { t = makeApp(); });
  afterEach(() => t.dispose());

  const tenPercent = (id: string) => {
    const d = yuhangAs(id) as { liabilities: { tranches: Array<{ coupon: { rate: number } }> } };
    d.liabilities.tranches[0]!.coupon.rate = 0.1;
    return d;
  };

  it('POST /api/validate: valid, no problems, and a warning with the total and the periods', async () => {
    const res = await request(t.app).post('/api/validate').send({ text: JSON.stringify(tenPercent('ten')) }).expect(200);
    expect(res.body.valid).to.equal(true);
    expect(res.body.problems).to.deep.equal([]);
    expect(res.body.warnings).to.have.length(1);
    expect(res.body.warnings[0].message).to.match(/^relies on enhancement in the base case: 8,877,749\.99 drawn with no defaults \(period 1 2023-06-16: undertaking 2,246,971\.23; /);
    expect(res.body.warningMessages[0]).to.equal(res.body.warnings[0].message);
  });

  it('POST /api/validate answers in the page\'s language (Accept-Language zh)', async () => {
    const res = await request(t.app).post('/api/validate').set('Accept-Language', 'zh-CN').send(tenPercent('ten')).expect(200);
    expect(res.body.warnings[0].message).to.include('基准情景（无违约）依赖增信：共动用 8,877,749.99');
  });

  it('a shipped scenario validates with no warning', async () => {
    const res = await request(t.app).post('/api/validate').send(yuhangAs('yuhang-abn-2023')).expect(200);
    expect(res.body.warnings).to.deep.equal([]);
  });

  it('saving keeps the deal (201) and returns the warning; the deal API and page show both facts', async () => {
    const saved = await request(t.app).put('/api/deals/ten').send(tenPercent('ten')).expect(201);
    expect(saved.body.warnings[0].message).to.match(/^relies on enhancement in the base case: 8,877,749\.99/);
    const api = await request(t.app).get('/api/deals/ten').expect(200);
    expect(api.body.valid).to.equal(true);
    expect(api.body.warningMessages[0]).to.match(/^relies on enhancement in the base case: 8,877,749\.99/);
    const sched = await request(t.app).get('/api/deals/ten/schedule').expect(200);
    expect(sched.body.report.baseCase).to.include({ enhancementDrawsTotal: 8_877_749.99, selfFunding: false });
    const page = await request(t.app).get('/deals/ten').expect(200);
    expect(page.text).to.match(/<span class="badge ok" id="badge-reconciled">cash reconciled to the fen<\/span>/);
    expect(page.text).to.match(/<span class="badge warn" id="badge-self-funding">relies on enhancement in the base case: 8,877,749\.99<\/span>/);
    expect(page.text).to.include('period 4 2024-03-15: undertaking 2,173,547.94');
    const zh = await request(t.app).get('/deals/ten?lang=zh').expect(200);
    expect(zh.text).to.include('基准情景依赖增信：8,877,749.99');
  });

  it('the shipped Yuhang deal page says it is self-funding', async () => {
    const page = await request(t.app).get('/deals/yuhang-abn-2023').expect(200);
    expect(page.text).to.match(/<span class="badge ok" id="badge-self-funding">self-funding in the base case<\/span>/);
    expect(page.text).to.not.include('id="base-case-warnings"');
  });

  describe('cost-plus pricing', () => {
    const costPlus = (id: string, changes: { coupon?: number; margin?: unknown } = {}) => {
      const d = yuhangAs(id) as { pool: Record<string, unknown>; liabilities: { tranches: Array<{ coupon: { rate: number } }> } };
      d.pool.pricing = { rule: 'cost-plus', margin: changes.margin ?? { type: 'bp', bp: 0 } };
      if (changes.coupon !== undefined) d.liabilities.tranches[0]!.coupon.rate = changes.coupon;
      return d;
    };

    it('PUT refuses a price that cannot be met with 422 naming the field, and writes nothing', async () => {
      const res = await request(t.app).put('/api/deals/too-dear').send(costPlus('too-dear', { coupon: 0.3 })).expect(422);
      expect(res.body.error).to.match(/^deal is not valid: pool\.pricing: cost-plus cannot be met: the assets cannot pay the notes at any rate from 0% to 24% a year/);
      expect(await t.ctx.deals.store.read('too-dear')).to.equal(null);
      const neg = await request(t.app).put('/api/deals/neg').send(costPlus('neg', { margin: { type: 'bp', bp: -1 } })).expect(422);
      expect(neg.body.error).to.include('pool.pricing.margin.bp: must not be negative');
      await request(t.app).get('/api/health').expect(200);
    });

    it('POST /api/validate reports it as a problem (valid false), not a warning', async () => {
      const res = await request(t.app).post('/api/validate').send(costPlus('too-dear', { coupon: 0.3 })).expect(200);
      expect(res.body.valid).to.equal(false);
      expect(res.body.messages[0]).to.match(/^pool\.pricing: cost-plus cannot be met/);
      expect(res.body.warnings).to.deep.equal([]);
    });

    it('a saved cost-plus copy: the deal page shows the solved price and the firms\' cost, which follow the coupon', async () => {
      await request(t.app).put('/api/deals/cp').send(costPlus('cp', { coupon: 0.037 })).expect(201);
      const page = await request(t.app).get('/deals/cp').expect(200);
      expect(page.text).to.include('cost-plus: 3.7750% a year, the notes&#39; break-even 3.7750% + 0 bp margin');
      expect(page.text).to.match(/<div id="fact-firms-cost"><dt>Firms&#39; all-in cost 综合融资成本<\/dt><dd>4\.70% before subsidy, 4\.70% after subsidy/);
      expect(page.text).to.match(/<span class="badge ok" id="badge-self-funding">/);
      const lib = await request(t.app).get('/api/deals').expect(200);
      const entry = (lib.body.deals as Array<{ id: string; cost: { allInCostRate: number } | null }>).find((d) => d.id === 'cp');
      expect(entry!.cost!.allInCostRate).to.be.closeTo(0.04698, 5e-5);
      const cmp = await request(t.app).get('/api/compare?ids=cp,yuhang-abn-2023').expect(200);
      expect(cmp.body.costText.cp.pricing).to.equal('cost-plus: 3.7750% a year, the notes\' break-even 3.7750% + 0 bp margin');
      expect(cmp.body.costText['yuhang-abn-2023'].gap).to.match(/^the firms pay the trust at fixed: .*; 65 bp a year of that is excess spread returned to the originator; the issuer's cost is the notes' coupons and fees, with 70 bp a year of enhancement fees the firms do not pay\.$/);
    });
  });
});


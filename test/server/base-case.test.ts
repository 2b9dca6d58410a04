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
});

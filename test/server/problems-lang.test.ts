// The server's error answers and validation messages follow the request's language (the page's
// cookie or Accept-Language); English clients get the English they always had.
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, yuhangJson, YUHANG, type TestApp } from './helpers.js';
import { ipabs } from '../support/cli.js';
import { SCENARIO_DIR } from '../support/scenarios.js';

describe('problems and errors in the request\'s language', () => {
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  it('validates as you type in Chinese, with each problem\'s kind for other clients', async () => {
    const deal = yuhangJson() as unknown as { liabilities: { tranches: Array<Record<string, unknown>> } };
    const broken = { ...deal, liabilities: { tranches: [{ ...deal.liabilities.tranches[0], coupon: { type: 'fixed', rate: 27 } }] } };
    const zh = await request(t.app).post('/api/validate').set('Cookie', 'ipabs_lang=zh').send(broken).expect(200);
    expect(zh.body.messages).to.deep.equal(['liabilities.tranches[0].coupon.rate: 必须在 0 与 1 之间，实为 27']);
    expect(zh.body.problems[0]).to.include({ path: 'liabilities.tranches[0].coupon.rate', message: 'must be between 0 and 1, got 27', key: 'problem.between' });
    expect(zh.body.problems[0].params).to.deep.equal({ lo: '0', hi: '1', got: '27' });
    const en = await request(t.app).post('/api/validate').send(broken).expect(200);
    expect(en.body.messages).to.deep.equal(['liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27']);
  });

  it('answers errors in Chinese for a Chinese page: an id taken, a bad id, an invalid deal', async () => {
    const taken = await request(t.app).post('/api/deals').set('Cookie', 'ipabs_lang=zh').send({ id: YUHANG, from: YUHANG }).expect(409);
    expect(taken.body.error).to.equal(`id: 交易 "${YUHANG}" 已存在（请换一个编号，或编辑该交易）`);
    const bad = await request(t.app).get('/api/deals/Bad%20Id').set('Accept-Language', 'zh-CN').expect(400);
    expect(bad.body.error).to.match(/^id: 必须是由小写字母、数字、"\."、"_" 或 "-" 组成的交易编号/);
    const invalid = await request(t.app).put('/api/deals/x1').set('Cookie', 'ipabs_lang=zh').send({ ...yuhangJson(), meta: { ...yuhangJson().meta, id: 'x1', currency: 'EUR' } }).expect(422);
    expect(invalid.body.error).to.match(/^交易无效：meta\.currency: 必须是 "CNY", "CNH", "HKD", "USD" 之一，实为 "EUR"/);
    expect(invalid.body.problems[0].text).to.equal('必须是 "CNY", "CNH", "HKD", "USD" 之一，实为 "EUR"');
    const page = await request(t.app).get('/deals/ghost?lang=zh').set('Accept', 'text/html').expect(404);
    expect(page.text).to.contain('id: 没有交易 &#34;ghost&#34;（现有交易见 GET /api/deals）');
    expect(page.text).to.contain('<title>错误 404 · ipabs</title>');
  });

  it('prints the CLI\'s problems in Chinese', async () => {
    const r = await ipabs('simulate', `${SCENARIO_DIR}yuhang-abn-2023.json`, '--paths', 'x', '--lang', 'zh');
    expect(r.code).to.equal(1);
    expect(r.err).to.equal('ipabs simulate: --paths: 必须是 1 至 50000000 之间的整数，实为 "x"');
  });
});

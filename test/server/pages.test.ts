import { expect } from 'chai';
import request from 'supertest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeApp, yuhangAs, YUHANG, type TestApp } from './helpers.js';
import { projectRoot } from '../../server/config.js';

const XSS = '<script>alert("x")</script>';

describe('HTML pages', () => {
  let t: TestApp;
  before(async () => {
    t = makeApp();
    await request(t.app).put('/api/deals/xss-deal').send(yuhangAs('xss-deal', { name: XSS, nameZh: `<img src=x onerror=alert(1)>`, description: `</textarea>${XSS}` })).expect(201);
    await t.ctx.deals.store.save('not-valid', JSON.stringify({ schemaVersion: 1, meta: { id: 'not-valid' } }));
  });
  after(() => t.dispose());

  it('serves the library shell, which loads its rows from /api/deals', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).to.contain('Deal library');
    expect(res.text).to.contain('/static/js/library.js');
    expect(res.headers['content-security-policy']).to.contain("script-src 'self'");
  });

  it('renders the deal page with the diagram, tranche table and schedule in people\'s numbers', async () => {
    const res = await request(t.app).get(`/deals/${YUHANG}`).expect(200);
    expect(res.text).to.contain('<svg xmlns="http://www.w3.org/2000/svg" class="deal-diagram"');
    expect(res.text).to.contain('133,000,000.00 (1.33亿)');
    expect(res.text).to.contain('905,128.77');
    expect(res.text).to.contain('cash reconciled to the fen');
    expect(res.text).to.contain(`/api/deals/${YUHANG}/schedule.xlsx`);
  });

  it('escapes everything user-supplied: page text, diagram labels and the editor text', async () => {
    for (const path of ['/deals/xss-deal', '/deals/xss-deal/edit', '/api/deals/xss-deal/diagram.svg']) {
      const res = await request(t.app).get(path).expect(200);
      const body = res.text ?? String(res.body);
      expect(body, path).to.not.contain('<script>alert');
      expect(body, path).to.not.contain('<img src=x');
      expect(body, path).to.not.contain('</textarea><script>');
    }
    const page = await request(t.app).get('/deals/xss-deal').expect(200);
    expect(page.text).to.contain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
  });

  it('shows an invalid saved deal\'s problems and a link to the editor', async () => {
    const res = await request(t.app).get('/deals/not-valid').expect(200);
    expect(res.text).to.contain('This deal is not valid');
    expect(res.text).to.contain('meta.name: is required');
    expect(res.text).to.contain('/deals/not-valid/edit');
  });

  it('answers a traversal id with a 400 page and an unknown deal with a 404 page', async () => {
    const a = await request(t.app).get('/deals/..%2F..%2Fetc%2Fpasswd').set('Accept', 'text/html').expect(400);
    expect(a.text).to.contain('id: must be a deal id');
    expect(a.text).to.not.contain('root:');
    await request(t.app).get('/deals/ghost').set('Accept', 'text/html').expect(404);
    await request(t.app).get('/no/such/page').set('Accept', 'text/html').expect(404);
  });

  it('renders the editor, run, compare, size and learn pages', async () => {
    for (const [path, text] of [
      [`/deals/${YUHANG}/edit`, 'This is a shipped scenario (read-only)'],
      [`/runs?deal=${YUHANG}`, 'Start run'],
      ['/compare', 'Compare deals'],
      ['/size', 'Size the enhancement'],
      ['/learn', 'Learn IP securitization'],
      ['/learn/glossary', '差额支付承诺'],
      ['/learn/calendar?year=2024&calendar=CN-IB', '<td>2024-09-29</td><td>Sun</td><td>open</td><td>makeup-workday</td>'],
      ['/learn/calendar?year=2024&calendar=CN-IB', 'CN-IB 2024: 251 business days.'],
      ['/learn/calendar?year=2024&calendar=CN-IB', '<td>makeup-workday</td><td>调休上班日 make-up working day (国庆节 National Day)</td>'],
      ['/learn/calendar?year=2024&calendar=CN-IB&lang=zh', '<td>调休上班</td><td>调休上班日（国庆节）</td>'],
      ['/learn/exclusive-licence-abn', '133,000,000.00 × 2.70% × 92/365 = 905,128.77'],
    ] as const) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.text, path).to.contain(text);
    }
  });

  it('says plainly when a learn page\'s scenario is not there yet', async () => {
    const file = resolve(projectRoot, 'scenarios', 'futian-n-plus-1-2023.json');
    const res = await request(t.app).get('/learn/n-plus-1-cross-border');
    if (existsSync(file)) expect(res.status).to.equal(200);
    else {
      expect(res.status).to.equal(503);
      expect(res.text).to.contain('Not available yet: scenario: futian-n-plus-1-2023.json is not available yet');
    }
  });

  it('serves Chart.js from its dist folder and the page scripts', async () => {
    await request(t.app).get('/vendor/chart.js/chart.umd.min.js').expect(200).expect('Content-Type', /javascript/);
    await request(t.app).get('/static/js/run.js').expect(200);
    await request(t.app).get('/static/css/style.css').expect(200);
  });
});

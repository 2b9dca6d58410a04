// The footer's API link leads somewhere on every page (issue 14: "API: /api" was a 404): /api is
// the API reference (docs/api.md) for a browser and an index of the routes for a JSON client.
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, type TestApp } from './helpers.js';
import { markdownToHtml } from '../../server/present/markdown.js';

describe('API reference at /api', () => {
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  it('is the target of the footer link on every page, and answers', async () => {
    for (const path of ['/', '/compare', '/learn', '/learn/glossary']) {
      const page = await request(t.app).get(path).expect(200);
      const href = /<footer[^]*?<a href="([^"]+)"/.exec(page.text)?.[1];
      expect(href, path).to.equal('/api');
    }
    const res = await request(t.app).get('/api').set('Accept', 'text/html').expect(200);
    expect(res.text).to.contain('<h3 id="deals">Deals</h3>');
    expect(res.text).to.contain('<code>POST /api/deals</code>');
    expect(res.text).to.match(/<table class="data"><thead><tr><th>status<\/th>/);
  });

  it('answers a JSON client with an index of the routes', async () => {
    const res = await request(t.app).get('/api').set('Accept', 'application/json').expect(200);
    expect(res.body.docs).to.equal('docs/api.md');
    expect(res.body.health).to.equal('/api/health');
  });

  it('is in the page language around the English reference', async () => {
    const res = await request(t.app).get('/api?lang=zh').set('Accept', 'text/html').expect(200);
    expect(res.text).to.contain('<html lang="zh-CN">');
    expect(res.text).to.contain('<article class="doc" lang="en">');
  });

  it('escapes markup in a doc', () => {
    expect(markdownToHtml('a <script>x</script> `b<c>`')).to.equal('<p>a &lt;script&gt;x&lt;/script&gt; <code>b&lt;c&gt;</code></p>');
  });
});

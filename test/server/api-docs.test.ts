// The footer's API link leads somewhere on every page (issue 14: "API: /api" was a 404): /api is
// the API reference (docs/api.md, in Chinese docs/api.zh-CN.md) for a browser and an index of the
// routes for a JSON client.
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, type TestApp } from './helpers.js';
import { markdownToHtml } from '../../server/present/markdown.js';
import { apiReferenceHtml, sectionDrift } from '../../server/present/api-docs.js';
import { translator } from '../../models/i18n/index.js';
import { projectRoot } from '../../server/config.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

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
    expect(res.body.docsZh).to.equal('docs/api.zh-CN.md');
    expect(res.body.health).to.equal('/api/health');
  });

  describe('in Chinese (docs/api.zh-CN.md, matched to docs/api.md section by section)', () => {
    const page = async (lang: string) => (await request(t.app).get(`/api?lang=${lang}`).set('Accept', 'text/html').expect(200)).text;
    const routes = (html: string) => new Set([...html.matchAll(/<code>((?:GET|POST|PUT|PATCH|DELETE) \/[^<]*)<\/code>/g)].map((m) => m[1]));
    const anchors = (html: string) => [...html.matchAll(/<h[2-4] id="([^"]*)"/g)].map((m) => m[1]);

    it('has Chinese headings, explanations and table headers, and no "English only" note', async () => {
      const zh = await page('zh');
      expect(zh).to.contain('<html lang="zh-CN">');
      expect(zh).to.contain('<article class="doc" lang="zh-CN">');
      expect(zh).to.contain('<h3 id="status-codes">状态码</h3>');
      expect(zh).to.contain('<h3 id="monte-carlo-runs">蒙特卡洛模拟</h3>');
      // A translated heading keeps the English anchor, so rating.md's api.md#domestic-rating link works in both.
      expect(zh).to.contain('<h3 id="domestic-rating">境内评级</h3>');
      expect(zh).to.match(/<thead><tr><th>状态码<\/th><th>何时返回<\/th><\/tr><\/thead>/);
      expect(zh).to.contain('<th>环境变量</th><th>默认值</th><th>含义</th>');
      expect(zh).to.contain('标准误');
      expect(zh).to.contain('目标违约率');
      expect(zh).to.not.contain('接口文档以英文撰写');
      expect(/<article[^]*<\/article>/.exec(zh)?.[0], 'the reference').to.not.contain('本节尚未译入');
      // Identifiers stay as they are: a route heading is the route itself.
      expect(zh).to.contain('<h4 id="post-api-runs"><code>POST /api/runs</code></h4>');
      expect(zh).to.contain('<code>{ dealId, paths?, seed?, stress? }</code>');
    });

    it('lists every route the English page lists, and no other, under the same anchors in the same order', async () => {
      const [en, zh] = [await page('en'), await page('zh')];
      expect(routes(en).size).to.be.greaterThan(60);
      expect([...routes(zh)].sort()).to.deep.equal([...routes(en)].sort());
      expect(anchors(zh)).to.deep.equal(anchors(en));
      expect(en).to.contain('<h3 id="status-codes">Status codes</h3>');
      expect(en).to.contain('<article class="doc" lang="en">');
    });

    it('covers every section of docs/api.md', async () => {
      const doc = (name: string) => readFile(resolve(projectRoot, 'docs', name), 'utf8');
      expect(sectionDrift(await doc('api.md'), await doc('api.zh-CN.md'))).to.deep.equal({ untranslated: [], unknown: [] });
    });

    it('shows a section the translation lacks in English, marked, in its place; drops one docs/api.md lacks', () => {
      const english = '# Title\n\nIntro.\n\n## Deals\n\n### `GET /api/a`\nA.\n\n### `GET /api/b`\nB.\n';
      const chinese = '# 标题 {#title}\n\n简介。\n\n## 交易 {#deals}\n\n### `GET /api/a`\n甲。\n\n### `GET /api/gone`\n旧。\n';
      const html = apiReferenceHtml(english, chinese, 'zh', translator('zh'));
      expect(html).to.equal([
        '<h2 id="title">标题</h2>\n<p>简介。</p>',
        '<h3 id="deals">交易</h3>',
        '<h4 id="get-api-a"><code>GET /api/a</code></h4>\n<p>甲。</p>',
        '<div lang="en"><h4 id="get-api-b"><code>GET /api/b</code></h4>\n<p>B.</p><p class="note" lang="zh-CN">本节尚未译入 docs/api.zh-CN.md，以上为 docs/api.md 的英文原文。</p></div>',
      ].join('\n'));
      expect(sectionDrift(english, chinese)).to.deep.equal({ untranslated: ['get-api-b'], unknown: ['get-api-gone'] });
    });
  });

  it('joins a paragraph\'s lines with a space between English words and none beside Chinese', () => {
    expect(markdownToHtml('one\ntwo\n中文，\n接着\n`code`\n说明\n文字')).to.equal('<p>one two 中文，接着 <code>code</code> 说明文字</p>');
  });

  it('gives a heading an explicit {#anchor} when it has one', () => {
    expect(markdownToHtml('## 状态码 {#status-codes}')).to.equal('<h3 id="status-codes">状态码</h3>');
    expect(markdownToHtml('## Status codes')).to.equal('<h3 id="status-codes">Status codes</h3>');
  });

  it('escapes markup in a doc', () => {
    expect(markdownToHtml('a <script>x</script> `b<c>`')).to.equal('<p>a &lt;script&gt;x&lt;/script&gt; <code>b&lt;c&gt;</code></p>');
  });
});

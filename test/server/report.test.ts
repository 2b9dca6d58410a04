// The deal report as HTML and as a PDF printed by the headless Chromium, read back with a PDF text
// extractor: the deal's figures, the run's estimates with their intervals, in either language.
import { expect } from 'chai';
import request from 'supertest';
import { binary } from '../support/http.js';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';
import { pdfText } from '../support/pdf-text.js';

/** Text with every run of white space as one space (PDF lines break where the page does). */
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('deal report (HTML and PDF)', function () {
  this.timeout(90_000);
  let t: TestApp;
  let runId = '';
  let result: { tranches: Array<{ expectedLossRate: number; expectedLossRateCI95: [number, number]; impliedRating: string }>; pool: { expectedLossRate: number } };
  before(async () => {
    t = makeApp();
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: 3000, seed: 11 }).expect(202);
    runId = a.body.run.id;
    const done = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${runId}`);
      return r.body.run.state === 'done' ? r.body : r.body.run.state === 'failed' ? Promise.reject(new Error(r.body.run.error)) : undefined;
    }, 40_000, 'the run');
    result = done.result;
  });
  after(() => t.dispose());

  it('shows the report as HTML with the latest run of the deal and a link to its PDF', async () => {
    const res = await request(t.app).get(`/deals/${YUHANG}/report?lang=en`).expect(200);
    expect(res.text).to.contain('<h1 id="report-title">Yuhang exclusive-licence IP ABN, first issue (2023)</h1>');
    expect(res.text).to.contain(`href="/api/deals/${YUHANG}/report.pdf?lang=en&amp;run=${runId}"`);
    expect(res.text).to.contain('905,128.77');
  });

  it('prints an English PDF whose text holds the deal\'s figures and the run\'s estimates with intervals', async () => {
    const res = await request(t.app).get(`/api/deals/${YUHANG}/report.pdf?lang=en&run=${runId}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=${YUHANG}-report-en.pdf`);
    const { pages, text } = await pdfText(res.body as Buffer);
    expect(pages).to.be.greaterThan(2);
    const s = squash(text);
    for (const fig of ['Deal report', 'Yuhang exclusive-licence IP ABN', '133,000,000.00 (1.33亿) CNY', '905,128.77', '2.70%', 'Base-case schedule', 'Monte Carlo results', 'Provenance', 'ABN trust']) expect(s, fig).to.contain(fig);
    const tr = result.tranches[0]!;
    // The senior tranche's expected loss and its 95% interval, in bp as the report prints them.
    expect(s).to.contain(`${(tr.expectedLossRate * 1e4).toFixed(2)} bp`);
    expect(s).to.contain(`${(tr.expectedLossRateCI95[1] * 1e4).toFixed(2)} bp`);
    expect(s).to.contain(`${(result.pool.expectedLossRate * 100).toFixed(2)}%`);
    expect(s).to.contain(`Run ${runId}: 3,000 paths, seed 11`);
    // The domestic scale from the rating engine, its target default rates from the same run.
    expect(s).to.contain('Domestic rating scale (TDR / BDR)');
    expect(s).to.contain(`Target default rates from Monte Carlo run ${runId} (3,000 paths) of this pool.`);
    expect(s).to.match(/senior (AAA|AA\+|AA|AA-|A\+|A|A-|BBB\+|BBB|BBB-|BB\+|BB|BB-)\(sf\)/);
  });

  it('prints the report in Chinese, with the market\'s own terms', async () => {
    const res = await request(t.app).get(`/api/deals/${YUHANG}/report.pdf?lang=zh`).buffer(true).parse(binary).expect(200);
    const s = squash((await pdfText(res.body as Buffer)).text);
    for (const term of ['交易报告', '基准情形现金流', '蒙特卡洛模拟结果', '优先级', '数据来源', '差额支付承诺', '133,000,000.00']) expect(s, term).to.contain(term);
  });

  it('says everything in Chinese that is not the deal\'s own data: its Chinese name, the diagram, tranche and enhancement names, the baseline and the notes', async () => {
    const res = await request(t.app).get('/deals/futian-n-plus-1-2023/report?lang=zh').expect(200);
    const html = res.text;
    expect(html).to.contain('<h1 id="report-title">福田区深港跨境&#34;N+1&#34;知识产权证券化（2023）</h1>');
    expect(html).to.contain('<p class="subtitle" lang="en">Futian Shenzhen-Hong Kong cross-border &#34;N+1&#34; IP securitization (2023)</p>');
    // The diagram in Chinese (as on the Chinese deal page), not its English labels.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).to.contain('优先级：1.275亿');
    expect(svg).not.to.contain('Senior');
    // Tranches by their Chinese names, the undertaking by the market's term, fee payees by role.
    expect(html).to.match(/<td>优先级资产支持证券<\/td><td>优先级<\/td><td class="num">127,500,000.00<\/td>/);
    expect(html).to.contain('<td>差额支付承诺</td>');
    expect(html).to.contain('<th>费用收取方（资产服务机构）</th>');
    // The bank-loan baseline and the notes under the cost comparison.
    expect(html).to.contain('<li>知识产权质押银行贷款：各企业起息日的1Y LPR（3.45%-3.55%）+ 150 个基点，每 3 个月付息，评估费 0.50%，担保费每年 2.00%，享受同样贴息</li>');
    expect(html).to.contain('<li>结算通道的净成本（资金沉淀、支付手续费、预期混同损失，减去信托现金利息）按融资额比例分摊给资产池企业');
    const costSection = html.slice(html.indexOf('id="report-cost"'), html.indexOf('id="report-provenance"'));
    expect(costSection).not.to.match(/IP-pledge bank loan|the rail|Note/);
    // English data (the sources of the facts) is marked as English.
    expect(html).to.match(/<td lang="en">000_c92da1c673fd193c\.txt/);
    // A grade below the scale in the market's words.
    expect(html).not.to.contain('below BB(sf)');
  });

  it('refuses a run that is not this deal\'s finished run, and says so in the page\'s language', async () => {
    const res = await request(t.app).get(`/api/deals/futian-n-plus-1-2023/report.pdf?run=${runId}&lang=en`).expect(400);
    expect(res.body.error).to.equal(`run: ${runId} is not a finished Monte Carlo run of deal futian-n-plus-1-2023 (finished runs of this deal are listed on the Run page)`);
  });

  it('reports a deal with no run yet, saying how to get one', async () => {
    const res = await request(t.app).get('/deals/ningbo-ecny-2024/report?lang=en').expect(200);
    expect(res.text).to.contain('No finished Monte Carlo run of this deal yet');
  });
});

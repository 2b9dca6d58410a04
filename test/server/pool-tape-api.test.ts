// The pool tape over HTTP: template and pool downloads (CSV with a byte-order mark, XLSX with
// frozen headers in the page's language), and uploads that save nothing unless all is valid.
import { expect } from 'chai';
import request from 'supertest';
import { binary } from '../support/http.js';
import ExcelJS from 'exceljs';
import { makeApp, YUHANG, type TestApp } from './helpers.js';
import { poolTapeCsv } from '../../models/pool/tape/template.js';
import { loadScenario, SCENARIO_DIR } from '../support/scenarios.js';


describe('pool tape API', function () {
  this.timeout(20_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());
  const yuhangCsv = (lang: 'en' | 'zh' = 'en') => poolTapeCsv(lang, loadScenario(`${SCENARIO_DIR}${YUHANG}.json`).pool.obligors);

  it('downloads the template as CSV with a UTF-8 byte-order mark and as XLSX with frozen Chinese headers', async () => {
    const csv = await request(t.app).get('/api/pool-tape/template.csv?lang=zh').buffer(true).parse(binary).expect(200);
    expect(csv.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect([...csv.body.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(csv.body.toString('utf8').slice(1).split('\n')[0]).to.match(/^编号,名称,行业,资产类型,金额（元）,/);
    const x = await request(t.app).get('/api/pool-tape/template.xlsx').set('Accept-Language', 'zh-CN,zh;q=0.9').buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).to.equal('资产池');
    expect(wb.worksheets[0]!.views[0]).to.deep.include({ state: 'frozen', ySplit: 1, xSplit: 2 });
  });

  it('downloads a deal\'s pool as a tape whose amounts are numbers and whose start dates are dates', async () => {
    const x = await request(t.app).get('/api/deals/futian-n-plus-1-2023/pool.xlsx?lang=en').buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('E2').value).to.equal(15_000_000);
    expect(ws.getCell('H2').value).to.be.instanceOf(Date);
    expect((ws.getCell('H2').value as Date).toISOString().slice(0, 10)).to.equal('2023-08-05');
    expect(ws.getCell('S2').value).to.equal(0.015);
    expect(ws.getCell('S2').numFmt).to.equal('0.00%');
  });

  it('checks a tape without saving (?check=1), then saves it as a new deal from a shipped scenario', async () => {
    const edited = yuhangCsv().replace(',12000000,', ',1300万,').replace('2024-03-01 12102000.00', '2024-03-01 13102000.00');
    const check = await request(t.app).post(`/api/deals/${YUHANG}/pool?check=1&file=mine.csv`).set('Content-Type', 'text/csv').send(edited).expect(200);
    expect(check.body).to.deep.include({ id: YUHANG, saved: false, obligors: 14, funding: '134000000.00', sheet: 'mine', format: 'csv' });
    const refused = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=mine.csv`).set('Content-Type', 'text/csv').send(edited).expect(409);
    expect(refused.body.error).to.equal(`saveAs: "${YUHANG}" is a shipped scenario and cannot be changed; give saveAs=<new deal id> to save the imported pool as a new deal`);
    const saved = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=mine.csv&saveAs=yuhang-mine`).set('Content-Type', 'text/csv').send(edited).expect(201);
    expect(saved.body).to.deep.include({ id: 'yuhang-mine', saved: true, version: 1, from: YUHANG });
    const deal = await request(t.app).get('/api/deals/yuhang-mine').expect(200);
    expect(deal.body.valid).to.equal(true);
    expect(deal.body.deal.liabilities.tranches[0].balance).to.equal(134_000_000);
    expect(deal.body.deal.meta.name).to.equal('Yuhang exclusive-licence IP ABN, first issue (2023) (mine.csv)');
    // A second tape on the saved deal is a new version.
    const again = await request(t.app).post('/api/deals/yuhang-mine/pool?file=mine.csv').set('Content-Type', 'text/csv').send(yuhangCsv()).expect(200);
    expect(again.body.version).to.equal(2);
  });

  it('answers 422 with every bad cell in the page\'s language and saves nothing', async () => {
    const lines = yuhangCsv('zh').split('\n');
    lines[2] = lines[2]!.replace(',新一代信息技术,', ',太空旅游,');
    lines[3] = lines[3]!.replace(/,10500000,/, ',-10500000,');
    const res = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=${encodeURIComponent('资产池.csv')}&saveAs=never-saved&lang=zh`).set('Content-Type', 'text/csv').send(lines.join('\n')).expect(422);
    expect(res.body.problems.map((p: { path: string }) => p.path)).to.deep.equal(['资产池!C3', '资产池!E4']);
    expect(res.body.problems[1].message).to.equal('金额（元）不得为负数，实为 -10500000');
    expect(res.body.error).to.match(/^资产池!C3: 行业：未知行业“太空旅游”/);
    await request(t.app).get('/api/deals/never-saved').expect(404);
  });

  it('refuses a 50 MB upload with 413 and a file that is not a spreadsheet with 422, and keeps serving', async () => {
    const big = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=big.xlsx&check=1`).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(50 * 1024 * 1024, 1)).expect(413);
    expect(big.body.error).to.equal('big.xlsx: big.xlsx is 50.0 MB, larger than a pool tape may be (at most 20.0 MB)');
    const pdf = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=deal.pdf&check=1`).set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4 …')).expect(422);
    expect(pdf.body.error).to.equal('deal.pdf: deal.pdf is not a spreadsheet (it looks like a PDF document); upload an Excel workbook (.xlsx) or a CSV file');
    await request(t.app).get('/api/deals').expect(200);
  });
});

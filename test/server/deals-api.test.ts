import { expect } from 'chai';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { makeApp, yuhangAs, yuhangJson, YUHANG, type TestApp } from './helpers.js';
import { validateDealText, formatProblem } from '../../models/deal-format/validate.js';

describe('deal API (/api/deals, /api/validate, /api/schema)', () => {
  let t: TestApp;
  beforeEach(() => { t = makeApp({ limits: { bodyBytes: 200 * 1024 } }); });
  afterEach(() => t.dispose());

  describe('GET /api/deals', () => {
    it('lists the Yuhang scenario with its size, pool, coupon and enhancements at a glance', async () => {
      const res = await request(t.app).get('/api/deals').expect(200);
      const y = (res.body.deals as Array<{ id: string; source: string; valid: boolean; glance: Record<string, unknown> }>).find((d) => d.id === YUHANG);
      expect(y?.source).to.equal('scenario');
      expect(y?.valid).to.equal(true);
      const g = y?.glance as { size: number; obligors: number; appraisedValue: number; weightedCoupon: number; market: string; enhancements: Array<{ kind: string; capacity: number }>; subordinationShare: number };
      expect(g.size).to.equal(133_000_000);
      expect(g.obligors).to.equal(14);
      expect(g.appraisedValue).to.equal(174_000_000);
      expect(g.weightedCoupon).to.be.closeTo(0.027, 1e-12);
      expect(g.market).to.equal('interbank-abn');
      expect(g.enhancements.map((e) => [e.kind, e.capacity])).to.deep.equal([['shortfall-undertaking', 140_000_000], ['guarantee', 133_000_000]]);
      expect(g.subordinationShare).to.equal(0);
    });

    it('lists a saved deal that has become invalid with its problems instead of failing', async () => {
      await t.ctx.deals.store.save('broken-one', '{"schemaVersion": 1}');
      const res = await request(t.app).get('/api/deals').expect(200);
      const b = (res.body.deals as Array<{ id: string; valid: boolean; problems: string[] }>).find((d) => d.id === 'broken-one');
      expect(b?.valid).to.equal(false);
      expect(b?.problems).to.include('meta: is required (object)');
    });
  });

  describe('GET /api/deals/:id', () => {
    it('returns the deal JSON and its glance', async () => {
      const res = await request(t.app).get(`/api/deals/${YUHANG}`).expect(200);
      expect(res.body.deal.meta.id).to.equal(YUHANG);
      expect(res.body.glance.tranches[0].couponLabel).to.equal('2.70%');
    });
    it('answers 404 naming the id for an unknown deal', async () => {
      const res = await request(t.app).get('/api/deals/no-such-deal').expect(404);
      expect(res.body.error).to.equal('id: no deal "no-such-deal" (see GET /api/deals for the deals there are)');
    });
    for (const attempt of ['..%2F..%2Fetc%2Fpasswd', '..%2Fsecret', '%2E%2E', 'UPPER', '.hidden', '..%5C..%5Cwin.ini']) {
      it(`answers 400 for the id "${decodeURIComponent(attempt)}" and reads nothing outside the data folder`, async () => {
        const res = await request(t.app).get(`/api/deals/${attempt}`);
        expect(res.status).to.be.oneOf([400, 404]);
        expect(res.body.error).to.match(/^id: must be a deal id of lower-case letters/);
        expect(JSON.stringify(res.body)).to.not.match(/root:x?:0|"secret":true/);
      });
    }
    it('does not let a traversal reach the schedule, CSV or history routes either', async () => {
      for (const suffix of ['schedule', 'schedule.csv', 'schedule.xlsx', 'history', 'diagram.svg', 'versions/1']) {
        const res = await request(t.app).get(`/api/deals/..%2F..%2Fetc%2Fpasswd/${suffix}`);
        expect(res.status, suffix).to.equal(400);
      }
    });
  });

  describe('schedule exports', () => {
    it('GET /schedule returns the exact engine report (Yuhang period 1: 905,128.77 of interest)', async () => {
      const res = await request(t.app).get(`/api/deals/${YUHANG}/schedule`).expect(200);
      const p1 = res.body.report.periods[0];
      expect(p1.date).to.equal('2023-06-16');
      expect(p1.collections).to.equal(1_130_500);
      expect(p1.tranches.senior.interest).to.equal(905_128.77);
      expect(p1.fees).to.equal(25_142.46);
      expect(res.body.report.reconciled).to.equal(true);
      expect(res.body.table.header.slice(0, 4)).to.deep.equal(['period', 'date', 'collections', 'fees']);
    });

    it('GET /schedule.csv downloads the same rows as CSV', async () => {
      const res = await request(t.app).get(`/api/deals/${YUHANG}/schedule.csv`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).to.match(/^text\/csv/);
      expect(res.headers['content-disposition']).to.equal(`attachment; filename=${YUHANG}-schedule.csv`);
      const bytes = res.body as Buffer;
      // A UTF-8 byte-order mark first, so Excel on Chinese Windows reads the file as UTF-8.
      expect([...bytes.subarray(0, 3)], 'UTF-8 byte-order mark').to.deep.equal([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
      expect(lines[0]).to.equal('period,date,collections,fees,senior interest,senior principal,senior balance,enhancement draws,reserve top-up,residual,cash carried');
      expect(lines[1]).to.equal('1,2023-06-16,1130500.00,25142.46,905128.77,0.00,133000000.00,0.00,0.00,0.00,200228.77');
      expect(lines[5]?.startsWith('total,,137522000.00,')).to.equal(true);
    });

    it('GET /schedule.xlsx downloads a workbook whose cells hold the numbers', async () => {
      const res = await request(t.app).get(`/api/deals/${YUHANG}/schedule.xlsx`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((res.body as Buffer).buffer.slice((res.body as Buffer).byteOffset, (res.body as Buffer).byteOffset + (res.body as Buffer).byteLength) as ArrayBuffer);
      const ws = wb.getWorksheet('Schedule');
      expect(ws?.getRow(1).getCell(5).value).to.equal('senior interest');
      expect(ws?.getRow(5).getCell(6).value).to.equal(133_000_000);
      expect(ws?.getRow(2).getCell(5).value).to.equal(905_128.77);
      // Dates are Excel dates, the header row is frozen.
      expect(ws?.getRow(2).getCell(2).value).to.deep.equal(new Date('2023-06-16T00:00:00Z'));
      expect(ws?.views[0]).to.deep.include({ state: 'frozen', ySplit: 1 });
      const info = wb.getWorksheet('Issuance');
      const netRow = info?.getRows(1, 20)?.find((r) => r.getCell(1).value === 'net to firms');
      expect(netRow?.getCell(2).value).to.equal(132_144_350);
    });

    it('GET /diagram.svg draws firms, the ABN trust, the undertaker and both guarantors', async () => {
      const res = await request(t.app).get(`/api/deals/${YUHANG}/diagram.svg`).expect(200);
      expect(res.headers['content-type']).to.match(/^image\/svg\+xml/);
      const svg = String(res.body instanceof Buffer ? res.body.toString('utf8') : res.text);
      for (const s of ['Firms 企业 × 14', 'ABN trust', 'Undertaker 差额支付承诺人', 'cap 7980万 · 60%', 'cap 5320万 · 40%', 'Senior 优先级: 1.33亿']) expect(svg).to.contain(s);
    });

    it('answers 422 listing the problems when the stored deal is invalid', async () => {
      await t.ctx.deals.store.save('bad-deal', JSON.stringify(yuhangAs('bad-deal', { issueDate: '2023-13-01' })));
      const res = await request(t.app).get('/api/deals/bad-deal/schedule').expect(422);
      expect(res.body.problems.map((p: { path: string }) => p.path)).to.include('meta.issueDate');
    });
  });

  describe('POST /api/validate', () => {
    it('gives the same messages as the CLI validator for a broken deal', async () => {
      const d = yuhangJson() as unknown as { liabilities: { tranches: Array<{ coupon: { rate: number } }> } };
      (d.liabilities.tranches[0] as { coupon: { rate: number } }).coupon.rate = 27;
      const text = JSON.stringify(d);
      const res = await request(t.app).post('/api/validate').send({ text }).expect(200);
      const cli = validateDealText(text);
      expect(cli.ok).to.equal(false);
      expect(res.body.valid).to.equal(false);
      expect(res.body.messages).to.deep.equal(cli.ok ? [] : cli.problems.map(formatProblem));
      expect(res.body.messages).to.include('liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27');
    });
    it('names line and column of a JSON syntax error', async () => {
      const res = await request(t.app).post('/api/validate').send({ text: '{\n  "meta": 1,\n}' }).expect(200);
      expect(res.body.valid).to.equal(false);
      expect(res.body.messages[0]).to.match(/^\(deal\): malformed JSON at line 3, column 1: /);
    });
    it('accepts the deal object itself and says valid', async () => {
      const res = await request(t.app).post('/api/validate').send(yuhangJson()).expect(200);
      expect(res.body).to.deep.include({ valid: true, id: YUHANG });
    });
  });

  describe('PUT /api/deals/:id (save with history)', () => {
    it('creates version 1 (201), then version 2 (200), keeping version 1 intact', async () => {
      const a = yuhangAs('my-deal', { name: 'First' });
      const r1 = await request(t.app).put('/api/deals/my-deal').send(a).expect(201);
      expect(r1.body.version).to.equal(1);
      const b = yuhangAs('my-deal', { name: 'Second' });
      const r2 = await request(t.app).put('/api/deals/my-deal').send(b).expect(200);
      expect(r2.body.version).to.equal(2);
      const hist = await request(t.app).get('/api/deals/my-deal/history').expect(200);
      expect(hist.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2]);
      const v1 = await request(t.app).get('/api/deals/my-deal/versions/1').expect(200);
      expect(v1.body.deal.meta.name).to.equal('First');
      const cur = await request(t.app).get('/api/deals/my-deal').expect(200);
      expect(cur.body.deal.meta.name).to.equal('Second');
      expect(cur.body.source).to.equal('user');
      expect(readdirSync(join(t.dataDir, 'deals', 'my-deal')).sort()).to.deep.equal(['v000001.json', 'v000002.json']);
    });

    it('refuses an invalid deal with 422 and path-named problems, saving nothing', async () => {
      const d = yuhangAs('bad-save', { maturityDate: '2020-01-01' });
      const res = await request(t.app).put('/api/deals/bad-save').send(d).expect(422);
      expect(res.body.error).to.match(/^deal is not valid: meta\.maturityDate: must be after meta\.issueDate \(2023-03-16\), got 2020-01-01/);
      expect(res.body.problems[0]).to.deep.equal({ path: 'meta.maturityDate', message: 'must be after meta.issueDate (2023-03-16), got 2020-01-01' });
      await request(t.app).get('/api/deals/bad-save').expect(404);
    });

    it('refuses to overwrite a shipped scenario (409)', async () => {
      const res = await request(t.app).put(`/api/deals/${YUHANG}`).send(yuhangJson()).expect(409);
      expect(res.body.error).to.match(/^meta\.id: "yuhang-abn-2023" is a shipped scenario/);
    });

    it('refuses a body whose meta.id differs from the URL (400)', async () => {
      const res = await request(t.app).put('/api/deals/other-id').send(yuhangAs('my-id')).expect(400);
      expect(res.body.error).to.equal('meta.id: must equal the id in the URL ("other-id"), got "my-id"');
    });

    it('answers 413 with a clear message for a body over the limit', async () => {
      const d = yuhangAs('huge') as { meta: Record<string, unknown> };
      d.meta.description = 'x'.repeat(300 * 1024);
      const res = await request(t.app).put('/api/deals/huge').send(d).expect(413);
      expect(res.body.error).to.equal('body: the request body is larger than the limit (at most 200 KB)');
    });

    it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
      const bad = await request(t.app).put('/api/deals/x1').set('Content-Type', 'application/json').send('{"meta": ').expect(400);
      expect(bad.body.error).to.match(/^body: malformed JSON/);
      const plain = await request(t.app).put('/api/deals/x1').set('Content-Type', 'text/plain').send('hello').expect(415);
      expect(plain.body.error).to.equal('body: send JSON with Content-Type: application/json');
      const arr = await request(t.app).put('/api/deals/x1').send([1, 2]).expect(400);
      expect(arr.body.error).to.equal('body: must be a JSON object, got an array');
    });
  });

  describe('POST /api/deals (create from a template or a copy)', () => {
    it('copies a scenario under a new id and name (201)', async () => {
      const res = await request(t.app).post('/api/deals').send({ id: 'copy-1', from: YUHANG, name: 'My copy' }).expect(201);
      expect(res.body).to.include({ id: 'copy-1', version: 1, from: YUHANG });
      const d = await request(t.app).get('/api/deals/copy-1').expect(200);
      expect(d.body.deal.meta).to.include({ id: 'copy-1', name: 'My copy' });
      expect(d.body.deal.liabilities).to.deep.equal(yuhangJson().liabilities);
    });
    it('copies a user deal, naming it "(copy 2)" by default when "(copy)" is taken', async () => {
      await request(t.app).post('/api/deals').send({ id: 'first', from: YUHANG }).expect(201);
      await request(t.app).post('/api/deals').send({ id: 'second', from: 'first' }).expect(201);
      const d = await request(t.app).get('/api/deals/second').expect(200);
      expect(d.body.deal.meta.name).to.equal('Yuhang exclusive-licence IP ABN, first issue (2023) (copy 2)');
    });
    it('answers 409 for an id that exists, 404 for an unknown source, 400 for bad fields', async () => {
      await request(t.app).post('/api/deals').send({ id: YUHANG, from: YUHANG }).expect(409);
      const nf = await request(t.app).post('/api/deals').send({ id: 'new-one', from: 'ghost' }).expect(404);
      expect(nf.body.error).to.match(/^id: no deal "ghost"/);
      const badId = await request(t.app).post('/api/deals').send({ id: 'Bad Id', from: YUHANG }).expect(400);
      expect(badId.body.error).to.match(/^id: must be a deal id of lower-case letters/);
      const extra = await request(t.app).post('/api/deals').send({ id: 'n1', from: YUHANG, colour: 'red' }).expect(400);
      expect(extra.body.error).to.equal('body: unknown field "colour" (allowed: id, from, name)');
      const missing = await request(t.app).post('/api/deals').send({ from: YUHANG }).expect(400);
      expect(missing.body.error).to.match(/^id: is required/);
    });
  });

  describe('concurrent creates and long histories', () => {
    it('20 concurrent creates of one new id: exactly one 201, the other 19 answer 409', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        request(t.app).post('/api/deals').send({ id: 'raced', from: YUHANG, name: `Racer ${i}` })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).to.deep.equal([201, ...Array<number>(19).fill(409)]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error).to.equal('id: a deal "raced" already exists (choose another id, or edit it)');
      const winner = answers.find((a) => a.status === 201)!;
      const hist = await request(t.app).get('/api/deals/raced/history').expect(200);
      expect(hist.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1]);
      const d = await request(t.app).get('/api/deals/raced').expect(200);
      expect(d.body.deal.meta.name).to.match(/^Racer \d+$/);
      expect(winner.body.version).to.equal(1);
    });

    it('reads and lists versions past 999,999', async () => {
      await request(t.app).post('/api/deals').send({ id: 'old-deal', from: YUHANG }).expect(201);
      const dir = join(t.dataDir, 'deals', 'old-deal');
      renameSync(join(dir, 'v000001.json'), join(dir, 'v999999.json'));
      const a = await request(t.app).put('/api/deals/old-deal').send(yuhangAs('old-deal', { name: 'A' })).expect(200);
      const b = await request(t.app).put('/api/deals/old-deal').send(yuhangAs('old-deal', { name: 'B' })).expect(200);
      expect([a.body.version, b.body.version]).to.deep.equal([1_000_000, 1_000_001]);
      const v = await request(t.app).get('/api/deals/old-deal/versions/1000000').expect(200);
      expect(v.body.deal.meta.name).to.equal('A');
      expect((await request(t.app).get('/api/deals/old-deal').expect(200)).body.deal.meta.name).to.equal('B');
    });
  });

  describe('versions and schema', () => {
    it('answers 400 for a malformed version number and 404 for a missing one', async () => {
      await request(t.app).post('/api/deals').send({ id: 'v-deal', from: YUHANG }).expect(201);
      const bad = await request(t.app).get('/api/deals/v-deal/versions/abc').expect(400);
      expect(bad.body.error).to.equal('version: must be a whole number from 1, got "abc"');
      await request(t.app).get('/api/deals/v-deal/versions/7').expect(404);
    });
    it('GET /api/schema returns the deal JSON Schema', async () => {
      const res = await request(t.app).get('/api/schema').expect(200);
      expect(res.body.properties.meta).to.be.an('object');
      expect(res.body.required).to.include('liabilities');
    });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(t.app).get('/api/nothing-here').expect(404);
    expect(res.body.error).to.equal('route: no API route GET /nothing-here (see docs/api.md)');
  });
});

// Issue 16 defect 7 on the API: echoed values are cut to a documented length, a body declared too
// large is answered 413 at once, and the sizing request is checked in full before it is queued.
import { expect } from 'chai';
import request from 'supertest';
import { connect } from 'node:net';
import { listen, YUHANG, yuhangAs, type Listening } from './helpers.js';

/** Send raw request bytes and collect the answer until the server closes or `ms` pass. */
function rawRequest(port: number, head: string, ms = 3000): Promise<{ text: string; closed: boolean; elapsed: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let text = '';
    const s = connect(port, '127.0.0.1', () => s.write(head));
    s.on('data', (d) => { text += d.toString('utf8'); });
    s.on('error', () => {});
    s.on('close', () => resolve({ text, closed: true, elapsed: Date.now() - t0 }));
    setTimeout(() => { s.destroy(); resolve({ text, closed: false, elapsed: Date.now() - t0 }); }, ms);
  });
}

describe('API on hostile requests (issue 16)', function () {
  this.timeout(20_000);
  let t: Listening;
  let port: number;
  before(async () => {
    t = await listen();
    port = Number(new URL(t.baseUrl).port);
  });
  after(() => t.dispose());

  it('answers a body declared as 5,000,000,000 bytes with 413 at once and closes the connection (it used to wait for the body)', async () => {
    const r = await rawRequest(port, 'PUT /api/deals/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n{"schemaVersion":');
    expect(r.text).to.match(/^HTTP\/1\.1 413 /);
    expect(r.text).to.include('{"error":"body: the request body is larger than the limit (at most 2048 KB)"}');
    expect(r.closed).to.equal(true);
    expect(r.elapsed).to.be.below(1500);
  });

  it('a real client sending 3 MB gets the 413 answer', async () => {
    const res = await fetch(`${t.baseUrl}/api/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(res.status).to.equal(413);
    expect(((await res.json()) as { error: string }).error).to.equal('body: the request body is larger than the limit (at most 2048 KB)');
  });

  it('cuts a 1.9 MB deal id to the echo length in a 422 (was a 3.8 MB answer)', async () => {
    const d = yuhangAs('x'.repeat(1_900_000));
    const res = await request(t.app).post('/api/validate').send(d).expect(200);
    const text = JSON.stringify(res.body);
    expect(text.length).to.be.below(5000);
    expect(res.body.messages).to.include(`meta.id: must be an identifier of lower-case letters, digits, '.', '_' or '-' (1-64 characters, starting with a letter or digit), got "${'x'.repeat(80)}"… (1,900,000 characters)`);
    const put = await request(t.app).put('/api/deals/x1').send(d).expect(422);
    expect(JSON.stringify(put.body).length).to.be.below(5000);
  });

  it('cuts long unknown field names, long values and long paths in 400 and 404 answers', async () => {
    const key = 'k'.repeat(200_000);
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, [key]: 1 }).expect(400);
    expect(a.body.error).to.equal(`body: unknown field "${'k'.repeat(80)}"… (200,000 characters) (allowed: dealId, paths, seed, stress)`);
    const b = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: '9'.repeat(500_000) }).expect(400);
    expect(b.body.error.length).to.be.below(300);
    const c = await request(t.app).get(`/api/${'z'.repeat(8000)}`).expect(404);
    expect(c.body.error.length).to.be.below(300);
    expect(c.body.error).to.match(/^route: no API route GET \/z+… \(8,001 characters\) \(see docs\/api\.md\)$/);
  });

  it('refuses POST /api/size with maxAmount 1e308 with 400 up front (was 202, then a failed worker)', async () => {
    const res = await request(t.app).post('/api/size').send({ dealId: YUHANG, enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa2' }, maxAmount: 1e308 }).expect(400);
    expect(res.body.error).to.equal('maxAmount: must be an amount in yuan above 0 and at most 1e15, exact to the fen (e.g. 500000000), got 1e+308');
    const runs = await request(t.app).get('/api/runs').expect(200);
    expect(runs.body.runs).to.deep.equal([]);
  });

  it('refuses unknown fields inside target with 400 up front', async () => {
    const res = await request(t.app).post('/api/size').send({ dealId: YUHANG, enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa2', max: 0.1, note: 'x' } }).expect(400);
    expect(res.body.error).to.equal('target: unknown field "max", "note" (allowed for kind "rating": kind, rating)');
    const pl = await request(t.app).post('/api/size').send({ dealId: YUHANG, enhancement: 'guarantee', target: { kind: 'probability-of-loss', max: 0.01, rating: 'Aa2' } }).expect(400);
    expect(pl.body.error).to.equal('target: unknown field "rating" (allowed for kind "probability-of-loss": kind, max)');
  });

  it('answers deals the validator used to throw on with their problems, not 500 (defect 2)', async () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const text = JSON.stringify(yuhangAs('deep-one')).replace('"schemaVersion":1', `"schemaVersion":${deep}`);
    const v = await request(t.app).post('/api/validate').send({ text }).expect(200);
    expect(v.body.messages).to.deep.equal(['schemaVersion: must be 1, got [[[[…]]]]']);
    const put = await request(t.app).put('/api/deals/deep-one').set('Content-Type', 'application/json').send(text).expect(422);
    expect(put.body.problems).to.deep.equal([{ path: 'schemaVersion', message: 'must be 1, got [[[[…]]]]' }]);
    const spaced = yuhangAs('spaced') as { liabilities: { tranches: Array<{ balance: unknown }> } };
    spaced.liabilities.tranches[0]!.balance = ' 133000000.00';
    const s2 = await request(t.app).put('/api/deals/spaced').send(spaced).expect(422);
    expect(s2.body.problems[0].path).to.equal('liabilities.tranches[0].balance');
  });

  it('keeps serving after all of it', async () => {
    await request(t.app).get('/api/deals').expect(200);
  });
});

describe('a pool tape upload declared larger than its own limit (issue 16)', () => {
  let t: Listening;
  before(async () => { t = await listen(); });
  after(() => t.dispose());

  it('is answered 413 at once with the tape\'s message; a tape under 20 MB passes the 2 MB JSON limit', async () => {
    const port = Number(new URL(t.baseUrl).port);
    const r = await rawRequest(port, `POST /api/deals/${YUHANG}/pool?file=big.xlsx&check=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: 5000000000\r\n\r\nPK`);
    expect(r.text).to.match(/^HTTP\/1\.1 413 /);
    expect(r.text).to.include('big.xlsx: big.xlsx is 4768.4 MB, larger than a pool tape may be (at most 20.0 MB)');
    expect(r.closed).to.equal(true);
    const small = await request(t.app).post(`/api/deals/${YUHANG}/pool?file=x.csv&check=1`).set('Content-Type', 'text/csv').send(Buffer.alloc(3 * 1024 * 1024, 0x41));
    expect(small.status).to.not.equal(413);
  });
});

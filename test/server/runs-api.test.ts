import { expect } from 'chai';
import request from 'supertest';
import { listen, makeApp, steppedSimulate, waitFor, yuhangAs, YUHANG, type Listening, type TestApp } from './helpers.js';
import type { RunInfo } from '../../server/runs/manager.js';

/** Read a server-sent event stream to its end: [event, data] pairs. */
async function readEvents(url: string): Promise<Array<[string, RunInfo]>> {
  const res = await fetch(url);
  expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.startsWith('event:')).map((block) => {
    const ev = /^event: (.+)$/m.exec(block)?.[1] ?? '';
    const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null') as RunInfo;
    return [ev, data];
  });
}

describe('run API (/api/runs) — validation', () => {
  let t: TestApp;
  before(() => { t = makeApp({ simulateModule: steppedSimulate, limits: { maxPoolSize: 10 } }); });
  after(() => t.dispose());

  const cases: Array<[string, Record<string, unknown>, number, string | RegExp]> = [
    ['paths too few', { dealId: 'small-pool', paths: 5 }, 400, 'paths: must be a whole number between 100 and 200000, got 5'],
    ['paths too many', { dealId: 'small-pool', paths: 1e9 }, 400, 'paths: must be a whole number between 100 and 200000, got 1000000000'],
    ['paths not a number', { dealId: 'small-pool', paths: '1000' }, 400, 'paths: must be a whole number between 100 and 200000, got "1000"'],
    ['negative seed', { dealId: 'small-pool', seed: -1 }, 400, 'seed: must be a whole number between 0 and 4294967295, got -1'],
    ['no deal', { paths: 1000 }, 400, 'dealId: is required (the id of the deal to simulate)'],
    ['traversal deal id', { dealId: '../../etc/passwd' }, 400, /^dealId: must be a deal id/],
    ['unknown deal', { dealId: 'ghost' }, 404, /^id: no deal "ghost"/],
    ['unknown stress', { dealId: YUHANG, stress: 'meteor' }, 400, 'stress: unknown stress "meteor" (named stresses: "severe", "ip-market-freeze"; or write pd=2x,recovery=0.5x,rho=+0.1)'],
    ['custom stress out of range', { dealId: YUHANG, stress: 'pd=200x' }, 400, 'stress: pd multiplier must be between 0 and 100 such as 2x, got "200x"'],
    ['unknown field', { dealId: YUHANG, threads: 64 }, 400, 'body: unknown field "threads" (allowed: dealId, paths, seed, stress)'],
    ['pool over the limit', { dealId: YUHANG, paths: 1000 }, 400, 'deal.pool.obligors: 14 obligors is more than a web run allows (at most 10; use the command line for larger pools)'],
  ];
  for (const [name, body, status, msg] of cases) {
    it(`refuses ${name} with ${status}`, async () => {
      const res = await request(t.app).post('/api/runs').send(body).expect(status);
      if (typeof msg === 'string') expect(res.body.error).to.equal(msg);
      else expect(res.body.error).to.match(msg);
    });
  }

  it('answers 400 for a malformed run id and 404 for an unknown one', async () => {
    const bad = await request(t.app).get('/api/runs/..%2F..%2Fetc').expect(400);
    expect(bad.body.error).to.match(/^runId: must look like/);
    await request(t.app).get('/api/runs/run-abc-0123abcd').expect(404);
    await request(t.app).delete('/api/runs/run-abc-0123abcd').expect(404);
    await request(t.app).get('/api/runs/run-abc-0123abcd/events').expect(404);
  });
});

describe('run API (/api/runs) — queue, progress events, cancel (stand-in engine)', function () {
  this.timeout(15_000);
  let t: Listening;
  beforeEach(async () => {
    t = await listen({ simulateModule: steppedSimulate, maxConcurrentRuns: 1, maxQueuedRuns: 2 });
    for (const id of ['q-ms30', 'q-ms60', 'q-ms200']) await t.ctx.deals.store.save(id, JSON.stringify(yuhangAs(id)));
  });
  afterEach(() => t.dispose());

  const start = async (dealId: string, extra: Record<string, unknown> = {}) => {
    const res = await request(t.app).post('/api/runs').send({ dealId, paths: 1000, seed: 7, ...extra });
    return res;
  };

  it('runs one at a time, queues the rest with their position, and streams progress to the end', async () => {
    const a = await start('q-ms60');
    expect(a.status).to.equal(202);
    expect(a.body.run.state).to.equal('running');
    const b = await start('q-ms30');
    const c = await start('q-ms30', { seed: 8 });
    expect([b.body.run.state, b.body.run.position]).to.deep.equal(['queued', 1]);
    expect([c.body.run.state, c.body.run.position]).to.deep.equal(['queued', 2]);

    const events = await readEvents(`${t.baseUrl}/api/runs/${c.body.run.id}/events`);
    const types = events.map(([e]) => e);
    expect(types[0]).to.equal('state');
    expect(events.filter(([e]) => e === 'queued').map(([, r]) => r.position)).to.deep.equal([1]);
    expect(types).to.include('started');
    const progress = events.filter(([e]) => e === 'progress').map(([, r]) => r.done);
    expect(progress.length).to.be.greaterThan(1);
    expect(progress).to.deep.equal([...progress].sort((x, y) => x - y));
    expect(types[types.length - 1]).to.equal('done');
    const done = await request(t.app).get(`/api/runs/${c.body.run.id}`).expect(200);
    expect(done.body.run.state).to.equal('done');
    expect(done.body.result).to.deep.include({ testDouble: true, paths: 1000, seed: 8 });
  });

  it('refuses a run when the queue is full (429)', async () => {
    await start('q-ms200');
    await start('q-ms200');
    await start('q-ms200');
    const res = await start('q-ms200');
    expect(res.status).to.equal(429);
    expect(res.body.error).to.match(/^runs: the queue is full \(1 running, 2 waiting; at most 2 may wait\)/);
  });

  it('cancels a running run and a queued one; the next in line starts', async () => {
    const a = await start('q-ms200');
    const b = await start('q-ms200');
    await waitFor(async () => ((await request(t.app).get(`/api/runs/${a.body.run.id}`)).body.run.done > 0 ? true : undefined), 5000, 'first progress');
    const qc = await request(t.app).delete(`/api/runs/${b.body.run.id}`).expect(202);
    expect(qc.body.run.state).to.equal('cancelled');
    await request(t.app).delete(`/api/runs/${a.body.run.id}`).expect(202);
    const state = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'running' ? undefined : r.body.run.state as string;
    }, 5000, 'cancellation');
    expect(state).to.equal('cancelled');
    const c = await start('q-ms30');
    expect(c.body.run.state).to.equal('running');
    const res = await request(t.app).get(`/api/runs/${a.body.run.id}/result.json`).expect(409);
    expect(res.body.error).to.match(/is cancelled; results exist only for finished runs$/);
  });

  it('reports an engine failure as a failed run with the message, and keeps serving', async () => {
    const a = await start('q-ms30', { seed: 666 });
    const info = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'failed' ? r.body.run as RunInfo : undefined;
    }, 8000, 'failure');
    expect(info.error).to.equal('stand-in engine failure for seed 666');
    await request(t.app).get('/api/deals').expect(200);
  });

  it('fails a run whose result holds NaN, naming the field, instead of ending "done" (issue 16)', async () => {
    const a = await start('q-ms30', { seed: 667 });
    const info = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'running' || r.body.run.state === 'queued' ? undefined : r.body.run as RunInfo;
    }, 8000, 'the run to end');
    expect(info.state).to.equal('failed');
    expect(info.error).to.match(/^simulate: tranches\[0\]\.expectedLossRate came out as NaN \(every reported number must be finite\)/);
    await request(t.app).get(`/api/runs/${a.body.run.id}/result.csv`).expect(409);
  });

  it('downloads a finished result as JSON and as CSV', async () => {
    const a = await start('q-ms30', { paths: 500 });
    await waitFor(async () => ((await request(t.app).get(`/api/runs/${a.body.run.id}`)).body.run.state === 'done' ? true : undefined), 8000, 'done');
    const j = await request(t.app).get(`/api/runs/${a.body.run.id}/result.json`).expect(200);
    expect(j.headers['content-disposition']).to.match(/^attachment; filename=q-ms30-run-/);
    expect(j.body.result.paths).to.equal(500);
    const c = await request(t.app).get(`/api/runs/${a.body.run.id}/result.csv`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (x: Buffer) => chunks.push(x));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect([...(c.body as Buffer).subarray(0, 3)], 'UTF-8 byte-order mark').to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = (c.body as Buffer).subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).to.equal('field,value');
    expect(lines).to.include('result.tranches[0].expectedLossRate,0.0001');
    expect(lines).to.include('run.paths,500');
  });
});

describe('run API with an engine module that does not load', () => {
  let t: TestApp;
  before(() => { t = makeApp({ simulateModule: '/nonexistent/simulate.ts' }); });
  after(() => t.dispose());
  it('fails the run with the loader\'s message naming the file, and keeps serving', async () => {
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: 1000 }).expect(202);
    const info = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'failed' ? r.body.run as RunInfo : undefined;
    }, 15000, 'failure');
    expect(info.error).to.contain('/nonexistent/simulate.ts');
    await request(t.app).get('/runs').expect(200);
  });
});

describe('run API with the real Monte Carlo engine', function () {
  this.timeout(20_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());
  it('runs Yuhang for 2,000 paths in a worker and returns tranche losses with standard errors', async () => {
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: 2000, seed: 42 }).expect(202);
    const body = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'running' || r.body.run.state === 'queued' ? undefined : r.body as { run: RunInfo; result: { tranches: Array<{ id: string; expectedLossRate: number; expectedLossRateStdErr: number; impliedRating: string }>; run: { paths: number } } };
    }, 18_000, 'the real run');
    expect(body.run.state, body.run.error ?? '').to.equal('done');
    expect(body.result.run.paths).to.equal(2000);
    const senior = body.result.tranches[0];
    expect(senior?.id).to.equal('senior');
    expect(senior?.expectedLossRate).to.be.at.least(0);
    expect(senior?.expectedLossRateStdErr).to.be.at.least(0);
    expect(senior?.impliedRating).to.be.a('string').and.not.equal('');
  });
});

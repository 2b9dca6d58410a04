// Progress from the first second (issue 14: the first progress event of a web run came about 3 s
// after start while the new worker thread compiled and loaded the engines). The server keeps a
// spare worker with the engines loaded; a run takes it and its first block reports at once, and
// the next spare starts behind it. Checked by state, not by timing (speed is for benchmarks).
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';

describe('runs: a spare worker kept warm (issue 14)', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  const warm = async () => (await request(t.app).get('/api/health').expect(200)).body.runs.warmWorker as boolean;

  it('has no spare until the server asks for one, then a spare whose engines are loaded', async () => {
    expect(await warm()).to.equal(false);
    t.ctx.runs.warmUp();
    expect(await waitFor(async () => ((await warm()) ? true : undefined), 90_000, 'the spare worker to load the engines')).to.equal(true);
  });

  it('starts a run in the warm spare, which reports its first paths, and warms the next spare behind it', async () => {
    const a = await request(t.app).post('/api/runs').send({ dealId: YUHANG, paths: 2000, seed: 3 }).expect(202);
    const done = await waitFor(async () => {
      const r = (await request(t.app).get(`/api/runs/${a.body.run.id}`)).body.run as { state: string; done: number };
      return r.state === 'done' ? r : r.state === 'failed' ? Promise.reject(new Error('run failed')) : undefined;
    }, 90_000, 'the run');
    expect(done.done).to.equal(2000);
    expect(await waitFor(async () => ((await warm()) ? true : undefined), 90_000, 'the next spare')).to.equal(true);
  });
});

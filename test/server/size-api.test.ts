import { expect } from 'chai';
import request from 'supertest';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';
import type { RunInfo } from '../../server/runs/manager.js';

describe('sizing API (POST /api/size)', function () {
  this.timeout(20_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());
  const aa2 = { kind: 'rating', rating: 'Aa2' };

  const bad: Array<[string, Record<string, unknown>, string | RegExp]> = [
    ['no deal', { enhancement: 'guarantee', target: aa2 }, 'dealId: is required (the id of the deal whose enhancement to size)'],
    ['paths over the sizing limit', { dealId: YUHANG, enhancement: 'guarantee', target: aa2, paths: 100_000 }, 'paths: must be a whole number between 100 and 50000 (paths per trial of the search), got 100000'],
    ['an unknown enhancement', { dealId: YUHANG, enhancement: 'insurance', target: aa2 }, 'enhancement: "insurance" is not an enhancement, reserve account or junior tranche of this deal (choose one of: "undertaking", "guarantee")'],
    ['an unknown rating', { dealId: YUHANG, enhancement: 'guarantee', target: { kind: 'rating', rating: 'AAA+' } }, /^target\.rating: must be one of Aaa, Aa1/],
    ['a probability of 2', { dealId: YUHANG, enhancement: 'guarantee', target: { kind: 'probability-of-loss', max: 2 } }, /^target\.max: a probability of loss must be strictly between 0 and 1/],
    ['an unknown field', { dealId: YUHANG, enhancement: 'guarantee', target: aa2, budget: 1 }, /^body: unknown field "budget"/],
  ];
  for (const [name, body, msg] of bad) {
    it(`refuses ${name} with 400`, async () => {
      const res = await request(t.app).post('/api/size').send(body).expect(400);
      if (typeof msg === 'string') expect(res.body.error).to.equal(msg);
      else expect(res.body.error).to.match(msg);
    });
  }

  it('sizes the Yuhang guarantee for an Aa2 senior in a worker and reports the guarantor figures', async () => {
    const a = await request(t.app).post('/api/size').send({ dealId: YUHANG, enhancement: 'guarantee', target: aa2, paths: 2000, seed: 3 }).expect(202);
    expect(a.body.run.task).to.equal('size');
    const body = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'queued' || r.body.run.state === 'running' ? undefined : r.body as { run: RunInfo; result: { status: string; requiredAmount: number | null; lever: { id: string }; trials: unknown[]; message: string; monotone: boolean } };
    }, 18_000, 'the sizing search');
    expect(body.run.state, body.run.error ?? '').to.equal('done');
    expect(body.result.lever.id).to.equal('guarantee');
    expect(body.result.status).to.be.oneOf(['met', 'met-at-zero', 'unreachable']);
    expect(body.result.trials.length).to.be.greaterThan(1);
    expect(body.result.monotone).to.equal(true);
    expect(body.result.message).to.be.a('string').and.not.equal('');
  });
});

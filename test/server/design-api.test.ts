import { expect } from 'chai';
import request from 'supertest';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';
import { TEAM, writeAccounts } from '../support/accounts.js';
import { defaultUserLimits } from '../../server/auth/limits.js';
import type { RunInfo } from '../../server/runs/manager.js';
import type { OptimizeResult } from '../../models/design/optimize.js';

const FUTIAN = 'futian-n-plus-1-2023';

describe('design API (POST /api/design)', function () {
  this.timeout(120_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  it('lists the levers a deal offers, with their shipped values and default ranges', async () => {
    const res = await request(t.app).get(`/api/design/options?dealId=${FUTIAN}`).expect(200);
    const names = (res.body.levers as Array<{ name: string; current: number }>).map((l) => l.name);
    expect(names).to.deep.equal(['senior-share', 'mezzanine-split', 'undertaking', 'issue-size', 'frequency']);
    expect(res.body.levers[0].current).to.equal(0.85);
    expect(res.body.grades[0]).to.equal('AAA(sf)');
  });

  const bad: Array<[string, Record<string, unknown>, string | RegExp]> = [
    ['no deal', {}, 'dealId: is required (the id of the deal to optimize)'],
    ['min above max', { dealId: FUTIAN, levers: [{ name: 'senior-share', min: 0.95, max: 0.8 }] }, /^lever senior-share: min 0.95 is above max 0.8/],
    ['a lever the deal lacks', { dealId: YUHANG, levers: [{ name: 'mezzanine-split', min: 0.2, max: 0.8 }] }, /^lever mezzanine-split: the deal needs a mezzanine and a subordinated tranche/],
    ['an unknown lever', { dealId: YUHANG, levers: [{ name: 'coupon', min: 0, max: 1 }] }, /^levers\[0\]\.name: must be one of senior-share/],
    ['an unknown constraint', { dealId: YUHANG, constraints: [{ kind: 'cheap' }] }, /^constraints\[0\]\.kind: must be one of senior-rating/],
    ['a grade that is not one', { dealId: YUHANG, constraints: [{ kind: 'senior-rating', min: 'AAAA' }] }, /^constraints\[0\]\.min: must be a domestic grade/],
    ['too many paths', { dealId: YUHANG, paths: 10_000_000 }, /^paths: must be a whole number from 100 to 50000/],
    ['an unknown field', { dealId: YUHANG, budget: 3 }, /^body: unknown field "budget"/],
  ];
  for (const [name, body, msg] of bad) {
    it(`refuses ${name} with 400`, async () => {
      const res = await request(t.app).post('/api/design').send(body).expect(400);
      if (typeof msg === 'string') expect(res.body.error).to.equal(msg);
      else expect(res.body.error).to.match(msg);
    });
  }

  it('optimizes in a worker with progress, and saves the best design as a new deal that opens', async () => {
    const a = await request(t.app).post('/api/design').send({
      dealId: YUHANG, paths: 2048, points: 2, refine: 1,
      levers: [{ name: 'guarantee', min: 0, max: 133_000_000 }, { name: 'undertaking', min: 137_000_000, max: 150_000_000 }],
      constraints: [{ kind: 'senior-rating', min: 'AAA' }],
    }).expect(202);
    expect(a.body.run.task).to.equal('optimize');
    const body = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'queued' || r.body.run.state === 'running' ? undefined : r.body as { run: RunInfo; result: OptimizeResult };
    }, 110_000, 'the optimization');
    expect(body.run.state, body.run.error ?? '').to.equal('done');
    expect(body.run.total).to.be.greaterThan(0);
    expect(body.result.status).to.equal('optimal');
    expect(body.result.best!.seniorGrade).to.equal('AAA(sf)');
    const saved = await request(t.app).post(`/api/design/${a.body.run.id}/save`).send({ id: 'yuhang-designed' }).expect(201);
    expect(saved.body.id).to.equal('yuhang-designed');
    const deal = await request(t.app).get('/api/deals/yuhang-designed').expect(200);
    expect(deal.body.valid).to.equal(true);
    await request(t.app).post(`/api/design/${a.body.run.id}/save`).send({ id: 'yuhang-designed' }).expect(409);
  });

  it('prices a deal\'s tranches from the market', async () => {
    const res = await request(t.app).get(`/api/deals/${YUHANG}/price`).expect(200);
    expect(res.body.tranches[0]).to.include({ id: 'senior', grade: 'AAA(sf)', couponInDeal: 0.027 });
    expect(res.body.tranches[0].price.yield).to.equal(0.02879);
  });
});

describe('design routes in team mode (roles, owner, per-user limit)', function () {
  this.timeout(120_000);
  let t: TestApp;
  afterEach(() => t.dispose());
  const signIn = async (name: string) => {
    const agent = request.agent(t.app);
    const password = TEAM.find((u) => u.name === name)?.password ?? '';
    const res = await agent.post('/api/login').send({ name, password }).expect(200);
    return { agent, csrf: res.body.csrf as string };
  };
  const small = { dealId: YUHANG, paths: 1024, points: 2, refine: 0, levers: [{ name: 'guarantee', min: 0, max: 133_000_000 }] };

  it('lets a viewer start an optimization under their name, and only an editor save its best design', async () => {
    t = makeApp({ team: true });
    await writeAccounts(t.dataDir, TEAM);
    const vic = await signIn('vic');
    const a = await vic.agent.post('/api/design').set('X-CSRF-Token', vic.csrf).send(small).expect(202);
    expect(a.body.run.startedBy).to.equal('vic');
    const refused = await vic.agent.post(`/api/design/${a.body.run.id}/save`).set('X-CSRF-Token', vic.csrf).send({ id: 'vic-design' }).expect(403);
    expect(refused.body.error).to.match(/editor/);
    const state = await waitFor(async () => {
      const r = await vic.agent.get(`/api/runs/${a.body.run.id}`);
      return r.body.run.state === 'queued' || r.body.run.state === 'running' ? undefined : r.body.run.state as string;
    }, 110_000, 'the optimization');
    expect(state).to.equal('done');
    const eve = await signIn('eve');
    const saved = await eve.agent.post(`/api/design/${a.body.run.id}/save`).set('X-CSRF-Token', eve.csrf).send({ id: 'eve-design' }).expect(201);
    expect(saved.body).to.include({ id: 'eve-design', version: 1, savedBy: 'eve' });
    const hist = await eve.agent.get('/api/deals/eve-design/history').expect(200);
    expect(hist.body.versions[0].savedBy).to.equal('eve');
  });

  it('counts design optimizations against the per-user limit of queued and running runs', async () => {
    t = makeApp({ team: true, userLimits: { ...defaultUserLimits, activeRuns: 1 } });
    await writeAccounts(t.dataDir, TEAM);
    const vic = await signIn('vic');
    const first = await vic.agent.post('/api/design').set('X-CSRF-Token', vic.csrf).send(small).expect(202);
    const second = await vic.agent.post('/api/design').set('X-CSRF-Token', vic.csrf).send(small).expect(429);
    expect(second.body.error).to.equal('runs: vic has 1 runs queued or running; the limit is 1 per user (IPABS_USER_RUNS) — wait for one to finish or cancel one');
    await vic.agent.delete(`/api/runs/${first.body.run.id}`).set('X-CSRF-Token', vic.csrf).expect((r) => { expect(r.status).to.be.lessThan(300); });
  });
});

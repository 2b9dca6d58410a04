import { expect } from 'chai';
import request from 'supertest';
import { makeApp, waitFor, yuhangAs, type TestApp } from './helpers.js';
import { DOMESTIC_GRADES } from '../../models/ratings/domestic-scale.js';

const FUTIAN = 'futian-n-plus-1-2023';

describe('rating API (/api/deals/:id/rating)', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  it('GET answers at once with the exact BDR table and, with no run yet, the stress-multiplier TDR, labelled provisional', async () => {
    const res = await request(t.app).get(`/api/deals/${FUTIAN}/rating`).expect(200);
    const { rating, tdrSource, descriptions } = res.body;
    expect(tdrSource.kind).to.equal('expected');
    expect(tdrSource.reason).to.match(/No Monte Carlo run of this pool yet/);
    expect(rating.tdrMethod).to.equal('stress-multiplier');
    expect(Object.keys(rating.tdr)).to.deep.equal([...DOMESTIC_GRADES]);
    expect(rating.scenarios.length).to.be.at.least(20);
    expect(descriptions['front-20-recovery-minus-30']).to.equal('20% of defaults moved into the first period + recoveries 30% lower');
    const senior = rating.tranches[0];
    // The expected default rate is 1.38%: five times that (AAA) is well below the senior's 16% BDR.
    expect(senior).to.include({ id: 'senior', bindingScenario: 'recovery-zero', domesticRating: 'AAA(sf)' });
    expect(senior.bdr).to.be.within(0.15, 0.17);
    expect(rating.tdr['AAA(sf)']).to.be.closeTo(5 * rating.tdrSet.baseCaseDefaultRate.value, 1e-12);
  });

  it('describes the scenarios in Chinese for a Chinese reader', async () => {
    const res = await request(t.app).get(`/api/deals/${FUTIAN}/rating`).set('Accept-Language', 'zh-CN').expect(200);
    expect(res.body.descriptions['recovery-zero']).to.equal('零回收');
    expect(res.body.gradeSource).to.match(/^假设：.*并非评级机构公布的表格/);
    const en = await request(t.app).get(`/api/deals/${FUTIAN}/rating`).set('Accept-Language', 'en').expect(200);
    expect(en.body.gradeSource).to.equal(en.body.rating.tdrSet.gradeTable.source);
  });

  it('POST starts a Monte Carlo run in the queue (202), and GET then reads the TDR off it', async () => {
    const start = await request(t.app).post(`/api/deals/${FUTIAN}/rating`).send({ paths: 4096, seed: 5 }).expect(202);
    const runId: string = start.body.run.id;
    expect(start.body.events).to.equal(`/api/runs/${runId}/events`);
    expect(start.body.rating).to.equal(`/api/deals/${FUTIAN}/rating?run=${runId}`);
    // A second POST while it runs points at the same run instead of queueing another.
    const again = await request(t.app).post(`/api/deals/${FUTIAN}/rating`).send({ paths: 4096, seed: 5 });
    if (again.status === 202) expect(again.body.run.id).to.equal(runId);
    await waitFor(() => (t.ctx.runs.get(runId)?.info.state === 'done' ? true : undefined), 50_000, 'the run to finish');
    const res = await request(t.app).get(start.body.rating);
    expect(res.status, res.body.error).to.equal(200);
    expect(res.body.tdrSource).to.include({ kind: 'run', runId, paths: 4096, seed: 5 });
    const r = res.body.rating;
    expect(r.tdrMethod).to.equal('monte-carlo');
    DOMESTIC_GRADES.slice(1).forEach((g, i) => expect(r.tdr[g]).to.be.at.most(r.tdr[DOMESTIC_GRADES[i]!]));
    expect(r.tdrSet.monteCarlo.ci95['AAA(sf)']).to.have.length(2);
    expect(r.tranches[0].expectedLoss.rating).to.be.a('string');
    // Without ?run= the newest matching run is used; POST with the same paths and seed answers at once.
    expect((await request(t.app).get(`/api/deals/${FUTIAN}/rating`).expect(200)).body.tdrSource.runId).to.equal(runId);
    expect((await request(t.app).post(`/api/deals/${FUTIAN}/rating`).send({ paths: 4096, seed: 5 }).expect(200)).body.tdrSource.runId).to.equal(runId);
    // The lognormal TDR is there too.
    expect((await request(t.app).get(`/api/deals/${FUTIAN}/rating?tdr=lognormal`).expect(200)).body.rating.tdrMethod).to.equal('lognormal');
    // The compare page gets the senior rating and its cushion from the same run.
    const cmp = await request(t.app).get(`/api/compare?ids=${FUTIAN},yuhang-abn-2023`).expect(200);
    expect(cmp.body.deals[0].seniorRating).to.include({ tranche: 'senior', source: 'run', runId, domesticRating: 'AAA(sf)' });
    expect(cmp.body.deals[0].seniorRating.cushionAtRating).to.be.closeTo(cmp.body.deals[0].seniorRating.bdr - cmp.body.deals[0].seniorRating.tdrAtRating, 1e-9);
    expect(cmp.body.deals[1].seniorRating.source).to.equal('expected');
  });

  it('does not use a run of another version of the pool', async () => {
    const doc = yuhangAs('rated-copy');
    await t.ctx.deals.store.save('rated-copy', JSON.stringify(doc));
    const start = await request(t.app).post('/api/deals/rated-copy/rating').send({ paths: 1000, seed: 1 }).expect(202);
    const runId: string = start.body.run.id;
    await waitFor(() => (t.ctx.runs.get(runId)?.info.state === 'done' ? true : undefined), 50_000, 'the run to finish');
    expect((await request(t.app).get('/api/deals/rated-copy/rating').expect(200)).body.tdrSource.kind).to.equal('run');
    (doc as { pool: { obligors: Array<{ credit: { annualDefaultProbability: number } }> } }).pool.obligors[0]!.credit.annualDefaultProbability = 0.05;
    await t.ctx.deals.store.save('rated-copy', JSON.stringify(doc));
    expect((await request(t.app).get('/api/deals/rated-copy/rating').expect(200)).body.tdrSource.kind).to.equal('expected');
    const stale = await request(t.app).get(`/api/deals/rated-copy/rating?run=${runId}`).expect(409);
    expect(stale.body.error).to.equal(`run: ${runId} simulated another version of the pool (the deal changed since); start a new run`);
  });

  const bad: Array<[string, () => request.Test, number, string | RegExp]> = [
    ['a malformed run id', () => request(t.app).get(`/api/deals/${FUTIAN}/rating?run=nope`), 400, 'run: must look like "run-<time>-<8 hex digits>", got "nope"'],
    ['an unknown run', () => request(t.app).get(`/api/deals/${FUTIAN}/rating?run=run-abc-0123abcd`), 404, 'run: no run "run-abc-0123abcd"'],
    ['an unknown TDR method', () => request(t.app).get(`/api/deals/${FUTIAN}/rating?tdr=guess`), 400, 'tdr: must be one of monte-carlo, lognormal, stress-multiplier, got "guess"'],
    ['paths out of range', () => request(t.app).post(`/api/deals/${FUTIAN}/rating`).send({ paths: 10 }), 400, 'paths: must be a whole number between 100 and 200000, got 10'],
    ['an unknown field', () => request(t.app).post(`/api/deals/${FUTIAN}/rating`).send({ paths: 1000, stress: 'severe' }), 400, /^body: unknown field "stress" \(allowed: paths, seed\)/],
    ['an unknown deal', () => request(t.app).get('/api/deals/ghost/rating'), 404, /^id: no deal "ghost"/],
    ['a break-even question on a tranche that does not exist', () => request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=junior&vary=default-rate`), 400, 'tranche: no tranche "junior" in futian-n-plus-1-2023 (tranches: senior, mezzanine, subordinated)'],
    ['a break-even question varying something else', () => request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=coupons`), 400, 'vary: must be one of default-rate, recovery, coupon, got "coupons"'],
    ['a break-even question under an unknown scenario', () => request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=default-rate&scenario=meltdown`), 400, /^scenario: unknown scenario "meltdown" \(this deal's scenarios: base, front-loaded-10, /],
    ['a break-even question with a recovery above 1', () => request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=coupon&recovery=1.5`), 400, 'recovery: must be a fraction between 0 and 1 (0.2 = 20%), got "1.5"'],
    ['a break-even question with a field it does not know', () => request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=coupon&coupon=0.05`), 400, 'query: unknown field "coupon" (allowed: tranche, vary, scenario, defaultRate, recovery, allocation, withSupport)'],
  ];
  for (const [what, send, status, msg] of bad) {
    it(`refuses ${what} with ${status} and keeps serving`, async () => {
      const res = await send().expect(status);
      if (typeof msg === 'string') expect(res.body.error).to.equal(msg);
      else expect(res.body.error).to.match(msg);
      await request(t.app).get('/api/health').expect(200);
    });
  }

  it('GET /breakeven answers one question: the BDR of a tranche under a scenario, as the table has it, with the waterfall on either side', async () => {
    const table = (await request(t.app).get(`/api/deals/${FUTIAN}/rating`).expect(200)).body.rating;
    const mezz = table.tranches.find((x: { id: string }) => x.id === 'mezzanine');
    for (const scenario of ['base', 'severe-combined']) {
      const a = (await request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=mezzanine&vary=default-rate&scenario=${scenario}`).expect(200)).body;
      expect(a.status).to.equal('found');
      expect(a.value).to.equal(mezz.bdrByScenario[scenario]);
      expect(a.bracket[1] - a.bracket[0]).to.be.at.most(1e-4);
      // Paid in full at the BDR, short just past it, in the last period (the notes are bullets).
      expect(a.periods).to.have.length(4);
      expect(a.periods.slice(0, 3).every((p: { shortfallPast: number }) => p.shortfallPast === 0)).to.equal(true);
      expect(a.periods[3].shortfallPast).to.be.above(0);
    }
    const zh = (await request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=default-rate&scenario=recovery-zero`).set('Accept-Language', 'zh-CN').expect(200)).body;
    expect(zh.description).to.equal('零回收');
    // 20% of the pool defaulting is past the senior's base BDR (18.09%): it needs some recovery to be paid.
    const rec = (await request(t.app).get(`/api/deals/${FUTIAN}/breakeven?tranche=senior&vary=recovery&defaultRate=0.2`).expect(200)).body;
    expect(rec.status).to.equal('found');
    expect(rec.defaultRate).to.equal(0.2);
    expect(rec.value).to.be.within(0.01, 1);
  });

  it('the Learn page works one tranche through, and the deal page has the Rating section', async () => {
    const learn = await request(t.app).get('/learn/rating').expect(200);
    for (const s of ['Domestic rating: TDR and BDR', 'Step 2. Its break-even default rate in the base scenario: 18.09%', 'id="learn-breakeven"', 'credit substitution']) expect(learn.text).to.include(s);
    const zh = await request(t.app).get('/learn/rating?lang=zh').expect(200);
    for (const s of ['目标违约率', '临界违约率', '安全距离', '压力乘数', '福田区深港跨境']) expect(zh.text).to.include(s);
    // The enhancement's kind in the market's term, not its id (the English page keeps the id).
    expect(zh.text).to.include('hti-undertaking（差额支付承诺）在资产池零回款时可独立足额兑付');
    expect(zh.text).not.to.include('（shortfall-undertaking）');
    const deal = await request(t.app).get(`/deals/${FUTIAN}`).expect(200);
    expect(deal.text).to.include('id="rating-box"');
    expect((await request(t.app).get('/learn').expect(200)).text).to.include('href="/learn/rating"');
  });
});

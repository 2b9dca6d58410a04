// POST /api/sensitivity: the CLI's expected-loss grid as a job in the run queue, with progress.
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, waitFor, YUHANG, type TestApp } from './helpers.js';
import { sensitivityGrid } from '../../models/montecarlo/sensitivity.js';
import { loadScenario, SCENARIO_DIR } from '../support/scenarios.js';

describe('sensitivity grid API (/api/sensitivity)', function () {
  this.timeout(30_000);
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a rho of 1', { dealId: YUHANG, rho: [0, 1] }, 'rho[1]: must be a number from 0 to 1 (not included), got 1'],
    ['a pd list that is not numbers', { dealId: YUHANG, pd: 'a,b' }, 'pd[0]: must be a number from 0 to 100, got "a"'],
    ['a grid too large', { dealId: YUHANG, pd: [1, 2, 3, 4, 5, 6, 7], rho: [0, 0.1, 0.2, 0.3, 0.4, 0.5] }, 'pd, rho: 7 × 6 = 42 cells is more than a web grid allows (at most 36; use ipabs sensitivity for larger grids)'],
    ['an unknown tranche', { dealId: YUHANG, tranche: 'junior' }, 'tranche: unknown tranche "junior" (this deal\'s tranches: "senior")'],
    ['too many paths per cell', { dealId: YUHANG, paths: 60_000 }, 'paths: must be a whole number between 100 and 50000 (paths per cell of the grid), got 60000'],
    ['a repeated value', { dealId: YUHANG, pd: '1,1' }, 'pd: has the same value twice (1, 1); each row or column once'],
  ];
  for (const [name, body, msg] of cases) {
    it(`refuses ${name} with 400 and says what is allowed`, async () => {
      const res = await request(t.app).post('/api/sensitivity').send(body).expect(400);
      expect(res.body.error).to.equal(msg);
    });
  }

  it('runs the grid in a worker, reports progress over all cells, and gives the numbers ipabs sensitivity gives', async () => {
    const body = { dealId: YUHANG, pd: '1,3x', rho: [0.1, 0.4], paths: 1000, seed: 9 };
    const res = await request(t.app).post('/api/sensitivity').send(body).expect(202);
    expect(res.body.run).to.deep.include({ task: 'sensitivity', total: 4000, paths: 1000, seed: 9 });
    const seen: number[] = [];
    const done = await waitFor(async () => {
      const r = await request(t.app).get(`/api/runs/${res.body.run.id}`);
      seen.push(r.body.run.done);
      return r.body.run.state === 'done' ? r.body : r.body.run.state === 'failed' ? Promise.reject(new Error(r.body.run.error)) : undefined;
    }, 25_000, 'grid');
    expect(done.request).to.deep.include({ task: 'sensitivity', pdMultipliers: [1, 3], rhos: [0.1, 0.4], tranche: 'senior' });
    const direct = await sensitivityGrid(loadScenario(`${SCENARIO_DIR}${YUHANG}.json`), [1, 3], [0.1, 0.4], { paths: 1000, seed: 9, threads: 1 });
    expect(done.result).to.deep.equal(JSON.parse(JSON.stringify(direct)));
    // Higher default probabilities lose more in the pool.
    const cell = (pd: number, rho: number) => done.result.cells.find((c: { pdMultiplier: number; rho: number }) => c.pdMultiplier === pd && c.rho === rho);
    expect(cell(3, 0.4).poolExpectedLossRate).to.be.greaterThan(cell(1, 0.4).poolExpectedLossRate);
    expect(done.run.done).to.equal(4000);
  });
});

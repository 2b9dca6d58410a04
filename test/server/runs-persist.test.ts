// Runs survive a restart of the server: kept in the data folder with their inputs, written
// atomically, expired by a documented rule; an interrupted run is marked as such.
import { expect } from 'chai';
import request from 'supertest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type IpabsApp } from '../../server/app.js';
import { steppedSimulate, waitFor, yuhangAs } from './helpers.js';
import { RunStore } from '../../server/runs/run-store.js';
import type { RunInfo } from '../../server/runs/manager.js';

describe('runs kept across a restart of the server', function () {
  this.timeout(20_000);
  let dataDir: string;
  const apps: IpabsApp[] = [];
  const open = () => {
    const a = createApp({ dataDir, simulateModule: steppedSimulate, maxConcurrentRuns: 1 }, () => undefined);
    apps.push(a);
    return a;
  };
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'ipabs-persist-')); });
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const finished = async (a: IpabsApp, id: string) => waitFor(async () => {
    const r = await request(a.app).get(`/api/runs/${id}`);
    return ['done', 'failed', 'cancelled'].includes(r.body.run?.state) ? r.body : undefined;
  }, 8000, `run ${id} to finish`);

  it('shows a finished run, its result and its inputs after the app restarts on the same data folder', async () => {
    const first = open();
    await first.ctx.deals.store.save('keep-ms10', JSON.stringify(yuhangAs('keep-ms10')));
    const started = await request(first.app).post('/api/runs').send({ dealId: 'keep-ms10', paths: 700, seed: 42, stress: 'pd=2x,recovery=0.5x,rho=+0.1' }).expect(202);
    const id = started.body.run.id as string;
    const before = await finished(first, id);
    expect(before.run.state).to.equal('done');
    await first.close();

    const second = open();
    const after = await request(second.app).get(`/api/runs/${id}`).expect(200);
    expect(after.body.run).to.deep.equal(before.run);
    expect(after.body.result).to.deep.equal({ testDouble: true, paths: 700, seed: 42, stress: 'pd=2x,recovery=0.5x,rho=+0.1', tranches: [{ id: 'senior', expectedLossRate: 0.0001, expectedLossRateStdErr: 0.00002 }] });
    expect(after.body.request).to.deep.include({ task: 'simulate', paths: 700, seed: 42, stress: 'pd=2x,recovery=0.5x,rho=+0.1' });
    const list = await request(second.app).get('/api/runs').expect(200);
    expect(list.body.runs.map((r: RunInfo) => r.id)).to.include(id);
    const inputs = await request(second.app).get(`/api/runs/${id}/inputs.json`).expect(200);
    expect(inputs.body.inputs.deal.meta.id).to.equal('keep-ms10');
    expect(inputs.body.inputs.deal.pool.obligors).to.have.length(14);
    // Still downloadable, and the run page can follow it (the event stream ends at once).
    await request(second.app).get(`/api/runs/${id}/result.json`).expect(200);
  });

  it('marks a run that was running when the server stopped as interrupted, not cancelled', async () => {
    const first = open();
    await first.ctx.deals.store.save('slow-ms400', JSON.stringify(yuhangAs('slow-ms400')));
    const started = await request(first.app).post('/api/runs').send({ dealId: 'slow-ms400', paths: 700 }).expect(202);
    const id = started.body.run.id as string;
    await waitFor(async () => ((await request(first.app).get(`/api/runs/${id}`)).body.run.state === 'running' ? true : undefined), 5000, 'running');
    await first.close();
    const second = open();
    const r = await request(second.app).get(`/api/runs/${id}`).expect(200);
    expect(r.body.run.state).to.equal('failed');
    expect(r.body.run.error).to.equal('interrupted: the server stopped before this run finished (start it again)');
    expect(r.body.result).to.equal(null);
  });

  it('leaves an unreadable run file in place, says so, and keeps serving the others', () => {
    const runsDir = join(dataDir, 'runs');
    const first = open();
    void first;
    writeFileSync(join(runsDir, 'run-abc-0123abcd.json'), '{"format":1,"info":');
    const logs: string[] = [];
    const a = createApp({ dataDir, simulateModule: steppedSimulate }, (m) => logs.push(m));
    apps.push(a);
    expect(logs.join('\n')).to.match(/^runs: cannot read run-abc-0123abcd\.json in .*runs \(.*JSON.*\); left in place$/m);
    expect(readdirSync(runsDir)).to.include('run-abc-0123abcd.json');
  });

  it('writes each run file whole (temp file, then rename): no temp files left behind', async () => {
    const a = open();
    await a.ctx.deals.store.save('tidy-ms10', JSON.stringify(yuhangAs('tidy-ms10')));
    const started = await request(a.app).post('/api/runs').send({ dealId: 'tidy-ms10', paths: 700 }).expect(202);
    await finished(a, started.body.run.id);
    await a.ctx.runs.flush();
    const names = readdirSync(join(dataDir, 'runs'));
    expect(names).to.deep.equal([`${started.body.run.id}.json`]);
    const stored = JSON.parse(readFileSync(join(dataDir, 'runs', names[0]!), 'utf8'));
    expect(stored.info.state).to.equal('done');
    expect(stored.job).to.not.have.property('module');
  });
});

describe('run expiry rule (RunStore.expired)', () => {
  const info = (id: string, finishedAt: string) => ({ id, finishedAt });
  const store = new RunStore<{ id: string; finishedAt: string | null }, unknown>({ dir: mkdtempSync(join(tmpdir(), 'ipabs-expiry-')), keep: 2, keepDays: 30 });
  const now = Date.parse('2025-06-30T00:00:00Z');

  it('deletes runs that finished more than keepDays ago', () => {
    const out = store.expired([info('a', '2025-05-30T23:59:59Z'), info('b', '2025-06-01T00:00:00Z')], now);
    expect(out.map((r) => r.id)).to.deep.equal(['a']);
  });

  it('keeps at most `keep` finished runs, deleting the oldest first', () => {
    const out = store.expired([info('new', '2025-06-29T00:00:00Z'), info('old', '2025-06-20T00:00:00Z'), info('mid', '2025-06-25T00:00:00Z')], now);
    expect(out.map((r) => r.id)).to.deep.equal(['old']);
  });
});

// Many people watching one run (issue 16): 120 event-stream clients on one Monte Carlo run each get
// the whole stream in order and the same end; the server keeps answering meanwhile; clients that
// leave early and those that stay to the end leave no listener behind.
import { expect } from 'chai';
import { listen, readEvents, steppedSimulate, yuhangAs, type Listening } from './helpers.js';
import type { RunInfo } from '../../server/runs/manager.js';

const CLIENTS = 120;

/** How many event-stream listeners a run still has (the manager's own bookkeeping). */
const listenersOf = (t: Listening, runId: string): number =>
  (t.ctx.runs as unknown as { runs: Map<string, { listeners: Set<unknown> }> }).runs.get(runId)?.listeners.size ?? -1;

describe(`${CLIENTS} event-stream clients on one run (issue 16)`, function () {
  this.timeout(60_000);
  let t: Listening;
  before(async () => {
    t = await listen({ simulateModule: steppedSimulate });
    // The stand-in engine reports progress in 10 steps of 1 s: long enough for all clients to
    // connect before the end on a busy machine (one that connects after the end gets a single
    // 'state' event with the final state).
    await t.ctx.deals.store.save('watched-ms1000', JSON.stringify(yuhangAs('watched-ms1000')));
  });
  after(() => t.dispose());

  const startRun = async (): Promise<RunInfo> => {
    const res = await fetch(`${t.baseUrl}/api/runs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dealId: 'watched-ms1000', paths: 1000, seed: 5 }) });
    expect(res.status).to.equal(202);
    return ((await res.json()) as { run: RunInfo }).run;
  };

  it('each gets state, progress in order and done; health answers meanwhile; no listener is left', async () => {
    const run = await startRun();
    const streams = Array.from({ length: CLIENTS }, () => readEvents(`${t.baseUrl}/api/runs/${run.id}/events`));
    for (let k = 0; k < 400 && listenersOf(t, run.id) < CLIENTS; k++) await new Promise((r) => setTimeout(r, 25));
    expect(listenersOf(t, run.id), 'clients subscribed while the run goes on').to.equal(CLIENTS);
    const health = await fetch(`${t.baseUrl}/api/health`);
    expect(health.status).to.equal(200);
    const all = await Promise.all(streams);
    for (const events of all) {
      const types = events.map(([e]) => e);
      expect(types[0]).to.equal('state');
      expect(types[types.length - 1]).to.equal('done');
      const done = events.filter(([e]) => e === 'progress').map(([, r]) => r.done);
      expect(done).to.deep.equal([...done].sort((a, b) => a - b));
      expect(events[events.length - 1]![1]).to.deep.include({ state: 'done', done: 1000, total: 1000 });
    }
    // Every client saw the same end of the same run.
    expect(new Set(all.map((events) => JSON.stringify(events[events.length - 1]))).size).to.equal(1);
    expect(listenersOf(t, run.id)).to.equal(0);
  });

  it('clients that leave mid-run unsubscribe; the others still get to the end', async () => {
    const run = await startRun();
    const leavers = Array.from({ length: CLIENTS / 2 }, () => new AbortController());
    const left = leavers.map((c) => readEvents(`${t.baseUrl}/api/runs/${run.id}/events`, { signal: c.signal }).then(() => 'ended', () => 'left'));
    const stayers = Array.from({ length: CLIENTS / 2 }, () => readEvents(`${t.baseUrl}/api/runs/${run.id}/events`));
    // Wait until all 120 are subscribed, then half of them go.
    for (let k = 0; k < 400 && listenersOf(t, run.id) < CLIENTS; k++) await new Promise((r) => setTimeout(r, 25));
    expect(listenersOf(t, run.id)).to.equal(CLIENTS);
    for (const c of leavers) c.abort();
    expect(await Promise.all(left)).to.deep.equal(Array<string>(CLIENTS / 2).fill('left'));
    for (let k = 0; k < 100 && listenersOf(t, run.id) > CLIENTS / 2; k++) await new Promise((r) => setTimeout(r, 20));
    expect(listenersOf(t, run.id), 'listeners after half the clients left').to.equal(CLIENTS / 2);
    const ends = (await Promise.all(stayers)).map((events) => events[events.length - 1]![0]);
    expect(ends).to.deep.equal(Array<string>(CLIENTS / 2).fill('done'));
    expect(listenersOf(t, run.id)).to.equal(0);
  });
});

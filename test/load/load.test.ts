// A bounded load test on loopback: many concurrent API requests of every kind (good and bad)
// while several Monte Carlo runs execute, on a library of 5,000 saved deals. Every request must be
// answered with the status its kind calls for — none lost, none crashing the server — and memory
// must stay bounded.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { scenarioFiles } from '../support/scenarios.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, yuhangAs, yuhangJson, waitFor, YUHANG, type Listening } from '../server/helpers.js';
import { minimalDeal } from '../support/minimal-deal.js';
import { seedLibrary, seededId } from '../../bench/seed-library.js';

const SAVED = 5_000;

interface Shot { name: string; status: number; go: () => Promise<Response> }

/** The shipped scenarios, listed before the saved deals. */
const SHIPPED = scenarioFiles().length;

describe('load: concurrent API requests and runs on loopback', function () {
  // A guard against hangs, not a speed test (speed is in npm run bench): 20 s when the library was
  // empty; the 5,000-deal library adds 40 summaries in the worker and its own listings, and this
  // machine is often shared, so 30 s.
  this.timeout(30_000);
  let t: Listening;
  let dataDir: string;
  before(async function () {
    this.timeout(60_000);
    dataDir = mkdtempSync(join(tmpdir(), 'ipabs-load-'));
    await seedLibrary(dataDir, SAVED, { templates: [minimalDeal() as unknown as { meta: Record<string, unknown> }] });
    t = await listen({ maxConcurrentRuns: 2, maxQueuedRuns: 20, dataDir });
    // Set-up, not load: the index read back, the summary worker started, the scenarios summarized.
    await t.ctx.library.index.ready();
    expect((await fetch(`${t.baseUrl}/api/deals?limit=1`)).status).to.equal(200);
  });
  after(async function () {
    this.timeout(60_000);
    await t.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers all 400 requests correctly while 4 runs complete, with bounded memory', async () => {
    const u = (p: string) => `${t.baseUrl}${p}`;
    const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const broken = JSON.stringify({ ...yuhangJson(), schemaVersion: 2 });
    const kinds: Array<Omit<Shot, 'go'> & { make: (i: number) => Promise<Response> }> = [
      { name: 'list deals', status: 200, make: (i) => fetch(u(i % 20 === 0 ? '/api/deals' : `/api/deals?offset=${(i * 37) % SAVED}&limit=50`)) },
      { name: 'schedule', status: 200, make: () => fetch(u(`/api/deals/${YUHANG}/schedule`)) },
      { name: 'csv', status: 200, make: () => fetch(u(`/api/deals/${YUHANG}/schedule.csv`)) },
      { name: 'validate broken', status: 200, make: () => fetch(u('/api/validate'), json('POST', { text: broken })) },
      { name: 'traversal', status: 400, make: () => fetch(u('/api/deals/..%2F..%2Fetc%2Fpasswd')) },
      { name: 'unknown deal', status: 404, make: () => fetch(u('/api/deals/ghost-deal')) },
      { name: 'malformed body', status: 400, make: () => fetch(u('/api/validate'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text": ' }) },
      { name: 'bad run', status: 400, make: () => fetch(u('/api/runs'), json('POST', { dealId: YUHANG, paths: 1 })) },
      { name: 'save', status: 201, make: (i) => fetch(u(`/api/deals/load-${i}`), json('PUT', yuhangAs(`load-${i}`))) },
      { name: 'learn', status: 200, make: (i) => fetch(u(i % 20 === 9 ? `/api/deals?q=${seededId('seed', i)}` : '/api/learn/exclusive-licence-abn?period=2')) },
    ];
    const heapBefore = process.memoryUsage().heapUsed;

    const runIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(u('/api/runs'), json('POST', { dealId: YUHANG, paths: 4000, seed: 100 + i }));
      expect(r.status).to.equal(202);
      runIds.push(((await r.json()) as { run: { id: string } }).run.id);
    }

    const shots = Array.from({ length: 400 }, (_, i) => {
      const k = kinds[i % kinds.length]!;
      return { name: k.name, status: k.status, go: () => k.make(i) };
    });
    const answers = await Promise.all(shots.map(async (s) => {
      const res = await s.go();
      const body = await res.text();
      return { s, status: res.status, body };
    }));
    expect(answers).to.have.length(400);
    const wrong = answers.filter((a) => a.status !== a.s.status).map((a) => `${a.s.name}: ${a.status} ${a.body.slice(0, 120)}`);
    expect(wrong, 'requests answered with an unexpected status').to.deep.equal([]);
    // Error answers carry the field-named message.
    expect(JSON.parse(answers.find((a) => a.s.name === 'traversal')!.body).error).to.match(/^id: must be a deal id/);

    // Every run reaches the end.
    const states = await Promise.all(runIds.map((id) => waitFor(async () => {
      const r = (await (await fetch(u(`/api/runs/${id}`))).json()) as { run: { state: string } };
      return r.run.state === 'queued' || r.run.state === 'running' ? undefined : r.run.state;
    }, 18_000, `run ${id}`)));
    expect(states).to.deep.equal(['done', 'done', 'done', 'done']);

    // 400 saves landed as 40 distinct deals, each at version 1, listed beside the 5,000 others
    // (each summarized: on a busy machine a save may answer before its summary lands).
    const list = await waitFor(async () => {
      const l = (await (await fetch(u('/api/deals?q=load-&limit=500'))).json()) as { total: number; deals: Array<{ id: string; version: number | null; valid: boolean | null }> };
      return l.deals.every((d) => d.valid !== null) ? l : undefined;
    }, 10_000, 'summaries of the saved deals');
    expect(list.deals.filter((d) => d.id.startsWith('load-') && d.version === 1 && d.valid).length).to.equal(40);
    const all = (await (await fetch(u('/api/deals?limit=1'))).json()) as { total: number };
    expect(all.total).to.equal(SHIPPED + SAVED + 40);
    // The last page of the library holds the last seeded deals.
    const tail = (await (await fetch(u(`/api/deals?offset=${SHIPPED + SAVED + 40 - 2}`))).json()) as { deals: Array<{ id: string; glance: { name: string } }> };
    expect(tail.deals.map((d) => d.id)).to.deep.equal([seededId('seed', SAVED - 2), seededId('seed', SAVED - 1)]);

    const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    expect(grown, `heap grew by ${grown.toFixed(1)} MB`).to.be.below(200);
  });
});

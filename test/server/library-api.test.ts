// The library API on the deal index: pages, search, and listing without reading any deal.
import { expect } from 'chai';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeApp, yuhangJson, YUHANG, type TestApp } from './helpers.js';
import { minimalDeal } from '../support/minimal-deal.js';
import { scenarioFiles } from '../support/scenarios.js';
import { seedLibrary, seededId } from '../../bench/seed-library.js';

interface Row { id: string; source: string; version: number | null; valid: boolean | null; pending: boolean; glance: { name: string; size: number } | null; cost: { subsidyAdjustedCostRate: number } | null }

/** The shipped scenarios, listed first. */
const SHIPPED = scenarioFiles().length;

describe('library API (GET /api/deals on the deal index)', function () {
  this.timeout(30_000);
  let dataDir: string;
  let t: TestApp;
  const N = 300;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ipabs-library-'));
    await seedLibrary(dataDir, N, { templates: [yuhangJson(), minimalDeal() as unknown as { meta: Record<string, unknown> }] });
    t = makeApp({ dataDir });
  });
  after(async () => {
    await t.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`lists ${N} saved deals (more than the old caches held) without reading, validating or costing any`, async () => {
    await request(t.app).get('/api/deals').expect(200); // the shipped scenarios are summarized once
    const store = t.ctx.deals.store;
    const calls: string[] = [];
    for (const name of ['read', 'readVersion', 'history', 'list'] as const) {
      const original = store[name].bind(store) as (...a: unknown[]) => unknown;
      (store as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => { calls.push(`${name}(${String(a[0])})`); return original(...a); };
    }
    try {
      const res = await request(t.app).get(`/api/deals?limit=500`).expect(200);
      expect(res.body.total).to.equal(N + SHIPPED);
      expect(res.body.deals).to.have.length(N + SHIPPED);
      expect(calls, 'deal files read to list the library').to.deep.equal([]);
    } finally {
      for (const name of ['read', 'readVersion', 'history', 'list']) delete (store as unknown as Record<string, unknown>)[name];
    }
  });

  it('answers a page of 100 by default, in order, with the total; offset and limit move through it', async () => {
    const first = await request(t.app).get('/api/deals').expect(200);
    expect([first.body.total, first.body.offset, first.body.limit, first.body.deals.length]).to.deep.equal([N + SHIPPED, 0, 100, 100]);
    const ids = (first.body.deals as Row[]).map((d) => d.id);
    expect(ids.slice(0, SHIPPED)).to.include.members(['futian-n-plus-1-2023', 'ningbo-bank-rail-2024', 'ningbo-ecny-2024', YUHANG]);
    expect(ids[SHIPPED]).to.equal(seededId('seed', 0));
    const last = await request(t.app).get(`/api/deals?offset=${N + SHIPPED - 4}&limit=50`).expect(200);
    expect((last.body.deals as Row[]).map((d) => d.id)).to.deep.equal([seededId('seed', 296), seededId('seed', 297), seededId('seed', 298), seededId('seed', 299)]);
    const past = await request(t.app).get('/api/deals?offset=1000').expect(200);
    expect([past.body.total, past.body.deals.length]).to.deep.equal([N + SHIPPED, 0]);
  });

  it('searches ids and names (case-insensitive)', async () => {
    const res = await request(t.app).get('/api/deals?q=SEEDED%20DEAL%2012').expect(200);
    // "Seeded deal 12" and 120–129.
    expect(res.body.total).to.equal(11);
    const yuhang = await request(t.app).get('/api/deals?q=YUHANG-abn-2023-2').expect(200);
    expect((yuhang.body.deals as Row[]).map((d) => d.id)).to.deep.equal(['yuhang-abn-2023-2']);
  });

  it('refuses a bad page with 400 naming the parameter and what is allowed', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'limit: must be a whole number from 1 to 500, got "0"'],
      ['limit=501', 'limit: must be a whole number from 1 to 500, got "501"'],
      ['offset=-1', 'offset: must be a whole number from 0 to 1000000000, got "-1"'],
      ['limit=ten', 'limit: must be a whole number from 1 to 500, got "ten"'],
      [`q=${'x'.repeat(201)}`, 'q: must be text of at most 200 characters'],
    ];
    for (const [query, error] of cases) {
      const res = await request(t.app).get(`/api/deals?${query}`).expect(400);
      expect(res.body.error, query).to.equal(error);
    }
  });

  it('a seeded entry is what the server itself makes of that deal (the seeding is faithful)', async () => {
    const id = seededId('seed', 2); // a Yuhang copy
    const listed = ((await request(t.app).get(`/api/deals?q=${id}`).expect(200)).body.deals as Row[])[0] as Row & Record<string, unknown>;
    const text = (await request(t.app).get(`/api/deals/${id}`).expect(200)).body.deal as Record<string, unknown>;
    await request(t.app).put(`/api/deals/${id}`).send(text).expect(200);
    const resaved = ((await request(t.app).get(`/api/deals?q=${id}`).expect(200)).body.deals as Row[])[0] as Row & Record<string, unknown>;
    expect(resaved.version).to.equal(2);
    const strip = (r: Record<string, unknown>) => ({ ...r, version: null, savedAt: null });
    expect(strip(resaved)).to.deep.equal(strip(listed));
    expect(listed.glance?.size).to.equal(133_000_000);
    expect(listed.cost?.subsidyAdjustedCostRate).to.be.a('number');
  });

  it('rebuilds a lost index from the deal files (in the worker) and lists the same', async () => {
    const small = makeApp();
    try {
      await request(small.app).post('/api/deals').send({ id: 'mine-1', from: YUHANG }).expect(201);
      await request(small.app).post('/api/deals').send({ id: 'mine-2', from: 'ningbo-ecny-2024', name: 'Ningbo copy' }).expect(201);
      const before = (await request(small.app).get('/api/deals').expect(200)).body.deals as Row[];
      rmSync(join(small.dataDir, 'index'), { recursive: true, force: true });
      const again = makeApp({ dataDir: small.dataDir });
      try {
        await again.ctx.library.index.settled();
        const after = (await request(again.app).get('/api/deals').expect(200)).body.deals as Row[];
        expect(after).to.deep.equal(before);
        expect(after.map((d) => [d.id, d.valid, d.pending])).to.deep.include.members([['mine-1', true, false], ['mine-2', true, false]]);
      } finally {
        await again.close();
      }
    } finally {
      await small.dispose();
    }
  });
});

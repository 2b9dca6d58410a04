// The library at scale (part of `npm run bench`; alone: `npm run bench:library`): a data folder of
// 5,000 saved deals (copies of the shipped scenarios, seeded by bench/seed-library.ts), then
//   - how long the server takes to read the deal index at start,
//   - GET /api/deals latency (first page, a 500-deal page, the last page, a search),
//   - /api/health latency while four clients keep listing the library (the event loop stays free),
//   - a save's latency (validation, exclusive write, the summary made in the worker),
//   - how fast a lost index is rebuilt in the background.
// Targets (issue 16): library API < 100 ms and health p99 < 50 ms with 5,000 saved deals.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createApp } from '../server/app.js';
import { projectRoot as root } from '../server/config.js';
import { textTable } from '../models/format.js';
import { seedLibrary, seededId } from './seed-library.js';


const quantile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

export async function libraryBench(opts: { deals?: number } = {}): Promise<void> {
  const n = opts.deals ?? 5_000;
  const templates = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(readFileSync(join(root, 'scenarios', f), 'utf8')) as { meta: Record<string, unknown> });
  const dataDir = mkdtempSync(join(tmpdir(), 'ipabs-bench-library-'));
  const logs: string[] = [];
  try {
    const t0 = performance.now();
    await seedLibrary(dataDir, n, { templates });
    const seeded = performance.now() - t0;

    const { app, ctx, close } = createApp({ dataDir }, (m) => logs.push(m));
    const server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const t1 = performance.now();
    await ctx.library.index.ready();
    const loaded = performance.now() - t1;

    const get = async (path: string): Promise<number> => {
      const s = performance.now();
      const res = await fetch(base + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return performance.now() - s;
    };
    await get('/api/deals'); // the shipped scenarios are summarized on the first listing
    const timesOf = async (path: string, k: number) => { const xs: number[] = []; for (let i = 0; i < k; i++) xs.push(await get(path)); return xs; };
    const api: Array<[string, number[]]> = [
      ['GET /api/deals (first page of 100)', await timesOf('/api/deals', 50)],
      ['GET /api/deals?limit=500', await timesOf('/api/deals?limit=500', 20)],
      [`GET /api/deals?offset=${n}&limit=100 (last page)`, await timesOf(`/api/deals?offset=${n}&limit=100`, 50)],
      [`GET /api/deals?q=${seededId('seed', n - 1)} (search all)`, await timesOf(`/api/deals?q=${seededId('seed', n - 1)}`, 50)],
    ];

    // Health while four clients list the library back to back for 5 s. The clients run in their
    // own thread, so their work does not count against the server's event loop.
    const load = await loadFromAnotherThread(base, n, 5_000);

    // Saves through the API: validation, exclusive write, summary in the worker, index entry.
    const saves: number[] = [];
    for (let i = 0; i < 20; i++) {
      const d = templates[i % templates.length] as { meta: Record<string, unknown> };
      const id = `bench-save-${i}`;
      const s = performance.now();
      const res = await fetch(`${base}/api/deals/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...d, meta: { ...d.meta, id } }) });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`save ${id}: HTTP ${res.status}`);
      saves.push(performance.now() - s);
    }
    await close();
    server.closeAllConnections();
    server.close();

    // A lost index: 200 entries removed, rebuilt in the background by a fresh server.
    const lost = 200;
    await Promise.all(Array.from({ length: lost }, (_, i) => rm(join(dataDir, 'index', `${seededId('seed', i)}.json`))));
    const again = createApp({ dataDir }, (m) => logs.push(m));
    const t2 = performance.now();
    await again.ctx.library.index.settled();
    const rebuilt = performance.now() - t2;
    await again.close();

    console.log(`\nLibrary with ${n.toLocaleString('en-US')} saved deals (copies of the shipped scenarios; seeded in ${(seeded / 1000).toFixed(1)} s). Reading the deal index at start: ${ms(loaded)}.\n`);
    console.log(textTable(['request', 'median', 'p95', 'max', 'target'], api.map(([what, xs]) => [what, ms(quantile(xs, 0.5)), ms(quantile(xs, 0.95)), ms(Math.max(...xs)), '< 100 ms'])));
    const health = load.health;
    console.log(`\n/api/health while 4 clients list the library (${load.listings} listings of 100 or 500 deals in 5 s): ${health.length} requests, median ${ms(quantile(health, 0.5))}, p99 ${ms(quantile(health, 0.99))}, max ${ms(Math.max(...health))} (target p99 < 50 ms)`);
    console.log(`Save (PUT, new deal, summary made in the worker): median ${ms(quantile(saves, 0.5))}, max ${ms(Math.max(...saves))}`);
    console.log(`Rebuilding ${lost} lost index entries in the background: ${(rebuilt / 1000).toFixed(1)} s (${(lost / (rebuilt / 1000)).toFixed(0)} deals/s; all ${n.toLocaleString('en-US')} would take ~${((n / lost) * rebuilt / 1000).toFixed(0)} s)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Four clients listing pages of the library and one polling /api/health, in a worker thread. */
function loadFromAnotherThread(base: string, n: number, forMs: number): Promise<{ health: number[]; listings: number }> {
  const code = `
    const { parentPort, workerData: { base, n, forMs } } = require('node:worker_threads');
    (async () => {
      const get = async (path) => { const s = performance.now(); const r = await fetch(base + path); await r.arrayBuffer(); if (!r.ok) throw new Error(path + ': HTTP ' + r.status); return performance.now() - s; };
      let stop = false, listings = 0;
      const listers = [0, 1, 2, 3].map(async (k) => { while (!stop) { await get(k === 3 ? '/api/deals?limit=500' : '/api/deals?offset=' + ((listings * 97) % n)); listings++; } });
      const health = [];
      const until = Date.now() + forMs;
      while (Date.now() < until) { health.push(await get('/api/health')); await new Promise((r) => setTimeout(r, 5)); }
      stop = true;
      await Promise.all(listers);
      parentPort.postMessage({ health, listings });
    })().catch((e) => parentPort.postMessage({ error: String(e) }));`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { base, n, forMs } });
    w.once('message', (m: { health: number[]; listings: number } | { error: string }) => {
      void w.terminate();
      if ('error' in m) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--deals');
  await libraryBench(i > 0 ? { deals: Number(process.argv[i + 1]) } : {});
}

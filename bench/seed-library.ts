// A data folder with thousands of saved deals, as months of saving would leave it: each deal's
// version file and its deal-index entry (models/store/deal-index.ts). Summaries are made once
// per template by the server's own summary code (server/library/summary.ts) and given each copy's
// id and name — the only fields in which the copies differ — so seeding 5,000 deals takes
// seconds instead of the ~100 s of summarizing each. test/server/library-api.test.ts checks that
// a seeded entry equals the summary the server makes of the same deal.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { summarizeDealText, type DealSummary } from '../server/library/summary.js';
import { codeStamp } from '../server/library/summarizer.js';
import type { IndexEntry } from '../models/store/deal-index.js';

export interface SeedOptions {
  /** Deal JSON objects to copy, in turn (each must be valid). */
  templates: ReadonlyArray<{ meta: Record<string, unknown> }>;
  /** Ids are `${prefix}-00000`, `${prefix}-00001`, … */
  prefix?: string;
  savedBy?: string | null;
}

/** Id and name of copy i. */
export const seededId = (prefix: string, i: number) => `${prefix}-${String(i).padStart(5, '0')}`;
export const seededName = (i: number) => `Seeded deal ${i}`;

export async function seedLibrary(dataDir: string, n: number, opts: SeedOptions): Promise<string[]> {
  const prefix = opts.prefix ?? 'seed';
  const stamp = codeStamp();
  const summaries: DealSummary[] = opts.templates.map((t) => summarizeDealText(JSON.stringify(t)));
  await mkdir(join(dataDir, 'index'), { recursive: true });
  const ids: string[] = [];
  const batch = 100;
  for (let start = 0; start < n; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, n - start) }, async (_, k) => {
      const i = start + k;
      const id = seededId(prefix, i);
      const name = seededName(i);
      const k2 = i % opts.templates.length;
      const deal = { ...opts.templates[k2], meta: { ...opts.templates[k2]?.meta, id, name } };
      const dir = join(dataDir, 'deals', id);
      await mkdir(dir, { recursive: true });
      const file = join(dir, 'v000001.json');
      await writeFile(file, `${JSON.stringify(deal, null, 2)}\n`);
      const st = await stat(file);
      if (opts.savedBy) await writeFile(join(dir, 'v000001.meta.json'), `${JSON.stringify({ savedBy: opts.savedBy })}\n`);
      const t = summaries[k2] as DealSummary;
      const summary: DealSummary = { ...t, glance: t.glance ? { ...t.glance, id, name } : null, glanceZh: t.glanceZh ? { ...t.glanceZh, id, name } : null };
      const savedAt = st.mtime.toISOString();
      const entry: IndexEntry<DealSummary> = {
        id, source: 'user', version: 1, savedAt, versions: [{ version: 1, savedAt, bytes: st.size, savedBy: opts.savedBy ?? null }],
        summary, summaryOf: 1, stamp,
      };
      await writeFile(join(dataDir, 'index', `${id}.json`), `${JSON.stringify({ format: 1, entry })}\n`);
      ids.push(id);
    }));
  }
  return ids.sort();
}

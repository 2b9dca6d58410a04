// Runs kept on disk, so a restart of the server does not lose them: one JSON file per run in
// `<dataDir>/runs/`, holding what was asked (the deal as it was run, paths, seed, stress or the
// sizing/sensitivity request), its state and, once finished, its result. Files are written
// atomically (temp file, then rename): a crash mid-write leaves the previous file or none.
//
// Expiry rule (documented in docs/api.md): a finished run is deleted when it finished more than
// `keepDays` days ago, or when more than `keep` finished runs are stored (the oldest go first).
// The rule is applied at start-up and each time a run finishes.
import { mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isStaleTemp, writeFileAtomic } from '../../models/store/deal-store.js';

export const RUN_ID_RE = /^run-[a-z0-9]{1,16}-[0-9a-f]{8}$/;

/** What a stored run file holds: its info, its inputs (the job without engine paths) and its result. */
export interface StoredRun<I, J> {
  format: 1;
  info: I;
  job: J;
  result: unknown;
}

export interface RunStoreOptions {
  dir: string;
  keep: number;
  keepDays: number;
}

export interface RunFileProblem { file: string; message: string }

export class RunStore<I extends { id: string; finishedAt: string | null }, J> {
  /** Writes of one run happen in order (a finish never lands before its own submit). */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(readonly opts: RunStoreOptions) {
    mkdirSync(opts.dir, { recursive: true });
  }

  private file(id: string): string {
    if (!RUN_ID_RE.test(id)) throw new Error(`runId: not a run id: ${JSON.stringify(id)}`);
    return join(this.opts.dir, `${id}.json`);
  }

  /** Every readable stored run (oldest first by creation) and the files that could not be read. */
  loadAll(): { runs: Array<StoredRun<I, J>>; problems: RunFileProblem[] } {
    const runs: Array<StoredRun<I, J>> = [];
    const problems: RunFileProblem[] = [];
    for (const name of readdirSync(this.opts.dir)) {
      if (isStaleTemp(name)) { try { unlinkSync(join(this.opts.dir, name)); } catch { /* gone already */ } continue; }
      if (!name.endsWith('.json') || !RUN_ID_RE.test(name.slice(0, -5))) continue;
      try {
        const v = JSON.parse(readFileSync(join(this.opts.dir, name), 'utf8')) as StoredRun<I, J>;
        if (v.format !== 1 || !v.info || v.info.id !== name.slice(0, -5)) throw new Error('not a run file of format 1');
        runs.push(v);
      } catch (err) {
        problems.push({ file: name, message: (err as Error).message });
      }
    }
    runs.sort((a, b) => String((a.info as unknown as { createdAt?: string }).createdAt ?? '').localeCompare(String((b.info as unknown as { createdAt?: string }).createdAt ?? '')));
    return { runs, problems };
  }

  /** Write (or rewrite) a run's file; writes of one run are serialized. */
  save(run: StoredRun<I, J>): Promise<void> {
    const file = this.file(run.info.id);
    const text = `${JSON.stringify(run)}\n`;
    return this.inOrder(run.info.id, () => writeFileAtomic(file, text));
  }

  /** Delete a run's file (after any write of it still in flight). */
  remove(id: string): Promise<void> {
    const file = this.file(id);
    return this.inOrder(id, async () => {
      try { unlinkSync(file); } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    });
  }

  private inOrder(id: string, fn: () => Promise<void>): Promise<void> {
    const prev = this.pending.get(id) ?? Promise.resolve();
    const next = prev.then(fn);
    const settled = next.catch(() => undefined);
    this.pending.set(id, settled);
    void settled.then(() => { if (this.pending.get(id) === settled) this.pending.delete(id); });
    return next;
  }

  /** The finished runs the expiry rule removes, given every finished run's info (any order). */
  expired(finished: readonly I[], now = Date.now()): I[] {
    const cutoff = now - this.opts.keepDays * 24 * 3600 * 1000;
    const byAge = [...finished].sort((a, b) => String(a.finishedAt).localeCompare(String(b.finishedAt)));
    const tooMany = Math.max(0, byAge.length - this.opts.keep);
    return byAge.filter((r, i) => i < tooMany || Date.parse(r.finishedAt ?? '') < cutoff);
  }

  /** Wait for every write in flight (tests and shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()]);
  }
}

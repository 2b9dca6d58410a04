// The index of saved deals (交易目录): one summary per deal kept in memory and on disk, so that
// listing the library costs the same with 5 deals or 5,000 — no deal is read, validated or costed
// to list it. What a summary holds is the caller's business (the server keeps the library row:
// validity, glance, cost); the index only keeps it current:
//
// - after every save (the store tells the index) the new version's summary is computed and
//   written, normally before the save returns (a listing right after shows it; on a busy server
//   the save stops waiting after a moment and the row says "pending" until the summary lands);
// - each deal's entry is persisted atomically as <dataDir>/index/<id>.json (temp file + rename),
//   so a save rewrites a few kilobytes, never the whole index;
// - at start the entries are read back and checked against the version files on disk; an entry
//   that is missing, corrupt, behind the files (a crash between save and index write) or made by
//   other code (a different stamp) is rebuilt in the background, oldest summary kept meanwhile.
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DealStore, isDealId, writeFileAtomic, type DealSource, type StoredDeal, type VersionInfo } from './deal-store.js';

export type IndexedVersion = VersionInfo;

export interface IndexEntry<S> {
  id: string;
  source: DealSource;
  /** Current version (user deals); null for a shipped scenario. */
  version: number | null;
  savedAt: string;
  /** Every saved version, oldest first (empty for scenarios). */
  versions: IndexedVersion[];
  /** Summary of `summaryOf` (normally the current version); null until one has been computed. */
  summary: S | null;
  summaryOf: number | null;
  /** The summarizer's stamp when the summary was made (a different stamp means: recompute). */
  stamp: string | null;
}

export interface Summarizer<S> {
  /** Changes whenever the code that makes summaries changes. */
  readonly stamp: string;
  /** `urgent`: a save is waiting for it (goes before background rebuilds). */
  summarize(stored: StoredDeal, urgent: boolean): Promise<S>;
}

export interface ListQuery {
  offset?: number;
  limit?: number;
  /** Case-insensitive text the id or a name must contain. */
  q?: string;
}

export interface ListPage<S> {
  entries: Array<IndexEntry<S>>;
  /** Deals matching the query (all pages). */
  total: number;
  offset: number;
  limit: number;
}

export interface DealIndexOptions<S> {
  store: DealStore;
  summarizer: Summarizer<S>;
  /** Text a summary is searched by (its names), besides the id. */
  searchText?: (summary: S) => string;
  /** Longest a save waits for its summary before it answers (default 2 s; the summary still lands). */
  waitForSummaryMs?: number;
  log?: (msg: string) => void;
}

const FORMAT = 1;

interface IndexFile<S> { format: number; entry: IndexEntry<S> }

export class DealIndex<S> {
  private readonly store: DealStore;
  private readonly summarizer: Summarizer<S>;
  private readonly dir: string;
  private readonly log: (msg: string) => void;
  private readonly searchText: (summary: S) => string;
  private readonly waitForSummaryMs: number;
  private readonly users = new Map<string, IndexEntry<S>>();
  /** User deal ids in listing order (sorted). */
  private userOrder: string[] = [];
  private scenarios: Array<IndexEntry<S>> = [];
  private readonly scenarioPrints = new Map<string, string>();
  private scenariosFirst: Promise<void> | null = null;
  private scenarioRefresh: Promise<void> | null = null;
  private scenariosCheckedAt = 0;
  /** Writes of one deal's entry, one after another. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly rebuildQueue: string[] = [];
  private rebuilding: Promise<void> | null = null;
  private closed = false;
  private loaded: Promise<void> | null = null;

  constructor(opts: DealIndexOptions<S>) {
    this.store = opts.store;
    this.summarizer = opts.summarizer;
    this.dir = join(opts.store.dataDir, 'index');
    this.log = opts.log ?? (() => undefined);
    this.searchText = opts.searchText ?? (() => '');
    this.waitForSummaryMs = opts.waitForSummaryMs ?? 2_000;
    this.store.onSaved((id, saved) => this.recordSave(id, saved));
    this.store.onMoved((from, to) => this.recordMove(from, to));
  }

  /** Read the index from disk (once); entries needing work are queued for the background. */
  ready(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  /** Start reading the index and summarizing the scenarios now, so that the first listing need not wait. */
  warm(): Promise<void> {
    return Promise.all([this.ready(), this.scenariosReady()]).then(() => undefined);
  }

  /** Deals rebuilt in the background and not done yet. */
  get pendingRebuilds(): number {
    return this.rebuildQueue.length + (this.rebuilding ? 1 : 0);
  }

  /** Resolves when the background rebuild queue is empty (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.ready();
    while (this.rebuilding) await this.rebuilding;
  }

  async list(query: ListQuery = {}): Promise<ListPage<S>> {
    await this.ready();
    await this.scenariosReady();
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.max(0, Math.floor(query.limit ?? Number.MAX_SAFE_INTEGER));
    const q = (query.q ?? '').trim().toLowerCase();
    const user = (id: string) => this.users.get(id) as IndexEntry<S>;
    const s = this.scenarios.length;
    if (!q) {
      // Only the page is touched: the cost does not grow with the number of deals.
      const entries = [...this.scenarios.slice(offset, offset + limit), ...this.userOrder.slice(Math.max(0, offset - s), Math.max(0, offset + limit - s)).map(user)];
      return { entries, total: s + this.userOrder.length, offset, limit };
    }
    const hits = [...this.scenarios, ...this.userOrder.map(user)].filter((e) => e.id.includes(q) || (e.summary !== null && this.searchText(e.summary).toLowerCase().includes(q)));
    return { entries: hits.slice(offset, offset + limit), total: hits.length, offset, limit };
  }

  /** Every entry (scenarios first), for choosers that need them all. */
  async all(): Promise<Array<IndexEntry<S>>> {
    return (await this.list()).entries;
  }

  async entry(id: string): Promise<IndexEntry<S> | null> {
    await this.ready();
    if (!isDealId(id)) return null;
    await this.scenariosReady();
    return this.scenarios.find((e) => e.id === id) ?? this.users.get(id) ?? null;
  }

  /** Bytes of all versions saved by `user` (for per-user storage limits). */
  async bytesSavedBy(user: string): Promise<number> {
    await this.ready();
    let n = 0;
    for (const e of this.users.values()) for (const v of e.versions) if (v.savedBy === user) n += v.bytes;
    return n;
  }

  close(): void {
    this.closed = true;
    this.rebuildQueue.length = 0;
  }

  // --- saving ---------------------------------------------------------------------------------

  private async recordSave(id: string, saved: VersionInfo): Promise<void> {
    await this.ready();
    const e = this.users.get(id) ?? this.addUser(id);
    if (!e.versions.some((v) => v.version === saved.version)) {
      e.versions.push(saved);
      e.versions.sort((a, b) => a.version - b.version);
    }
    const last = e.versions[e.versions.length - 1] as IndexedVersion;
    e.version = last.version;
    e.savedAt = last.savedAt;
    const work = (async () => {
      try {
        const stored = await this.store.readVersion(id, saved.version);
        if (stored) await this.summarizeInto(e, stored, true);
      } catch (err) {
        this.log(`deal index: could not summarize ${id} v${saved.version} (${(err as Error).message}); it will be retried at the next start`);
      }
      await this.persist(id);
    })();
    // The save waits for its summary, so that a listing right after shows it — but only so long:
    // on a busy server the save answers and its library row shows "pending" until the summary lands.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((r) => { timer = setTimeout(r, this.waitForSummaryMs); })]);
    clearTimeout(timer);
  }

  /** A deal renamed (its entry, history and summary, moves to the new id) or deleted (dropped). */
  private async recordMove(from: string, to: string | null): Promise<void> {
    await this.ready();
    const e = this.users.get(from);
    this.users.delete(from);
    this.userOrder = this.userOrder.filter((x) => x !== from);
    await unlink(this.fileOf(from)).catch(() => undefined);
    if (!to || !e) return;
    const moved = this.addUser(to);
    Object.assign(moved, e, { id: to });
    await this.persist(to);
  }

  private addUser(id: string): IndexEntry<S> {
    const e: IndexEntry<S> = { id, source: 'user', version: null, savedAt: '', versions: [], summary: null, summaryOf: null, stamp: null };
    this.users.set(id, e);
    // Keep the order sorted (insert by binary search: ids arrive one save at a time).
    let lo = 0;
    let hi = this.userOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.userOrder[mid] as string) < id) lo = mid + 1;
      else hi = mid;
    }
    this.userOrder.splice(lo, 0, id);
    return e;
  }

  /** Summarize `stored` into `e` unless a newer version's summary got there first. */
  private async summarizeInto(e: IndexEntry<S>, stored: StoredDeal, urgent: boolean): Promise<void> {
    const summary = await this.summarizer.summarize(stored, urgent);
    const of = stored.version ?? 0;
    if (e.summaryOf !== null && e.summaryOf > of && e.stamp === this.summarizer.stamp) return;
    e.summary = summary;
    e.summaryOf = of;
    e.stamp = this.summarizer.stamp;
  }

  private persist(id: string): Promise<void> {
    const prev = this.writes.get(id) ?? Promise.resolve();
    const next = prev.then(async () => {
      const e = this.users.get(id);
      if (!e) return;
      await mkdir(this.dir, { recursive: true });
      const file: IndexFile<S> = { format: FORMAT, entry: e };
      await writeFileAtomic(this.fileOf(id), `${JSON.stringify(file)}\n`);
    }).catch((err: unknown) => {
      this.log(`deal index: could not write the entry of ${id} (${(err as Error).message}); it will be rebuilt at the next start`);
    });
    this.writes.set(id, next);
    void next.finally(() => { if (this.writes.get(id) === next) this.writes.delete(id); });
    return next;
  }

  private fileOf(id: string): string {
    return resolve(this.dir, `${id}.json`);
  }

  // --- loading and rebuilding -----------------------------------------------------------------

  private async load(): Promise<void> {
    const ids = await this.store.userDealIds();
    const scenarioIds = new Set(await this.scenarioIdsOnDisk());
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch { /* no index yet: every deal is rebuilt */ }
    const onDisk = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)));
    // A few dozen files at a time: enough to keep the disk busy, few enough to leave it to requests.
    const batch = 64;
    const userIds = ids.filter((id) => !scenarioIds.has(id));
    for (let i = 0; i < userIds.length; i += batch) {
      await Promise.all(userIds.slice(i, i + batch).map(async (id) => {
        const [entry, numbers] = await Promise.all([onDisk.has(id) ? this.readEntry(id) : null, this.store.versionNumbers(id)]);
        if (numbers.length === 0) return;
        const e = this.addUser(id);
        if (entry) Object.assign(e, entry);
        const max = numbers.reduce((a, b) => Math.max(a, b), 0);
        const fresh = entry !== null && entry.versions.length === numbers.length && entry.version === max && entry.summaryOf === max && entry.stamp === this.summarizer.stamp;
        if (!fresh) {
          if (!entry) { e.version = max; e.savedAt = ''; }
          this.rebuildQueue.push(id);
        }
      }));
    }
    // Entries of deals no longer on disk are dropped from disk too.
    for (const id of onDisk) if (!this.users.has(id)) await unlink(this.fileOf(id)).catch(() => undefined);
    if (this.rebuildQueue.length) {
      this.log(`deal index: ${this.rebuildQueue.length} of ${userIds.length} saved deals need their index entry rebuilt (in the background; the library lists them meanwhile)`);
      this.startRebuild();
    }
  }

  private async readEntry(id: string): Promise<IndexEntry<S> | null> {
    try {
      const f = JSON.parse(await readFile(this.fileOf(id), 'utf8')) as Partial<IndexFile<S>>;
      const e = f.entry;
      if (f.format !== FORMAT || !e || e.id !== id || e.source !== 'user' || !Array.isArray(e.versions)) return null;
      return e;
    } catch {
      return null; // unreadable or corrupt: rebuilt from the version files
    }
  }

  private startRebuild(): void {
    if (this.rebuilding || this.closed) return;
    this.rebuilding = (async () => {
      while (!this.closed && this.rebuildQueue.length) {
        const id = this.rebuildQueue.shift() as string;
        try {
          await this.rebuild(id);
        } catch (err) {
          this.log(`deal index: could not rebuild the entry of ${id} (${(err as Error).message})`);
        }
      }
    })().finally(() => { this.rebuilding = null; });
  }

  private async rebuild(id: string): Promise<void> {
    const e = this.users.get(id);
    if (!e) return;
    const versions = await this.store.history(id);
    const last = versions[versions.length - 1];
    if (!last) return;
    e.versions = versions;
    e.version = last.version;
    e.savedAt = last.savedAt;
    if (e.summaryOf !== last.version || e.stamp !== this.summarizer.stamp) {
      const stored = await this.store.readVersion(id, last.version);
      if (stored) await this.summarizeInto(e, stored, false);
    }
    await this.persist(id);
  }

  // --- shipped scenarios ----------------------------------------------------------------------

  private async scenarioIdsOnDisk(): Promise<string[]> {
    try {
      return (await readdir(this.store.scenariosDir)).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter(isDealId).sort();
    } catch {
      return [];
    }
  }

  /**
   * The shipped scenarios, summarized. The first call waits for their summaries (all asked for at
   * once); later calls answer with what is there and, at most once a second, look for changed
   * files in the background — a changed scenario keeps its old row until its new summary lands.
   */
  private scenariosReady(): Promise<void> {
    if (!this.scenariosFirst) {
      this.scenariosFirst = this.refreshScenarios().catch((err: unknown) => {
        this.log(`deal index: could not read the scenarios (${(err as Error).message})`);
        this.scenariosFirst = null;
      });
      this.scenariosCheckedAt = Date.now();
      return this.scenariosFirst;
    }
    if (!this.scenarioRefresh && Date.now() - this.scenariosCheckedAt > 1_000) {
      this.scenariosCheckedAt = Date.now();
      this.scenarioRefresh = this.refreshScenarios().catch((err: unknown) => {
        this.log(`deal index: could not check the scenarios (${(err as Error).message})`);
      }).finally(() => { this.scenarioRefresh = null; });
    }
    return this.scenariosFirst;
  }

  private async refreshScenarios(): Promise<void> {
    const ids = await this.scenarioIdsOnDisk();
    const next = await Promise.all(ids.map(async (id): Promise<IndexEntry<S> | null> => {
      const st = await stat(join(this.store.scenariosDir, `${id}.json`)).catch(() => null);
      if (!st) return null;
      const print = `${st.mtimeMs}:${st.size}`;
      const old = this.scenarios.find((e) => e.id === id);
      if (old && this.scenarioPrints.get(id) === print && old.stamp === this.summarizer.stamp) return old;
      const stored = await this.store.read(id);
      if (!stored) return null;
      const e: IndexEntry<S> = { id, source: 'scenario', version: null, savedAt: stored.savedAt, versions: [], summary: null, summaryOf: null, stamp: null };
      try {
        await this.summarizeInto(e, stored, true);
        this.scenarioPrints.set(id, print);
      } catch (err) {
        // Shown without a summary; tried again at the next check.
        this.log(`deal index: could not summarize scenario ${id} (${(err as Error).message})`);
        return old ?? e;
      }
      return e;
    }));
    this.scenarios = next.filter((e): e is IndexEntry<S> => e !== null);
    // A user deal hidden by a scenario of the same id stays hidden, as in the store.
    for (const e of this.scenarios) if (this.users.delete(e.id)) this.userOrder = this.userOrder.filter((x) => x !== e.id);
  }
}

// Deal storage: the shipped scenarios (read-only, one JSON file each in `scenarios/`) and the
// deals users save (under a data folder, every saved version kept). Versions are written
// atomically — a temp file in the same folder, flushed, then renamed — so a crash mid-write
// never leaves a half-written deal, and saving never overwrites an earlier version.
//
// Layout of the data folder:
//   <dataDir>/deals/<id>/v000001.json, v000002.json, …   (highest number = current)
//
// Ids are checked against the deal identifier rule before they touch a path, so a request
// cannot name a file outside these folders.
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The deal identifier rule of the deal format (`meta.id`): lower-case letters, digits, '.', '_', '-'. */
export const DEAL_ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isDealId(s: unknown): s is string {
  return typeof s === 'string' && DEAL_ID_RE.test(s);
}

export const dealIdRule = "lower-case letters, digits, '.', '_' or '-', 1-64 characters, starting with a letter or digit";

export type DealSource = 'scenario' | 'user';

export interface StoredDeal {
  id: string;
  source: DealSource;
  /** Saved version number (user deals); null for a shipped scenario. */
  version: number | null;
  /** When this version was written (ISO time); for scenarios, the file's modification time. */
  savedAt: string;
  text: string;
}

export interface VersionInfo {
  version: number;
  savedAt: string;
  bytes: number;
}

export interface DealListEntry {
  id: string;
  source: DealSource;
  versions: number;
}

export class DealStoreError extends Error {
  constructor(readonly code: 'invalid-id' | 'read-only' | 'not-found' | 'exists', message: string) {
    super(message);
  }
}

export interface DealStoreOptions {
  scenariosDir: string;
  dataDir: string;
}

const VERSION_RE = /^v(\d{6})\.json$/;
const versionFile = (v: number) => `v${String(v).padStart(6, '0')}.json`;

export class DealStore {
  readonly scenariosDir: string;
  readonly dataDir: string;
  private readonly dealsDir: string;
  /** Saves of one id run one after another, so two saves never pick the same version number. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(opts: DealStoreOptions) {
    this.scenariosDir = resolve(opts.scenariosDir);
    this.dataDir = resolve(opts.dataDir);
    this.dealsDir = join(this.dataDir, 'deals');
  }

  /** Every deal id: scenarios first (by file name), then user deals. */
  async list(): Promise<DealListEntry[]> {
    const scenarios = (await this.scenarioIds()).map((id): DealListEntry => ({ id, source: 'scenario', versions: 1 }));
    const taken = new Set(scenarios.map((s) => s.id));
    const users: DealListEntry[] = [];
    for (const id of await this.userIds()) {
      if (taken.has(id)) continue;
      const versions = (await this.history(id)).length;
      if (versions > 0) users.push({ id, source: 'user', versions });
    }
    return [...scenarios, ...users];
  }

  async isScenario(id: string): Promise<boolean> {
    return isDealId(id) && (await this.scenarioIds()).includes(id);
  }

  /** The current text of a deal, or null if there is none by that id. */
  async read(id: string): Promise<StoredDeal | null> {
    this.checkId(id);
    if (await this.isScenario(id)) {
      const file = this.inside(this.scenariosDir, `${id}.json`);
      const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      return { id, source: 'scenario', version: null, savedAt: st.mtime.toISOString(), text };
    }
    const hist = await this.history(id);
    const last = hist[hist.length - 1];
    return last ? this.readVersion(id, last.version) : null;
  }

  /** One saved version of a user deal, or null. */
  async readVersion(id: string, version: number): Promise<StoredDeal | null> {
    this.checkId(id);
    if (!Number.isInteger(version) || version < 1 || version > 999_999) return null;
    const file = this.inside(this.dealDir(id), versionFile(version));
    try {
      const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      return { id, source: 'user', version, savedAt: st.mtime.toISOString(), text };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** Saved versions of a user deal, oldest first (empty for scenarios and unknown ids). */
  async history(id: string): Promise<VersionInfo[]> {
    this.checkId(id);
    let names: string[];
    try {
      names = await readdir(this.dealDir(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw err;
    }
    const out: VersionInfo[] = [];
    for (const n of names) {
      const m = VERSION_RE.exec(n);
      if (!m) continue;
      const st = await stat(join(this.dealDir(id), n));
      out.push({ version: Number(m[1]), savedAt: st.mtime.toISOString(), bytes: st.size });
    }
    return out.sort((a, b) => a.version - b.version);
  }

  /**
   * Save a new version of a user deal (the caller has validated the text). Scenarios are
   * read-only: save an edited scenario under a new id.
   */
  async save(id: string, text: string): Promise<VersionInfo> {
    this.checkId(id);
    if (await this.isScenario(id)) {
      throw new DealStoreError('read-only', `"${id}" is a shipped scenario and cannot be overwritten; save your changes under a new meta.id`);
    }
    return this.withLock(id, async () => {
      const dir = this.dealDir(id);
      await mkdir(dir, { recursive: true });
      const hist = await this.history(id);
      const version = (hist[hist.length - 1]?.version ?? 0) + 1;
      const final = this.inside(dir, versionFile(version));
      await writeFileAtomic(final, text);
      const st = await stat(final);
      return { version, savedAt: st.mtime.toISOString(), bytes: st.size };
    });
  }

  /**
   * Give a user deal a new id, history and all: its folder moves to the new id (one rename, so
   * no version is lost or half-moved). The caller saves a version whose meta.id is the new id.
   */
  async rename(from: string, to: string): Promise<void> {
    this.checkId(from);
    this.checkId(to);
    if (await this.isScenario(from)) throw new DealStoreError('read-only', `"${from}" is a shipped scenario and cannot be renamed; make a copy under a new id`);
    if (await this.isScenario(to)) throw new DealStoreError('exists', `a shipped scenario "${to}" already exists (choose another id)`);
    // Both ids locked, always in the same order, so two renames between the same ids cannot wait on each other.
    const [first, second] = [from, to].sort() as [string, string];
    await this.withLock(first, () => this.withLock(second, async () => {
      if ((await this.history(from)).length === 0) throw new DealStoreError('not-found', `no saved deal "${from}"`);
      if ((await this.history(to)).length > 0) throw new DealStoreError('exists', `a deal "${to}" already exists (choose another id)`);
      await rm(this.dealDir(to), { recursive: true, force: true });
      await rename(this.dealDir(from), this.dealDir(to));
    }));
  }

  /**
   * Delete a user deal from the library, keeping its history: the folder moves to
   * <data>/deleted/<id>--<time>/, from where it can be moved back by hand.
   */
  async remove(id: string): Promise<{ keptAs: string; versions: number }> {
    this.checkId(id);
    if (await this.isScenario(id)) throw new DealStoreError('read-only', `"${id}" is a shipped scenario and cannot be deleted`);
    return this.withLock(id, async () => {
      const versions = (await this.history(id)).length;
      if (versions === 0) throw new DealStoreError('not-found', `no saved deal "${id}"`);
      const bin = join(this.dataDir, 'deleted');
      await mkdir(bin, { recursive: true });
      const name = `${id}--${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.dealDir(id), this.inside(bin, name));
      return { keptAs: `deleted/${name}`, versions };
    });
  }

  private async scenarioIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.scenariosDir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isDealId)
      .sort();
  }

  private async userIds(): Promise<string[]> {
    try {
      const entries = await readdir(this.dealsDir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() && isDealId(e.name)).map((e) => e.name).sort();
    } catch {
      return [];
    }
  }

  private dealDir(id: string): string {
    return this.inside(this.dealsDir, id);
  }

  private checkId(id: string): void {
    if (!isDealId(id)) {
      throw new DealStoreError('invalid-id', `deal id: must be ${dealIdRule}, got ${JSON.stringify(String(id).slice(0, 80))}`);
    }
  }

  /** Join and make sure the result stays inside `base` (a second guard behind the id rule). */
  private inside(base: string, name: string): string {
    const p = resolve(base, name);
    if (!p.startsWith(base + sep)) throw new DealStoreError('invalid-id', `deal id: resolves outside the deal folder (${dealIdRule})`);
    return p;
  }

  private async withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.locks.set(id, settled);
    try {
      return await next;
    } finally {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    }
  }
}

/** Write `text` to `file` so that readers see either nothing or the whole file: temp + fsync + rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

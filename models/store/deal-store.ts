// Deal storage: the shipped scenarios (read-only, one JSON file each in `scenarios/`) and the
// deals users save (under a data folder, every saved version kept). Versions are written
// atomically and exclusively — a temp file in the same folder, flushed, then hard-linked to its
// final name, which fails if that name exists — so a crash mid-write never leaves a half-written
// deal, and no save can ever replace an earlier version (not even one from another process).
//
// Layout of the data folder:
//   <dataDir>/deals/<id>/v000001.json, v000002.json, …, v1000000.json   (highest number = current)
//   <dataDir>/deals/<id>/v000001.meta.json                              (who saved it, when)
//
// Ids are checked against the deal identifier rule before they touch a path, so a request
// cannot name a file outside these folders.
import { link, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
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
  /** The account that saved this version; null in local single-user mode (or if unrecorded). */
  savedBy: string | null;
}

export interface SaveOptions {
  /** The account saving (recorded beside the version). */
  savedBy?: string | null;
}

/** Told after every save, with the version written (the deal index listens). */
export type SaveListener = (id: string, saved: VersionInfo) => Promise<void> | void;

/** Told after a deal moved to a new id (`to`) or out of the library (`to` null: deleted). */
export type MoveListener = (from: string, to: string | null) => Promise<void> | void;

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

// Six digits at least; version 1,000,000 and beyond simply have more (v1000000.json), so they still
// match and sort by number, never by name.
const VERSION_RE = /^v(\d{6,15})\.json$/;
const versionFile = (v: number) => `v${String(v).padStart(6, '0')}.json`;
const metaFile = (v: number) => `v${String(v).padStart(6, '0')}.meta.json`;
/** The highest version number a deal can reach (far beyond any real history; keeps file names finite). */
export const MAX_VERSION = 999_999_999_999_999;

export class DealStore {
  readonly scenariosDir: string;
  readonly dataDir: string;
  private readonly dealsDir: string;
  /** Saves of one id run one after another, so two saves never pick the same version number. */
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly listeners: SaveListener[] = [];
  private readonly moveListeners: MoveListener[] = [];

  constructor(opts: DealStoreOptions) {
    this.scenariosDir = resolve(opts.scenariosDir);
    this.dataDir = resolve(opts.dataDir);
    this.dealsDir = join(this.dataDir, 'deals');
  }

  /** Call `fn` after every save (awaited before save() resolves, so a listing right after sees it). */
  onSaved(fn: SaveListener): void {
    this.listeners.push(fn);
  }

  /** Call `fn` after a deal is renamed or deleted. */
  onMoved(fn: MoveListener): void {
    this.moveListeners.push(fn);
  }

  /** Every deal id: scenarios first (by file name), then user deals. */
  async list(): Promise<DealListEntry[]> {
    const scenarios = (await this.scenarioIds()).map((id): DealListEntry => ({ id, source: 'scenario', versions: 1 }));
    const taken = new Set(scenarios.map((s) => s.id));
    const users: DealListEntry[] = [];
    for (const id of await this.userDealIds()) {
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
    if (!Number.isInteger(version) || version < 1 || version > MAX_VERSION) return null;
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
    const have = new Set(names);
    const out: VersionInfo[] = [];
    for (const n of names) {
      const m = VERSION_RE.exec(n);
      if (!m) continue;
      const version = Number(m[1]);
      const st = await stat(join(this.dealDir(id), n));
      const meta = have.has(metaFile(version)) ? await this.readMeta(id, version) : null;
      out.push({ version, savedAt: st.mtime.toISOString(), bytes: st.size, savedBy: meta?.savedBy ?? null });
    }
    return out.sort((a, b) => a.version - b.version);
  }

  /** Version numbers on disk, unsorted (one directory read; no stat). */
  async versionNumbers(id: string): Promise<number[]> {
    this.checkId(id);
    try {
      return (await readdir(this.dealDir(id))).flatMap((n) => {
        const m = VERSION_RE.exec(n);
        return m ? [Number(m[1])] : [];
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
      throw err;
    }
  }

  /**
   * Save a new version of a user deal (the caller has validated the text). Scenarios are
   * read-only: save an edited scenario under a new id.
   */
  async save(id: string, text: string, opts: SaveOptions = {}): Promise<VersionInfo> {
    return this.write(id, text, opts, false);
  }

  /**
   * Save version 1 of a deal that does not exist yet; refuses (code 'exists') if it does — even
   * when many requests create the same id at once, exactly one succeeds.
   */
  async create(id: string, text: string, opts: SaveOptions = {}): Promise<VersionInfo> {
    return this.write(id, text, opts, true);
  }

  private async write(id: string, text: string, opts: SaveOptions, mustBeNew: boolean): Promise<VersionInfo> {
    this.checkId(id);
    if (await this.isScenario(id)) {
      const what = mustBeNew ? 'a shipped scenario has that id' : `"${id}" is a shipped scenario and cannot be overwritten; save your changes under a new meta.id`;
      throw new DealStoreError(mustBeNew ? 'exists' : 'read-only', what);
    }
    const saved = await this.withLock(id, async () => {
      const dir = this.dealDir(id);
      await mkdir(dir, { recursive: true });
      let version = (await this.versionNumbers(id)).reduce((a, b) => Math.max(a, b), 0) + 1;
      if (mustBeNew && version > 1) throw new DealStoreError('exists', `a deal "${id}" already exists`);
      for (;;) {
        if (version > MAX_VERSION) throw new DealStoreError('read-only', `deal "${id}" has reached the last version number (${MAX_VERSION})`);
        const final = this.inside(dir, versionFile(version));
        // Another process may have taken this number since the directory was read: the exclusive
        // write refuses, and a new deal is then refused; an existing one moves to the next number.
        if (await writeFileExclusive(final, text)) {
          const st = await stat(final);
          const savedBy = opts.savedBy ?? null;
          if (savedBy !== null) await writeFileAtomic(this.inside(dir, metaFile(version)), `${JSON.stringify({ savedBy })}\n`);
          return { version, savedAt: st.mtime.toISOString(), bytes: st.size, savedBy };
        }
        if (mustBeNew) throw new DealStoreError('exists', `a deal "${id}" already exists`);
        version++;
      }
    });
    // A listener (the index) reports its own failures; the version is saved whatever it does.
    for (const fn of this.listeners) await Promise.resolve().then(() => fn(id, saved)).catch(() => undefined);
    return saved;
  }

  private async readMeta(id: string, version: number): Promise<{ savedBy: string | null } | null> {
    try {
      const m = JSON.parse(await readFile(this.inside(this.dealDir(id), metaFile(version)), 'utf8')) as { savedBy?: unknown };
      return { savedBy: typeof m.savedBy === 'string' ? m.savedBy : null };
    } catch {
      return null; // missing or unreadable: who saved it is simply not known
    }
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
    await this.tellMoved(from, to);
  }

  /**
   * Delete a user deal from the library, keeping its history: the folder moves to
   * <data>/deleted/<id>--<time>/, from where it can be moved back by hand.
   */
  async remove(id: string): Promise<{ keptAs: string; versions: number }> {
    this.checkId(id);
    if (await this.isScenario(id)) throw new DealStoreError('read-only', `"${id}" is a shipped scenario and cannot be deleted`);
    const out = await this.withLock(id, async () => {
      const versions = (await this.history(id)).length;
      if (versions === 0) throw new DealStoreError('not-found', `no saved deal "${id}"`);
      const bin = join(this.dataDir, 'deleted');
      await mkdir(bin, { recursive: true });
      const name = `${id}--${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(this.dealDir(id), this.inside(bin, name));
      return { keptAs: `deleted/${name}`, versions };
    });
    await this.tellMoved(id, null);
    return out;
  }

  private async tellMoved(from: string, to: string | null): Promise<void> {
    for (const fn of this.moveListeners) await Promise.resolve().then(() => fn(from, to)).catch(() => undefined);
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

  /** The deal folder's user-deal ids, sorted (one directory read; no version count). */
  async userDealIds(): Promise<string[]> {
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

/** Write `text` to a fresh temp file beside `file`, flushed to disk; returns its name. */
async function writeTemp(file: string, text: string, mode = 0o666): Promise<string> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await fh.close();
  return tmp;
}

/**
 * Write `text` to `file` so that readers see either nothing or the whole file: temp + fsync +
 * rename. `mode` (e.g. 0o600 for secrets) applies from the first byte written.
 */
export async function writeFileAtomic(file: string, text: string, mode?: number): Promise<void> {
  const tmp = await writeTemp(file, text, mode);
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * Like writeFileAtomic, but never replaces an existing file: the temp file is hard-linked to the
 * final name (link fails if the name exists, atomically). Returns false if `file` already existed.
 */
export async function writeFileExclusive(file: string, text: string): Promise<boolean> {
  const tmp = await writeTemp(file, text);
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

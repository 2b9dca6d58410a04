// The headless Chromium the server prints reports with (and the browser tests drive), found
// without root: CHROMIUM_PATH if set, else a system Chromium (Debian's /usr/bin/chromium) when one
// is installed, else the build inside the npm package @sparticuz/chromium (unpacked on first use,
// ~2-6 s, into a folder of this account's own: see unpackedChromium). playwright-core drives
// whichever is found.
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
// Flags for a closed network: without them Chromium keeps trying to reach Google's services.
const QUIET = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface FoundChromium { executablePath: string; args: string[]; source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium' }

export class ChromiumMissing extends Error {}

export async function findChromium(): Promise<FoundChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new ChromiumMissing(`CHROMIUM_PATH: no file at ${fromEnv} (unset it to use the Chromium from npm)`);
    return { executablePath: fromEnv, args: QUIET, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: QUIET, source: 'system' };
  let packaged;
  try {
    ({ default: packaged } = await import('@sparticuz/chromium'));
  } catch {
    throw new ChromiumMissing('no Chromium found: set CHROMIUM_PATH, install chromium, or npm install @sparticuz/chromium');
  }
  const executablePath = await unpackedChromium(packaged, packagedVersion());
  // Its args are made for AWS Lambda: --single-process ends the browser when a page closes.
  const args = packaged.args.filter((a) => a !== '--single-process' && a !== '--no-zygote');
  return { executablePath, args: [...args, '--disable-background-networking', '--disable-component-update', '--disable-sync'], source: '@sparticuz/chromium' };
}

export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  return chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true });
}

/** What unpackedChromium needs of @sparticuz/chromium: it unpacks into `<os.tmpdir()>/chromium`. */
export interface PackagedChromium { executablePath(): Promise<string> }

/**
 * The installed package's version (its package.json is not among its exports: found from its entry
 * file), so that a new version gets a folder of its own.
 */
export const packagedVersion = (): string => {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'));
    for (let up = 0; up < 4; up++, dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === '@sparticuz/chromium' && typeof pkg.version === 'string') return pkg.version;
    }
  } catch { /* not installed or unreadable */ }
  return 'unknown';
};

/**
 * Where the packaged Chromium is unpacked: a folder of this account's own. The package itself
 * unpacks to `<temp>/chromium` (and its libraries beside it) and runs whatever file already has
 * that name: on a machine shared by several accounts that is another account's copy (EACCES: the
 * browser tests and PDF reports failed for every account but the first), a binary anyone could
 * have planted there for our server to run, or a file half-written by an unpack that was cut short.
 * So the package unpacks into a fresh folder (its temp folder pointed there for the call), which is
 * renamed into place in one step once complete; later runs find it complete or not at all.
 */
export async function unpackedChromium(packaged: PackagedChromium, version: string, parents = chromiumParents()): Promise<string> {
  // No usable cache folder (say another account made <temp>/ipabs-<uid> first): a fresh private
  // folder for this process, unpacked again next time.
  const parent = parents.find(isPrivateFolder) ?? await mkdtemp(join(tmpdir(), 'ipabs-chromium-'));
  const home = join(parent, `chromium-${version}`);
  const binary = join(home, 'chromium');
  if (existsSync(binary)) return binary;
  const work = await mkdtemp(join(parent, `unpacking-${version}-`));
  try {
    // The package reads os.tmpdir() (TMPDIR) when called and fixes every output path before it
    // first waits, so pointing TMPDIR at `work` for the call itself is enough.
    const before = process.env.TMPDIR;
    process.env.TMPDIR = work;
    let unpacked: Promise<string>;
    try {
      unpacked = packaged.executablePath();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    if (await unpacked !== join(work, 'chromium')) throw new ChromiumMissing(`@sparticuz/chromium ${version} did not unpack into ${work}: set CHROMIUM_PATH`);
    await rename(work, home).catch(async (err: unknown) => {
      // Another process of this account got there first: its copy is complete (renamed whole).
      if (!existsSync(binary)) throw err;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return binary;
}

/** The account's cache folder (XDG_CACHE_HOME or ~/.cache) for ipabs, else one in the temp folder named by user id. */
export function chromiumParents(env: NodeJS.ProcessEnv = process.env): string[] {
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [join(cache, 'ipabs'), join(tmpdir(), `ipabs-${uid}`)];
}

/** A folder (made if missing) that is no link, belongs to this account and that nobody else can write to or read. */
function isPrivateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.isSymbolicLink()) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    return true;
  } catch {
    return false;
  }
}

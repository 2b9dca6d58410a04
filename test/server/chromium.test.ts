// The Chromium inside @sparticuz/chromium is unpacked into a folder of this account's own (issue
// 15: the fresh-machine path without root). The package unpacks to <temp>/chromium and runs any
// file of that name — on a shared machine another account's copy (EACCES) or a planted one.
import { expect } from 'chai';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumParents, packagedVersion, unpackedChromium, type PackagedChromium } from '../../server/browser/chromium.js';
import { projectRoot } from '../../server/config.js';

/** A stand-in with the package's behaviour: reuse <os.tmpdir()>/chromium if it exists, else unpack it there. */
function packageLike(): PackagedChromium & { unpacks: number } {
  const fake = {
    unpacks: 0,
    executablePath: async () => {
      const dir = tmpdir(); // read when called, as the package does
      const out = join(dir, 'chromium');
      if (existsSync(out)) return out;
      fake.unpacks++;
      await new Promise((r) => setTimeout(r, 20));
      writeFileSync(join(dir, 'libGLESv2.so'), 'library');
      writeFileSync(out, '#!/bin/sh\necho unpacked\n', { mode: 0o700 });
      return out;
    },
  };
  return fake;
}

describe('the packaged Chromium, unpacked into a private folder (server/browser/chromium.ts)', () => {
  let root: string;
  let sharedTmp: string;
  let cache: string;
  const before = process.env.TMPDIR;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ipabs-chromium-test-'));
    sharedTmp = join(root, 'tmp');
    mkdirSync(sharedTmp);
    cache = join(root, 'cache', 'ipabs');
    process.env.TMPDIR = sharedTmp;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  });

  it('never runs a chromium left in the shared temp folder; unpacks its own, private, and restores TMPDIR', async () => {
    writeFileSync(join(sharedTmp, 'chromium'), '#!/bin/sh\necho planted\n', { mode: 0o777 });
    const fake = packageLike();
    const path = await unpackedChromium(fake, '1.2.3', [cache]);
    expect(path).to.equal(join(cache, 'chromium-1.2.3', 'chromium'));
    expect(readFileSync(path, 'utf8')).to.contain('unpacked');
    expect(readdirSync(join(cache, 'chromium-1.2.3')).sort()).to.deep.equal(['chromium', 'libGLESv2.so']);
    expect(statSync(cache).mode & 0o777).to.equal(0o700);
    expect(readdirSync(cache), 'no unpacking folder left').to.deep.equal(['chromium-1.2.3']);
    expect(process.env.TMPDIR).to.equal(sharedTmp);
  });

  it('unpacks once: concurrent first calls agree, later calls reuse the complete copy', async () => {
    const fake = packageLike();
    const paths = await Promise.all([1, 2, 3].map(() => unpackedChromium(fake, '1.2.3', [cache])));
    expect(new Set(paths)).to.deep.equal(new Set([join(cache, 'chromium-1.2.3', 'chromium')]));
    expect(readdirSync(cache)).to.deep.equal(['chromium-1.2.3']);
    const unpacks = fake.unpacks;
    await unpackedChromium(fake, '1.2.3', [cache]);
    expect(fake.unpacks).to.equal(unpacks);
    // A new version of the package gets a folder of its own.
    await unpackedChromium(fake, '1.2.4', [cache]);
    expect(readdirSync(cache).sort()).to.deep.equal(['chromium-1.2.3', 'chromium-1.2.4']);
  });

  it('an unpack cut short leaves nothing a later run would take for complete', async () => {
    const failing: PackagedChromium = {
      executablePath: async () => {
        writeFileSync(join(tmpdir(), 'chromium'), 'half a binary');
        throw new Error('ENOSPC: no space left on device');
      },
    };
    let error = '';
    await unpackedChromium(failing, '1.2.3', [cache]).catch((err: Error) => { error = err.message; });
    expect(error).to.match(/^ENOSPC/);
    expect(readdirSync(cache)).to.deep.equal([]);
    expect(await unpackedChromium(packageLike(), '1.2.3', [cache])).to.equal(join(cache, 'chromium-1.2.3', 'chromium'));
  });

  it('passes over a folder another account owns, and makes one of ours private', async function () {
    if (process.getuid?.() !== 0) this.skip(); // giving a folder to another account needs root
    const theirs = join(root, 'theirs');
    mkdirSync(theirs, { mode: 0o777 });
    chownSync(theirs, 65534, 65534);
    const ours = join(root, 'ours');
    mkdirSync(ours, { mode: 0o755 });
    const path = await unpackedChromium(packageLike(), '1.2.3', [theirs, ours]);
    expect(path).to.equal(join(ours, 'chromium-1.2.3', 'chromium'));
    expect(readdirSync(theirs)).to.deep.equal([]);
    expect(statSync(ours).mode & 0o777).to.equal(0o700);
  });

  it('names the folder by the installed package\'s version (under the test runner too, where import.meta.resolve is missing)', () => {
    const installed = JSON.parse(readFileSync(join(projectRoot, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8')) as { version: string };
    expect(packagedVersion()).to.equal(installed.version);
  });

  it('looks in the account\'s cache folder first, then a temp folder named by user id', () => {
    const uid = process.getuid?.() ?? 'user';
    expect(chromiumParents({ XDG_CACHE_HOME: '/x/cache' })).to.deep.equal(['/x/cache/ipabs', join(tmpdir(), `ipabs-${uid}`)]);
  });
});

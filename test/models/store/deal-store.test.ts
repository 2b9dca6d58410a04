import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DealStore, DealStoreError, isDealId, writeFileAtomic } from '../../../models/store/deal-store.js';

describe('deal store (models/store/deal-store)', () => {
  let root: string;
  let store: DealStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ipabs-store-'));
    mkdirSync(join(root, 'scenarios'));
    writeFileSync(join(root, 'scenarios', 'shipped-1.json'), '{"shipped":1}');
    writeFileSync(join(root, 'scenarios', 'Not An Id.json'), '{}');
    writeFileSync(join(root, 'secret.json'), '{"secret":true}');
    store = new DealStore({ scenariosDir: join(root, 'scenarios'), dataDir: join(root, 'data') });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('accepts deal ids by the identifier rule and nothing that could name another folder', () => {
    for (const ok of ['a', 'yuhang-abn-2023', 'x.y_z-1', 'a..b']) expect(isDealId(ok), ok).to.equal(true);
    for (const bad of ['', '..', '.hidden', '../secret', 'a/b', 'a\\b', 'Upper', 'a b', '%2e%2e', 'x'.repeat(65), '-lead']) expect(isDealId(bad), bad).to.equal(false);
  });

  it('lists scenarios whose file names are ids, then user deals', async () => {
    await store.save('mine', '{"v":1}');
    expect(await store.list()).to.deep.equal([
      { id: 'shipped-1', source: 'scenario', versions: 1 },
      { id: 'mine', source: 'user', versions: 1 },
    ]);
  });

  it('keeps every saved version and reads the newest as current', async () => {
    const v1 = await store.save('deal-a', '{"v":1}');
    const v2 = await store.save('deal-a', '{"v":2}');
    expect([v1.version, v2.version]).to.deep.equal([1, 2]);
    expect((await store.read('deal-a'))?.text).to.equal('{"v":2}');
    expect((await store.readVersion('deal-a', 1))?.text).to.equal('{"v":1}');
    expect((await store.history('deal-a')).map((h) => h.version)).to.deep.equal([1, 2]);
    expect(readdirSync(join(root, 'data', 'deals', 'deal-a')).sort()).to.deep.equal(['v000001.json', 'v000002.json']);
  });

  it('gives concurrent saves of one deal distinct versions (none overwritten)', async () => {
    const saved = await Promise.all(Array.from({ length: 12 }, (_, i) => store.save('busy', `{"n":${i}}`)));
    expect(saved.map((s) => s.version).sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const texts = await Promise.all(saved.map((s) => store.readVersion('busy', s.version)));
    expect(new Set(texts.map((t) => t?.text)).size).to.equal(12);
  });

  it('keeps counting past version 999,999 without overwriting (v1000000.json, v1000001.json)', async () => {
    mkdirSync(join(root, 'data', 'deals', 'long-lived'), { recursive: true });
    writeFileSync(join(root, 'data', 'deals', 'long-lived', 'v999999.json'), '{"v":999999}');
    const a = await store.save('long-lived', '{"v":"a"}');
    const b = await store.save('long-lived', '{"v":"b"}');
    expect([a.version, b.version]).to.deep.equal([1_000_000, 1_000_001]);
    expect((await store.readVersion('long-lived', 1_000_000))?.text).to.equal('{"v":"a"}');
    expect((await store.read('long-lived'))?.text).to.equal('{"v":"b"}');
    expect((await store.history('long-lived')).map((h) => h.version)).to.deep.equal([999_999, 1_000_000, 1_000_001]);
  });

  it('creates a new deal exactly once however many creates race for its id', async () => {
    const tries = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.create('contested', `{"n":${i}}`)));
    const won = tries.filter((t) => t.status === 'fulfilled');
    expect(won).to.have.length(1);
    for (const t of tries) if (t.status === 'rejected') expect((t.reason as DealStoreError).code).to.equal('exists');
    expect((await store.history('contested')).map((h) => h.version)).to.deep.equal([1]);
  });

  it('never replaces a version file written by another process in the meantime', async () => {
    await store.save('shared', '{"v":1}');
    // Another process writes version 2 between this store's directory read and its write.
    const other = new DealStore({ scenariosDir: join(root, 'scenarios'), dataDir: join(root, 'data') });
    const [x, y] = await Promise.all([store.save('shared', '{"by":"this"}'), other.save('shared', '{"by":"other"}')]);
    expect([x.version, y.version].sort()).to.deep.equal([2, 3]);
    const texts = [(await store.readVersion('shared', 2))?.text, (await store.readVersion('shared', 3))?.text].sort();
    expect(texts).to.deep.equal(['{"by":"other"}', '{"by":"this"}']);
  });

  it('records who saved each version beside it', async () => {
    await store.save('owned', '{"v":1}', { savedBy: 'alice' });
    await store.save('owned', '{"v":2}');
    expect((await store.history('owned')).map((h) => [h.version, h.savedBy])).to.deep.equal([[1, 'alice'], [2, null]]);
  });

  it('refuses to overwrite a shipped scenario', async () => {
    try {
      await store.save('shipped-1', '{}');
      expect.fail('should throw');
    } catch (err) {
      expect(err).to.be.instanceOf(DealStoreError);
      expect((err as DealStoreError).code).to.equal('read-only');
    }
    expect(readFileSync(join(root, 'scenarios', 'shipped-1.json'), 'utf8')).to.equal('{"shipped":1}');
  });

  it('rejects ids that would leave the data folder before touching the disk', async () => {
    for (const id of ['../secret', '../../etc/passwd', '..']) {
      try {
        await store.read(id);
        expect.fail(`should reject ${id}`);
      } catch (err) {
        expect((err as DealStoreError).code).to.equal('invalid-id');
      }
    }
  });

  it('returns null for unknown deals and versions', async () => {
    expect(await store.read('nobody')).to.equal(null);
    await store.save('one', '{}');
    expect(await store.readVersion('one', 2)).to.equal(null);
    expect(await store.readVersion('one', 0)).to.equal(null);
  });

  it('writes atomically: the final file appears whole and no temp file is left', async () => {
    const f = join(root, 'atomic.json');
    const big = JSON.stringify({ x: 'y'.repeat(200_000) });
    await writeFileAtomic(f, big);
    expect(readFileSync(f, 'utf8')).to.equal(big);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).to.deep.equal([]);
  });
});

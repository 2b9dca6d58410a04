import { expect } from 'chai';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DealStore, type StoredDeal } from '../../../models/store/deal-store.js';
import { DealIndex, type Summarizer } from '../../../models/store/deal-index.js';

interface Sum { name: string; version: number | null }

/** A summarizer that reads the deal's "name" and counts its calls; `gate` can hold a call back. */
class CountingSummarizer implements Summarizer<Sum> {
  calls: string[] = [];
  gate: ((stored: StoredDeal) => Promise<void>) | null = null;
  constructor(readonly stamp = 'code-1') {}
  async summarize(stored: StoredDeal): Promise<Sum> {
    this.calls.push(`${stored.id}@${stored.version ?? 's'}`);
    if (this.gate) await this.gate(stored);
    return { name: (JSON.parse(stored.text) as { name: string }).name, version: stored.version };
  }
}

describe('deal index (models/store/deal-index)', () => {
  let root: string;
  let store: DealStore;
  const open = (summarizer: Summarizer<Sum>, s = store) => new DealIndex<Sum>({ store: s, summarizer, searchText: (x) => x.name });
  const deal = (name: string) => JSON.stringify({ name });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ipabs-index-'));
    mkdirSync(join(root, 'scenarios'));
    writeFileSync(join(root, 'scenarios', 'shipped-b.json'), deal('Shipped B'));
    writeFileSync(join(root, 'scenarios', 'shipped-a.json'), deal('Shipped A'));
    store = new DealStore({ scenariosDir: join(root, 'scenarios'), dataDir: join(root, 'data') });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const reopenStore = () => new DealStore({ scenariosDir: join(root, 'scenarios'), dataDir: join(root, 'data') });

  it('lists scenarios then saved deals by id, each with the summary of its current version', async () => {
    const s = new CountingSummarizer();
    const index = open(s);
    await store.save('zeta', deal('Zeta v1'));
    await store.save('alpha', deal('Alpha'));
    await store.save('zeta', deal('Zeta v2'), { savedBy: 'alice' });
    const page = await index.list();
    expect(page.entries.map((e) => [e.id, e.source, e.version, e.summary?.name])).to.deep.equal([
      ['shipped-a', 'scenario', null, 'Shipped A'], ['shipped-b', 'scenario', null, 'Shipped B'],
      ['alpha', 'user', 1, 'Alpha'], ['zeta', 'user', 2, 'Zeta v2'],
    ]);
    expect(page.entries[3]?.versions.map((v) => [v.version, v.savedBy])).to.deep.equal([[1, null], [2, 'alice']]);
    expect(page.total).to.equal(4);
  });

  it('pages and searches without summarizing anything again', async () => {
    const s = new CountingSummarizer();
    const index = open(s);
    for (let i = 0; i < 30; i++) await store.save(`deal-${String(i).padStart(2, '0')}`, deal(i % 10 === 7 ? `Special ${i}` : `Plain ${i}`));
    await index.list();
    const before = s.calls.length;
    const p = await index.list({ offset: 5, limit: 4 });
    expect(p.entries.map((e) => e.id)).to.deep.equal(['deal-03', 'deal-04', 'deal-05', 'deal-06']);
    expect(p.total).to.equal(32);
    const first = await index.list({ offset: 1, limit: 2 });
    expect(first.entries.map((e) => e.id)).to.deep.equal(['shipped-b', 'deal-00']);
    const found = await index.list({ q: 'SPECIAL', limit: 2 });
    expect([found.total, found.entries.map((e) => e.id)]).to.deep.equal([3, ['deal-07', 'deal-17']]);
    expect((await index.list({ q: 'deal-2' })).total).to.equal(10);
    expect(s.calls.length, 'summaries made by listing').to.equal(before);
  });

  it('reads its entries back after a restart without summarizing any deal', async () => {
    const index = open(new CountingSummarizer());
    for (const id of ['one', 'two', 'three']) await store.save(id, deal(id.toUpperCase()));
    await index.list();
    expect(readdirSync(join(root, 'data', 'index')).sort()).to.deep.equal(['one.json', 'three.json', 'two.json']);
    const s2 = new CountingSummarizer();
    const again = open(s2, reopenStore());
    const names = (await again.list()).entries.map((e) => e.summary?.name);
    expect(names).to.deep.equal(['Shipped A', 'Shipped B', 'ONE', 'THREE', 'TWO']);
    expect(s2.calls.filter((c) => !c.includes('@s'))).to.deep.equal([]);
  });

  it('rebuilds an entry that is missing, corrupt or behind the version files, in the background', async () => {
    const index = open(new CountingSummarizer());
    for (const id of ['kept', 'lost', 'broken', 'behind']) await store.save(id, deal(`${id} 1`));
    await index.list();
    rmSync(join(root, 'data', 'index', 'lost.json'));
    writeFileSync(join(root, 'data', 'index', 'broken.json'), '{"format":1,"entry":{"id":"bro');
    // A save whose index write never happened (the process died in between).
    writeFileSync(join(root, 'data', 'deals', 'behind', 'v000002.json'), deal('behind 2'));
    const s2 = new CountingSummarizer();
    const again = open(s2, reopenStore());
    await again.settled();
    expect(s2.calls.filter((c) => !c.includes('@s')).sort()).to.deep.equal(['behind@2', 'broken@1', 'lost@1']);
    const byId = new Map((await again.list()).entries.map((e) => [e.id, e]));
    expect(byId.get('behind')?.summary?.name).to.equal('behind 2');
    expect(byId.get('behind')?.versions.map((v) => v.version)).to.deep.equal([1, 2]);
    expect(byId.get('lost')?.summary?.name).to.equal('lost 1');
    expect(byId.get('broken')?.summary?.name).to.equal('broken 1');
    expect(JSON.parse(readFileSync(join(root, 'data', 'index', 'broken.json'), 'utf8')).entry.summary.name).to.equal('broken 1');
  });

  it('recomputes summaries made by other code, listing the old summary meanwhile', async () => {
    await open(new CountingSummarizer('code-1')).list();
    await store.save('old', deal('Old'));
    const newer = new CountingSummarizer('code-2');
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    newer.gate = async (st) => { if (st.id === 'old') await held; };
    const index = open(newer, reopenStore());
    const during = (await index.list()).entries.find((e) => e.id === 'old');
    expect([during?.summary?.name, during?.stamp]).to.deep.equal(['Old', 'code-1']);
    release();
    await index.settled();
    expect((await index.entry('old'))?.stamp).to.equal('code-2');
  });

  it('keeps the newest version\'s summary when an older one finishes last', async () => {
    const s = new CountingSummarizer();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const index = open(s);
    await index.ready();
    s.gate = async (st) => { if (st.version === 1) await held; };
    const first = store.save('racy', deal('first'));
    await new Promise((r) => setTimeout(r, 20));
    s.gate = null;
    await store.save('racy', deal('second'));
    release();
    await first;
    const e = await index.entry('racy');
    expect([e?.version, e?.summaryOf, e?.summary?.name]).to.deep.equal([2, 2, 'second']);
  });

  it('answers a save whose summary is slow without waiting for it; the summary lands later', async () => {
    const s = new CountingSummarizer();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    s.gate = async (st) => { if (st.id === 'slow') await held; };
    const index = new DealIndex<Sum>({ store, summarizer: s, waitForSummaryMs: 50 });
    await index.ready();
    await store.save('slow', deal('Slow one'));
    const pending = await index.entry('slow');
    expect([pending?.version, pending?.summary]).to.deep.equal([1, null]);
    release();
    // The summary lands, in memory and on disk, without another save.
    const file = join(root, 'data', 'index', 'slow.json');
    for (let i = 0; i < 400 && !(existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).entry.summary); i++) await new Promise((r) => setTimeout(r, 25));
    expect((await index.entry('slow'))?.summary?.name).to.equal('Slow one');
    expect(JSON.parse(readFileSync(file, 'utf8')).entry.summary.name).to.equal('Slow one');
  });

  it('follows a rename (history and summary move to the new id) and a deletion', async () => {
    const index = open(new CountingSummarizer());
    await store.save('old-id', deal('Kept'), { savedBy: 'ann' });
    await store.save('gone', deal('Gone'));
    await store.rename('old-id', 'new-id');
    await store.remove('gone');
    const ids = (await index.list()).entries.map((e) => e.id);
    expect(ids).to.deep.equal(['shipped-a', 'shipped-b', 'new-id']);
    const moved = await index.entry('new-id');
    expect([moved?.summary?.name, moved?.versions.map((v) => v.savedBy)]).to.deep.equal(['Kept', ['ann']]);
    expect(readdirSync(join(root, 'data', 'index')).sort()).to.deep.equal(['new-id.json']);
    // And so after a restart.
    const again = open(new CountingSummarizer(), reopenStore());
    expect((await again.list()).entries.map((e) => e.id)).to.deep.equal(ids);
  });

  it('counts the bytes each account has saved', async () => {
    const index = open(new CountingSummarizer());
    await store.save('a', deal('x'.repeat(100)), { savedBy: 'alice' });
    await store.save('a', deal('y'.repeat(50)), { savedBy: 'bob' });
    await store.save('b', deal('z'.repeat(10)), { savedBy: 'alice' });
    expect(await index.bytesSavedBy('alice')).to.equal(deal('x'.repeat(100)).length + deal('z'.repeat(10)).length);
    expect(await index.bytesSavedBy('carol')).to.equal(0);
  });
});

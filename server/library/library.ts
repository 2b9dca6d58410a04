// The library as the server shows it: pages of the deal index (models/store/deal-index.ts) turned
// into the rows of GET /api/deals, and the deals the run, compare and sizing pages offer. Nothing
// here reads, validates or costs a deal: summaries are made by the summary worker on save.
import { DealIndex, type IndexEntry, type ListQuery } from '../../models/store/deal-index.js';
import type { DealStore } from '../../models/store/deal-store.js';
import { SummaryWorker } from './summarizer.js';
import type { DealChoice, DealSummary } from './summary.js';
import type { DealGlance } from '../present/glance.js';
import type { CostGlance } from '../costs.js';
import { errorLineIn, type Lang } from '../../models/i18n/index.js';

export interface LibraryRow {
  id: string;
  source: 'scenario' | 'user';
  version: number | null;
  savedAt: string;
  /** Who saved the current version (team mode); null otherwise. */
  savedBy: string | null;
  /** null while the deal's summary is still being made (index rebuild after an upgrade or a crash). */
  valid: boolean | null;
  problems: string[];
  problemCount: number;
  glance: DealGlance | null;
  cost: CostGlance | null;
  costProblem: string | null;
  /** The summary shown is missing or from older code and is being recomputed. */
  pending: boolean;
}

export interface Chosen { id: string; name: string; nameZh: string | null; choice: DealChoice }

export class Library {
  readonly index: DealIndex<DealSummary>;
  private readonly worker: SummaryWorker;
  /** Each row's JSON per language, kept with its entry. */
  private readonly rows: Record<Lang, WeakMap<IndexEntry<DealSummary>, { key: string; summary: DealSummary | null; json: string }>> = { en: new WeakMap(), zh: new WeakMap() };

  constructor(store: DealStore, log: (msg: string) => void) {
    this.worker = new SummaryWorker();
    this.index = new DealIndex<DealSummary>({
      store,
      summarizer: this.worker,
      searchText: (s) => (s.glance ? `${s.glance.name} ${s.glance.nameZh ?? ''}` : ''),
      log,
    });
    // Read the index now, so that the first listing does not wait for it (server/main.ts also has
    // the scenarios summarized at start: index.warm()).
    this.index.ready().catch((err: unknown) => log(`deal index: could not be read (${(err as Error).message})`));
  }

  /**
   * One page as the JSON text of GET /api/deals. Each row's JSON is kept with its entry and made
   * again only when the entry changes, so a page costs a string join, not a serialization.
   */
  async pageJson(query: ListQuery, lang: Lang, extra: Record<string, unknown> = {}): Promise<string> {
    const p = await this.index.list(query);
    const rows = p.entries.map((e) => this.rowJson(e, lang)).join(',');
    const tail = JSON.stringify({ total: p.total, offset: p.offset, limit: p.limit, ...extra }).slice(1);
    return `{"deals":[${rows}],${tail}`;
  }

  /** Valid deals with what the run, compare and sizing pages need to offer them. */
  async choices(): Promise<Chosen[]> {
    return (await this.index.all()).flatMap((e) => (e.summary?.valid && e.summary.glance && e.summary.choice ? [{ id: e.id, name: e.summary.glance.name, nameZh: e.summary.glance.nameZh, choice: e.summary.choice }] : []));
  }

  /** The names (or Chinese names) of every deal in the library (to give a copy a name no deal has). */
  async names(field: 'name' | 'nameZh' = 'name'): Promise<Set<string>> {
    return new Set((await this.index.all()).flatMap((e) => { const v = e.summary?.glance?.[field]; return typeof v === 'string' ? [v] : []; }));
  }

  async close(): Promise<void> {
    await Promise.all([this.index.close(), this.worker.close()]);
  }

  private rowJson(e: IndexEntry<DealSummary>, lang: Lang): string {
    const key = `${e.version}:${e.summaryOf}:${e.stamp}:${e.versions.length}:${e.savedAt}`;
    const cache = this.rows[lang];
    const hit = cache.get(e);
    if (hit && hit.key === key && hit.summary === e.summary) return hit.json;
    const json = JSON.stringify(this.row(e, lang));
    cache.set(e, { key, summary: e.summary, json });
    return json;
  }

  private row(e: IndexEntry<DealSummary>, lang: Lang): LibraryRow {
    const s = e.summary;
    return {
      id: e.id, source: e.source, version: e.version, savedAt: e.savedAt,
      savedBy: e.versions[e.versions.length - 1]?.savedBy ?? null,
      valid: s ? s.valid : null, problems: (s?.problems ?? []).map((p) => errorLineIn(lang, p)), problemCount: s?.problemCount ?? 0,
      glance: (lang === 'zh' ? s?.glanceZh : s?.glance) ?? null, cost: s?.cost ?? null, costProblem: s?.costProblem ?? null,
      pending: s === null || e.stamp !== this.worker.stamp || (e.version !== null && e.summaryOf !== e.version),
    };
  }
}

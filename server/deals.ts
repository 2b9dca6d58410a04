// The server's view of the deal store: read, validate, run the base case, with small caches
// keyed by the stored version so repeated page views do not re-run the engine.
import { DealStore, DealStoreError, isDealId, dealIdRule, type StoredDeal } from '../models/store/deal-store.js';
import { formatProblem, parseJson, type Problem } from '../models/deal-format/validate.js';
import { checkDeal, type DealWarning } from '../models/design/check.js';
import type { Deal } from '../models/deal-format/schema.js';
import { runExact, type ScheduleReport } from '../models/engine/exact.js';
import { HttpError } from './http-errors.js';

export interface LoadedDeal {
  stored: StoredDeal;
  /** The parsed JSON (null when the text is not JSON). */
  raw: unknown;
  deal: Deal | null;
  problems: Problem[];
  /** Valid but worth a look (English; pages re-say them from code and params in their language). */
  warnings: DealWarning[];
}

export interface ValidDeal extends LoadedDeal {
  deal: Deal;
}

const CACHE_SIZE = 200;

export class DealService {
  private readonly loaded = new Map<string, LoadedDeal>();
  private readonly schedules = new Map<string, ScheduleReport>();

  constructor(readonly store: DealStore) {}

  /** 400 for an id that breaks the identifier rule (so it never reaches the file system). */
  checkId(id: string, field = 'id'): string {
    if (!isDealId(id)) throw new HttpError(400, `${field}: must be a deal id of ${dealIdRule}, got ${JSON.stringify(String(id).slice(0, 80))}`);
    return id;
  }

  async load(id: string): Promise<LoadedDeal> {
    this.checkId(id);
    let stored: StoredDeal | null;
    try {
      stored = await this.store.read(id);
    } catch (err) {
      if (err instanceof DealStoreError && err.code === 'invalid-id') throw new HttpError(400, err.message);
      throw err;
    }
    if (!stored) throw new HttpError(404, `id: no deal "${id}" (see GET /api/deals for the deals there are)`);
    const key = cacheKey(stored);
    const hit = this.loaded.get(key);
    if (hit) return hit;
    const parsed = parseJson(stored.text);
    let out: LoadedDeal;
    if (!parsed.ok) out = { stored, raw: null, deal: null, problems: parsed.problems, warnings: [] };
    else {
      const r = checkDeal(parsed.value);
      out = r.ok ? { stored, raw: parsed.value, deal: r.deal, problems: [], warnings: r.warnings } : { stored, raw: parsed.value, deal: null, problems: r.problems, warnings: [] };
      // The check ran the base case already: keep its schedule.
      if (r.ok && r.report) remember(this.schedules, key, r.report);
    }
    remember(this.loaded, key, out);
    return out;
  }

  /** A deal that must be valid for the request to make sense (422 listing the problems otherwise). */
  async loadValid(id: string): Promise<ValidDeal> {
    const d = await this.load(id);
    if (!d.deal) {
      throw new HttpError(422, `deal "${id}" is not valid: ${d.problems.slice(0, 3).map(formatProblem).join('; ')}${d.problems.length > 3 ? ` (and ${d.problems.length - 3} more)` : ''}`, d.problems);
    }
    return d as ValidDeal;
  }

  /** The base-case schedule (exact, no defaults), cached per stored version. */
  async schedule(id: string): Promise<{ loaded: ValidDeal; report: ScheduleReport }> {
    const loaded = await this.loadValid(id);
    const key = cacheKey(loaded.stored);
    let report = this.schedules.get(key);
    if (!report) {
      report = runExact(loaded.deal);
      remember(this.schedules, key, report);
    }
    return { loaded, report };
  }
}

export function cacheKey(s: StoredDeal): string {
  return `${s.source}:${s.id}:${s.version ?? 0}:${s.savedAt}:${s.text.length}`;
}

export function remember<V>(m: Map<string, V>, k: string, v: V): void {
  m.set(k, v);
  if (m.size > CACHE_SIZE) {
    const first = m.keys().next();
    if (!first.done) m.delete(first.value);
  }
}

// /api/deals…, /api/validate, /api/schema: the deal library, one deal, its base-case schedule
// (JSON, CSV, Excel), its diagram, saving with history, and validation as you type.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { handle, HttpError } from '../http-errors.js';
import { formatProblem, parseJson, type Problem } from '../../models/deal-format/validate.js';
import { checkDeal, checkDealText, type CheckResult } from '../../models/design/check.js';
import { formatWarning } from '../../models/engine/base-case.js';
import { DealStoreError, dealIdRule, type VersionInfo } from '../../models/store/deal-store.js';
import { scheduleCsv, scheduleRows } from '../../models/engine/schedule-table.js';
import { dealJsonSchema } from '../../models/deal-format/json-schema.js';
import { glanceOf } from '../present/glance.js';
import { dealDiagramSvg } from '../present/diagram.js';
import { scheduleWorkbook } from '../present/excel.js';
import { withBom } from '../../models/sheets/csv.js';
import { langOf, requestLang } from '../language.js';
import { formatProblemIn, structureProblem } from '../../models/i18n/index.js';

/** A problem with its kind and values when a rule knows it ({ key, params }), for a client to show in its own language. */
const withKind = (p: Problem) => {
  const s = structureProblem(p.message);
  return s ? { ...p, key: s.key, params: s.params } : p;
};

export function invalidDeal(problems: Problem[]): HttpError {
  const first = problems.slice(0, 3).map(formatProblem).join('; ');
  return new HttpError(422, `deal is not valid: ${first}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, problems);
}

/** Largest page of GET /api/deals (the default page is smaller). */
/**
 * Save version 1 of a new deal for whoever asks: charged to their save rate and storage (given back
 * if the write fails), and created atomically — of many creates of one id at once exactly one wins;
 * the others answer 409 with `exists`.
 */
export async function createDeal(ctx: AppContext, res: Response, id: string, text: string, exists: string): Promise<VersionInfo> {
  const giveBack = await ctx.auth.beforeSave(res, Buffer.byteLength(text), (u) => ctx.library.index.bytesSavedBy(u));
  try {
    return await ctx.deals.store.create(id, text, { savedBy: ctx.auth.actor(res) });
  } catch (err) {
    giveBack();
    if (err instanceof DealStoreError && err.code === 'exists') throw new HttpError(409, exists);
    throw err;
  }
}

export const LIBRARY_PAGE = { default: 100, max: 500, maxQuery: 200 } as const;

/** ?offset=&limit=&q= of GET /api/deals, checked. */
function listQuery(req: Request): { offset: number; limit: number; q: string } {
  const num = (name: string, lo: number, hi: number, fallback: number): number => {
    const raw = req.query[name];
    if (raw === undefined || raw === '') return fallback;
    if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < lo || Number(raw) > hi) {
      throw new HttpError(400, `${name}: must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(String(raw).slice(0, 20))}`);
    }
    return Number(raw);
  };
  const q = req.query.q;
  if (q !== undefined && (typeof q !== 'string' || q.length > LIBRARY_PAGE.maxQuery)) throw new HttpError(400, `q: must be text of at most ${LIBRARY_PAGE.maxQuery} characters`);
  return { offset: num('offset', 0, 1e9, 0), limit: num('limit', 1, LIBRARY_PAGE.max, LIBRARY_PAGE.default), q: q ?? '' };
}

const param = (req: Request, name: string): string => {
  const v = (req.params as Record<string, string | undefined>)[name];
  return typeof v === 'string' ? v : '';
};

export function dealApi(ctx: AppContext): Router {
  const r = Router();
  const { deals } = ctx;

  /**
   * "Name (copy)", or "Name (copy 2)", "(copy 3)"… when a deal already has that name (from the
   * index); the Chinese name the same way, "名称（副本）", "（副本 2）", so copies differ in both languages.
   */
  const distinctCopyName = async (name: string, field: 'name' | 'nameZh' = 'name'): Promise<string> => {
    const [open, word, close, re] = field === 'name' ? [' (', 'copy', ')', / \(copy(?: \d+)?\)$/] : ['（', '副本', '）', /（副本(?: \d+)?）$/];
    const base = name.replace(re, '');
    const taken = await ctx.library.names(field);
    for (let n = 1; ; n++) {
      const candidate = `${base}${open}${word}${n === 1 ? '' : ` ${n}`}${close}`;
      if (!taken.has(candidate)) return candidate;
    }
  };

  /** One page of the library from the deal index (no deal is read or costed to list it). */
  r.get('/deals', handle(async (req, res) => {
    res.type('application/json').send(await ctx.library.pageJson(listQuery(req), langOf(res)));
  }));

  /** Create a deal as a copy of another (a shipped scenario is the template). */
  r.post('/deals', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, ['id', 'from', 'name']);
    if (typeof body.id !== 'string') throw new HttpError(400, 'id: is required (the new deal id, e.g. "my-abn-2025")');
    if (typeof body.from !== 'string') throw new HttpError(400, 'from: is required (the id of the deal or scenario to start from)');
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 200)) {
      throw new HttpError(400, 'name: must be text of 1-200 characters');
    }
    const id = deals.checkId(body.id, 'id');
    const fromId = deals.checkId(body.from, 'from');
    const existing = await deals.store.read(id);
    if (existing) throw new HttpError(409, `id: a deal "${id}" already exists (choose another id, or edit it)`);
    const src = await deals.load(fromId);
    if (src.raw === null || typeof src.raw !== 'object') throw invalidDeal(src.problems);
    const copy = structuredClone(src.raw) as { meta?: Record<string, unknown> };
    if (!copy.meta || typeof copy.meta !== 'object') throw invalidDeal(src.problems);
    copy.meta.id = id;
    copy.meta.name = typeof body.name === 'string' ? body.name : await distinctCopyName(String(copy.meta.name ?? fromId));
    if (typeof copy.meta.nameZh === 'string') copy.meta.nameZh = await distinctCopyName(copy.meta.nameZh, 'nameZh');
    const v = checkDeal(copy);
    if (!v.ok) throw invalidDeal(v.problems);
    const saved = await createDeal(ctx, res, id, `${JSON.stringify(copy, null, 2)}\n`, `id: a deal "${id}" already exists (choose another id, or edit it)`);
    res.status(201).location(`/api/deals/${id}`).json({ id, version: saved.version, savedAt: saved.savedAt, from: fromId });
  }));

  r.get('/deals/:id', handle(async (req, res) => {
    const d = await deals.load(param(req, 'id'));
    res.json({
      id: d.stored.id, source: d.stored.source, version: d.stored.version, savedAt: d.stored.savedAt,
      valid: d.deal !== null, problems: d.problems, messages: d.problems.map((p) => formatProblemIn(langOf(res), p)),
      warnings: d.warnings.map(({ path, message }) => ({ path, message })), warningMessages: d.warnings.map(formatWarning),
      deal: d.raw, glance: d.deal ? glanceOf(d.deal, langOf(res)) : null,
    });
  }));

  /** Save a new version (the deal JSON is the body; meta.id must match the URL). */
  r.put('/deals/:id', handle(async (req, res) => {
    const id = deals.checkId(param(req, 'id'));
    const body = jsonBody(req);
    const v = checkDeal(body, { lang: requestLang(req) });
    if (!v.ok) throw invalidDeal(v.problems);
    if (v.deal.meta.id !== id) throw new HttpError(400, `meta.id: must equal the id in the URL ("${id}"), got "${v.deal.meta.id}"`);
    const text = `${JSON.stringify(body, null, 2)}\n`;
    const giveBack = await ctx.auth.beforeSave(res, Buffer.byteLength(text), (u) => ctx.library.index.bytesSavedBy(u));
    try {
      const saved = await deals.store.save(id, text, { savedBy: ctx.auth.actor(res) });
      res.status(saved.version === 1 ? 201 : 200).json({ id, version: saved.version, savedAt: saved.savedAt, savedBy: saved.savedBy, warnings: v.warnings.map(({ path, message }) => ({ path, message })) });
    } catch (err) {
      giveBack();
      if (err instanceof DealStoreError && err.code === 'read-only') throw new HttpError(409, `meta.id: ${err.message}`);
      throw err;
    }
  }));

  r.get('/deals/:id/history', handle(async (req, res) => {
    const id = deals.checkId(param(req, 'id'));
    const e = await ctx.library.index.entry(id);
    if (!e) throw new HttpError(404, `id: no deal "${id}" (see GET /api/deals for the deals there are)`);
    res.json({ id, source: e.source, versions: e.versions });
  }));

  r.get('/deals/:id/versions/:version', handle(async (req, res) => {
    const id = deals.checkId(param(req, 'id'));
    const raw = param(req, 'version');
    if (!/^[1-9]\d{0,14}$/.test(raw)) throw new HttpError(400, `version: must be a whole number from 1, got ${JSON.stringify(raw.slice(0, 20))}`);
    const v = await deals.store.readVersion(id, Number(raw));
    if (!v) throw new HttpError(404, `version: deal "${id}" has no saved version ${raw}`);
    const parsed = parseJson(v.text);
    res.json({ id, version: v.version, savedAt: v.savedAt, deal: parsed.ok ? parsed.value : null });
  }));

  r.get('/deals/:id/schedule', handle(async (req, res) => {
    const { report } = await deals.schedule(param(req, 'id'));
    res.json({ report, table: scheduleRows(report, langOf(res)) });
  }));

  r.get('/deals/:id/schedule.csv', handle(async (req, res) => {
    const { report } = await deals.schedule(param(req, 'id'));
    // With a byte-order mark: Excel on Chinese Windows then reads the file as UTF-8.
    res.type('text/csv; charset=utf-8').attachment(`${report.deal.id}-schedule.csv`).send(withBom(scheduleCsv(report, langOf(res))));
  }));

  r.get('/deals/:id/schedule.xlsx', handle(async (req, res) => {
    const { report } = await deals.schedule(param(req, 'id'));
    const buf = await scheduleWorkbook(report, langOf(res));
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${report.deal.id}-schedule.xlsx`).send(buf);
  }));

  r.get('/deals/:id/diagram.svg', handle(async (req, res) => {
    const d = await deals.loadValid(param(req, 'id'));
    res.type('image/svg+xml').send(dealDiagramSvg(d.deal, langOf(res)));
  }));

  /**
   * Rename a saved deal: a new name or Chinese name (a new version), a new id (its whole history
   * moves), or both. Body { id?, name?, nameZh? }. Shipped scenarios are read-only (copy them instead).
   */
  r.post('/deals/:id/rename', handle(async (req, res) => {
    const from = deals.checkId(param(req, 'id'));
    const body = jsonBody(req);
    onlyFields(body, ['id', 'name', 'nameZh']);
    if (body.id === undefined && body.name === undefined && body.nameZh === undefined) throw new HttpError(400, 'body: give a new id, a new name or both ({ "id": "my-abn-2025b", "name": "…" })');
    for (const k of ['name', 'nameZh'] as const) {
      const v = body[k];
      if (v !== undefined && (typeof v !== 'string' || v.trim().length < 1 || v.length > 200)) throw new HttpError(400, `${k}: must be text of 1-200 characters`);
    }
    if (body.id !== undefined && typeof body.id !== 'string') throw new HttpError(400, `id: must be a deal id of ${dealIdRule}`);
    const to = body.id === undefined ? from : deals.checkId(body.id, 'id');
    const d = await deals.load(from);
    if (d.stored.source === 'scenario') throw new HttpError(409, `id: "${from}" is a shipped scenario and cannot be renamed (copy it under a new id)`);
    if (d.raw === null || typeof d.raw !== 'object') throw invalidDeal(d.problems);
    const next = structuredClone(d.raw) as { meta?: Record<string, unknown> };
    if (!next.meta || typeof next.meta !== 'object') throw invalidDeal(d.problems);
    next.meta.id = to;
    if (typeof body.name === 'string') next.meta.name = body.name.trim();
    if (typeof body.nameZh === 'string') next.meta.nameZh = body.nameZh.trim();
    if (to !== from) {
      try {
        await deals.store.rename(from, to);
      } catch (err) {
        if (err instanceof DealStoreError && err.code === 'exists') throw new HttpError(409, `id: ${err.message}`);
        throw err;
      }
    }
    const saved = await deals.store.save(to, `${JSON.stringify(next, null, 2)}\n`, { savedBy: ctx.auth.actor(res) });
    res.json({ id: to, from, version: saved.version, savedAt: saved.savedAt });
  }));

  /** Delete a saved deal: ?confirm=<its id>; its versions are kept under <data>/deleted/. */
  r.delete('/deals/:id', handle(async (req, res) => {
    const id = deals.checkId(param(req, 'id'));
    if (req.query.confirm !== id) throw new HttpError(400, `confirm: repeat the deal id to delete it (DELETE /api/deals/${id}?confirm=${id}); its versions are kept under the data folder's deleted/`);
    try {
      const { keptAs, versions } = await deals.store.remove(id);
      res.json({ id, deleted: true, keptAs, versions });
    } catch (err) {
      if (err instanceof DealStoreError && err.code === 'read-only') throw new HttpError(409, `id: ${err.message}`);
      if (err instanceof DealStoreError && err.code === 'not-found') throw new HttpError(404, `id: ${err.message}`);
      throw err;
    }
  }));

  /**
   * Validate without saving: `{ text }` (the editor's JSON text) or the deal object itself.
   * Problems make the deal invalid; warnings (in the request's language) do not.
   */
  r.post('/validate', handle((req, res) => {
    const body = jsonBody(req);
    const lang = requestLang(req);
    let result: CheckResult;
    if (typeof body.text === 'string' && Object.keys(body).length === 1) {
      result = checkDealText(body.text, { lang });
    } else {
      result = checkDeal(body, { lang });
    }
    const warnings = result.warnings.map(({ path, message }) => ({ path, message }));
    const warningMessages = result.warnings.map(formatWarning);
    if (result.ok) res.json({ valid: true, problems: [], messages: [], warnings, warningMessages, id: result.deal.meta.id });
    else res.json({ valid: false, problems: result.problems.map(withKind), messages: result.problems.map((p) => formatProblemIn(langOf(res), p)), warnings, warningMessages });
  }));

  r.get('/schema', (_req, res) => {
    res.json(dealJsonSchema());
  });

  return r;
}

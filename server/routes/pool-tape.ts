// The pool tape on the web: the template (XLSX, CSV) to download, a deal's pool as a tape, and an
// upload that replaces a deal's pool — the tape read by models/pool/tape (no rules here), every bad
// cell answered as `sheet!A12: what is wrong (allowed)` in the page's language, nothing saved
// unless the whole tape and the deal it makes are valid. The files written here come from
// models/pool/tape/template.ts, which passes every cell through toCsv / safeCell.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { declaresMoreThan, handle, HttpError } from '../http-errors.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { formatTapeProblem, readPoolTape } from '../../models/pool/tape/parse.js';
import { importPool } from '../../models/deal-format/pool-import.js';
import { poolTapeCsv, poolTapeXlsx } from '../../models/pool/tape/template.js';
import { DEFAULT_TAPE_LIMITS, type TapeProblem } from '../../models/pool/tape/read.js';
import { DealStoreError } from '../../models/store/deal-store.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
const langOf = (res: Response): Lang => (res.locals.lang === 'zh' ? 'zh' : 'en');

/** The uploaded file's name (for CSV cell references and messages), from ?file=. */
function fileName(req: Request): string {
  const q = req.query.file;
  const name = typeof q === 'string' && q.trim() !== '' ? q.trim() : 'tape';
  return name.replace(/[\\/]/g, '_').slice(0, 120);
}

/** A pool tape upload: the one request whose body may exceed the server's JSON limit (up to its own). */
export const isPoolTapeUpload = (req: Request): boolean => req.method === 'POST' && /^\/api\/deals\/[^/]+\/pool$/.test(req.path);

/** The raw file as the body, with a tape-sized limit and the tape's own message when it is larger. */
function rawTape(req: Request, res: Response, next: NextFunction): void {
  const tooLarge = (size: number) => {
    const file = fileName(req);
    const t = translator(langOf(res));
    return new HttpError(413, `${file}: ${t('tape.err.tooLarge', { file, size: mb(size), max: mb(DEFAULT_TAPE_LIMITS.maxBytes) })}`);
  };
  // Declared too large: answered at once, before reading (see refuseDeclaredOversize).
  if (declaresMoreThan(req, res, DEFAULT_TAPE_LIMITS.maxBytes)) { next(tooLarge(Number(req.headers['content-length']))); return; }
  express.raw({ type: () => true, limit: DEFAULT_TAPE_LIMITS.maxBytes })(req, res, (err?: unknown) => {
    const e = err as { type?: string; length?: number } | undefined;
    if (e?.type === 'entity.too.large') {
      next(tooLarge(e.length ?? Number(req.headers['content-length'] ?? 0)));
      return;
    }
    next(err);
  });
}

function tapeError(status: number, problems: TapeProblem[], lang: Lang): HttpError {
  const messages = problems.map((p) => formatTapeProblem(p, lang));
  const shown = messages.slice(0, 3).join('; ');
  return new HttpError(status, `${shown}${messages.length > 3 ? ` (+${messages.length - 3})` : ''}`, problems.map((p, i) => ({ path: p.where, message: messages[i]!.slice(p.where.length + 2) })));
}

export function poolTapeApi(ctx: AppContext): Router {
  const r = Router();
  const { deals } = ctx;
  const param = (req: Request, name: string) => String((req.params as Record<string, string | undefined>)[name] ?? '');

  r.get('/pool-tape/template.xlsx', handle(async (_req, res) => {
    const lang = langOf(res);
    res.type(XLSX_TYPE).attachment(lang === 'zh' ? 'pool-tape-资产池明细表.xlsx' : 'pool-tape.xlsx').send(await poolTapeXlsx(lang));
  }));
  r.get('/pool-tape/template.csv', handle((_req, res) => {
    const lang = langOf(res);
    res.type('text/csv; charset=utf-8').attachment(lang === 'zh' ? 'pool-tape-资产池明细表.csv' : 'pool-tape.csv').send(poolTapeCsv(lang));
  }));

  r.get('/deals/:id/pool.xlsx', handle(async (req, res) => {
    const { deal } = await deals.loadValid(param(req, 'id'));
    res.type(XLSX_TYPE).attachment(`${deal.meta.id}-pool.xlsx`).send(await poolTapeXlsx(langOf(res), deal.pool.obligors));
  }));
  r.get('/deals/:id/pool.csv', handle(async (req, res) => {
    const { deal } = await deals.loadValid(param(req, 'id'));
    res.type('text/csv; charset=utf-8').attachment(`${deal.meta.id}-pool.csv`).send(poolTapeCsv(langOf(res), deal.pool.obligors));
  }));

  /**
   * Replace a deal's pool with an uploaded tape (the body is the file). ?file= names it,
   * ?saveAs=<new id> saves the result as a new deal (required for a shipped scenario), ?check=1
   * reads and validates without saving.
   */
  r.post('/deals/:id/pool', rawTape, handle(async (req, res) => {
    const lang = langOf(res);
    const id = deals.checkId(param(req, 'id'));
    const file = fileName(req);
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, `body: send the pool tape file itself as the request body (XLSX or CSV, at most ${mb(DEFAULT_TAPE_LIMITS.maxBytes)})`);
    const saveAsRaw = req.query.saveAs;
    const saveAs = typeof saveAsRaw === 'string' && saveAsRaw !== '' ? deals.checkId(saveAsRaw, 'saveAs') : null;
    const check = req.query.check === '1' || req.query.check === 'true';
    const src = await deals.load(id);
    if (!src.deal) throw new HttpError(422, `id: deal "${id}" is not valid; fix it before importing a pool into it`, src.problems);
    const target = saveAs ?? id;
    if (!check) {
      if (saveAs === null && src.stored.source === 'scenario') throw new HttpError(409, `saveAs: "${id}" is a shipped scenario and cannot be changed; give saveAs=<new deal id> to save the imported pool as a new deal`);
      if (saveAs !== null && saveAs !== id && (await deals.store.read(saveAs))) throw new HttpError(409, `saveAs: a deal "${saveAs}" already exists (choose another id)`);
    }

    const tape = await readPoolTape(body, { fileName: file });
    if (!tape.ok) throw tapeError(422, tape.problems, lang);
    const raw = structuredClone(src.raw) as { meta: Record<string, unknown> };
    if (target !== id) {
      raw.meta.id = target;
      raw.meta.name = `${String(raw.meta.name)} (${file})`.slice(0, 200);
    }
    const result = importPool(raw, tape, { file, importedOn: new Date().toISOString().slice(0, 10) }, `${id}.json`);
    if (!result.ok) throw tapeError(422, result.problems, lang);
    const summary = { obligors: result.result.obligors, funding: result.result.funding, tranches: result.result.tranches, droppedSpreads: result.result.droppedSpreads, sheet: tape.sheet, format: tape.format };
    if (check) {
      res.json({ id: target, saved: false, ...summary });
      return;
    }
    const text = `${JSON.stringify(result.result.json, null, 2)}\n`;
    const giveBack = await ctx.auth.beforeSave(res, Buffer.byteLength(text), (u) => ctx.library.index.bytesSavedBy(u));
    try {
      const saved = await deals.store.save(target, text, { savedBy: ctx.auth.actor(res) });
      res.status(saved.version === 1 ? 201 : 200).location(`/api/deals/${target}`).json({ id: target, saved: true, version: saved.version, savedAt: saved.savedAt, from: id, ...summary });
    } catch (err) {
      giveBack();
      if (err instanceof DealStoreError && err.code === 'read-only') throw new HttpError(409, `saveAs: ${err.message}`);
      throw err;
    }
  }));

  return r;
}

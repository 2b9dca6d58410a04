// /api/deals/:id/rating: the domestic rating (TDR/BDR) of a deal. GET answers at once with the exact
// break-even table and the target default rates of the newest matching Monte Carlo run (or the
// stress multipliers until there is one); POST starts that run in the run queue.
import { Router, type Request } from 'express';
import type { AppContext } from '../app.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from './deals.js';
import { checkPoolSize } from './run-inputs.js';
import { QueueFullError } from '../runs/manager.js';
import { TDR_METHODS, type TdrMethod } from '../../models/ratings/tdr.js';
import { translator } from '../../models/i18n/index.js';
import { requestLang } from '../language.js';
import { ratingLesson } from '../present/rating-learn.js';

const RUN_ID_RE = /^run-[a-z0-9]{1,16}-[0-9a-f]{8}$/;
export const DEFAULT_RATING_PATHS = 20_000;

function wholeNumber(v: unknown, field: string, lo: number, hi: number): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,12}$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < lo || n > hi) throw new HttpError(400, `${field}: must be a whole number between ${lo} and ${hi}, got ${JSON.stringify(typeof v === 'string' ? v.slice(0, 40) : v)}`);
  return n;
}

function query(req: Request, ctx: AppContext) {
  const q = req.query as Record<string, unknown>;
  const L = ctx.config.limits;
  const run = q.run;
  if (run !== undefined && (typeof run !== 'string' || !RUN_ID_RE.test(run))) throw new HttpError(400, `run: must look like "run-<time>-<8 hex digits>", got ${JSON.stringify(String(run).slice(0, 60))}`);
  const tdr = q.tdr;
  if (tdr !== undefined && !(TDR_METHODS as readonly unknown[]).includes(tdr)) throw new HttpError(400, `tdr: must be one of ${TDR_METHODS.join(', ')}, got ${JSON.stringify(String(tdr).slice(0, 40))}`);
  return {
    runId: run as string | undefined,
    paths: wholeNumber(q.paths, 'paths', L.minPaths, L.maxPaths),
    seed: wholeNumber(q.seed, 'seed', 0, 4_294_967_295),
    method: tdr as TdrMethod | undefined,
  };
}

export function ratingApi(ctx: AppContext): Router {
  const r = Router();
  const { deals, runs, engines, config, ratings } = ctx;

  r.get('/deals/:id/rating', handle(async (req, res) => {
    const id = deals.checkId(String(req.params.id ?? ''));
    const o = query(req, ctx);
    const d = await deals.loadValid(id);
    res.json(ratings.view(d, translator(requestLang(req)), o));
  }));

  r.post('/deals/:id/rating', handle(async (req, res) => {
    const id = deals.checkId(String(req.params.id ?? ''));
    const body = jsonBody(req);
    onlyFields(body, ['paths', 'seed']);
    const L = config.limits;
    const paths = wholeNumber(body.paths, 'paths', L.minPaths, L.maxPaths) ?? DEFAULT_RATING_PATHS;
    const seed = wholeNumber(body.seed, 'seed', 0, 4_294_967_295) ?? 1;
    const d = await deals.loadValid(id);
    const t = translator(requestLang(req));
    if (ratings.finishedRun(d.deal, { paths, seed })) {
      res.json(ratings.view(d, t, { paths, seed }));
      return;
    }
    const url = (runId: string) => `/api/deals/${encodeURIComponent(id)}/rating?run=${runId}`;
    const waiting = ratings.matchingRuns(d.deal, { paths, seed }).find((x) => x.state === 'queued' || x.state === 'running');
    if (waiting) {
      res.status(202).json({ run: waiting, events: `/api/runs/${waiting.id}/events`, rating: url(waiting.id) });
      return;
    }
    checkPoolSize(ctx, d.deal);
    await engines.ready('montecarlo');
    try {
      const info = runs.submit({
        dealId: d.deal.meta.id, dealName: d.deal.meta.name, stressName: null, startedBy: ctx.auth.actor(res),
        job: { task: 'simulate', module: engines.path('montecarlo'), deal: d.deal, paths, seed, threads: config.threadsPerRun, stress: null },
      });
      res.status(202).location(`/api/runs/${info.id}`).json({ run: info, events: `/api/runs/${info.id}/events`, rating: url(info.id) });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(429, err.message);
      throw err;
    }
  }));

  return r;
}

/** The Learn page on TDR/BDR (mounted before the structure walkthroughs, whose route would take its slug). */
export function ratingPages(ctx: AppContext): Router {
  const r = Router();
  r.get('/learn/rating', handle(async (req, res) => {
    const t = translator(requestLang(req));
    res.render('learn-rating', { title: t('rating.learn.title'), nav: 'learn', lesson: await ratingLesson(ctx, t) });
  }));
  return r;
}

// /api/deals/:id/rating: the domestic rating (TDR/BDR) of a deal. GET answers at once with the exact
// break-even table and the target default rates of the newest matching Monte Carlo run (or the
// stress multipliers until there is one); POST starts that run in the run queue.
// /api/deals/:id/breakeven: one break-even question (ipabs breakeven): one tranche, one scenario, the
// default rate, the recovery rate or the tranche's coupon varied, with the waterfall on either side.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { checkPoolSize } from './run-inputs.js';
import { QueueFullError } from '../runs/manager.js';
import { TDR_METHODS, type TdrMethod } from '../../models/ratings/tdr.js';
import { breakEven, VARIES } from '../../models/breakeven/index.js';
import { DEFAULT_ALLOCATIONS, describeScenario } from '../../models/stress/index.js';
import { PricingError } from '../../models/engine/pricing.js';
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

const echo = (v: unknown) => JSON.stringify(String(v).slice(0, 40));

function oneOf<T extends string>(v: unknown, allowed: readonly T[], field: string): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly unknown[]).includes(v)) throw new HttpError(400, `${field}: must be one of ${allowed.join(', ')}, got ${echo(v)}`);
  return v as T;
}

function fractionParam(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  const x = typeof v === 'string' && /^\d*\.?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!(x >= 0 && x <= 1)) throw new HttpError(400, `${field}: must be a fraction between 0 and 1 (0.2 = 20%), got ${echo(v)}`);
  return x;
}

const BREAKEVEN_FIELDS = ['tranche', 'vary', 'scenario', 'defaultRate', 'recovery', 'allocation', 'withSupport'];

function breakEvenQuery(req: Request) {
  const q = req.query as Record<string, unknown>;
  const unknown = Object.keys(q).filter((k) => !BREAKEVEN_FIELDS.includes(k));
  if (unknown.length) throw new HttpError(400, `query: unknown field ${echo(unknown[0])} (allowed: ${BREAKEVEN_FIELDS.join(', ')})`);
  if (typeof q.tranche !== 'string' || q.tranche === '') throw new HttpError(400, 'tranche: give the id of the tranche');
  const vary = oneOf(q.vary, VARIES, 'vary');
  if (!vary) throw new HttpError(400, `vary: give what to vary, one of ${VARIES.join(', ')}`);
  if (q.scenario !== undefined && typeof q.scenario !== 'string') throw new HttpError(400, `scenario: must be the name of a scenario, got ${echo(q.scenario)}`);
  return {
    tranche: q.tranche, vary, scenario: q.scenario as string | undefined,
    defaultRate: fractionParam(q.defaultRate, 'defaultRate'), recovery: fractionParam(q.recovery, 'recovery'),
    allocation: oneOf(q.allocation, DEFAULT_ALLOCATIONS, 'allocation'),
    withSupport: oneOf(q.withSupport, ['true', 'false'] as const, 'withSupport') === 'true',
  };
}

export function ratingApi(ctx: AppContext): Router {
  const r = Router();
  const { deals, runs, config, ratings } = ctx;

  r.get('/deals/:id/rating', handle(async (req, res) => {
    const id = deals.checkId(String(req.params.id ?? ''));
    const o = query(req, ctx);
    const d = await deals.loadValid(id);
    res.json(ratings.view(d, translator(requestLang(req)), o));
  }));

  r.get('/deals/:id/breakeven', handle(async (req, res) => {
    const id = deals.checkId(String(req.params.id ?? ''));
    const q = breakEvenQuery(req);
    const d = await deals.loadValid(id);
    const t = translator(requestLang(req));
    try {
      const answer = breakEven(d.deal, q);
      const s = answer.scenario;
      res.json({ ...answer, description: describeScenario({ name: s.name, stresses: s.stresses, reason: s.reason }, t) });
    } catch (err) {
      // The question's fields (tranche, scenario, a rate) name themselves; a price the notes cannot meet is the deal's.
      if (err instanceof PricingError) throw new HttpError(422, err.message);
      if (err instanceof RangeError) throw new HttpError(400, err.message);
      throw err;
    }
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
    try {
      const info = runs.submit({
        dealId: d.deal.meta.id, dealName: d.deal.meta.name, stressName: null, startedBy: ctx.auth.actor(res),
        job: { task: 'simulate', module: config.simulateModule, deal: d.deal, paths, seed, threads: config.threadsPerRun, stress: null },
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
    const lang = requestLang(req);
    const t = translator(lang);
    res.render('learn-rating', { title: t('rating.learn.title'), nav: 'learn', lesson: await ratingLesson(ctx, t, lang) });
  }));
  return r;
}

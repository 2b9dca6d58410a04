// The design optimizer on the web (设计): POST /api/design starts `optimizeDesign` as a job in the
// worker queue (follow it at /api/runs/:runId/events, read the result at /api/runs/:runId); GET
// /api/design/options says which levers and constraints a deal offers; POST
// /api/design/:runId/save keeps the best design as a new deal; GET /api/deals/:id/price is the
// market pricing table of `ipabs price`.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { createDeal, invalidDeal } from './deals.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { checkPoolSize } from './run-inputs.js';
import { QueueFullError } from '../runs/manager.js';
import { requestLang } from '../language.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { validateDeal } from '../../models/deal-format/validate.js';
import { checkDeal } from '../../models/design/check.js';
import { dealLevers, LEVER_NAMES, type LeverSpec } from '../../models/design/levers.js';
import { CONSTRAINT_KINDS, type DesignConstraint } from '../../models/design/constraints.js';
import { checkOptimizeRequest, MAX_LATTICE, type OptimizeResult } from '../../models/design/optimize.js';
import { priceMarketCoupons } from '../../models/design/market-coupons.js';
import { designedDealFile } from '../../models/design/designed-deal.js';
import { DOMESTIC_GRADES, parseDomesticGrade } from '../../models/ratings/domestic-scale.js';
import { RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { TDR_METHODS, type TdrMethod } from '../../models/ratings/tdr.js';

const FIELDS = ['dealId', 'levers', 'constraints', 'paths', 'seed', 'points', 'refine', 'tdr'] as const;
export const DEFAULT_DESIGN_PATHS = 10_000;

const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);

/** Levers as the API takes them: { name, min, max } or { name: "frequency", values: [...] }. */
export function leversFrom(raw: unknown): LeverSpec[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > LEVER_NAMES.length) throw new HttpError(400, `levers: must be a list of at most ${LEVER_NAMES.length} levers such as { "name": "senior-share", "min": 0.7, "max": 0.95 }, got ${show(raw)}`);
  return raw.map((l: unknown, i) => {
    if (typeof l !== 'object' || l === null) throw new HttpError(400, `levers[${i}]: must be an object { name, min, max } or { name: "frequency", values }, got ${show(l)}`);
    const o = l as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => !['name', 'min', 'max', 'values'].includes(k));
    if (extra.length) throw new HttpError(400, `levers[${i}]: unknown field ${extra.map((k) => `"${k}"`).join(', ')} (allowed: name, min, max, values)`);
    if (typeof o.name !== 'string' || !(LEVER_NAMES as readonly string[]).includes(o.name)) throw new HttpError(400, `levers[${i}].name: must be one of ${LEVER_NAMES.join(', ')}, got ${show(o.name)}`);
    if (o.name === 'frequency') {
      if (!Array.isArray(o.values) || !o.values.every((v) => typeof v === 'string')) throw new HttpError(400, `levers[${i}].values: the payment frequencies to try, e.g. ["quarterly", "semiannual"], got ${show(o.values)}`);
      return { name: 'frequency', range: { kind: 'choices', values: o.values as string[] } };
    }
    if (typeof o.min !== 'number' || typeof o.max !== 'number') throw new HttpError(400, `levers[${i}]: min and max must be numbers (a share from 0 to 1, or yuan), got ${show(o.min)} and ${show(o.max)}`);
    return { name: o.name as LeverSpec['name'], range: { kind: 'interval', min: o.min, max: o.max } };
  });
}

/** Constraints as the API takes them (the model's shape; a domestic grade may be written "AAA" or "AAA(sf)"). */
export function constraintsFrom(raw: unknown): DesignConstraint[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > 20) throw new HttpError(400, `constraints: must be a list of at most 20 constraints such as { "kind": "senior-rating", "min": "AAA(sf)" }, got ${show(raw)}`);
  return raw.map((c: unknown, i): DesignConstraint => {
    if (typeof c !== 'object' || c === null) throw new HttpError(400, `constraints[${i}]: must be an object with a kind (${CONSTRAINT_KINDS.join(', ')}), got ${show(c)}`);
    const o = c as Record<string, unknown>;
    if (o.kind === 'senior-rating') return { kind: 'senior-rating', min: parseDomesticGrade(o.min) ?? (o.min as never) };
    if (o.kind === 'senior-el-rating') return { kind: 'senior-el-rating', min: o.min as never };
    if (o.kind === 'draw999' || o.kind === 'exhaustion') {
      if (o.enhancement !== undefined && o.enhancement !== null && typeof o.enhancement !== 'string') throw new HttpError(400, `constraints[${i}].enhancement: the id of a guarantee or undertaking, or null for each of them, got ${show(o.enhancement)}`);
      const enhancement = (o.enhancement as string | undefined) ?? null;
      return o.kind === 'draw999' ? { kind: 'draw999', enhancement, max: o.max as number } : { kind: 'exhaustion', enhancement, max: o.max as number };
    }
    if (o.kind === 'firms-cost') return { kind: 'firms-cost', max: o.max as number };
    throw new HttpError(400, `constraints[${i}].kind: must be one of ${CONSTRAINT_KINDS.join(', ')}, got ${show(o.kind)}`);
  });
}

const intField = (body: Record<string, unknown>, k: string, dflt: number, lo: number, hi: number, what: string): number => {
  const v = body[k] ?? dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new HttpError(400, `${k}: must be a whole number from ${lo} to ${hi} (${what}), got ${show(v)}`);
  return v;
};

export function designApi(ctx: AppContext): Router {
  const r = Router();
  const { runs, config, deals } = ctx;
  const L = config.limits;
  const param = (req: Request, name: string) => String((req.params as Record<string, string | undefined>)[name] ?? '');

  r.get('/design/options', handle(async (req, res) => {
    const id = typeof req.query.dealId === 'string' ? req.query.dealId : '';
    if (!id) throw new HttpError(400, 'dealId: is required (the deal whose levers to list)');
    const { deal } = await deals.loadValid(deals.checkId(id, 'dealId'));
    res.json({
      dealId: deal.meta.id,
      levers: dealLevers(deal),
      enhancements: deal.enhancements.filter((e) => e.kind === 'guarantee' || e.kind === 'shortfall-undertaking').map((e) => ({ id: e.id, kind: e.kind, name: e.name ?? e.id })),
      grades: DOMESTIC_GRADES, elRatings: RATING_ORDER, constraintKinds: CONSTRAINT_KINDS, tdrMethods: TDR_METHODS,
      defaults: { paths: Math.min(DEFAULT_DESIGN_PATHS, L.maxSizingPaths), points: 4, refine: 3, constraints: [{ kind: 'senior-rating', min: 'AAA(sf)' }] },
      limits: { minPaths: L.minPaths, maxPaths: L.maxSizingPaths, maxLattice: MAX_LATTICE },
    });
  }));

  r.post('/design', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, FIELDS);
    if (typeof body.dealId !== 'string') throw new HttpError(400, 'dealId: is required (the id of the deal to optimize)');
    const { deal } = await deals.loadValid(deals.checkId(body.dealId, 'dealId'));
    checkPoolSize(ctx, deal);
    const paths = intField(body, 'paths', Math.min(DEFAULT_DESIGN_PATHS, L.maxSizingPaths), L.minPaths, L.maxSizingPaths, 'Monte Carlo paths per candidate');
    const seed = intField(body, 'seed', 1, 0, 4_294_967_295, 'the seed every candidate shares');
    const points = intField(body, 'points', 4, 2, 9, 'values per lever on the coarse lattice');
    const refine = intField(body, 'refine', 3, 0, 6, 'halvings of the refinement step');
    if (body.tdr !== undefined && !(TDR_METHODS as readonly unknown[]).includes(body.tdr)) throw new HttpError(400, `tdr: must be one of ${TDR_METHODS.join(', ')}, got ${show(body.tdr)}`);
    const request = {
      objective: 'firms-cost' as const, paths, seed, points, refine,
      ...(body.levers !== undefined ? { levers: leversFrom(body.levers) } : {}),
      ...(body.constraints !== undefined ? { constraints: constraintsFrom(body.constraints) } : {}),
      ...(body.tdr !== undefined ? { tdrMethod: body.tdr as TdrMethod } : {}),
    };
    try {
      checkOptimizeRequest(deal, request);
    } catch (err) {
      if (err instanceof RangeError) throw new HttpError(400, err.message);
      throw err;
    }
    try {
      const info = runs.submit({ dealId: deal.meta.id, dealName: deal.meta.name, stressName: null, startedBy: ctx.auth.actor(res), job: { task: 'optimize', module: config.designModule, deal, request } });
      res.status(202).location(`/api/runs/${info.id}`).json({ run: info, events: `/api/runs/${info.id}/events` });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(429, err.message);
      throw err;
    }
  }));

  r.post('/design/:runId/save', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, ['id', 'name']);
    const run = runs.get(param(req, 'runId'));
    if (!run) throw new HttpError(404, `runId: no run "${param(req, 'runId').slice(0, 64)}" (see GET /api/runs)`);
    if (run.info.task !== 'optimize') throw new HttpError(400, `runId: run ${run.info.id} is a ${run.info.task} run, not a design optimization`);
    if (run.info.state !== 'done') throw new HttpError(409, `runId: run ${run.info.id} is ${run.info.state}; a best design can be saved once it is done`);
    const result = run.result as OptimizeResult;
    if (!result.bestDeal) throw new HttpError(409, `runId: run ${run.info.id} found no design that meets the constraints; there is nothing to save`);
    const base = (run.info.dealId && (await deals.load(run.info.dealId)).deal) || result.bestDeal;
    const file = designedDealFile(result.bestDeal, base as Deal);
    const id = deals.checkId(typeof body.id === 'string' ? body.id : file.meta.id, 'id');
    if (body.name !== undefined && (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 200)) throw new HttpError(400, 'name: must be text of 1-200 characters');
    const copy = { ...file, meta: { ...file.meta, id, ...(typeof body.name === 'string' ? { name: body.name } : {}) } };
    // The same full check as every other save (validation, market coupons, cost-plus, base case).
    const v = checkDeal(JSON.parse(JSON.stringify(copy)), { lang: requestLang(req) });
    if (!v.ok) throw invalidDeal(v.problems);
    const exists = `id: a deal "${id}" already exists (choose another id)`;
    if (await deals.store.read(id)) throw new HttpError(409, exists);
    const saved = await createDeal(ctx, res, id, `${JSON.stringify(copy, null, 2)}\n`, exists);
    res.status(201).location(`/api/deals/${id}`).json({ id, version: saved.version, savedAt: saved.savedAt, savedBy: saved.savedBy, from: run.info.dealId, run: run.info.id });
  }));

  r.get('/deals/:id/price', handle(async (req, res) => {
    const d = await deals.load(deals.checkId(param(req, 'id')));
    const v = d.raw === null ? null : validateDeal(d.raw);
    if (!v || !v.ok) throw invalidDeal(v ? v.problems : d.problems);
    try {
      const p = priceMarketCoupons(v.deal);
      res.json({ deal: { id: v.deal.meta.id, name: v.deal.meta.name, issueDate: v.deal.meta.issueDate }, tdrMethod: p.tdrMethod, rounds: p.rounds, settled: p.settled, tranches: p.tranches });
    } catch (err) {
      if (err instanceof RangeError) throw new HttpError(422, err.message);
      throw err;
    }
  }));

  return r;
}

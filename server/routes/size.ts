// POST /api/size: the guarantor's sizing tool. The search (models/sizing/solve.ts: bisection on
// common random numbers) runs as a job in the same worker queue as Monte Carlo runs; follow it at
// /api/runs/:runId/events and read the SizingResult at /api/runs/:runId.
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { checkPoolSize, readRunInputs } from './run-inputs.js';
import { QueueFullError } from '../runs/manager.js';
import { RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { checkSizingRequest, type SizingRequest } from '../../models/sizing/solve.js';

const FIELDS = ['dealId', 'enhancement', 'lever', 'target', 'paths', 'seed', 'stress', 'tolerance', 'maxAmount', 'discountRate'] as const;

export function sizeApi(ctx: AppContext): Router {
  const r = Router();
  const { runs, config } = ctx;
  const L = config.limits;

  r.get('/size/options', (_req, res) => {
    res.json({ ratings: RATING_ORDER, levers: ['capacity', 'subordination', 'reserve'], limits: { minPaths: L.minPaths, maxPaths: L.maxSizingPaths } });
  });

  r.post('/size', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, FIELDS);
    const { deal, paths, seed, stress } = await readRunInputs(ctx, body, { purpose: 'whose enhancement to size', defaultPaths: 5_000, maxPaths: L.maxSizingPaths, pathsNote: 'paths per trial of the search' });
    if (typeof body.enhancement !== 'string') throw new HttpError(400, 'enhancement: is required (the id of the enhancement, reserve account or subordinated tranche to size)');
    const sizable = [...deal.enhancements.map((e) => e.id), ...deal.accounts.map((a) => a.id), ...deal.liabilities.tranches.filter((t) => t.class !== 'senior').map((t) => t.id)];
    if (!sizable.includes(body.enhancement)) {
      throw new HttpError(400, `enhancement: "${body.enhancement.slice(0, 64)}" is not an enhancement, reserve account or junior tranche of this deal (choose one of: ${sizable.map((x) => `"${x}"`).join(', ') || 'none'})`);
    }
    checkPoolSize(ctx, deal);
    const request: { paths: number; seed: number; stress?: string } & Record<string, unknown> = { paths, seed, enhancement: body.enhancement, target: body.target, threads: config.threadsPerRun };
    if (stress !== null) request.stress = stress;
    for (const k of ['lever', 'tolerance', 'maxAmount', 'discountRate'] as const) if (body[k] !== undefined) request[k] = body[k];
    // The solver's own check names the field and what is allowed (target, lever, tolerance…).
    try {
      checkSizingRequest(request as unknown as SizingRequest); // the request as the client sent it, checked field by field
    } catch (err) {
      throw new HttpError(400, (err as Error).message);
    }
    try {
      const info = runs.submit({ dealId: deal.meta.id, dealName: deal.meta.name, stressName: stress, startedBy: ctx.auth.actor(res), job: { task: 'size', module: config.sizingModule, deal, request } });
      res.status(202).location(`/api/runs/${info.id}`).json({ run: info, events: `/api/runs/${info.id}/events` });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(429, err.message);
      throw err;
    }
  }));

  return r;
}

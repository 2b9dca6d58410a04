// POST /api/sensitivity: the expected-loss grid of `ipabs sensitivity` (default-probability
// multipliers × asset correlations, every cell on the same seed) as a job in the run queue;
// follow it at /api/runs/:runId/events and read the grid at /api/runs/:runId.
import { Router } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { checkPoolSize, readRunInputs } from './run-inputs.js';
import { QueueFullError } from '../runs/manager.js';
import { echo } from '../../models/format.js';

export const SENSITIVITY_DEFAULTS = { pd: [0.5, 1, 2, 3], rho: [0, 0.1, 0.2, 0.3], paths: 10_000 } as const;
export const MAX_SENSITIVITY_CELLS = 36;

/** A list of numbers in [lo, hi] from a JSON array or "0.5, 1, 2x" text (the CLI's form). */
export function numberListField(v: unknown, field: string, lo: number, hi: number, hiOpen: boolean, dflt: readonly number[]): number[] {
  if (v === undefined || v === null || v === '') return [...dflt];
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : null;
  const rule = `a list of 1 to 12 numbers from ${lo} to ${hi}${hiOpen ? ' (not included)' : ''}, e.g. ${dflt.join(',')}`;
  if (!parts || parts.length < 1 || parts.length > 12) throw new HttpError(400, `${field}: must be ${rule}, got ${echo(v)}`);
  const xs = parts.map((p) => (typeof p === 'number' ? p : typeof p === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)x?$/.test(p) ? Number(p.replace(/x$/, '')) : NaN));
  xs.forEach((x, i) => {
    if (!Number.isFinite(x) || x < lo || (hiOpen ? x >= hi : x > hi)) throw new HttpError(400, `${field}[${i}]: must be a number from ${lo} to ${hi}${hiOpen ? ' (not included)' : ''}, got ${echo(parts[i])}`);
  });
  if (new Set(xs).size !== xs.length) throw new HttpError(400, `${field}: has the same value twice (${xs.join(', ')}); each row or column once`);
  return xs;
}

export function sensitivityApi(ctx: AppContext): Router {
  const r = Router();
  const { runs, config } = ctx;
  const L = config.limits;

  r.post('/sensitivity', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, ['dealId', 'pd', 'rho', 'tranche', 'paths', 'seed']);
    const { deal, paths, seed } = await readRunInputs(ctx, body, { purpose: 'for the sensitivity grid', defaultPaths: SENSITIVITY_DEFAULTS.paths, maxPaths: L.maxSizingPaths, pathsNote: 'paths per cell of the grid' });
    const pd = numberListField(body.pd, 'pd', 0, 100, false, SENSITIVITY_DEFAULTS.pd);
    const rho = numberListField(body.rho, 'rho', 0, 1, true, SENSITIVITY_DEFAULTS.rho);
    if (pd.length * rho.length > MAX_SENSITIVITY_CELLS) {
      throw new HttpError(400, `pd, rho: ${pd.length} × ${rho.length} = ${pd.length * rho.length} cells is more than a web grid allows (at most ${MAX_SENSITIVITY_CELLS}; use ipabs sensitivity for larger grids)`);
    }
    const senior = deal.liabilities.tranches.reduce((a, t) => (t.seniority < a.seniority ? t : a)).id;
    const tranche = body.tranche === undefined || body.tranche === '' ? senior : body.tranche;
    if (typeof tranche !== 'string' || !deal.liabilities.tranches.some((t) => t.id === tranche)) {
      throw new HttpError(400, `tranche: unknown tranche ${echo(tranche, 64)} (this deal's tranches: ${deal.liabilities.tranches.map((t) => `"${t.id}"`).join(', ')})`);
    }
    checkPoolSize(ctx, deal);
    try {
      const info = runs.submit({
        dealId: deal.meta.id, dealName: deal.meta.name, stressName: null, startedBy: ctx.auth.actor(res),
        job: { task: 'sensitivity', module: config.sensitivityModule, deal, pdMultipliers: pd, rhos: rho, tranche, paths, seed, threads: config.threadsPerRun },
      });
      res.status(202).location(`/api/runs/${info.id}`).json({ run: info, events: `/api/runs/${info.id}/events` });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(429, err.message);
      throw err;
    }
  }));

  return r;
}

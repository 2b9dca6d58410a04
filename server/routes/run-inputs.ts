// The inputs every Monte Carlo job shares (a run or a sizing search): the deal, paths, seed and
// stress, checked with messages that name the field and what is allowed.
import type { AppContext } from '../context.js';
import { HttpError } from '../http-errors.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { parseStress } from '../../models/montecarlo/stress.js';
import { echo } from '../../models/format.js';

export interface RunInputs { deal: Deal; paths: number; seed: number; stress: string | null }

export async function readRunInputs(
  ctx: AppContext, body: Record<string, unknown>,
  o: { purpose: string; defaultPaths: number; maxPaths: number; pathsNote?: string },
): Promise<RunInputs> {
  const L = ctx.config.limits;
  if (typeof body.dealId !== 'string') throw new HttpError(400, `dealId: is required (the id of the deal ${o.purpose})`);
  const paths = body.paths ?? o.defaultPaths;
  if (typeof paths !== 'number' || !Number.isInteger(paths) || paths < L.minPaths || paths > o.maxPaths) {
    throw new HttpError(400, `paths: must be a whole number between ${L.minPaths} and ${o.maxPaths}${o.pathsNote ? ` (${o.pathsNote})` : ''}, got ${echo(paths)}`);
  }
  const seed = body.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 4_294_967_295) {
    throw new HttpError(400, `seed: must be a whole number between 0 and 4294967295, got ${echo(seed)}`);
  }
  const stress = body.stress === undefined || body.stress === null || body.stress === '' ? null : body.stress;
  if (stress !== null && (typeof stress !== 'string' || stress.length > 200)) throw new HttpError(400, `stress: must be the name of one of the deal's stresses, a custom stress such as pd=2x,recovery=0.5x,rho=+0.1, or empty for the base case, got ${echo(stress)}`);
  const { deal } = await ctx.deals.loadValid(ctx.deals.checkId(body.dealId, 'dealId'));
  if (stress !== null) {
    // A named stress of the deal, or a custom one written as the CLI takes it (--stress pd=2x,…).
    try {
      parseStress(stress, deal);
    } catch (err) {
      if (err instanceof RangeError) throw new HttpError(400, err.message);
      throw err;
    }
  }
  return { deal, paths, seed, stress: stress === null ? null : stress.trim() };
}

/** A web job refuses pools larger than the configured limit (the command line has no such limit). */
export function checkPoolSize(ctx: AppContext, deal: Deal): void {
  const max = ctx.config.limits.maxPoolSize;
  if (deal.pool.obligors.length > max) {
    throw new HttpError(400, `deal.pool.obligors: ${deal.pool.obligors.length} obligors is more than a web run allows (at most ${max}; use the command line for larger pools)`);
  }
}

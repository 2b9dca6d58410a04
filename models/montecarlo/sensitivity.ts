// Sensitivity grid (敏感性分析): tranche expected loss across default-probability multipliers and
// asset correlations. Every cell uses the same seed, so differences between cells come from the
// assumptions, not from sampling noise (common random numbers).
import type { Deal } from '../deal-format/schema.js';
import { simulate, type SimulateOptions } from './simulate.js';
import type { StressSpec } from './stress.js';

export interface SensitivityCell {
  pdMultiplier: number;
  rho: number;
  poolExpectedLossRate: number;
  poolExpectedLossRateStdErr: number;
  tranches: Array<{ id: string; expectedLossRate: number; expectedLossRateStdErr: number; impliedRating: string }>;
}

export interface SensitivityGrid {
  /** The deal; nameZh its Chinese name when it has one. */
  deal: { id: string; name: string; nameZh?: string };
  run: { paths: number; seed: SimulateOptions['seed'] };
  pdMultipliers: number[];
  rhos: number[];
  cells: SensitivityCell[];
}

export function baseRho(deal: Deal): number {
  const sim = deal.simulation;
  if (!sim) return 0;
  return sim.copula === 'sector' ? (sim.sectorCorrelation?.inter ?? sim.rho) : sim.rho;
}

export async function sensitivityGrid(
  deal: Deal, pdMultipliers: number[], rhos: number[], opts: Omit<SimulateOptions, 'stress'>,
): Promise<SensitivityGrid> {
  if (pdMultipliers.length === 0 || rhos.length === 0) throw new RangeError('sensitivity: needs at least one pd multiplier and one rho');
  for (const r of rhos) if (!(r >= 0 && r < 1)) throw new RangeError(`sensitivity: rho must be in [0, 1), got ${r}`);
  for (const p of pdMultipliers) if (!(p >= 0 && p <= 100)) throw new RangeError(`sensitivity: pd multiplier must be between 0 and 100, got ${p}`);
  const cells: SensitivityCell[] = [];
  const rho0 = baseRho(deal);
  // Progress over the whole grid: the cells already done plus the paths of the current one.
  const total = opts.paths * pdMultipliers.length * rhos.length;
  const onProgress = opts.onProgress;
  for (const pd of pdMultipliers) {
    for (const rho of rhos) {
      const stress: StressSpec = { name: `pd=${pd}x,rho=${rho}`, pdMultiplier: pd, recoveryMultiplier: 1, rhoShift: rho - rho0 };
      const before = cells.length * opts.paths;
      const r = await simulate(deal, { ...opts, stress, ...(onProgress ? { onProgress: (done: number) => onProgress(before + done, total) } : {}) });
      cells.push({
        pdMultiplier: pd, rho,
        poolExpectedLossRate: r.pool.expectedLossRate, poolExpectedLossRateStdErr: r.pool.expectedLossRateStdErr,
        tranches: r.tranches.map((t) => ({ id: t.id, expectedLossRate: t.expectedLossRate, expectedLossRateStdErr: t.expectedLossRateStdErr, impliedRating: t.impliedRating })),
      });
    }
  }
  return { deal: { id: deal.meta.id, name: deal.meta.name, ...(deal.meta.nameZh ? { nameZh: deal.meta.nameZh } : {}) }, run: { paths: opts.paths, seed: opts.seed }, pdMultipliers, rhos, cells };
}

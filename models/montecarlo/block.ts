// Run one block of paths: the unit of work that threads share. A block's result depends only on
// (deal, stress, seed, block), never on which thread ran it.
import { blockPaths, createBlockRng, STREAM_DEFAULTS, STREAM_OTHER, STREAM_RECOVERIES, type RandomSource, type Seed } from '../credit/rng.js';
import type { Deal } from '../deal-format/schema.js';
import { accumulatePath, createHistograms, statLayout, type Histograms, type StatLayout } from './accumulate.js';
import { compilePathModel, type PathModel } from './path-model.js';
import { createPathScratch, runPath, type PathScratch } from './path-run.js';
import type { StressSpec } from './stress.js';

export interface SimulationContext {
  model: PathModel;
  layout: StatLayout;
  scratch: PathScratch;
  hist: Histograms;
}

export function createSimulationContext(deal: Deal, stress: StressSpec): SimulationContext {
  const model = compilePathModel(deal, stress);
  return { model, layout: statLayout(model), scratch: createPathScratch(model), hist: createHistograms(model) };
}

/** Run paths [start, end) of `block`; scalars come back per block, histograms accumulate in ctx. */
export function runBlock(ctx: SimulationContext, seed: Seed, block: number, paths: number, shift: number): Float64Array {
  const { start, end } = blockPaths(block, paths);
  const { defaults, recoveries, other } = blockStreams(seed, block);
  const v = new Float64Array(ctx.layout.size);
  const { model, layout, scratch, hist } = ctx;
  for (let i = start; i < end; i++) {
    const w = runPath(model, scratch, defaults, recoveries, shift, other);
    accumulatePath(model, layout, v, hist, scratch.out, w);
  }
  return v;
}

/** The random streams of one block: defaults, recoveries, and other draws (prepayment). */
export function blockStreams(seed: Seed, block: number): { defaults: RandomSource; recoveries: RandomSource; other: RandomSource } {
  return {
    defaults: createBlockRng(seed, block, STREAM_DEFAULTS),
    recoveries: createBlockRng(seed, block, STREAM_RECOVERIES),
    other: createBlockRng(seed, block, STREAM_OTHER),
  };
}

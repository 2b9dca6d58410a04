// The `rating` section of a deal file: what the domestic rating (TDR/BDR) of this deal uses beyond
// the defaults — changes to the stress catalogue, how defaults fall on the obligors, its own grade
// table and TDR method. (The providers' own ratings sit on the providers, in `enhancements`.)
import { z } from 'zod';
import { describeValue, identifier, listOf, numberBetween, oneOf, strictObject } from '../deal/schema-helpers.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { scenarioProblems, scenarioSchema, timingVectors, type Scenario } from './scenario.js';
import {
  defineGradeTable, DOMESTIC_GRADES, parseDomesticGrade,
} from '../ratings/domestic-scale.js';
import { TDR_METHODS } from '../ratings/tdr.js';

/**
 * How a deterministic default amount falls on the pool: pro rata to every obligor's balance
 * (a granular pool), or on the largest obligors first (a concentrated pool: a firm defaults whole).
 */
export const DEFAULT_ALLOCATIONS = ['pro-rata', 'largest-first'] as const;
export type DefaultAllocation = (typeof DEFAULT_ALLOCATIONS)[number];

/** Pools of at most this many obligors are concentrated: largest-first by default. */
export const CONCENTRATED_POOL_MAX = 20;

const domesticGrade = () => z.string({ error: (iss) => `must be a grade such as "AA+(sf)", got ${typeof iss.input}` })
  .refine((s) => parseDomesticGrade(s) !== null, { error: (iss) => `must be one of ${DOMESTIC_GRADES.join(', ')}, got ${describeValue(iss.input)}` });

export const ratingInputsSchema = strictObject({
  /** Start from the default catalogue (the default) or from none (only `scenarios`). */
  catalogue: oneOf(['default', 'none'] as const).optional(),
  /** Scenarios added; one named like a default scenario replaces it. */
  scenarios: listOf(scenarioSchema, 0, 100).optional(),
  /** Default scenarios left out, by name. */
  excludeScenarios: listOf(identifier(), 0, 100).optional(),
  /** How deterministic defaults fall on the obligors; default: largest-first for pools of ≤ 20 obligors, else pro rata. */
  defaultAllocation: oneOf(DEFAULT_ALLOCATIONS).optional(),
  /** This deal's own grade table (every grade of the scale). */
  grades: listOf(strictObject({
    grade: domesticGrade(),
    targetDefaultProbability: numberBetween(0, 0.5),
    stressMultiplier: numberBetween(1, 100),
  }), 0, 20).optional(),
  /** Which TDR the rating uses; default monte-carlo. */
  tdrMethod: oneOf(TDR_METHODS).optional(),
});
export type RatingInputs = z.output<typeof ratingInputsSchema>;

/** The scenarios this deal is rated under, in order: the default catalogue as changed by the deal. */
export function catalogueFor(inputs: RatingInputs | undefined): Scenario[] {
  const own = inputs?.scenarios ?? [];
  const excluded = new Set(inputs?.excludeScenarios ?? []);
  const base = inputs?.catalogue === 'none' ? [] : DEFAULT_CATALOGUE.filter((s) => !excluded.has(s.name));
  const replaced = new Map(own.map((s) => [s.name, s]));
  const out = base.map((s) => replaced.get(s.name) ?? s);
  for (const s of own) if (!base.some((b) => b.name === s.name)) out.push(s);
  return out;
}

/** The allocation a deal's ratings use. */
export function allocationFor(inputs: RatingInputs | undefined, obligors: number): DefaultAllocation {
  return inputs?.defaultAllocation ?? (obligors <= CONCENTRATED_POOL_MAX ? 'largest-first' : 'pro-rata');
}

/**
 * Problems the schema cannot see, as [path, message]: scenario names and kinds, excluded names,
 * the grade table, timing vectors against the deal's number of periods (−1: not
 * known, not checked).
 */
export function ratingInputProblems(inputs: RatingInputs | undefined, deal: { periods: number }): Array<[string, string]> {
  if (!inputs) return [];
  const out: Array<[string, string]> = [];
  const own = inputs.scenarios ?? [];
  const names = new Map<string, number>();
  own.forEach((s, i) => {
    const prev = names.get(s.name);
    if (prev !== undefined) out.push([`rating.scenarios[${i}].name`, `duplicate scenario name "${s.name}" (already rating.scenarios[${prev}]; names must be unique)`]);
    else names.set(s.name, i);
    for (const [p, m] of scenarioProblems(s)) out.push([`rating.scenarios[${i}].${p}`, m]);
    for (const v of timingVectors(s)) {
      if (deal.periods >= 0 && v.vector.length !== deal.periods) out.push([`rating.scenarios[${i}].stresses[${v.index}].vector`, `has ${v.vector.length} share${v.vector.length === 1 ? '' : 's'} but the deal has ${deal.periods} payment period${deal.periods === 1 ? '' : 's'} (one share per period, first period first)`]);
    }
  });
  const defaults = new Set(DEFAULT_CATALOGUE.map((s) => s.name));
  (inputs.excludeScenarios ?? []).forEach((name, i) => {
    if (inputs.catalogue === 'none') out.push([`rating.excludeScenarios[${i}]`, 'excludes from the default catalogue, but rating.catalogue is "none"']);
    else if (!defaults.has(name)) out.push([`rating.excludeScenarios[${i}]`, `no default scenario "${name}" (default scenarios: ${[...defaults].join(', ')})`]);
  });
  if (catalogueFor(inputs).length === 0) out.push(['rating', 'the stress catalogue is empty (catalogue "none" with no scenarios, or everything excluded); give at least one scenario']);
  if (inputs.grades) {
    try { defineGradeTable(inputs.grades, 'deal', 'rating.grades'); } catch (err) {
      const m = (err as Error).message;
      const colon = m.indexOf(': ');
      out.push([m.slice(0, colon), m.slice(colon + 2)]);
    }
  }
  return out;
}

// A stress scenario (压力情景): a name, the stresses it combines (one of each kind at most), and where
// it comes from — a published practice (source) and why it is in the catalogue (reason).
import { identifier, listOf, strictObject, tagged, text } from '../deal/schema-helpers.js';
import type { z } from 'zod';
import { neutralCase, type DealFacts, type InertReason, type StressCase } from './common.js';
import { stressKind, stressSchemas } from './registry.js';
import type { Translate } from '../i18n/index.js';

export const scenarioSchema = strictObject({
  name: identifier(),
  /** The stresses combined; none is the base scenario (even timing, the deal's own assumptions). */
  stresses: listOf(tagged('kind', stressSchemas), 0, 10),
  /** Where the stress comes from (an agency's published practice, a report). */
  source: text(300).optional(),
  /** Why it is in the catalogue. */
  reason: text(1000),
  reasonZh: text(1000).optional(),
});
export type Scenario = z.output<typeof scenarioSchema>;

/** Problems inside one scenario, as [path inside it, message]. */
export function scenarioProblems(s: Scenario): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const seen = new Map<string, number>();
  s.stresses.forEach((e, i) => {
    const prev = seen.get(e.kind);
    if (prev !== undefined) out.push([`stresses[${i}].kind`, `"${e.kind}" is already stresses[${prev}]; a scenario takes each kind of stress once (combine them in one entry)`]);
    else seen.set(e.kind, i);
    for (const [p, m] of stressKind(e.kind).check?.(e) ?? []) out.push([p ? `stresses[${i}].${p}` : `stresses[${i}]`, m]);
  });
  return out;
}

/** The numbers a scenario runs with: its stresses applied in turn to the neutral case. */
export function stressCaseOf(s: Scenario): StressCase {
  const c = neutralCase();
  for (const e of s.stresses) stressKind(e.kind).apply(c, e);
  return c;
}

/** Why none of the scenario's stresses changes this deal, or null when one does (the base scenario always counts). */
export function inertReason(s: Scenario, facts: DealFacts): InertReason | null {
  if (s.stresses.length === 0) return null;
  const reasons = s.stresses.map((e) => stressKind(e.kind).inert?.(e, facts) ?? null);
  return reasons.every((r) => r !== null) ? reasons[0]! : null;
}

/** The scenario in words, stress by stress. */
export function describeScenario(s: Scenario, t: Translate): string {
  return s.stresses.length === 0 ? t('rating.stress.base') : s.stresses.map((e) => stressKind(e.kind).describe(e, t)).join(t('rating.stress.join'));
}

/** The vector timings of a scenario, for checking their length against the deal's periods. */
export function timingVectors(s: Scenario): Array<{ index: number; vector: readonly number[] }> {
  return s.stresses.flatMap((e, index) => (e.kind === 'default-timing' && e.shape === 'vector' && e.vector ? [{ index, vector: e.vector }] : []));
}

// Shipped scenarios, loaded and validated once for the tests that run every one of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDeal } from '../../models/deal-format/validate.js';
import type { Deal } from '../../models/deal-format/schema.js';

export const SCENARIO_DIR = new URL('../../scenarios/', import.meta.url).pathname;

export function scenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => join(SCENARIO_DIR, f));
}

export function loadRaw(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCENARIO_DIR, name), 'utf8')) as Record<string, unknown>;
}

export function loadScenario(file: string): Deal {
  const r = validateDeal(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.deal;
}

// What the fuzz test demands of every mutated deal (issue 16): the full check (checkDeal) never throws; every
// refusal names a path and is not the validator's own "could not check" fallback; every accepted
// deal schedules (reconciled to the fen), simulates and costs (the compare engine) with no NaN or
// Infinity anywhere.
import { formatProblem } from '../../models/deal-format/validate.js';
import { checkDeal, type CheckResult } from '../../models/engine/check.js';
import { runExact } from '../../models/engine/exact.js';
import { firstNonFinite } from '../../models/engine/finite-guard.js';
import { simulateHere } from '../../models/montecarlo/simulate.js';
import { dealCost } from '../../models/cost/compare.js';
import { GUARD_TEXT } from '../../models/deal/problem-text.js';

const INTERNAL = GUARD_TEXT.internal('').split('(')[0]!;
/** Problems that concern the whole document may have the empty path (the root). */
const ROOT_PROBLEM = /^(unknown field|must be an object|malformed JSON)/;

export interface FuzzOutcome { accepted: boolean; failure: string | null }

export function checkMutatedDeal(doc: unknown, paths = 256, stressChoice = 0): FuzzOutcome {
  // checkDeal is what `ipabs validate`, the editor and every save run: the format and cross-field
  // rules, then pricing (cost-plus) and the base case.
  let r: CheckResult;
  try {
    r = checkDeal(doc);
  } catch (err) {
    return { accepted: false, failure: `validate threw: ${(err as Error).stack?.split('\n').slice(0, 4).join(' | ')}` };
  }
  if (!r.ok) {
    for (const p of r.problems) {
      if (p.path === '' && !ROOT_PROBLEM.test(p.message)) return { accepted: false, failure: `refusal without a path: ${formatProblem(p)}` };
      if (p.message.startsWith(INTERNAL)) return { accepted: false, failure: `validator fallback: ${formatProblem(p)}` };
      if (p.message.length > 5000) return { accepted: false, failure: `message of ${p.message.length} characters at ${p.path}` };
    }
    return { accepted: false, failure: null };
  }
  const deal = r.deal;
  try {
    const s = r.report ?? runExact(deal);
    if (!s.reconciled) return { accepted: true, failure: 'schedule does not reconcile' };
    const bad = firstNonFinite(s);
    if (bad) return { accepted: true, failure: `schedule ${bad.path} = ${bad.value}` };
  } catch (err) {
    return { accepted: true, failure: `schedule threw: ${(err as Error).message.slice(0, 300)}` };
  }
  const stresses = deal.stresses ?? [];
  const stress = stresses.length > 0 && stressChoice % 2 === 1 ? stresses[stressChoice % stresses.length]!.name : undefined;
  try {
    const m = simulateHere(deal, { paths, seed: 7, ...(stress ? { stress } : {}) });
    const bad = firstNonFinite(m);
    if (bad) return { accepted: true, failure: `simulate ${bad.path} = ${bad.value}` };
  } catch (err) {
    return { accepted: true, failure: `simulate${stress ? ` (stress ${stress})` : ''} threw: ${(err as Error).message.slice(0, 300)}` };
  }
  try {
    const c = dealCost(deal);
    const bad = firstNonFinite(c);
    if (bad) return { accepted: true, failure: `cost ${bad.path} = ${bad.value}` };
  } catch (err) {
    return { accepted: true, failure: `cost threw: ${(err as Error).message.slice(0, 300)}` };
  }
  return { accepted: true, failure: null };
}

// 约束条件 The targets a design must meet, each measured on a candidate and compared with its limit:
//
//   senior-rating      the senior's domestic rating (TDR/BDR, credit substitution counted) ≥ a grade
//   senior-el-rating   the senior's Monte Carlo expected loss ≤ the idealized EL of a rating at its WAL
//                      (the Moody's-style implied rating of `ipabs simulate`) — so that rating or better
//   draw999            an enhancement's 99.9% draw (a guarantor's worst year in a thousand) ≤ yuan
//   exhaustion         the probability an enhancement's capacity runs out ≤ p
//   firms-cost         the firms' all-in cost after subsidy ≤ a rate
//
// Monte Carlo measures are compared at the upper end of their 95% confidence interval (EL and
// P(exhausted) + 1.96 standard errors; the 99.9% draw at the top of its order-statistic interval):
// a design passes only when the paths leave little doubt, so it still passes when re-run on other
// paths. The point estimate is reported beside it.
//
// `violation` is how far a candidate misses, on a scale common to all constraints (0 = met; 1 ≈ as
// bad again as the limit, or one notch per unit for ratings), so the closest infeasible candidate
// can be named when nothing is feasible.
import { DOMESTIC_GRADES, gradeRank, parseDomesticGrade, type DomesticGrade, type DomesticRating } from '../ratings/domestic-scale.js';
import { isRating, RATING_ORDER, type Rating } from '../ratings/idealized-loss.js';

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

export type DesignConstraint =
  | { kind: 'senior-rating'; min: DomesticGrade }
  | { kind: 'senior-el-rating'; min: Rating }
  | { kind: 'draw999'; enhancement: string | null; max: number }
  | { kind: 'exhaustion'; enhancement: string | null; max: number }
  | { kind: 'firms-cost'; max: number };

export const CONSTRAINT_KINDS = ['senior-rating', 'senior-el-rating', 'draw999', 'exhaustion', 'firms-cost'] as const;

/** What a candidate offers the constraints. */
export interface CandidateMeasures {
  seniorGrade: DomesticRating;
  /** Senior EL and the idealized EL of each rating at its WAL (null when not simulated). */
  seniorEl: { value: number; stdErr: number; walYears: number; thresholds: Record<Rating, number> } | null;
  enhancements: Array<{ id: string; kind: string; capacity: number | null; draw999: number; draw999Upper: number; exhaustion: number; exhaustionStdErr: number }>;
  firmsCost: number;
}

export interface ConstraintCheck {
  kind: DesignConstraint['kind'];
  /** The enhancement a draw or exhaustion limit is about (each capacity enhancement is checked). */
  enhancement: string | null;
  value: number | string;
  /** What is compared with the limit: the value, or for a Monte Carlo estimate the upper end of its 95% interval. */
  tested: number | string;
  limit: number | string;
  ok: boolean;
  violation: number;
  /** For Monte Carlo measures: the standard error of the value (null otherwise). */
  stdErr: number | null;
}

/**
 * The enhancements a draw/exhaustion limit applies to: the named one, or every guarantee and
 * undertaking — those with a capacity above 0 (one that commits nothing has no limit to run through
 * and never pays: a design without it is judged by the other constraints).
 */
function capacityEnhancements(m: CandidateMeasures, id: string | null) {
  return m.enhancements.filter((e) => (id === null ? e.kind === 'guarantee' || e.kind === 'shortfall-undertaking' : e.id === id) && e.capacity !== 0);
}

export function checkConstraints(cs: readonly DesignConstraint[], m: CandidateMeasures): ConstraintCheck[] {
  const out: ConstraintCheck[] = [];
  for (const c of cs) {
    switch (c.kind) {
      case 'senior-rating': {
        const short = gradeRank(m.seniorGrade) - gradeRank(c.min);
        out.push({ kind: c.kind, enhancement: null, value: m.seniorGrade, tested: m.seniorGrade, limit: c.min, ok: short <= 0, violation: Math.max(0, short), stdErr: null });
        break;
      }
      case 'senior-el-rating': {
        const el = m.seniorEl;
        if (!el) throw new Error('internal: senior-el-rating needs a simulation of the candidate');
        const limit = el.thresholds[c.min];
        const tested = el.value + Z95 * el.stdErr;
        const ok = tested <= limit;
        out.push({ kind: c.kind, enhancement: null, value: el.value, tested, limit, ok, violation: ok ? 0 : Math.log(tested / Math.max(limit, 1e-12)) / Math.log(3), stdErr: el.stdErr });
        break;
      }
      case 'draw999':
        for (const e of capacityEnhancements(m, c.enhancement)) {
          const ok = e.draw999Upper <= c.max;
          out.push({ kind: c.kind, enhancement: e.id, value: e.draw999, tested: e.draw999Upper, limit: c.max, ok, violation: ok ? 0 : (e.draw999Upper - c.max) / Math.max(c.max, 1), stdErr: null });
        }
        break;
      case 'exhaustion':
        for (const e of capacityEnhancements(m, c.enhancement)) {
          const tested = e.exhaustion + Z95 * e.exhaustionStdErr;
          const ok = tested <= c.max;
          out.push({ kind: c.kind, enhancement: e.id, value: e.exhaustion, tested, limit: c.max, ok, violation: ok ? 0 : (tested - c.max) / Math.max(c.max, 1e-6), stdErr: e.exhaustionStdErr });
        }
        break;
      case 'firms-cost': {
        const ok = m.firmsCost <= c.max;
        out.push({ kind: c.kind, enhancement: null, value: m.firmsCost, tested: m.firmsCost, limit: c.max, ok, violation: ok ? 0 : (m.firmsCost - c.max) / Math.max(c.max, 1e-6), stdErr: null });
        break;
      }
    }
  }
  return out;
}

/** Whether `a` is at least as strict as `b` (every design meeting a meets b): for the tightening property. */
export function atLeastAsStrict(a: DesignConstraint, b: DesignConstraint): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'senior-rating' && b.kind === 'senior-rating') return gradeRank(a.min) <= gradeRank(b.min);
  if (a.kind === 'senior-el-rating' && b.kind === 'senior-el-rating') return RATING_ORDER.indexOf(a.min) <= RATING_ORDER.indexOf(b.min);
  if ((a.kind === 'draw999' && b.kind === 'draw999') || (a.kind === 'exhaustion' && b.kind === 'exhaustion')) return a.enhancement === b.enhancement && a.max <= b.max;
  if (a.kind === 'firms-cost' && b.kind === 'firms-cost') return a.max <= b.max;
  return false;
}

const show = (v: unknown) => JSON.stringify(v);

/** Check the constraints' values and enhancement ids; RangeError naming the field and what is allowed. */
export function checkConstraintSpecs(cs: readonly DesignConstraint[], enhancementIds: readonly string[]): void {
  cs.forEach((c, i) => {
    const f = `constraints[${i}]`;
    switch (c.kind) {
      case 'senior-rating':
        if (!parseDomesticGrade(c.min)) throw new RangeError(`${f}.min: must be a domestic grade (${DOMESTIC_GRADES.join(', ')}), got ${show(c.min)}`);
        break;
      case 'senior-el-rating':
        if (!isRating(c.min)) throw new RangeError(`${f}.min: must be one of ${RATING_ORDER.join(', ')}, got ${show(c.min)}`);
        break;
      case 'draw999':
      case 'exhaustion':
        if (c.enhancement !== null && !enhancementIds.includes(c.enhancement)) throw new RangeError(`${f}.enhancement: no enhancement "${c.enhancement}" in the deal (enhancements: ${enhancementIds.join(', ') || 'none'})`);
        if (c.kind === 'draw999' && !(Number.isFinite(c.max) && c.max >= 0)) throw new RangeError(`${f}.max: the largest 99.9% draw, an amount in yuan of at least 0, got ${show(c.max)}`);
        if (c.kind === 'exhaustion' && !(c.max >= 0 && c.max < 1)) throw new RangeError(`${f}.max: a probability from 0 to below 1 (0.001 = 0.1%), got ${show(c.max)}`);
        break;
      case 'firms-cost':
        if (!(Number.isFinite(c.max) && c.max > -1 && c.max < 1)) throw new RangeError(`${f}.max: an annual rate (0.02 = 2%), got ${show(c.max)}`);
        break;
      default:
        throw new RangeError(`${f}.kind: must be one of ${CONSTRAINT_KINDS.join(', ')}, got ${show((c as { kind: unknown }).kind)}`);
    }
  });
}

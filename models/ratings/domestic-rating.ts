// The domestic rating of a tranche from the TDR/BDR test (目标违约率 / 临界违约率): the highest grade
// whose TDR is at most the tranche's break-even default rate (its minimum over the stress
// catalogue); the cushion (安全距离) per grade is BDR − TDR. For a tranche covered by a guarantee or a
// shortfall undertaking, credit substitution (信用替代) gives it at least the provider's own rating.
import { BELOW_SCALE, betterRating, DOMESTIC_GRADES, type DomesticGrade, type DomesticRating } from './domestic-scale.js';
import type { ByGrade } from './tdr.js';

/** Highest grade with TDR ≤ BDR (a tie passes), else BELOW_SCALE. */
export function assignDomesticRating(tdr: ByGrade<number>, bdr: number): DomesticRating {
  for (const g of DOMESTIC_GRADES) {
    const t = tdr[g];
    if (t !== undefined && t <= bdr) return g;
  }
  return BELOW_SCALE;
}

/** BDR − TDR for every grade: positive where the tranche passes the grade. */
export function cushions(tdr: ByGrade<number>, bdr: number): ByGrade<number> {
  const out = {} as ByGrade<number>;
  for (const g of DOMESTIC_GRADES) out[g] = +(bdr - tdr[g]).toPrecision(12);
  return out;
}

/** Credit substitution: the stand-alone rating, or the provider's floor when that is better. */
export function withCreditSubstitution(standAlone: DomesticRating, floor: DomesticGrade | null): DomesticRating {
  return floor ? betterRating(standAlone, floor) : standAlone;
}

export { BELOW_SCALE };

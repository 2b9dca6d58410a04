// 境内评级 The domestic (Chinese onshore) structured-finance scale AAA(sf) … BB(sf), and the grade table
// behind the TDR/BDR test: each grade's target default probability (目标违约概率, the chance the
// pool's cumulative default rate may exceed the grade's target default rate, TDR) and its stress
// multiplier (压力乘数, base-case default rate × multiplier = TDR in the stress-multiplier method).
//
// DATA STATUS — every number below is an ASSUMPTION, not an agency's published table.
// The facts brief (DOMAIN.md, "How Chinese rating agencies rate a structured tranche") quotes one
// third-party open-source implementation of the agencies' method: target default probabilities
// AAA 0.1%, AA 1.0%, A 2.8%, BBB 5.0% and multipliers AAA 5.0, AA+ 4.5, AA 4.1, A 3.0, BBB 2.3,
// BB 1.5. Those rows are marked 'third-party'. The other notches are filled by ipabs and marked
// 'interpolated': probabilities geometrically between the quoted neighbours (equal ratio per notch,
// BB+ counted as a notch though this scale does not list it), multipliers linearly; AA+'s and BB's
// probabilities, which nothing quotes, are the geometric mean of AAA and AA and one more BBB→BBB−
// ratio step twice beyond BBB−. Edit the table (or give `rating.grades` in a deal) to use another.
//
// This scale is NOT the Moody's-style expected-loss scale of the implied ratings
// (idealized-loss.ts): pages and the CLI label the two "domestic (TDR/BDR)" and "Moody's-style EL".
import type { Translate } from '../i18n/index.js';

/** The domestic structured-finance grades, best first. ASCII hyphen, as agencies' reports print them. */
export const DOMESTIC_GRADES = [
  'AAA(sf)', 'AA+(sf)', 'AA(sf)', 'AA-(sf)', 'A+(sf)', 'A(sf)', 'A-(sf)', 'BBB+(sf)', 'BBB(sf)', 'BBB-(sf)', 'BB(sf)',
] as const;
export type DomesticGrade = (typeof DOMESTIC_GRADES)[number];

/** What a tranche gets when even BB(sf)'s target default rate is above its break-even default rate. */
export const BELOW_SCALE = 'below BB(sf)';
export type DomesticRating = DomesticGrade | typeof BELOW_SCALE;

/** An issuer's own domestic rating (a guarantor's, an undertaker's), best first: AAA … C. */
export const ISSUER_GRADES = [
  'AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-', 'B+', 'B', 'B-', 'CCC', 'CC', 'C',
] as const;
export type IssuerGrade = (typeof ISSUER_GRADES)[number];

/** Where a number of the table comes from. */
export type GradeBasis = 'third-party' | 'interpolated' | 'user';
const BASES: readonly GradeBasis[] = ['third-party', 'interpolated', 'user'];

export interface GradeRow {
  grade: DomesticGrade;
  /** Probability that the pool's cumulative default rate exceeds this grade's TDR (0.001 = 0.1%). */
  targetDefaultProbability: number;
  /** Stress multiplier on the base-case cumulative default rate. */
  stressMultiplier: number;
  probabilityBasis: GradeBasis;
  multiplierBasis: GradeBasis;
}

export interface GradeTable {
  readonly source: string;
  readonly rows: readonly GradeRow[];
}

/** Upper bound of a target default probability: a grade above the median default rate means nothing. */
export const MAX_TARGET_PROBABILITY = 0.5;
export const MAX_STRESS_MULTIPLIER = 100;

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  try { return JSON.stringify(v) ?? String(v); } catch { return String(v); }
};

/** "AA−(sf)", "aa-", "AA－" → "AA-(sf)"; null when it is not a grade of the scale. */
export function parseDomesticGrade(text: unknown): DomesticGrade | null {
  if (typeof text !== 'string') return null;
  const norm = text.trim().replace(/[\u2212\uFF0D\u2013]/g, '-').replace(/\s+/g, '').toUpperCase().replace(/\(SF\)$/, '');
  const g = `${norm}(sf)`;
  return (DOMESTIC_GRADES as readonly string[]).includes(g) ? (g as DomesticGrade) : null;
}

/** "AA+", "aa+", "AA−" → "AA+"; null when it is not an issuer grade. */
export function parseIssuerGrade(text: unknown): IssuerGrade | null {
  if (typeof text !== 'string') return null;
  const norm = text.trim().replace(/[\u2212\uFF0D\u2013]/g, '-').replace(/\s+/g, '').toUpperCase();
  return (ISSUER_GRADES as readonly string[]).includes(norm) ? (norm as IssuerGrade) : null;
}

/** Position on the scale, 0 = AAA(sf); BELOW_SCALE is after the last grade. */
export function gradeRank(r: DomesticRating): number {
  const i = (DOMESTIC_GRADES as readonly string[]).indexOf(r);
  return i === -1 ? DOMESTIC_GRADES.length : i;
}

/** The better of two domestic ratings. */
export function betterRating(a: DomesticRating, b: DomesticRating): DomesticRating {
  return gradeRank(a) <= gradeRank(b) ? a : b;
}

/**
 * The best structured-finance grade a provider's own rating supports as a floor: its grade with
 * "(sf)" when the scale lists it, else the next grade below that the scale lists (BB+ → BB(sf)),
 * else none (below BB).
 */
export function floorFromIssuerGrade(g: IssuerGrade): DomesticGrade | null {
  const issuerIndex = ISSUER_GRADES.indexOf(g);
  for (let i = issuerIndex; i < ISSUER_GRADES.length; i++) {
    const sf = parseDomesticGrade(ISSUER_GRADES[i]);
    if (sf) return sf;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check a grade table given as data and return a frozen copy in scale order. Every grade of the
 * scale must appear exactly once; target default probabilities must rise and stress multipliers
 * fall down the scale (a worse grade may not demand more than a better one). Messages name the
 * field (`field[3].targetDefaultProbability: …`).
 */
export function defineGradeTable(rows: unknown, source: string, field = 'grades'): GradeTable {
  if (!Array.isArray(rows)) throw new RangeError(`${field}: must be a list of { grade, targetDefaultProbability, stressMultiplier }, got ${show(rows)}`);
  const byGrade = new Map<DomesticGrade, GradeRow>();
  rows.forEach((row: unknown, i: number) => {
    const at = `${field}[${i}]`;
    if (!isRecord(row)) throw new RangeError(`${at}: must be an object { grade, targetDefaultProbability, stressMultiplier }, got ${show(row)}`);
    const grade = parseDomesticGrade(row['grade']);
    if (!grade) throw new RangeError(`${at}.grade: must be one of ${DOMESTIC_GRADES.join(', ')}, got ${show(row['grade'])}`);
    if (byGrade.has(grade)) throw new RangeError(`${at}.grade: ${grade} is listed twice (each grade once)`);
    const p = row['targetDefaultProbability'];
    if (typeof p !== 'number' || !(p > 0 && p <= MAX_TARGET_PROBABILITY)) {
      throw new RangeError(`${at}.targetDefaultProbability: must be a probability above 0 and at most ${MAX_TARGET_PROBABILITY} (0.001 = 0.1%), got ${show(p)}`);
    }
    const m = row['stressMultiplier'];
    if (typeof m !== 'number' || !(m >= 1 && m <= MAX_STRESS_MULTIPLIER)) {
      throw new RangeError(`${at}.stressMultiplier: must be a number from 1 to ${MAX_STRESS_MULTIPLIER}, got ${show(m)}`);
    }
    const basis = (key: 'probabilityBasis' | 'multiplierBasis'): GradeBasis => {
      const b = row[key] ?? 'user';
      if (!(BASES as readonly unknown[]).includes(b)) throw new RangeError(`${at}.${key}: must be one of ${BASES.map((x) => `"${x}"`).join(', ')}, got ${show(b)}`);
      return b as GradeBasis;
    };
    byGrade.set(grade, { grade, targetDefaultProbability: p, stressMultiplier: m, probabilityBasis: basis('probabilityBasis'), multiplierBasis: basis('multiplierBasis') });
  });
  const missing = DOMESTIC_GRADES.filter((g) => !byGrade.has(g));
  if (missing.length) {
    throw new RangeError(`${field}: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (the table must give every grade ${DOMESTIC_GRADES.join(', ')})`);
  }
  const ordered = DOMESTIC_GRADES.map((g) => byGrade.get(g)!);
  ordered.forEach((row, i) => {
    const better = ordered[i - 1];
    if (!better) return;
    if (!(row.targetDefaultProbability > better.targetDefaultProbability)) {
      throw new RangeError(`${field}: ${row.grade}'s targetDefaultProbability must be above ${better.grade}'s ${better.targetDefaultProbability} (a worse grade allows a likelier default), got ${row.targetDefaultProbability}`);
    }
    if (!(row.stressMultiplier < better.stressMultiplier)) {
      throw new RangeError(`${field}: ${row.grade}'s stressMultiplier must be below ${better.grade}'s ${better.stressMultiplier} (a worse grade is stressed less), got ${row.stressMultiplier}`);
    }
  });
  return Object.freeze({ source, rows: Object.freeze(ordered.map((r) => Object.freeze(r))) });
}

/** Geometric steps from a to b in n notches: the values strictly between. */
const geometric = (a: number, b: number, n: number): number[] => Array.from({ length: n - 1 }, (_, k) => a * (b / a) ** ((k + 1) / n));
const linear = (a: number, b: number, n: number): number[] => Array.from({ length: n - 1 }, (_, k) => a + ((b - a) * (k + 1)) / n);
const r4 = (x: number) => +x.toPrecision(4);

// Interpolated notches (see the file header). BBB → BB spans BBB−, BB+, BB: three notches.
const [paaPlus] = geometric(0.001, 0.010, 2);
const [paaMinus, paPlus] = geometric(0.010, 0.028, 3);
const [paMinus, pbbbPlus] = geometric(0.028, 0.050, 3);
const perBbbNotch = (0.050 / 0.028) ** (1 / 3);
const pbbbMinus = 0.050 * perBbbNotch;
const pbb = 0.050 * perBbbNotch ** 3;
const [maaMinus, maPlus] = linear(4.1, 3.0, 3);
const [maMinus, mbbbPlus] = linear(3.0, 2.3, 3);
const [mbbbMinus] = linear(2.3, 1.5, 3);

/** Where the default table's numbers come from (said in the reader's language by `gradeSourceKey`). */
export const DEFAULT_GRADE_SOURCE = 'ASSUMPTION: third-party open-source implementation of the Chinese agencies\' TDR/BDR method as quoted in DOMAIN.md (AAA/AA/A/BBB probabilities; AAA, AA+, AA, A, BBB, BB multipliers), not an agency\'s published table; the other notches interpolated by ipabs (models/ratings/domestic-scale.ts)';
const DEAL_GRADE_SOURCE = 'the deal\'s own table (rating.grades)';

export const DEFAULT_GRADE_TABLE: GradeTable = defineGradeTable([
  { grade: 'AAA(sf)', targetDefaultProbability: 0.001, stressMultiplier: 5.0, probabilityBasis: 'third-party', multiplierBasis: 'third-party' },
  { grade: 'AA+(sf)', targetDefaultProbability: r4(paaPlus!), stressMultiplier: 4.5, probabilityBasis: 'interpolated', multiplierBasis: 'third-party' },
  { grade: 'AA(sf)', targetDefaultProbability: 0.010, stressMultiplier: 4.1, probabilityBasis: 'third-party', multiplierBasis: 'third-party' },
  { grade: 'AA-(sf)', targetDefaultProbability: r4(paaMinus!), stressMultiplier: r4(maaMinus!), probabilityBasis: 'interpolated', multiplierBasis: 'interpolated' },
  { grade: 'A+(sf)', targetDefaultProbability: r4(paPlus!), stressMultiplier: r4(maPlus!), probabilityBasis: 'interpolated', multiplierBasis: 'interpolated' },
  { grade: 'A(sf)', targetDefaultProbability: 0.028, stressMultiplier: 3.0, probabilityBasis: 'third-party', multiplierBasis: 'third-party' },
  { grade: 'A-(sf)', targetDefaultProbability: r4(paMinus!), stressMultiplier: r4(maMinus!), probabilityBasis: 'interpolated', multiplierBasis: 'interpolated' },
  { grade: 'BBB+(sf)', targetDefaultProbability: r4(pbbbPlus!), stressMultiplier: r4(mbbbPlus!), probabilityBasis: 'interpolated', multiplierBasis: 'interpolated' },
  { grade: 'BBB(sf)', targetDefaultProbability: 0.050, stressMultiplier: 2.3, probabilityBasis: 'third-party', multiplierBasis: 'third-party' },
  { grade: 'BBB-(sf)', targetDefaultProbability: r4(pbbbMinus), stressMultiplier: r4(mbbbMinus!), probabilityBasis: 'interpolated', multiplierBasis: 'interpolated' },
  { grade: 'BB(sf)', targetDefaultProbability: r4(pbb), stressMultiplier: 1.5, probabilityBasis: 'interpolated', multiplierBasis: 'third-party' },
], DEFAULT_GRADE_SOURCE);

/** The grade table a deal uses: its own `rating.grades`, else the default. */
export function gradeTableFor(rows: readonly unknown[] | undefined): GradeTable {
  return rows ? defineGradeTable(rows, DEAL_GRADE_SOURCE, 'rating.grades') : DEFAULT_GRADE_TABLE;
}

/** A grade table's source in the reader's language (a source ipabs does not know is said as given). */
export function gradeSourceText(t: Translate, source: string): string {
  return source === DEFAULT_GRADE_SOURCE ? t('rating.grades.source.default') : source === DEAL_GRADE_SOURCE ? t('rating.grades.source.deal') : source;
}

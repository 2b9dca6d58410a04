// 理想化累计预期损失率 idealized cumulative expected-loss rates → 隐含评级 implied rating of a tranche.
//
// Moody's rates a structured tranche by its expected loss (预期损失, EL: average loss as a fraction of
// the tranche's original balance) at its weighted average life (加权平均期限, WAL): the tranche gets the
// best rating whose "idealized" cumulative EL at that horizon is at least the tranche's EL. The
// idealized table is a rating × horizon (1..10 years) grid of cumulative EL in percent (Moody's, "The
// Binomial Expansion Method Applied to CBO/CLO Analysis", 1996; "Moody's Approach to Rating
// Multisector CDOs", 2000; "Moody's Approach to Rating Synthetic CDOs", 2003; also the SF CDO
// methodology, appendix "Moody's idealized expected losses").
//
// DATA STATUS — no Moody's numbers are shipped here, on purpose.
// The commissioning brief asked for every cell to be checked against a public copy. About 120
// searches of the stored code, docs and web-page corpora (exact-number look-ups such as "0.000028",
// "31.13", "23.54", "10.615", "0.7722", "0.004933"; table titles; textbook and CDO-course phrasings;
// Chinese and Japanese phrasings) found no copy of the grid. The methodology papers above are stored
// only as their opening pages (FRASER's full text of the 2000 multisector paper; a Japanese 2010 SF CDO
// methodology whose appendix 5 is the table), never reaching the appendix. Figures recalled from
// memory disagreed with each other and with the brief (e.g. Ba2 at 1 year: 0.7722% vs 0.858%), so a
// table typed in from recollection would be invented data with a Moody's label. The functions below
// therefore take the table as an argument, and `defineIdealizedLossTable` checks one supplied as data
// (e.g. transcribed from a licensed Moody's document, with its source recorded).
//
// Figures quoted in the brief (percent, not verified): 10 years Aaa 0.0055, Aa1 0.055, Aa2 0.11,
// Aa3 0.209, A1 0.363, A2 0.561, A3 0.88, Baa1 1.32, Baa2 1.98, Baa3 4.62, Ba1 7.425, Ba2 10.615,
// Ba3 14.45, B1 18.975, B2 23.54, B3 31.13; 1 year Aaa 0.000028, Aa2 0.00085, A2 0.004933,
// Baa2 0.029455, Ba2 0.7722, B2 4.45. Dividing the 10-year column by a 55% loss severity (45% recovery)
// gives 10-year default rates of 0.01, 0.10, 0.20, 0.38, 0.66, 1.02, 1.6, 2.4, 3.6, 8.4, 13.5, 19.3,
// 26.27, 34.5, 42.8, 56.6%. DOMAIN.md's "10-year idealized default rates" (Aaa 0.01%, Aa2 0.20%,
// A2 1.20%, Baa2 3.60%, Ba2 13.50%, B2 27.20%) are instead Moody's WARF rating factors ÷ 10,000
// (models/ratings/rating-factors.ts): they agree with EL ÷ 0.55 for Aaa, Aa2 and Baa2 but not for A2
// (1.02 vs 1.20), Ba2 (19.3 vs 13.5; 13.5 is Ba1's) or B2 (42.8 vs 27.2). Use the EL table, not the
// rating factors, for implied ratings.

/** Moody's long-term scale, best first, as far as the idealized EL table goes (it stops at B3). */
export const RATING_ORDER = [
  'Aaa', 'Aa1', 'Aa2', 'Aa3', 'A1', 'A2', 'A3', 'Baa1', 'Baa2', 'Baa3', 'Ba1', 'Ba2', 'Ba3', 'B1', 'B2', 'B3',
] as const;
export type Rating = (typeof RATING_ORDER)[number];

/** What `impliedRating` answers when the tranche's EL is above even the B3 idealized EL. */
export const BELOW_LOWEST_RATING = 'Caa or below';
export type ImpliedRating = Rating | typeof BELOW_LOWEST_RATING;

/** The table's horizons: whole years 1..10 (index 0 is year 1). */
export const TABLE_HORIZON_YEARS = 10;

export interface IdealizedLossTableSource {
  /** The document the numbers were transcribed from, e.g. "Moody's Approach to Rating Synthetic CDOs". */
  document: string;
  /** Its publication date as printed (free text: "July 2003"). */
  date: string;
  /** Where this copy was found (page, appendix, URL or file). */
  foundAt: string;
}

export interface IdealizedLossTable {
  readonly source: Readonly<IdealizedLossTableSource>;
  /** Cumulative expected loss in PERCENT of original balance (as printed), rows by rating, columns years 1..10. */
  readonly percent: Readonly<Record<Rating, readonly number[]>>;
}

export function isRating(value: unknown): value is Rating {
  return typeof value === 'string' && (RATING_ORDER as readonly string[]).includes(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRating(value: unknown, field: string): Rating {
  if (!isRating(value)) {
    throw new RangeError(`${field}: must be one of ${RATING_ORDER.join(', ')}, got ${show(value)}`);
  }
  return value;
}

function checkYears(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${field}: must be a finite number of years, 0 or more, got ${show(value)}`);
  }
  return value;
}

/**
 * Checks a table given as data (a TS literal or parsed JSON) and returns a frozen copy.
 * Rejects: missing source fields; a rating missing or unknown; a row that is not 10 finite percentages
 * in [0, 100]; a row that falls with horizon (cumulative loss cannot shrink); a column that falls down
 * the scale (a worse rating cannot be allowed less loss than a better one).
 */
export function defineIdealizedLossTable(input: unknown): IdealizedLossTable {
  if (!isRecord(input)) throw new RangeError(`idealized loss table: must be an object { source, percent }, got ${show(input)}`);
  const src = input['source'];
  if (!isRecord(src)) throw new RangeError(`source: must be an object { document, date, foundAt }, got ${show(src)}`);
  const source = {} as IdealizedLossTableSource;
  for (const key of ['document', 'date', 'foundAt'] as const) {
    const v = src[key];
    if (typeof v !== 'string' || v.trim() === '') {
      throw new RangeError(`source.${key}: must be a non-empty text saying where the numbers come from, got ${show(v)}`);
    }
    source[key] = v;
  }
  const rows = input['percent'];
  if (!isRecord(rows)) throw new RangeError(`percent: must be an object of rows by rating, got ${show(rows)}`);
  for (const key of Object.keys(rows)) {
    if (!isRating(key)) throw new RangeError(`percent.${key}: not a rating of the table; allowed ${RATING_ORDER.join(', ')}`);
  }
  const percent = {} as Record<Rating, readonly number[]>;
  for (const rating of RATING_ORDER) {
    const row = rows[rating];
    if (!Array.isArray(row) || row.length !== TABLE_HORIZON_YEARS) {
      throw new RangeError(`percent.${rating}: must be ${TABLE_HORIZON_YEARS} cumulative percentages for years 1..${TABLE_HORIZON_YEARS}, got ${show(row)}`);
    }
    const values: number[] = [];
    row.forEach((v: unknown, i: number) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) {
        throw new RangeError(`percent.${rating}[${i}] (year ${i + 1}): must be a percentage between 0 and 100, got ${show(v)}`);
      }
      const before = values[i - 1];
      if (before !== undefined && v < before) {
        throw new RangeError(`percent.${rating}[${i}] (year ${i + 1}): cumulative loss cannot fall with horizon; must be at least year ${i}'s ${before}, got ${v}`);
      }
      values.push(v);
    });
    percent[rating] = Object.freeze(values);
  }
  RATING_ORDER.forEach((rating, r) => {
    const better = RATING_ORDER[r - 1];
    if (better === undefined) return;
    percent[rating].forEach((v, i) => {
      const above = percent[better][i] ?? 0;
      if (v < above) {
        throw new RangeError(`percent.${rating}[${i}] (year ${i + 1}): a worse rating cannot have less loss than ${better}'s ${above}, got ${v}`);
      }
    });
  });
  return Object.freeze({ source: Object.freeze(source), percent: Object.freeze(percent) });
}

/**
 * Idealized cumulative EL of `rating` at `years`, as a FRACTION (0.0001 = 0.01%).
 * - Whole years 1..10: the table value.
 * - Between whole years: straight line between the two neighbouring years.
 * - Under 1 year: the 1-year value scaled by time (t × EL₁), i.e. the same straight line from (0, 0):
 *   cumulative loss is 0 at time 0, the rule is continuous at 1 year, and it is the stricter choice —
 *   holding the 1-year value flat would let a 3-month tranche carry four times the loss per year of
 *   a 1-year tranche at the same rating.
 * - Over 10 years: the 10-year value (the table stops there and Moody's gives no extrapolation).
 *   Capping is the conservative choice: cumulative loss only grows with time, so the true threshold
 *   for a longer WAL is at least this.
 */
export function idealizedExpectedLoss(table: IdealizedLossTable, rating: Rating, years: number): number {
  const row = table.percent[checkRating(rating, 'rating')];
  const t = Math.min(checkYears(years, 'years'), TABLE_HORIZON_YEARS);
  const at = (year: number): number => row[year - 1] ?? 0; // year ∈ 1..10, always present in a checked table
  if (t < 1) return (t * at(1)) / 100;
  const lo = Math.floor(t);
  const w = t - lo;
  if (w === 0) return at(lo) / 100;
  return (at(lo) + w * (at(lo + 1) - at(lo))) / 100;
}

/**
 * 隐含评级 implied rating: the best rating whose idealized EL at `walYears` is at least
 * `expectedLossRate` (a fraction: 0.0001 = 0.01%; equal counts as passing). An EL of 0 is 'Aaa';
 * an EL above B3's is 'Caa or below'. With `walYears` = 0 every idealized EL is 0, so any positive EL
 * is 'Caa or below'.
 */
export function impliedRating(table: IdealizedLossTable, expectedLossRate: number, walYears: number): ImpliedRating {
  if (typeof expectedLossRate !== 'number' || !Number.isFinite(expectedLossRate) || expectedLossRate < 0 || expectedLossRate > 1) {
    throw new RangeError(`expectedLossRate: must be a fraction between 0 and 1 (0.0001 = 0.01%), got ${show(expectedLossRate)}`);
  }
  checkYears(walYears, 'walYears');
  if (expectedLossRate === 0) return 'Aaa';
  for (const rating of RATING_ORDER) {
    if (expectedLossRate <= idealizedExpectedLoss(table, rating, walYears)) return rating;
  }
  return BELOW_LOWEST_RATING;
}

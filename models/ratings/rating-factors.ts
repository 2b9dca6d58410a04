// 评级因子 Moody's rating factors, the inputs of WARF (加权平均评级因子 weighted average rating factor),
// the portfolio-quality measure of CLO/CDO pools (Moody's CLO and CDO methodologies).
//
// Each factor is commonly described as a 10-year idealized default probability × 10,000, and that is
// how DOMAIN.md quotes them ("10-year idealized default rates: Aaa 0.01%, Aa2 0.20%, A2 1.20%,
// Baa2 3.60%, Ba2 13.50%, B2 27.20%" = factor ÷ 10,000). They are NOT the idealized expected-loss
// table behind implied ratings (models/ratings/idealized-loss.ts) and differ from "10-year idealized
// EL ÷ 55% severity" for several notches (A2, Ba2, B2: see that file's header).
//
// Source quality: no Moody's document was reachable with the search tool; this is the table as
// reproduced (agreeing wherever they overlap) in the seven public CLO/credit code files that an exact-string search for
// '"Ba3": 1766' returned (CLO dashboards' MOODY_RATING_FACTORS / WARF_MAP maps and similar).
export const MOODYS_RATING_FACTORS = {
  Aaa: 1,
  Aa1: 10, Aa2: 20, Aa3: 40,
  A1: 70, A2: 120, A3: 180,
  Baa1: 260, Baa2: 360, Baa3: 610,
  Ba1: 940, Ba2: 1350, Ba3: 1766,
  B1: 2220, B2: 2720, B3: 3490,
  Caa1: 4770, Caa2: 6500, Caa3: 8070,
  Ca: 10000, C: 10000,
} as const;

export type FactorRating = keyof typeof MOODYS_RATING_FACTORS;
const FACTOR_RATINGS = Object.keys(MOODYS_RATING_FACTORS) as FactorRating[];

export function moodysRatingFactor(rating: string): number {
  if (!(FACTOR_RATINGS as string[]).includes(rating)) {
    throw new RangeError(`rating: must be one of ${FACTOR_RATINGS.join(', ')}, got ${JSON.stringify(rating)}`);
  }
  return MOODYS_RATING_FACTORS[rating as FactorRating];
}

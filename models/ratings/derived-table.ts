// The idealized expected-loss table ipabs uses for implied ratings, DERIVED from published inputs
// because no verifiable public copy of Moody's idealized EL grid was found (idealized-loss.ts):
//   10-year default probability PD₁₀ = Moody's rating factor / 10,000 (rating-factors.ts; the
//     "10-year idealized default rates" of DOMAIN.md),
//   constant hazard inside ten years: PD(T) = 1 − (1 − PD₁₀)^(T/10),
//   expected loss EL(T) = 55% × PD(T) (45% recovery, as DOMAIN.md says the EL table assumes).
// Ratings read off it are labelled "Moody's-style, derived", not Moody's own.
import { defineIdealizedLossTable, RATING_ORDER, TABLE_HORIZON_YEARS, type IdealizedLossTable } from './idealized-loss.js';
import { moodysRatingFactor } from './rating-factors.js';

export const DERIVED_LOSS_SEVERITY = 0.55;

function derivedRow(rating: string): number[] {
  const pd10 = moodysRatingFactor(rating) / 10_000;
  return Array.from({ length: TABLE_HORIZON_YEARS }, (_, i) => {
    const pd = 1 - (1 - pd10) ** ((i + 1) / 10);
    return +(DERIVED_LOSS_SEVERITY * pd * 100).toPrecision(6);
  });
}

export const DERIVED_IDEALIZED_LOSS_TABLE: IdealizedLossTable = defineIdealizedLossTable({
  source: {
    document: "Derived by ipabs from Moody's rating factors (10-year idealized default probability × 10,000) with 55% loss severity and a constant hazard; not Moody's published idealized EL table",
    date: 'rating factors as used in Moody\'s CLO methodology (WARF); derivation 2026',
    foundAt: 'models/ratings/rating-factors.ts (seven public CLO code copies agree); DOMAIN.md "Rating-agency models"',
  },
  percent: Object.fromEntries(RATING_ORDER.map((r) => [r, derivedRow(r)])),
});

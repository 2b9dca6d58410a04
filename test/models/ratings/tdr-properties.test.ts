// Properties of the target default rates (目标违约率) over random inputs (fast-check): whatever the
// simulated distribution, the lognormal fit or the base-case rate, a higher grade never has a lower
// TDR, and the Monte Carlo TDR sits inside its own 95% interval.
import { expect } from 'chai';
import fc from 'fast-check';
import { DEFAULT_GRADE_TABLE, DOMESTIC_GRADES } from '../../../models/ratings/domestic-scale.js';
import { lognormalFromMoments, lognormalTdr, monteCarloTdr, stressMultiplierTdr } from '../../../models/ratings/tdr.js';
import { histogramQuantile } from '../../../models/montecarlo/accumulate.js';
import { quantileCI95 } from '../../../models/montecarlo/results.js';

const BINS = 10_000;

/** A histogram of cumulative default rates as the Monte Carlo engine keeps it (bin 0: no default). */
const histogramArb = fc.array(fc.tuple(fc.integer({ min: 0, max: BINS }), fc.integer({ min: 1, max: 500 })), { minLength: 1, maxLength: 60 }).map((cells) => {
  const h = new Float64Array(BINS + 1);
  for (const [bin, paths] of cells) h[bin]! += paths;
  return h;
});

/** Each grade's TDR, best grade first. */
const ladder = (byGrade: Partial<Record<string, number>>) => DOMESTIC_GRADES.map((g) => byGrade[g]!);

describe('target default rates: properties over random distributions', () => {
  it('the Monte Carlo TDR never falls as the grade rises, and lies within its 95% interval', () => {
    fc.assert(fc.property(histogramArb, (h) => {
      const n = h.reduce((s, x) => s + x, 0);
      const t = monteCarloTdr(DEFAULT_GRADE_TABLE, (q) => histogramQuantile(h, q, 1), (q) => quantileCI95(h, q, 1, n));
      const tdr = ladder(t.byGrade);
      for (let i = 1; i < tdr.length; i++) expect(tdr[i], DOMESTIC_GRADES[i]).to.be.at.most(tdr[i - 1]!);
      for (const g of DOMESTIC_GRADES) {
        const [lo, hi] = t.ci95![g]!;
        expect(lo, g).to.be.at.most(t.byGrade[g]! + 1e-9);
        expect(hi, g).to.be.at.least(t.byGrade[g]! - 1e-9);
      }
    }), { numRuns: 200 });
  });

  it('the lognormal and the stress-multiplier TDR rise strictly with the grade (until they reach 100% of the pool)', () => {
    const rate = fc.double({ min: 1e-4, max: 0.15, noNaN: true });
    fc.assert(fc.property(rate, fc.double({ min: 0.1, max: 5, noNaN: true }), (mean, cv) => {
      const ln = ladder(lognormalTdr(DEFAULT_GRADE_TABLE, lognormalFromMoments(mean, mean * cv)).byGrade);
      const sm = ladder(stressMultiplierTdr(DEFAULT_GRADE_TABLE, mean).byGrade);
      for (let i = 1; i < DOMESTIC_GRADES.length; i++) {
        // A heavy lognormal tail can put the top grades' quantile past the whole pool: capped at 100%.
        if (ln[i - 1]! < 1) expect(ln[i], `lognormal ${DOMESTIC_GRADES[i]}`).to.be.below(ln[i - 1]!);
        else expect(ln[i], `lognormal ${DOMESTIC_GRADES[i]}`).to.be.at.most(1);
        expect(sm[i], `multiplier ${DOMESTIC_GRADES[i]}`).to.be.below(sm[i - 1]!);
      }
    }), { numRuns: 200 });
  });
});

import { expect } from 'chai';
import {
  BELOW_LOWEST_RATING, RATING_ORDER, defineIdealizedLossTable, idealizedExpectedLoss, impliedRating, isRating,
  type IdealizedLossTable, type Rating,
} from '../../../models/ratings/idealized-loss.js';

// SYNTHETIC fixture — not Moody's numbers (none are shipped; see the module header). Built so every
// cell can be checked by hand: row i (Aaa = 0 … B3 = 15) at year y is 0.00005% × 2^i × y(y+1)/2,
// i.e. the triangular numbers 1, 3, 6, 10, 15, 21, 28, 36, 45, 55 scaled per rating. The rows are not
// straight lines in time, so interpolation can be told apart from evaluating the formula.
const TRIANGLE = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55];
function fixtureRows(): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  RATING_ORDER.forEach((rating, i) => { rows[rating] = TRIANGLE.map((t) => 0.00005 * 2 ** i * t); });
  return rows;
}
const SOURCE = { document: 'synthetic test fixture', date: 'n/a', foundAt: 'test/models/ratings/idealized-loss.test.ts' };
const table: IdealizedLossTable = defineIdealizedLossTable({ source: SOURCE, percent: fixtureRows() });

/** Fixture cell in percent, computed independently of the module. */
const cell = (rating: Rating, year: number): number => 0.00005 * 2 ** RATING_ORDER.indexOf(rating) * (TRIANGLE[year - 1] ?? NaN);
const close = (actual: number, expected: number): void => { expect(actual).to.be.closeTo(expected, Math.abs(expected) * 1e-12); };

describe('ratings/idealized-loss', () => {
  describe('RATING_ORDER', () => {
    it('runs Aaa … B3, best first, 16 notches', () => {
      expect(RATING_ORDER).to.deep.equal([
        'Aaa', 'Aa1', 'Aa2', 'Aa3', 'A1', 'A2', 'A3', 'Baa1', 'Baa2', 'Baa3', 'Ba1', 'Ba2', 'Ba3', 'B1', 'B2', 'B3',
      ]);
      expect(isRating('Baa2')).to.equal(true);
      expect(isRating('BBB')).to.equal(false);
      expect(isRating('Caa1')).to.equal(false);
    });
  });

  describe('idealizedExpectedLoss', () => {
    it('returns the table value at whole years, as a fraction not a percent', () => {
      // Aa2 (row 2): 0.0002% × 1 = 0.0002% = 0.000002 at year 1.
      close(idealizedExpectedLoss(table, 'Aa2', 1), 0.000002);
      // Baa2 (row 8): 0.0128% × 10 = 0.128% at year 4.
      close(idealizedExpectedLoss(table, 'Baa2', 4), 0.00128);
      // B3 (row 15): 1.6384% × 55 = 90.112% at year 10.
      close(idealizedExpectedLoss(table, 'B3', 10), 0.90112);
      for (const rating of RATING_ORDER) {
        for (let year = 1; year <= 10; year += 1) close(idealizedExpectedLoss(table, rating, year), cell(rating, year) / 100);
      }
    });

    it('interpolates linearly between whole years (2.5 years is halfway between years 2 and 3)', () => {
      // Aa2: years 2 and 3 are 0.0006% and 0.0012%; halfway is 0.0009% — not the formula's 0.000875%.
      close(idealizedExpectedLoss(table, 'Aa2', 2.5), 0.000009);
      // Ba2 (row 11: 0.1024%): 7.25 years = 28 + 0.25 × (36 − 28) = 30 units → 3.072%.
      close(idealizedExpectedLoss(table, 'Ba2', 7.25), 0.03072);
    });

    it('scales the 1-year value linearly in time under 1 year', () => {
      // Aa2 at 6 months: 0.5 × 0.0002% = 0.0001%.
      close(idealizedExpectedLoss(table, 'Aa2', 0.5), 0.000001);
      // B2 (row 14: 0.8192%) at 3 months: 0.25 × 0.8192% = 0.2048%.
      close(idealizedExpectedLoss(table, 'B2', 0.25), 0.002048);
      expect(idealizedExpectedLoss(table, 'B3', 0)).to.equal(0);
    });

    it('holds the 10-year value beyond 10 years', () => {
      close(idealizedExpectedLoss(table, 'Aa2', 12), cell('Aa2', 10) / 100); // 0.011%
      close(idealizedExpectedLoss(table, 'A1', 30), idealizedExpectedLoss(table, 'A1', 10));
    });

    it('rejects bad ratings and horizons, naming the field', () => {
      expect(() => idealizedExpectedLoss(table, 'BBB' as Rating, 3)).to.throw(RangeError, /^rating: must be one of Aaa, Aa1, .*B3, got "BBB"$/);
      expect(() => idealizedExpectedLoss(table, 'Aa2', -0.5)).to.throw(RangeError, 'years: must be a finite number of years, 0 or more, got -0.5');
      expect(() => idealizedExpectedLoss(table, 'Aa2', Number.NaN)).to.throw(RangeError, 'years: must be a finite number of years, 0 or more, got NaN');
      expect(() => idealizedExpectedLoss(table, 'Aa2', Number.POSITIVE_INFINITY)).to.throw(RangeError, /^years: .*got Infinity$/);
    });
  });

  describe('impliedRating', () => {
    const aa2OneYear = cell('Aa2', 1) / 100; // 0.000002
    it('gives Aa2 to an EL equal to or just below the Aa2 1-year value, Aa3 just above it', () => {
      expect(impliedRating(table, aa2OneYear, 1)).to.equal('Aa2');
      expect(impliedRating(table, aa2OneYear * (1 - 1e-9), 1)).to.equal('Aa2');
      expect(impliedRating(table, aa2OneYear * (1 + 1e-9), 1)).to.equal('Aa3');
      // Below Aa1's 1-year value (0.0001%) but above Aaa's (0.00005%) the better rating, Aa1, wins.
      expect(impliedRating(table, 0.000001 * (1 - 1e-9), 1)).to.equal('Aa1');
    });

    it('uses the idealized EL at the tranche WAL, interpolated', () => {
      // At 2.5 years Baa2 allows 0.0128% × 4.5 = 0.0576% and Baa1 0.0064% × 4.5 = 0.0288%.
      expect(impliedRating(table, 0.0005, 2.5)).to.equal('Baa2');
      expect(impliedRating(table, 0.000287, 2.5)).to.equal('Baa1');
      // The same 0.05% EL over a shorter life is a worse rating: at 6 months Ba1 allows 0.5 × 0.0512%
      // = 0.0256% (fails) and Ba2 0.5 × 0.1024% = 0.0512% (passes).
      expect(impliedRating(table, 0.0005, 0.5)).to.equal('Ba2');
    });

    it('caps the WAL at 10 years', () => {
      expect(impliedRating(table, 0.09, 25)).to.equal(impliedRating(table, 0.09, 10));
    });

    it("answers 'Aaa' for zero EL and 'Caa or below' past B3", () => {
      expect(impliedRating(table, 0, 7)).to.equal('Aaa');
      expect(impliedRating(table, 0, 0)).to.equal('Aaa');
      expect(impliedRating(table, 0.95, 10)).to.equal(BELOW_LOWEST_RATING); // B3 allows 90.112%
      expect(BELOW_LOWEST_RATING).to.equal('Caa or below');
      expect(impliedRating(table, 1e-12, 0)).to.equal('Caa or below'); // nothing is allowed any loss at time 0
    });

    it('always lands on the best rating that passes (property over a grid of ELs and WALs)', () => {
      for (const wal of [0.1, 0.75, 1, 1.5, 3, 6.6, 10, 14]) {
        for (let k = -8; k <= 0; k += 0.25) {
          const el = 10 ** k;
          const got = impliedRating(table, el, wal);
          const idx = RATING_ORDER.indexOf(got as Rating);
          if (got === BELOW_LOWEST_RATING) {
            expect(el).to.be.greaterThan(idealizedExpectedLoss(table, 'B3', wal));
            continue;
          }
          expect(el).to.be.at.most(idealizedExpectedLoss(table, got as Rating, wal));
          const better = RATING_ORDER[idx - 1];
          if (better !== undefined) expect(el).to.be.greaterThan(idealizedExpectedLoss(table, better, wal));
        }
      }
    });

    it('rejects a negative, NaN or above-100% EL and a negative or NaN WAL', () => {
      const msg = (v: string): string => `expectedLossRate: must be a fraction between 0 and 1 (0.0001 = 0.01%), got ${v}`;
      expect(() => impliedRating(table, -0.0001, 3)).to.throw(RangeError, msg('-0.0001'));
      expect(() => impliedRating(table, Number.NaN, 3)).to.throw(RangeError, msg('NaN'));
      expect(() => impliedRating(table, 1.5, 3)).to.throw(RangeError, msg('1.5'));
      expect(() => impliedRating(table, 0.001, -1)).to.throw(RangeError, 'walYears: must be a finite number of years, 0 or more, got -1');
      expect(() => impliedRating(table, 0.001, Number.NaN)).to.throw(RangeError, 'walYears: must be a finite number of years, 0 or more, got NaN');
    });
  });

  describe('defineIdealizedLossTable (data integrity)', () => {
    const withRow = (rating: string, row: unknown): unknown => ({ source: SOURCE, percent: { ...fixtureRows(), [rating]: row } });

    it('keeps the source and freezes the table', () => {
      expect(table.source).to.deep.equal(SOURCE);
      expect(Object.isFrozen(table.percent)).to.equal(true);
      expect(Object.isFrozen(table.percent.Aa2)).to.equal(true);
    });

    it('accepts the table as parsed JSON', () => {
      const again = defineIdealizedLossTable(JSON.parse(JSON.stringify({ source: SOURCE, percent: fixtureRows() })));
      expect(again.percent.Baa3).to.deep.equal(table.percent.Baa3);
    });

    it('rejects a row that falls with horizon (cumulative loss cannot shrink)', () => {
      const row = TRIANGLE.map((t) => 0.0001 * t);
      row[4] = 0.0009; // year 5 below year 4's 0.001
      expect(() => defineIdealizedLossTable(withRow('Aa1', row))).to.throw(
        RangeError, "percent.Aa1[4] (year 5): cumulative loss cannot fall with horizon; must be at least year 4's 0.001, got 0.0009",
      );
    });

    it('rejects a worse rating allowed less loss than a better one', () => {
      // Baa2 given Baa1's row (0.0064% × triangle), except year 3 a hair below Baa1's 0.0384%.
      const row = TRIANGLE.map((t) => 0.0064 * t);
      row[2] = 0.0064 * 6 - 0.0001;
      expect(() => defineIdealizedLossTable(withRow('Baa2', row))).to.throw(
        RangeError, /^percent\.Baa2\[2\] \(year 3\): a worse rating cannot have less loss than Baa1's 0\.0384/,
      );
    });

    it('rejects missing or unknown ratings, wrong lengths and non-percentages', () => {
      const rows = fixtureRows();
      delete rows['B1'];
      expect(() => defineIdealizedLossTable({ source: SOURCE, percent: rows })).to.throw(
        RangeError, 'percent.B1: must be 10 cumulative percentages for years 1..10, got nothing',
      );
      expect(() => defineIdealizedLossTable(withRow('Caa1', TRIANGLE))).to.throw(RangeError, /^percent\.Caa1: not a rating of the table/);
      expect(() => defineIdealizedLossTable(withRow('A2', [1, 2, 3]))).to.throw(RangeError, /^percent\.A2: must be 10 cumulative percentages/);
      expect(() => defineIdealizedLossTable(withRow('Aaa', [...TRIANGLE.slice(0, 9).map(() => 0), 120]))).to.throw(
        RangeError, 'percent.Aaa[9] (year 10): must be a percentage between 0 and 100, got 120',
      );
      expect(() => defineIdealizedLossTable(withRow('Aaa', ['0.0001', ...TRIANGLE.slice(1).map(() => 0.0001)]))).to.throw(
        RangeError, 'percent.Aaa[0] (year 1): must be a percentage between 0 and 100, got "0.0001"',
      );
    });

    it('insists on a recorded source', () => {
      expect(() => defineIdealizedLossTable({ source: { ...SOURCE, foundAt: ' ' }, percent: fixtureRows() })).to.throw(
        RangeError, 'source.foundAt: must be a non-empty text saying where the numbers come from, got " "',
      );
      expect(() => defineIdealizedLossTable({ percent: fixtureRows() })).to.throw(RangeError, /^source: must be an object/);
      expect(() => defineIdealizedLossTable(null)).to.throw(RangeError, /^idealized loss table: must be an object/);
    });
  });
});

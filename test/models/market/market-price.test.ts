import { expect } from 'chai';
import { curveRate, marketPrice } from '../../../models/market/market-price.js';
import { CGB_CURVE } from '../../../models/market/curve-data.js';
import { DEFAULT_SPREAD_GRID, gridProblems, gridSpreadBp, interpolate, spreadGridSchema } from '../../../models/market/spread-grid.js';

describe('market pricing of a tranche (市场化定价)', () => {
  describe('the government curve', () => {
    it('reads the snapshot nearest the date and interpolates linearly in tenor', () => {
      // 2024-03-18 ChinaBond: 1Y 1.7825%, 3Y 2.0812%: at 2 years the midpoint.
      const r = curveRate(CGB_CURVE, '2024-04-01', 2);
      expect(r.date).to.equal('2024-03-18');
      expect(r.staleDays).to.equal(14);
      expect(r.rate).to.be.closeTo((0.017825 + 0.020812) / 2, 1e-12);
    });
    it('holds the curve flat beyond its first and last tenor', () => {
      expect(curveRate(CGB_CURVE, '2024-03-18', 0.1).rate).to.equal(0.016724);
      expect(curveRate(CGB_CURVE, '2024-03-18', 40).rate).to.equal(0.024857);
    });
    it('takes a later snapshot when it is the nearer one, and says how far it is (negative: after the date)', () => {
      // Ningbo issued 2024-12-18; the 2024-12-20 reading (1Y below 1%) is 2 days later, March's is 9 months earlier.
      const r = curveRate(CGB_CURVE, '2024-12-18', 1);
      expect(r.date).to.equal('2024-12-20');
      expect(r.staleDays).to.equal(-2);
      expect(r.rate).to.equal(0.01);
    });
    it('prices the 2019 and 2021 shipped deals off a snapshot within a month of their issue, not off 2022', () => {
      // 文科租赁 2019-03-25, 兴业圆融-广州开发区 2019-09-11, Longhua–HTI IP 1 2021-08-20.
      expect(curveRate(CGB_CURVE, '2019-03-25', 1)).to.include({ date: '2019-04-02', staleDays: -8, rate: 0.0239 });
      expect(curveRate(CGB_CURVE, '2019-09-11', 1)).to.include({ date: '2019-09-09', staleDays: 2, rate: 0.02624 });
      expect(curveRate(CGB_CURVE, '2021-08-20', 1)).to.include({ date: '2021-07-26', staleDays: 25, rate: 0.01905 });
    });
    it('refuses a bad date or tenor with the field named', () => {
      expect(() => curveRate(CGB_CURVE, '2024-02-30', 1)).to.throw(/^date: must be a real date/);
      expect(() => curveRate(CGB_CURVE, '2024-03-01', -1)).to.throw(/^years: must be a tenor in years of at least 0, got -1/);
    });
  });

  describe('the spread grid', () => {
    it('has the AAA(sf) row of ChinaBond AAA CP&MTN minus government yields on 2024-03-18, tenor by tenor', () => {
      const aaa = DEFAULT_SPREAD_GRID.rows.find((r) => r.grade === 'AAA(sf)')!;
      // (2.3745 − 1.7825) % = 59.2 bp at 1 year; (2.5500 − 2.0812) % = 46.9 bp at 3 years.
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'AAA(sf)', 1)!.bp).to.equal(59);
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'AAA(sf)', 3)!.bp).to.equal(47);
      expect(aaa.basis).to.equal('fact-based');
    });
    it('scales AA+(sf) and AA(sf) by Lianhe\'s 2021 Q1 ABS spread ratios (262/163, 484/163) and adds 100 bp a notch below', () => {
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'AA+(sf)', 1)!.bp).to.equal(Math.round((59 * 262) / 163)); // 95
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'AA(sf)', 1)!.bp).to.equal(175);
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'A(sf)', 1)!.bp).to.equal(175 + 300);
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'BB(sf)', 1)!.bp).to.equal(175 + 800);
    });
    it('interpolates linearly in WAL: halfway between 1 and 3 years', () => {
      expect(gridSpreadBp(DEFAULT_SPREAD_GRID, 'AAA(sf)', 2)!.bp).to.equal((59 + 47) / 2);
      expect(interpolate([1, 3], [10, 30], 2.5)).to.equal(25);
    });
    it('is monotone: a worse grade never prices tighter, at any WAL', () => {
      expect(gridProblems(DEFAULT_SPREAD_GRID)).to.deep.equal([]);
      const bad = { ...DEFAULT_SPREAD_GRID, rows: DEFAULT_SPREAD_GRID.rows.map((r) => (r.grade === 'AA(sf)' ? { ...r, bp: r.bp.map(() => 10) } : r)) };
      expect(gridProblems(bad)[0]).to.match(/^rows: AA\(sf\) at WAL 0.25y \(10 bp\) is below the better AA\+\(sf\)/);
    });
    it('checks a user grid: unknown grades and missing sources are named', () => {
      const r = spreadGridSchema.safeParse({ id: 'x', over: 'CGB', walYears: [1], rows: [{ grade: 'AAA', bp: [50], basis: 'assumption', source: 'mine' }] });
      expect(r.success).to.equal(false);
      expect(r.error!.issues[0]!.message).to.match(/must be a domestic grade/);
    });
  });

  describe('the coupon', () => {
    it('prices Yuhang\'s AAA(sf) one-year senior at CGB 2.289% + 59 bp = 2.879% (it paid 2.7%)', () => {
      const p = marketPrice({ grade: 'AAA(sf)', walYears: 1, issueDate: '2023-03-16' });
      expect(p.curvePoint.date).to.equal('2023-03-02');
      expect(p.yield).to.equal(0.02879);
      expect(p.coupon).to.deep.equal({ type: 'fixed', rate: 0.02879 });
      expect(p.spreadOverBenchmark).to.be.closeTo(0.0059, 1e-9);
    });
    it('writes an LPR-linked coupon as 1Y LPR + (yield − LPR): the same yield at issue', () => {
      // Yuhang's issue date: 1Y LPR 3.65% (fixed 2022-08-22): 2.879% − 3.65% = −77.1 bp.
      const p = marketPrice({ grade: 'AAA(sf)', walYears: 1, issueDate: '2023-03-16', benchmark: 'LPR1Y' });
      expect(p.benchmark.rate).to.equal(0.0365);
      expect(p.coupon).to.deep.equal({ type: 'benchmark', benchmark: 'LPR1Y', spread: -0.00771 });
    });
    it('adds a premium on top of the grid', () => {
      const p = marketPrice({ grade: 'AA(sf)', walYears: 1, issueDate: '2023-06-09', premiumBp: 25 });
      expect(p.yield).to.be.closeTo(0.01842 + 0.0175 + 0.0025, 1e-9);
    });
    it('has no price below the grid\'s last grade', () => {
      const grid = { ...DEFAULT_SPREAD_GRID, rows: DEFAULT_SPREAD_GRID.rows.filter((r) => r.grade === 'AAA(sf)') };
      expect(() => marketPrice({ grade: 'AA(sf)', walYears: 1, issueDate: '2023-06-09', grid })).to.throw(/^grade: the spread grid "ipabs-cgb-2024" has no row for AA\(sf\)/);
    });
  });
});

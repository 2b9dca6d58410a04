import { expect } from 'chai';
import {
  orderStatisticCI95,
  expectedFxRate, foreignLoanCnyCost, forwardPoints, forwardRate, fxRateQuantile, hedgeCostRate, hedgedCouponRate,
  inverseNormalCdf, simulateFxPaths,
} from '../../../models/crossborder/fx.js';

describe('crossborder/fx: rate paths, forwards, hedge cost and the CNY cost of a foreign loan', () => {
  describe('forwards by covered interest parity', () => {
    it('USD/CNY 7.1000, CNY 2% (ACT/365), USD 5% (ACT/360), 1 year: F = 7.242 / 1.0506944 = 6.892584, −2,074.16 pips', () => {
      const f = forwardRate({ spot: 7.1, domesticRate: 0.02, foreignRate: 0.05, foreignCurrency: 'USD', days: 365 });
      expect(f).to.be.closeTo(6.8925843, 1e-7);
      expect(forwardPoints(7.1, f)).to.be.closeTo(-2074.157, 1e-3);
    });

    it('HKD/CNY 0.9100, CNY 2.2%, HKD 4.5% (both ACT/365), 182 days: F = 0.899793 (−102.07 pips)', () => {
      const f = forwardRate({ spot: 0.91, domesticRate: 0.022, foreignRate: 0.045, foreignCurrency: 'HKD', days: 182 });
      expect(f).to.be.closeTo(0.8997927, 1e-7);
    });

    it('refuses a currency without a known day basis', () => {
      expect(() => forwardRate({ spot: 1, domesticRate: 0.02, foreignRate: 0.01, foreignCurrency: 'XYZ', days: 30 }))
        .to.throw(/currency: no money-market day basis known for "XYZ"/);
    });
  });

  describe('hedge cost', () => {
    it('from forward points: −2,000 pips on 7.1000 for a year is (6.9/7.1 − 1) = −2.8169% a year (hedging earns carry)', () => {
      expect(hedgeCostRate({ method: 'forward-points', spot: 7.1, points: -2000, days: 365 })).to.be.closeTo(-0.028169014, 1e-9);
      // the same points over 182 days annualise to −5.6493%
      expect(hedgeCostRate({ method: 'forward-points', spot: 7.1, points: -2000, days: 182 })).to.be.closeTo(-0.056492803, 1e-9);
    });

    it('from a cross-currency swap: CNY 2.2% − HKD 4.5% + 30 bp basis = −2.0% a year', () => {
      expect(hedgeCostRate({ method: 'cross-currency-swap', domesticRate: 0.022, foreignRate: 0.045, basisSpread: 0.003 })).to.be.closeTo(-0.02, 1e-15);
    });

    it('adds h × the hedge cost to the foreign coupon: 4.5% + 0.8 × (−2.3%) = 2.66%', () => {
      expect(hedgedCouponRate(0.045, 0.8, -0.023)).to.be.closeTo(0.0266, 1e-15);
      expect(() => hedgedCouponRate(0.045, 1.2, 0)).to.throw(/hedgeRatio: must be between 0 and 1, got 1.2/);
    });
  });

  describe('rate paths (geometric Brownian motion)', () => {
    it('with no volatility follows S₀·e^{μt} exactly', () => {
      const out = simulateFxPaths({ spot: 0.91, drift: -0.023, vol: 0, times: [0.5, 1], paths: 3, seed: 'x' });
      expect(out[0]).to.be.closeTo(expectedFxRate(0.91, -0.023, 0.5), 1e-12); // row-major: path 0 at t = 0.5
      expect(out[5]).to.be.closeTo(0.91 * Math.exp(-0.023), 1e-12);
    });

    it('is reproducible from its seed and changes with it', () => {
      const a = simulateFxPaths({ spot: 7, drift: 0, vol: 0.05, times: [1], paths: 5, seed: 's1' });
      const b = simulateFxPaths({ spot: 7, drift: 0, vol: 0.05, times: [1], paths: 5, seed: 's1' });
      const c = simulateFxPaths({ spot: 7, drift: 0, vol: 0.05, times: [1], paths: 5, seed: 's2' });
      expect(Array.from(a)).to.deep.equal(Array.from(b));
      expect(Array.from(a)).to.not.deep.equal(Array.from(c));
    });

    it('matches the lognormal mean and 99% quantile at one year (20,000 paths, within sampling error)', () => {
      const n = 20_000;
      const out = simulateFxPaths({ spot: 0.91, drift: -0.023, vol: 0.05, times: [1], paths: n, seed: 'check' });
      const sorted = Array.from(out).sort((x, y) => x - y);
      const mean = sorted.reduce((s, x) => s + x, 0) / n;
      expect(mean).to.be.closeTo(expectedFxRate(0.91, -0.023, 1), 0.91 * 0.05 * 3 / Math.sqrt(n));
      expect(sorted[Math.ceil(0.99 * n) - 1]).to.be.closeTo(fxRateQuantile(0.91, -0.023, 0.05, 1, 0.99), 0.004);
    });

    it('uses Φ⁻¹(0.99) = 2.326348', () => {
      expect(inverseNormalCdf(0.99)).to.be.closeTo(2.3263478740, 1e-8);
      expect(inverseNormalCdf(0.5)).to.equal(0);
    });
  });

  describe('the firm\'s CNY cost of a one-year HKD bullet loan (1,000,000 HKD at 4.5%, spot 0.91, CNY 2.2%)', () => {
    const base = {
      drawDate: '2023-08-01', currency: 'HKD', principal: 1_000_000,
      payments: [{ date: '2024-07-31', amount: 1_045_000 }], // 365 days
      spot: 0.91, domesticRate: 0.022, foreignRate: 0.045, vol: 0.05, paths: 5_000, seed: 't',
    };

    it('fully hedged with no spread costs the CNY rate, 2.2% (covered interest parity), and has no FX loss', () => {
      const r = foreignLoanCnyCost({ ...base, hedgeRatio: 1, conversionSpread: 0 });
      expect(r.expectedCostRate).to.be.closeTo(0.022, 1e-12);
      expect(r.fxLoss99).to.equal(0);
      // hedge result: 1,045,000 × (F − 0.91) with F = 0.91 × 1.022 / 1.045
      expect(r.hedgeResult).to.be.closeTo(1_045_000 * (0.91 * 1.022 / 1.045 - 0.91), 1e-6);
    });

    it('a 20 bp conversion spread each way lifts the hedged cost to 1.022 × 1.002 / 0.998 − 1 = 2.6096%', () => {
      const r = foreignLoanCnyCost({ ...base, hedgeRatio: 1, conversionSpread: 0.002 });
      expect(r.expectedCostRate).to.be.closeTo(0.026096192, 1e-9);
    });

    it('unhedged: expected cost 1.045·e^{−0.023} − 1 = 2.1239%, expected FX result −21,622.24 (a gain), 99% loss ≈ 91,708', () => {
      const r = foreignLoanCnyCost({ ...base, hedgeRatio: 0, conversionSpread: 0, paths: 20_000 });
      expect(r.expectedCostRate).to.be.closeTo(0.021239296, 1e-9);
      expect(r.expectedFxLoss).to.be.closeTo(-21_622.24, 0.01);
      // analytic: 1,045,000 × (0.91·exp(−0.023 − 0.05²/2 + 0.05·2.326348) − 0.91) = 91,708.39
      expect(r.fxLoss99).to.be.closeTo(91_708.39, 4_000);
      // Its 95% interval brackets the estimate and the analytic value.
      expect(r.fxLoss99CI95[0]).to.be.at.most(r.fxLoss99);
      expect(r.fxLoss99CI95[1]).to.be.at.least(r.fxLoss99);
      expect(91_708.39).to.be.within(r.fxLoss99CI95[0], r.fxLoss99CI95[1]);
      expect(r.stressedCostRate).to.be.greaterThan(0.12);
    });

    it('takes the 95% interval of a quantile from the order statistics at n·q ∓ 1.96·√(n·q·(1−q))', () => {
      const sorted = Array.from({ length: 10_000 }, (_, i) => i + 1); // 1 … 10,000
      // n·q = 9,900, half-width 1.96·√99 = 19.50: ranks 9,880 and 9,920.
      expect(orderStatisticCI95(sorted, 0.99)).to.deep.equal([9_880, 9_920]);
    });

    it('half hedged halves the 99% loss of the unhedged loan on the same paths', () => {
      const un = foreignLoanCnyCost({ ...base, hedgeRatio: 0, conversionSpread: 0 });
      const half = foreignLoanCnyCost({ ...base, hedgeRatio: 0.5, conversionSpread: 0 });
      expect(half.fxLoss99).to.be.closeTo(un.fxLoss99 / 2, 1e-6);
    });

    it('refuses payments on or before the draw date', () => {
      expect(() => foreignLoanCnyCost({ ...base, hedgeRatio: 1, conversionSpread: 0, payments: [{ date: '2023-08-01', amount: 1 }] }))
        .to.throw(/payments\[0\]\.date: must be after the draw date 2023-08-01/);
    });
  });
});

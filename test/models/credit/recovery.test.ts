import { expect } from 'chai';
import { betaFromMeanSd, normalCdf } from '../../../models/credit/normal.js';
import {
  betaQuantile, monthlyPrepaymentRate, periodPrepaymentRate, recoveryAmount, RecoveryModel, recoveryMonth, recoveryTable,
} from '../../../models/credit/recovery.js';
import { createBlockRng, STREAM_RECOVERIES } from '../../../models/credit/rng.js';
import { RunningStats } from '../../../models/credit/statistics.js';

describe('credit/recovery: recovery fractions of the pledged IP', () => {
  it('tabulates the beta quantile F⁻¹(Φ(z)) to 1e-6 between the grid points (2e-5 for an extreme U-shaped beta)', () => {
    for (const [mean, sd, tolerance] of [[0.4, 0.2, 1e-6], [0.3, 0.05, 1e-6], [0.7, 0.3, 1e-6], [0.5, 0.45, 2e-5]] as const) {
      const dist = betaFromMeanSd(mean, sd);
      const table = recoveryTable(dist);
      let worst = 0;
      for (let z = -6.1234; z < 6.2; z += 0.0917) worst = Math.max(worst, Math.abs(table.at(z) - betaQuantile(normalCdf(z), dist)));
      expect(worst, `mean ${mean}, sd ${sd}`).to.be.lessThan(tolerance);
    }
    // scipy stats.beta.ppf(0.1, 2, 3) for mean 0.4, sd 0.2.
    expect(betaQuantile(0.1, betaFromMeanSd(0.4, 0.2))).to.be.closeTo(0.14255931671003072, 1e-13);
  });

  it('draws recoveries with the deal\'s mean and standard deviation', () => {
    const model = new RecoveryModel([{ mean: 0.35, stdDev: 0.15, lagMonths: 6 }]);
    const rng = createBlockRng(1, 0, STREAM_RECOVERIES);
    const s = new RunningStats();
    const n = 50_000;
    for (let i = 0; i < n; i++) s.add(model.sampleFraction(rng, 0, 0));
    expect(Math.abs(s.mean - 0.35)).to.be.lessThan(4 * (0.15 / Math.sqrt(n)));
    expect(s.standardDeviation).to.be.closeTo(0.15, 0.003);
    expect(s.min).to.be.at.least(0);
    expect(s.max).to.be.at.most(1);
  });

  it('PD–LGD correlation: recoveries fall in bad years (low M) but keep their overall mean and spread', () => {
    const model = new RecoveryModel([{ mean: 0.5, stdDev: 0.2, lagMonths: 0 }], 0.6);
    const rng = createBlockRng(2, 0, STREAM_RECOVERIES);
    const bad = new RunningStats();
    const good = new RunningStats();
    const overall = new RunningStats();
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      bad.add(model.sampleFraction(rng, 0, -2));
      good.add(model.sampleFraction(rng, 0, 2));
      overall.add(model.sampleFraction(rng, 0, rng.normal()));
    }
    // At M = −2 the latent normal is centred at −1.2: the median recovery is F⁻¹(Φ(−1.2)) = 0.245 (scipy).
    expect(bad.mean).to.be.lessThan(0.35);
    expect(good.mean).to.be.greaterThan(0.65);
    expect(Math.abs(overall.mean - 0.5)).to.be.lessThan(4 * (0.2 / Math.sqrt(n)));
    expect(overall.standardDeviation).to.be.closeTo(0.2, 0.004);
  });

  it('returns the mean when the standard deviation is 0, still drawing one uniform per recovery', () => {
    const model = new RecoveryModel([{ mean: 0.4, stdDev: 0, lagMonths: 3 }, { mean: 0.4, stdDev: 0.1, lagMonths: 3 }]);
    const a = createBlockRng(3, 0);
    const b = createBlockRng(3, 0);
    expect(model.sampleFraction(a, 0, -3)).to.equal(0.4);
    b.uniform();
    expect(model.sampleFraction(a, 1, 0)).to.equal(model.sampleFraction(b, 1, 0));
  });

  it('caps the recovered cash at the exposure and dates it lagMonths after the default', () => {
    expect(recoveryAmount(0.5, 12_000_000, 10_000_000)).to.equal(6_000_000);
    expect(recoveryAmount(0.9, 12_000_000, 10_000_000)).to.equal(10_000_000);
    expect(recoveryAmount(0.2, 12_000_000, 0)).to.equal(0);
    expect(recoveryMonth(7, 6)).to.equal(13);
    expect(new RecoveryModel([{ mean: 0.4, stdDev: 0.1, lagMonths: 9 }]).lagMonths[0]).to.equal(9);
  });

  it('refuses infeasible or malformed recovery assumptions, naming the name', () => {
    expect(() => new RecoveryModel([{ mean: 0.4, stdDev: 0.1, lagMonths: 6 }, { mean: 0.95, stdDev: 0.3, lagMonths: 6 }])).to.throw(
      'names[1].recovery.stdDev: a beta distribution with mean 0.95 needs a standard deviation below √(mean·(1−mean)) = 0.217945, got 0.3',
    );
    expect(() => new RecoveryModel([{ mean: 0.4, stdDev: 0.1, lagMonths: -1 }])).to.throw(
      'names[0].recovery.lagMonths: must be a whole number of months from 0 to 1200, got -1',
    );
    expect(() => new RecoveryModel([], 1.5)).to.throw('recoveryFactorLoading: must be between 0 and 1, got 1.5');
  });
});

describe('credit/recovery: prepayment at a constant annual rate', () => {
  it('converts a 12% CPR into a monthly SMM that compounds back to 12% a year', () => {
    const smm = monthlyPrepaymentRate(0.12);
    expect(smm).to.be.closeTo(0.010596241, 1e-9);
    expect(1 - (1 - smm) ** 12).to.be.closeTo(0.12, 1e-15);
    expect(periodPrepaymentRate(0.12, 3)).to.be.closeTo(1 - (1 - smm) ** 3, 1e-15);
    expect(monthlyPrepaymentRate(0)).to.equal(0);
    expect(monthlyPrepaymentRate(1)).to.equal(1);
    expect(() => monthlyPrepaymentRate(1.2)).to.throw('prepaymentRate: must be an annual rate between 0 and 1, got 1.2');
  });
});

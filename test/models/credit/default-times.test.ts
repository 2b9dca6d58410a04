import { expect } from 'chai';
import {
  createDefaultTimeModel, cumulativeDefaultProbability, type DefaultName, hazardFromAnnualPd,
  GAP_SAMPLING_BELOW, monthlyCumulativeDefaultProbabilities, NO_DEFAULT, ROW_CLASS_SIZE, stressDefaultProbability,
} from '../../../models/credit/default-times.js';
import type { CopulaSpec } from '../../../models/credit/copula.js';
import { createBlockRng } from '../../../models/credit/rng.js';
import { chiSquareGoodnessOfFit, RunningStats } from '../../../models/credit/statistics.js';
import { homogeneousNames, simulateDefaults } from './simulate.js';

describe('credit/default-times: cumulative default probabilities', () => {
  it('turns an annual PD into a constant hazard λ = −ln(1 − PD) and F(t) = 1 − (1 − PD)^t', () => {
    expect(hazardFromAnnualPd(0.03)).to.be.closeTo(0.030459207484708574, 1e-16);
    const f = monthlyCumulativeDefaultProbabilities({ annualDefaultProbability: 0.03 }, 36);
    expect(f).to.have.length(36);
    expect(f[5]).to.be.closeTo(1 - Math.sqrt(0.97), 1e-16); // 6 months: 1.511%
    expect(f[11]).to.be.closeTo(0.03, 1e-16);
    expect(f[35]).to.be.closeTo(1 - 0.97 ** 3, 1e-15); // 8.7327%
  });

  it('interpolates a PD term structure with a constant hazard between the horizons, and extrapolates the last hazard', () => {
    const spec = { annualDefaultProbability: 0.99, pdTermStructure: [{ years: 1, cumulative: 0.02 }, { years: 3, cumulative: 0.1 }] };
    // The term structure overrides the annual PD (0.99 is ignored).
    expect(cumulativeDefaultProbability(spec, 0.5)).to.be.closeTo(1 - Math.sqrt(0.98), 1e-15);
    expect(cumulativeDefaultProbability(spec, 1)).to.be.closeTo(0.02, 1e-15);
    // Halfway in hazard between years 1 and 3: survival √(0.98 · 0.90).
    expect(cumulativeDefaultProbability(spec, 2)).to.be.closeTo(1 - Math.sqrt(0.98 * 0.9), 1e-15); // 6.0852%
    expect(cumulativeDefaultProbability(spec, 4)).to.be.closeTo(1 - 0.9 * Math.sqrt(0.9 / 0.98), 1e-15);
    // A flat stretch is a zero hazard.
    const flat = { annualDefaultProbability: 0, pdTermStructure: [{ years: 1, cumulative: 0.05 }, { years: 2, cumulative: 0.05 }] };
    expect(cumulativeDefaultProbability(flat, 1.5)).to.be.closeTo(0.05, 1e-16);
    // Certain default by year 2: infinite hazard after year 1.
    const certain = { annualDefaultProbability: 0, pdTermStructure: [{ years: 1, cumulative: 0.1 }, { years: 2, cumulative: 1 }] };
    expect(cumulativeDefaultProbability(certain, 1)).to.be.closeTo(0.1, 1e-16);
    expect(cumulativeDefaultProbability(certain, 1.01)).to.equal(1);
  });

  it('stresses a PD by a multiplier, capped at 1', () => {
    const s = stressDefaultProbability({ annualDefaultProbability: 0.4, pdTermStructure: [{ years: 2, cumulative: 0.3 }, { years: 3, cumulative: 0.6 }] }, 2);
    expect(s).to.deep.equal({ annualDefaultProbability: 0.8, pdTermStructure: [{ years: 2, cumulative: 0.6 }, { years: 3, cumulative: 1 }] });
  });
});

describe('credit/default-times: simulated default months', () => {
  it('never defaults a name with PD 0 and defaults a name with PD 1 in month 1', () => {
    const names: DefaultName[] = [
      { id: 'safe', pd: { annualDefaultProbability: 0 } },
      { id: 'doomed', pd: { annualDefaultProbability: 1 } },
      ...homogeneousNames(10, 0.2),
    ];
    const model = createDefaultTimeModel({ names, copula: { kind: 'gaussian', rho: 0.4 }, horizonMonths: 12 });
    let safeDefaults = 0;
    let doomedOther = 0;
    simulateDefaults(model, 1, 2000, 0, (_, months) => {
      if (months[0] !== NO_DEFAULT) safeDefaults++;
      if (months[1] !== 1) doomedOther++;
    });
    expect(safeDefaults).to.equal(0);
    expect(doomedOther).to.equal(0);
  });

  it('times independent defaults month by month as the constant hazard says (chi-square over 24 months and "survived")', () => {
    const names = homogeneousNames(50, 0.1);
    const model = createDefaultTimeModel({ names, copula: { kind: 'gaussian', rho: 0 }, horizonMonths: 24 });
    const counts = new Array<number>(25).fill(0); // index 0: survived, m: defaulted in month m
    simulateDefaults(model, 2, 8000, 0, (_, months) => {
      for (let i = 0; i < months.length; i++) counts[months[i]!]!++;
    });
    const f = monthlyCumulativeDefaultProbabilities({ annualDefaultProbability: 0.1 }, 24);
    const probabilities = [1 - f[23]!, ...Array.from(f, (v, k) => v - (k > 0 ? f[k - 1]! : 0))];
    const test = chiSquareGoodnessOfFit(counts, probabilities);
    expect(test.degreesOfFreedom).to.equal(24);
    // ρ = 0 makes all 400,000 name-paths independent, so the test is exact; reject only at p < 0.001.
    expect(test.pValue).to.be.greaterThan(0.001);
  });

  // Correlation must not change who defaults on average: each copula's thresholds reproduce F.
  const copulas: Array<[string, CopulaSpec]> = [
    ['gaussian ρ=0.3', { kind: 'gaussian', rho: 0.3 }],
    ['t ρ=0.3, ν=4', { kind: 't', rho: 0.3, nu: 4 }],
    ['sector intra 0.4, inter 0.1', { kind: 'sector', intra: 0.4, inter: 0.1 }],
  ];
  for (const [label, copula] of copulas) {
    it(`keeps each name's default probability by 12 and 24 months under the ${label} copula`, () => {
      const names = homogeneousNames(100, 0.04).map((n, i) => ({ ...n, sector: i < 50 ? 'IoT' : 'biomedicine' }));
      const model = createDefaultTimeModel({ names, copula, horizonMonths: 24 });
      const by12 = new RunningStats();
      const by24 = new RunningStats();
      simulateDefaults(model, 3, 12_000, 0, (_, months) => {
        let d12 = 0;
        let d24 = 0;
        for (let i = 0; i < months.length; i++) {
          const m = months[i]!;
          if (m !== NO_DEFAULT) {
            d24++;
            if (m <= 12) d12++;
          }
        }
        by12.add(d12 / names.length);
        by24.add(d24 / names.length);
      });
      // Paths are independent, names within a path are not: the standard error comes from the
      // spread of the per-path default rates. 4 standard errors.
      expect(Math.abs(by12.mean - 0.04)).to.be.lessThan(4 * by12.standardError);
      expect(Math.abs(by24.mean - (1 - 0.96 ** 2))).to.be.lessThan(4 * by24.standardError);
    });
  }

  for (const [label, copula] of copulas) {
    it(`gives every name, given the path's factors, the default-month law of its latent X_i (${label})`, () => {
      // Classes below GAP_SAMPLING_BELOW jump from default to default, those above draw a uniform per
      // name: both must give each name P(month = m | factors) = Φ(z_m) − Φ(z_{m−1}) (conditionalCumulativeDefault).
      const names: DefaultName[] = [
        ...homogeneousNames(ROW_CLASS_SIZE + 4, 0.15), // a large class: months from the per-path row
        { id: 'zero', pd: { annualDefaultProbability: 0 } },
        { id: 'one', pd: { annualDefaultProbability: 1 } },
        { id: 'ts', pd: { annualDefaultProbability: 0.05, pdTermStructure: [{ years: 0.5, cumulative: 0.1 }, { years: 2, cumulative: 0.3 }] } },
        ...[0.01, 0.08, 0.3, 0.6].map((p, i) => ({ id: `single-${i}`, pd: { annualDefaultProbability: p } })),
      ].map((n, i) => ({ ...n, sector: ['a', 'b', 'c'][i % 3]! }));
      const H = 30;
      const model = createDefaultTimeModel({ names, copula, horizonMonths: H });
      const months = new Int32Array(names.length);
      const defaulted = new Int32Array(names.length);
      const draws = 20_000;
      let gapClasses = 0;
      let perNameClasses = 0;
      let worstP = 1;
      for (let path = 0; path < 3; path++) {
        model.beginPath(createBlockRng(9, path, 0));
        for (let c = 0; c < model.classCount; c++) {
          const p = model.classHorizonProbability[c]!;
          if (p > 0 && p < GAP_SAMPLING_BELOW) gapClasses++;
          else if (p >= GAP_SAMPLING_BELOW) perNameClasses++;
        }
        // counts[i][m]: name i defaulted in month m (1 … H), or survived (0).
        const counts = names.map(() => new Array<number>(H + 1).fill(0));
        const rng = createBlockRng(9, path, 1);
        for (let k = 0; k < draws; k++) {
          const n = model.sampleDefaultMonths(rng, months, defaulted);
          const listed = Array.from(defaulted.subarray(0, n));
          expect(listed, 'defaulted names in name order').to.deep.equal(Array.from(months.keys()).filter((i) => months[i] !== NO_DEFAULT));
          for (let i = 0; i < names.length; i++) counts[i]![months[i]!]!++;
        }
        names.forEach((_, i) => {
          const probabilities = [1 - model.conditionalCumulativeDefault(i, H)];
          for (let m = 1; m <= H; m++) probabilities.push(model.conditionalCumulativeDefault(i, m) - model.conditionalCumulativeDefault(i, m - 1));
          if (probabilities.filter((q) => q > 1e-12).length < 2) {
            // Certain survival or certain default in one month: every draw must say so.
            const sure = probabilities.findIndex((q) => q > 1 - 1e-12);
            expect(counts[i]![sure], `${names[i]!.id} on path ${path}`).to.equal(draws);
            return;
          }
          const expectedDefaults = draws * (1 - probabilities[0]!);
          if (expectedDefaults < 20) {
            // Too rare to bin: the count of defaults must be a plausible Poisson draw.
            expect(draws - counts[i]![0]!, `${names[i]!.id} on path ${path}`).to.be.at.most(expectedDefaults + 6 * Math.sqrt(expectedDefaults) + 3);
            return;
          }
          const test = chiSquareGoodnessOfFit(counts[i]!, probabilities);
          worstP = Math.min(worstP, test.pValue);
        });
      }
      expect(gapClasses, 'classes sampled by gaps').to.be.greaterThan(0);
      expect(perNameClasses, 'classes sampled name by name').to.be.greaterThan(0);
      // 3 paths × 20 names at 20,000 draws each: a wrong law (a month off, a wrong p) fails by far.
      expect(worstP).to.be.greaterThan(1e-4);
    });
  }

  it('lists the defaulted names in name order and counts them', () => {
    const model = createDefaultTimeModel({ names: homogeneousNames(40, 0.3), copula: { kind: 'gaussian', rho: 0.2 }, horizonMonths: 12 });
    const rng = createBlockRng(4, 0);
    const months = new Int32Array(40);
    const defaulted = new Int32Array(40);
    model.beginPath(rng);
    const count = model.sampleDefaultMonths(rng, months, defaulted);
    const expected = Array.from(months.keys()).filter((i) => months[i] !== NO_DEFAULT);
    expect(count).to.equal(expected.length);
    expect(Array.from(defaulted.subarray(0, count))).to.deep.equal(expected);
    for (const i of expected) expect(months[i]).to.be.within(1, 12);
  });
});

describe('credit/default-times: bad input', () => {
  it('names every bad probability, term-structure point and horizon', () => {
    const bad = (pd: DefaultName['pd']) => () => createDefaultTimeModel({ names: [{ id: 'x', pd }], copula: { kind: 'gaussian', rho: 0.1 }, horizonMonths: 12 });
    expect(bad({ annualDefaultProbability: 1.5 })).to.throw('names[0].pd.annualDefaultProbability: must be a probability between 0 and 1, got 1.5');
    expect(bad({ annualDefaultProbability: -0.1 })).to.throw('names[0].pd.annualDefaultProbability: must be a probability between 0 and 1, got -0.1');
    expect(bad({ annualDefaultProbability: 0.1, pdTermStructure: [{ years: 2, cumulative: 0.2 }, { years: 1, cumulative: 0.3 }] })).to.throw(
      'names[0].pd.pdTermStructure[1].years: horizons must be positive and strictly increasing, got 1 after 2',
    );
    expect(bad({ annualDefaultProbability: 0.1, pdTermStructure: [{ years: 1, cumulative: 0.2 }, { years: 2, cumulative: 0.1 }] })).to.throw(
      'names[0].pd.pdTermStructure[1].cumulative: cumulative default probabilities cannot fall with the horizon, got 0.1 after 0.2',
    );
    expect(() => createDefaultTimeModel({ names: homogeneousNames(2, 0.1), copula: { kind: 'gaussian', rho: 0.1 }, horizonMonths: 0 })).to.throw(
      'horizonMonths: must be a whole number of months from 1 to 1200, got 0',
    );
    expect(() => stressDefaultProbability({ annualDefaultProbability: 0.1 }, -2)).to.throw('pd multiplier: must be a number ≥ 0, got -2');
  });
});

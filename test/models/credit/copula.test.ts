import { expect } from 'chai';
import { copulaProblems, createLatentFactorModel, validateCopula } from '../../../models/credit/copula.js';
import { createDefaultTimeModel, type DefaultName, NO_DEFAULT } from '../../../models/credit/default-times.js';
import { bivariateNormalCdf, inverseNormalCdf } from '../../../models/credit/normal.js';
import { createBlockRng } from '../../../models/credit/rng.js';
import { RunningStats } from '../../../models/credit/statistics.js';
import { homogeneousNames, simulateDefaults } from './simulate.js';

describe('credit/copula: latent variables', () => {
  it('gives latent variables with the correlation the model promises (one factor: ρ between any two names)', () => {
    const model = createLatentFactorModel({ kind: 'gaussian', rho: 0.35 }, [{ id: 'a' }, { id: 'b' }, { id: 'c', rho: 0 }]);
    const rng = createBlockRng(1, 0);
    const x = new Float64Array(3);
    let ab = 0;
    let ac = 0;
    let aa = 0;
    const n = 40_000;
    for (let p = 0; p < n; p++) {
      model.drawSystematic(rng);
      model.sampleLatent(rng, x);
      ab += x[0]! * x[1]!;
      ac += x[0]! * x[2]!;
      aa += x[0]! * x[0]!;
    }
    // Sample correlation of unit normals: standard error ≈ (1 − r²)/√n ≤ 0.005.
    expect(ab / n).to.be.closeTo(0.35, 0.02);
    expect(ac / n).to.be.closeTo(0, 0.02); // a name with its own ρ = 0 is independent
    expect(aa / n).to.be.closeTo(1, 0.03);
  });

  it('defaults pairs together as often as Φ₂(c, c; ρ_intra) within a sector and Φ₂(c, c; ρ_inter) across sectors', () => {
    const pd = 0.1;
    const names = homogeneousNames(60, pd).map((n, i) => ({ ...n, sector: i < 30 ? 'new-materials' : 'high-end-equipment' }));
    const model = createDefaultTimeModel({ names, copula: { kind: 'sector', intra: 0.4, inter: 0.1 }, horizonMonths: 12 });
    const within = new RunningStats();
    const across = new RunningStats();
    simulateDefaults(model, 5, 15_000, 0, (_, months) => {
      let d1 = 0;
      let d2 = 0;
      for (let i = 0; i < 60; i++) {
        if (months[i] !== NO_DEFAULT) {
          if (i < 30) d1++;
          else d2++;
        }
      }
      // Share of within-sector pairs (and of cross-sector pairs) that both defaulted in this path.
      within.add((d1 * (d1 - 1) + d2 * (d2 - 1)) / (2 * 30 * 29));
      across.add((d1 * d2) / (30 * 30));
    });
    const c = inverseNormalCdf(pd);
    const expectedWithin = bivariateNormalCdf(c, c, 0.4); // 2.665% (1% if independent)
    const expectedAcross = bivariateNormalCdf(c, c, 0.1); // 1.334%
    expect(expectedWithin).to.be.closeTo(0.026653507, 1e-9);
    expect(expectedAcross).to.be.closeTo(0.013335441, 1e-9);
    expect(Math.abs(within.mean - expectedWithin)).to.be.lessThan(4 * within.standardError);
    expect(Math.abs(across.mean - expectedAcross)).to.be.lessThan(4 * across.standardError);
  });

  it('weights an importance-sampled path by exp(−μM + μ²/2), which averages to 1', () => {
    const model = createLatentFactorModel({ kind: 'gaussian', rho: 0.2 }, [{ id: 'a' }]);
    const rng = createBlockRng(2, 0);
    const w = new RunningStats();
    const m = new RunningStats();
    for (let p = 0; p < 40_000; p++) {
      const weight = model.drawSystematic(rng, -1.5);
      expect(weight).to.equal(Math.exp(1.5 * model.globalFactor + 0.5 * 1.5 * 1.5));
      w.add(weight);
      m.add(model.globalFactor);
    }
    expect(m.mean).to.be.closeTo(-1.5, 0.02);
    expect(Math.abs(w.mean - 1)).to.be.lessThan(4 * w.standardError);
  });
});

describe('credit/copula: wrong-way risk (issue 5: the guarantor failing in the same bad year as the firms)', () => {
  // 150 firms plus two guarantors with the same 5% PD: one correlated with the firms, one not.
  function simulate(names: DefaultName[], copula: Parameters<typeof createDefaultTimeModel>[0]['copula']) {
    const model = createDefaultTimeModel({ names, copula, horizonMonths: 12 });
    const firmDefaults: number[] = [];
    const correlatedDefaults: boolean[] = [];
    const independentDefaults: boolean[] = [];
    simulateDefaults(model, 8, 20_000, 0, (_, months) => {
      let d = 0;
      for (let i = 0; i < 150; i++) if (months[i] !== NO_DEFAULT) d++;
      firmDefaults.push(d);
      correlatedDefaults.push(months[150] !== NO_DEFAULT);
      independentDefaults.push(months[151] !== NO_DEFAULT);
    });
    const cut = [...firmDefaults].sort((a, b) => a - b)[Math.floor(0.9 * firmDefaults.length)]!;
    const rate = (flags: boolean[], bad: boolean) => {
      let hits = 0;
      let n = 0;
      flags.forEach((f, p) => {
        if (firmDefaults[p]! > cut === bad) {
          n++;
          if (f) hits++;
        }
      });
      return { rate: hits / n, se: Math.sqrt((hits / n) * (1 - hits / n) / n), n };
    };
    return {
      correlatedBad: rate(correlatedDefaults, true),
      correlatedGood: rate(correlatedDefaults, false),
      independentBad: rate(independentDefaults, true),
      independentGood: rate(independentDefaults, false),
    };
  }

  it('one-factor copula: a guarantor with ρ = 0.3 defaults far more often in the worst 10% of years; one with ρ = 0 does not', () => {
    const names: DefaultName[] = [
      ...homogeneousNames(150, 0.05, 'firm'),
      { id: 'municipal-guarantor', rho: 0.3, pd: { annualDefaultProbability: 0.05 } },
      { id: 'independent-guarantor', rho: 0, pd: { annualDefaultProbability: 0.05 } },
    ];
    const r = simulate(names, { kind: 'gaussian', rho: 0.2 });
    expect(r.correlatedBad.n).to.be.greaterThan(1000);
    // In the worst decile of years the correlated guarantor's default rate is several times its 5%.
    expect(r.correlatedBad.rate).to.be.greaterThan(2.5 * 0.05);
    expect(r.correlatedBad.rate - r.correlatedGood.rate).to.be.greaterThan(4 * Math.hypot(r.correlatedBad.se, r.correlatedGood.se));
    expect(Math.abs(r.independentBad.rate - r.independentGood.rate)).to.be.lessThan(4 * Math.hypot(r.independentBad.se, r.independentGood.se));
  });

  it('sector copula: a guarantor in its own sector still shares the global factor (ρ_inter) with the firms', () => {
    const names: DefaultName[] = [
      ...homogeneousNames(150, 0.05, 'firm').map((n) => ({ ...n, sector: 'IoT' })),
      { id: 'guarantor', sector: 'guarantor', pd: { annualDefaultProbability: 0.05 } },
      { id: 'other-guarantor', sector: 'guarantor-2', pd: { annualDefaultProbability: 0.05 } },
    ];
    const r = simulate(names, { kind: 'sector', intra: 0.3, inter: 0.2 });
    expect(r.correlatedBad.rate - r.correlatedGood.rate).to.be.greaterThan(4 * Math.hypot(r.correlatedBad.se, r.correlatedGood.se));
  });
});

describe('credit/copula: bad parameters (issue 5: ρ in [0, 1), ν > 2)', () => {
  it('names the field, the value and the allowed range', () => {
    expect(copulaProblems({ kind: 'gaussian', rho: 1 })).to.deep.equal(['copula.rho: must be a correlation in [0, 1), got 1']);
    expect(copulaProblems({ kind: 'gaussian', rho: -0.1 })).to.deep.equal(['copula.rho: must be a correlation in [0, 1), got -0.1']);
    expect(copulaProblems({ kind: 't', rho: 0.2, nu: 2 })).to.deep.equal([
      'copula.nu: degrees of freedom must be a number greater than 2 (finite variance), got 2',
    ]);
    expect(copulaProblems({ kind: 'sector', intra: 0.1, inter: 0.3 })).to.deep.equal([
      'copula.inter: the correlation across sectors (0.3) cannot exceed the correlation within a sector (copula.intra = 0.1)',
    ]);
    expect(copulaProblems({ kind: 'vine' } as never)).to.deep.equal(['copula.kind: must be one of gaussian, t, sector, got "vine"']);
    expect(copulaProblems({ kind: 'sector', intra: 0.3, inter: 0.3 })).to.deep.equal([]);
  });

  it('reports every problem with the names at once', () => {
    expect(() => validateCopula({ kind: 'sector', intra: 0.3, inter: 0.1 }, [{ id: 'a', sector: 'x' }, { id: 'b' }, { id: 'c', sector: 'x', rho: 0.2 }])).to.throw(
      'names[1].sector: the sector copula needs every name\'s sector (name "b" has none); names[2].rho: a name\'s own correlation applies to the gaussian and t copulas; the sector copula uses copula.intra and copula.inter',
    );
    expect(() => validateCopula({ kind: 'gaussian', rho: 0.2 }, [{ id: 'g', rho: 1.5 }])).to.throw('names[0].rho: must be a correlation in [0, 1), got 1.5');
  });
});

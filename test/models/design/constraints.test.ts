import { expect } from 'chai';
import { atLeastAsStrict, checkConstraints, type CandidateMeasures } from '../../../models/design/constraints.js';
import type { Rating } from '../../../models/ratings/idealized-loss.js';

// A candidate's measures as the evaluator reports them; the thresholds are idealized ELs at its WAL.
const measures = (over: Partial<CandidateMeasures> = {}): CandidateMeasures => ({
  seniorGrade: 'AA+(sf)',
  seniorEl: { value: 0.0004, stdErr: 0.0001, walYears: 1, thresholds: { Aaa: 0.000006, Aa1: 0.0001, Aa2: 0.0005, Aa3: 0.001 } as Record<Rating, number> },
  enhancements: [
    { id: 'g', kind: 'guarantee', capacity: 100_000_000, draw999: 40_000_000, draw999Upper: 46_000_000, exhaustion: 0.004, exhaustionStdErr: 0.002 },
    { id: 'u', kind: 'shortfall-undertaking', capacity: 0, draw999: 0, draw999Upper: 0, exhaustion: 1, exhaustionStdErr: 0 },
  ],
  firmsCost: 0.0231,
  ...over,
});

describe('design constraints (what a candidate must meet)', () => {
  it('compares the senior domestic grade by notch: AA+(sf) misses AAA(sf) by one and meets AA(sf)', () => {
    const [aaa, aa] = checkConstraints([{ kind: 'senior-rating', min: 'AAA(sf)' }, { kind: 'senior-rating', min: 'AA(sf)' }], measures());
    expect(aaa).to.include({ ok: false, violation: 1 });
    expect(aa).to.include({ ok: true, violation: 0 });
  });

  it('tests the senior EL at the upper end of its 95% interval: 0.04% + 1.95996 × 0.01% = 0.0596% against Aa2\'s 0.05%', () => {
    const [aa2] = checkConstraints([{ kind: 'senior-el-rating', min: 'Aa2' }], measures());
    expect(aa2!.tested as number).to.be.closeTo(0.0004 + 1.959963984540054 * 0.0001, 1e-15);
    expect(aa2!.ok).to.equal(false);
    // The point estimate alone (0.04%) would have passed: the interval is what fails it.
    const [aa3] = checkConstraints([{ kind: 'senior-el-rating', min: 'Aa3' }], measures());
    expect(aa3!.ok).to.equal(true);
  });

  it('tests the 99.9% draw at its interval\'s upper end and P(exhausted) + z(97.5%) s.e., skipping a capacity of 0', () => {
    const cs = checkConstraints([{ kind: 'draw999', enhancement: null, max: 45_000_000 }, { kind: 'exhaustion', enhancement: null, max: 0.008 }], measures());
    expect(cs.map((c) => c.enhancement)).to.deep.equal(['g', 'g']);
    expect(cs[0]).to.include({ ok: false, tested: 46_000_000 });
    expect(cs[0]!.violation).to.be.closeTo(1 / 45, 1e-12);
    expect(cs[1]!.tested as number).to.be.closeTo(0.004 + 1.959963984540054 * 0.002, 1e-15);
    expect(cs[1]!.ok).to.equal(true);
  });

  it('caps the firms\' all-in cost after subsidy exactly (no interval: the cost model is exact)', () => {
    expect(checkConstraints([{ kind: 'firms-cost', max: 0.0231 }], measures())[0]!.ok).to.equal(true);
    expect(checkConstraints([{ kind: 'firms-cost', max: 0.023 }], measures())[0]!.ok).to.equal(false);
  });

  it('orders constraints by strictness, for the tightening property', () => {
    expect(atLeastAsStrict({ kind: 'senior-rating', min: 'AAA(sf)' }, { kind: 'senior-rating', min: 'AA+(sf)' })).to.equal(true);
    expect(atLeastAsStrict({ kind: 'senior-el-rating', min: 'Aa3' }, { kind: 'senior-el-rating', min: 'Aaa' })).to.equal(false);
    expect(atLeastAsStrict({ kind: 'firms-cost', max: 0.02 }, { kind: 'firms-cost', max: 0.03 })).to.equal(true);
    expect(atLeastAsStrict({ kind: 'draw999', enhancement: 'g', max: 1 }, { kind: 'draw999', enhancement: null, max: 2 })).to.equal(false);
  });
});

import { expect } from 'chai';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { createLever, yuanToFen } from '../../../models/sizing/levers.js';
import { checkSizingRequest, distinctPercents, sizeEnhancement, type SizingRequest } from '../../../models/sizing/solve.js';
import { idealizedExpectedLoss } from '../../../models/ratings/idealized-loss.js';
import { DERIVED_IDEALIZED_LOSS_TABLE } from '../../../models/ratings/derived-table.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { yuhang, yuhangGuaranteeOnly, yuhangGuarantorCorrelation, yuhangReserveOnly, yuhangSeniorJunior } from './deals.js';

/** Senior EL under the lever at each amount (yuan), same seed and paths for all: common random numbers. */
async function seniorLossBySize(deal: Deal, id: string, amounts: number[], paths = 8_192, seed = 11): Promise<number[]> {
  const lever = createLever(deal, id);
  const out: number[] = [];
  for (const a of amounts) {
    const r = await simulate(lever.apply(yuanToFen(a)), { paths, seed });
    out.push(r.tranches.find((t) => t.id === lever.protectedTranche)!.expectedLossRate);
  }
  return out;
}

function expectNonIncreasing(xs: number[]): void {
  for (let i = 1; i < xs.length; i++) expect(xs[i], `size #${i} vs #${i - 1}: ${xs.join(', ')}`).to.be.at.most(xs[i - 1]!);
  expect(xs[xs.length - 1], 'the largest size must do something').to.be.lessThan(xs[0]!);
}

describe('sizing solver: common random numbers', () => {
  it('a larger guarantee cap never raises the senior expected loss (same seed, same paths)', async () => {
    expectNonIncreasing(await seniorLossBySize(yuhangGuaranteeOnly(), 'guarantee', [0, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 40_000_000, 133_000_000]));
  });

  it('… nor does a larger shortfall-undertaking capacity', async () => {
    expectNonIncreasing(await seniorLossBySize(yuhangGuaranteeOnly({
      edit: (d) => {
        d.enhancements.unshift({ id: 'undertaking', kind: 'shortfall-undertaking', capacity: 0, provider: { id: 'platform', name: 'district platform', annualDefaultProbability: 0.003 } });
        d.waterfall.normal[0] = { type: 'cover-shortfall', sources: ['undertaking', 'guarantee'], covers: { fees: true, interest: ['senior'], principal: ['senior'] } };
        const g = d.enhancements[1] as { guarantors: Array<{ capacity: number }> };
        for (const x of g.guarantors) x.capacity = 0;
      },
    }), 'undertaking', [0, 3_000_000, 10_000_000, 30_000_000, 140_000_000]));
  });

  it('… nor a larger junior tranche (subordination), nor a larger reserve', async () => {
    const amounts = [0, 3_000_000, 6_000_000, 13_300_000, 20_000_000];
    expectNonIncreasing(await seniorLossBySize(yuhangSeniorJunior(), 'subordination', amounts));
    expectNonIncreasing(await seniorLossBySize(yuhangReserveOnly(), 'reserve', amounts));
  });

  it('gives exactly the same estimate when a size is simulated again', async () => {
    const [a] = await seniorLossBySize(yuhangGuaranteeOnly(), 'guarantee', [7_777_777.77]);
    const [b] = await seniorLossBySize(yuhangGuaranteeOnly(), 'guarantee', [7_777_777.77]);
    expect(a).to.be.greaterThan(0);
    expect(b).to.equal(a);
  });
});

describe('sizing solver: wrong-way risk', () => {
  it('a guarantor that defaults with the firms is worth less than an independent one with the same cap and PD', async () => {
    // Same firms, same joint defaults among them (one sector, intra-sector correlation 0.5); the
    // guarantors' correlation with the firms is 0 or 0.5. Same 40 M cap, PD 5% each.
    const opts = { paths: 20_000, seed: 21 };
    const independent = await simulate(yuhangGuarantorCorrelation(0), opts);
    const correlated = await simulate(yuhangGuarantorCorrelation(0.5), opts);
    const elI = independent.tranches[0]!;
    const elC = correlated.tranches[0]!;
    const se = Math.hypot(elI.expectedLossRateStdErr, elC.expectedLossRateStdErr);
    expect(elC.expectedLossRate - elI.expectedLossRate).to.be.greaterThan(4 * se);
    // The difference is correlation, not default probability: each guarantor defaults ~5% of the time in both.
    for (const r of [independent, correlated]) for (const p of r.parties) expect(p.defaultProbability).to.be.within(0.04, 0.06);
    // And the pool itself is the same in distribution (the firms load on another factor, so not path by path).
    const poolSe = Math.hypot(independent.pool.expectedLossRateStdErr, correlated.pool.expectedLossRateStdErr);
    expect(Math.abs(correlated.pool.expectedLossRate - independent.pool.expectedLossRate)).to.be.lessThan(3 * poolSe);
  });
});

describe('sizing solver: the answer', () => {
  const aa1: SizingRequest = { enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa1' }, paths: 20_000, seed: 1 };

  it('finds the Yuhang guarantee cap for an Aa1 senior: it meets the target, 95% of it does not', async function () {
    this.timeout(30_000);
    const deal = yuhang();
    const r = await sizeEnhancement(deal, aa1);
    expect(r.status).to.equal('met');
    expect(r.monotone).to.equal(true);
    const required = r.requiredAmount!;
    expect(required).to.be.greaterThan(1_000_000).and.lessThan(133_000_000);
    const aa1At1y = idealizedExpectedLoss(DERIVED_IDEALIZED_LOSS_TABLE, 'Aa1', 1);
    expect(r.atRequired.threshold).to.be.closeTo(aa1At1y, 1e-12); // the senior is a one-year bullet: WAL 1.0
    // Check independently, on the same paths: at the answer the senior EL is within the Aa1 idealized EL …
    const lever = createLever(deal, 'guarantee');
    const at = await simulate(lever.apply(yuanToFen(required)), { paths: 20_000, seed: 1 });
    expect(at.tranches[0]!.expectedLossRate).to.be.at.most(aa1At1y);
    expect(at.tranches[0]!.impliedRating).to.equal('Aa1');
    // … and at 95% of it, it is not.
    const below = await simulate(lever.apply(Math.floor(yuanToFen(required) * 0.95)), { paths: 20_000, seed: 1 });
    expect(below.tranches[0]!.expectedLossRate).to.be.greaterThan(aa1At1y);
    // The last amount that failed is within the tolerance of the answer.
    expect(required - r.justBelow!.amount).to.be.at.most(10_000);
    // Monte Carlo uncertainty: the answer lies inside the range.
    expect(r.uncertainty.lowAmount!).to.be.at.most(required);
    expect(r.uncertainty.highAmount!).to.be.at.least(required);

    // Guarantor figures at the answer are those of a plain simulation at that size.
    const g = r.guarantor!;
    const est = at.enhancements.find((e) => e.id === 'guarantee')!;
    expect(g.expectedDraw).to.equal(est.expectedDraw);
    expect(g.exhaustionProbability).to.equal(est.exhaustionProbability);
    expect(g.draw99).to.be.at.most(g.draw999);
    expect(g.draw999).to.be.at.most(required);
    // The caps keep the deal's 79.8 M : 53.2 M = 60 : 40 ratio (to the fen) and add up to the answer.
    expect(g.parties[0]!.capacity! / required).to.be.closeTo(0.6, 1e-8);
    expect(g.parties[0]!.capacity! + g.parties[1]!.capacity!).to.be.closeTo(required, 0.001);
    // Break-even fee = PV(expected draws) / PV of 100% a year on the senior balance, at the 2.7% coupon.
    expect(g.breakEvenFee.discountRate).to.equal(0.027);
    expect(g.breakEvenFee.expectedDraws).to.be.closeTo(g.expectedDraw, 0.01);
    expect(g.breakEvenFee.annualRate).to.be.closeTo(g.breakEvenFee.pvExpectedDraws / g.breakEvenFee.pvFeeAnnuity, 1e-15);
    // The senior is 133 M for about a year: the fee annuity is a little under 133 M (discounting).
    expect(g.breakEvenFee.pvFeeAnnuity).to.be.within(128_000_000, 133_000_000);
    expect(g.statedFee).to.equal(0.005);
    // Rates carry the digits that tell the answer, the amount just below it and the target apart.
    expect(r.message).to.match(/^required guarantee cap [\d,]+\.\d\d: senior expected loss 0\.00\d{4,}% \(at [\d,]+\.\d\d it is 0\.00\d{4,}%, above the target\); the Aa1 target at WAL 1\.0y is 0\.005502\d*%$/);
  });

  it('sizes the junior tranche for a probability-of-loss target and reports it as a share of the notes', async () => {
    const r = await sizeEnhancement(yuhangSeniorJunior(), { enhancement: 'subordination', target: { kind: 'probability-of-loss', max: 0.01 }, paths: 8_192, seed: 3 });
    expect(r.status).to.equal('met');
    expect(r.lever.kind).to.equal('subordination');
    expect(r.atRequired.value).to.be.at.most(0.01);
    expect(r.justBelow!.value).to.be.greaterThan(0.01);
    expect(r.requiredShare).to.be.closeTo(r.requiredAmount! / 133_000_000, 1e-12);
    expect(r.guarantor).to.equal(null); // no counterparty pays under subordination
  });

  it('says the target is met with none of the enhancement when it is', async () => {
    const r = await sizeEnhancement(yuhang(), { enhancement: 'guarantee', target: { kind: 'probability-of-loss', max: 0.05 }, paths: 8_192, seed: 1 });
    expect(r.status).to.equal('met-at-zero');
    expect(r.requiredAmount).to.equal(0);
    expect(r.message).to.match(/^target met with no guarantee cap: senior probability of loss 0\.\d+% at 0\.00; the target is 5\.0000%$/);
  });

  it('says an unreachable target is unreachable, and what the best reachable level is', async () => {
    // Without the undertaking, the two guarantors (several liability, each can default) leave the
    // senior an EL floor above the Aa2 level however large their caps.
    const r = await sizeEnhancement(yuhangGuaranteeOnly(), { enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa2' }, paths: 8_192, seed: 1 });
    expect(r.status).to.equal('unreachable');
    expect(r.requiredAmount).to.equal(null);
    expect(r.guarantor).to.equal(null);
    expect(r.atRequired.amount).to.equal(1_330_000_000);
    expect(r.atRequired.value).to.be.greaterThan(r.atRequired.threshold);
    expect(r.message).to.match(/^target unreachable: senior expected loss 0\.0\d{4}% at the largest guarantee cap 1,330,000,000\.00; the Aa2 target at WAL 1\.0y is 0\.01101%$/);
  });
});

describe('sizing solver: bad requests', () => {
  const ok: SizingRequest = { enhancement: 'guarantee', target: { kind: 'rating', rating: 'Aa2' }, paths: 1_000, seed: 1 };
  const fails = async (p: Promise<unknown>, message: string | RegExp) => {
    try { await p; } catch (e) {
      if (typeof message === 'string') expect((e as Error).message).to.equal(message);
      else expect((e as Error).message).to.match(message);
      return;
    }
    expect.fail('did not fail');
  };

  it('names the field, what was wrong and what is allowed', async () => {
    expect(() => checkSizingRequest({ ...ok, target: { kind: 'rating', rating: 'AA' as 'Aa2' } })).to.throw(/^target\.rating: must be one of Aaa, Aa1, Aa2, .*, B3, got "AA"$/);
    expect(() => checkSizingRequest({ ...ok, target: { kind: 'probability-of-loss', max: 1 } })).to.throw('target.max: a probability of loss must be strictly between 0 and 1 (0.001 = 0.1%), got 1');
    expect(() => checkSizingRequest({ ...ok, target: { kind: 'probability-of-loss', max: 0 } })).to.throw(/got 0$/);
    expect(() => checkSizingRequest({ ...ok, tolerance: 0.001 })).to.throw('tolerance: must be an amount in yuan of at least 0.01 (one fen), got 0.001');
    expect(() => checkSizingRequest({ ...ok, lever: 'cap' as 'capacity' })).to.throw('lever: must be one of capacity, subordination, reserve, got "cap"');
    await fails(sizeEnhancement(yuhang(), { ...ok, enhancement: 'guarantor' }), /^enhancement: unknown id "guarantor" \(enhancements: "undertaking", "guarantee"/);
    await fails(sizeEnhancement(yuhang(), { ...ok, discountRate: 2 }), /^discountRate: must be an annual rate above -1 and at most 1/);
  });
});

describe('sizing messages', () => {
  it('print close values with enough digits to tell them apart, and no more', () => {
    expect(distinctPercents([0.00011007, 0.00011011, 0.00011010])).to.deep.equal(['0.011007%', '0.011011%', '0.011010%']);
    expect(distinctPercents([0.0001, 0.0002])).to.deep.equal(['0.01000%', '0.02000%']);
    expect(distinctPercents([0.05, 0.05])).to.deep.equal(['5.0000%', '5.0000%']);
  });
});

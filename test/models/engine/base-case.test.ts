import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { runExact } from '../../../models/engine/exact.js';
import { baseCaseWarnings } from '../../../models/engine/base-case.js';
import { checkDeal } from '../../../models/engine/check.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { loadRaw, scenarioFiles, loadScenario } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

const yuhangWith = (changes: Record<string, unknown>): Deal => {
  const r = validateDeal(withChanges(loadRaw('yuhang-abn-2023.json'), changes));
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('; '));
  return r.deal;
};

/** Interest or a fee for one period, as the circulars say: amount × rate × days / 365, half up to the fen. */
const accrue = (base: number, rate: number, days: number) => new Decimal(base).times(rate).times(days).dividedBy(365).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

describe('base case: cash reconciled is not the same as self-funding', () => {
  it('every shipped scenario is self-funding: no enhancement drawn, nothing unpaid', () => {
    for (const f of scenarioFiles()) {
      const r = runExact(loadScenario(f));
      expect(r.baseCase.selfFunding, f).to.equal(true);
      expect(r.baseCase.enhancementDrawsTotal, f).to.equal(0);
      expect(r.baseCase.unpaid.total, f).to.equal(0);
    }
  });

  describe('Yuhang at a 10% senior coupon with its licence fees unchanged (fixed pricing)', () => {
    const report = runExact(yuhangWith({ '/liabilities/tranches/0/coupon/rate': 0.1 }));

    it('still reconciles to the fen, but the undertaker pays 8,877,749.99 when nobody defaults', () => {
      expect(report.reconciled).to.equal(true);
      expect(report.baseCase.selfFunding).to.equal(false);
      expect(report.baseCase.enhancementDrawsTotal).to.equal(8_877_749.99);
      expect(report.baseCase.unpaid.total).to.equal(0);
    });

    it('draws in every quarter exactly what the coupon and fees need beyond the licence fees collected', () => {
      // Period k: 133 M × 10% × days/365 + trustee 5 bp, custody 2 bp, SHCH 0.5 bp on 133 M (each to
      // the fen) − 1,130,500 of licence fees (14 firms, 0.85% of 133 M). Accrual days 92, 92, 91, 90.
      const expected = [92, 92, 91, 90].map((days) => accrue(133e6, 0.1, days)
        .plus(accrue(133e6, 0.0005, days)).plus(accrue(133e6, 0.0002, days)).plus(accrue(133e6, 0.00005, days))
        .minus(1_130_500).toNumber());
      expect(expected).to.deep.equal([2_246_971.23, 2_246_971.23, 2_210_259.59, 2_173_547.94]);
      expect(report.baseCase.draws.map((d) => d.amount)).to.deep.equal(expected);
      expect(report.baseCase.draws.map((d) => d.date)).to.deep.equal(['2023-06-16', '2023-09-18', '2023-12-18', '2024-03-15']);
      expect(report.baseCase.draws.every((d) => d.byEnhancement.undertaking === d.amount)).to.equal(true);
    });

    it('warns naming the total, each period and the amount (English and Chinese)', () => {
      const [w] = baseCaseWarnings(report.baseCase);
      expect(w!.message).to.match(/^relies on enhancement in the base case: 8,877,749\.99 /);
      expect(w!.message).to.include('period 1 2023-06-16: undertaking 2,246,971.23');
      expect(w!.message).to.include('period 4 2024-03-15: undertaking 2,173,547.94');
      const [z] = baseCaseWarnings(report.baseCase, 'zh');
      expect(z!.message).to.include('依赖增信').and.include('8,877,749.99').and.include('第4期 2024-03-15');
    });

    it('is valid with a warning: checkDeal lets it through and says why', () => {
      const c = checkDeal(withChanges(loadRaw('yuhang-abn-2023.json'), { '/liabilities/tranches/0/coupon/rate': 0.1 }));
      expect(c.ok).to.equal(true);
      expect(c.warnings).to.have.length(1);
      expect(c.warnings[0]!.code).to.equal('pricing.baseCase.reliesOnEnhancement');
    });
  });

  it('counts what is left unpaid when no enhancement stands behind the notes', () => {
    // Without the cover-shortfall step the 10% coupon cannot be paid in full from 3.4% licence fees.
    const raw = loadRaw('yuhang-abn-2023.json') as { waterfall: { normal: unknown[] } };
    const report = runExact(yuhangWith({ '/liabilities/tranches/0/coupon/rate': 0.1, '/waterfall/normal': raw.waterfall.normal.slice(1) }));
    expect(report.baseCase.enhancementDrawsTotal).to.equal(0);
    expect(report.baseCase.selfFunding).to.equal(false);
    // The same 8,877,749.99 is now short: interest first (fees are paid ahead of it), principal last.
    expect(report.baseCase.unpaid.total).to.equal(8_877_749.99);
    // Interest falls into arrears from the first payment date: 3,352,328.77 + 25,142.46 − 1,130,500.
    expect(report.baseCase.latePeriods[0]).to.deep.equal({ period: 1, date: '2023-06-16', amount: 2_246_971.23 });
    expect(report.baseCase.lateInterest).to.equal(2_246_971.23 + 2_246_971.23 + 2_210_259.59);
    const [late, unpaid] = baseCaseWarnings(report.baseCase);
    expect(late!.message).to.match(/^pays note interest late in the base case: up to 6,704,202\.05 in arrears after a payment date \(period 1 2023-06-16: 2,246,971\.23; /);
    expect(unpaid!.message).to.match(/^leaves 8,877,749\.99 unpaid after the final payment date in the base case/);
  });
});

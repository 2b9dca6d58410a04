// One path's losses through the deal's loss-sharing enhancements, in their listed order.
import { expect } from 'chai';
import { allocateLosses, cashIntoTrustByMonth, prepareLossAllocation, summarizeByParty } from '../../../models/enhancements/loss-allocation.js';
import { loss, payer, run, validEnhancements } from './helpers.js';

const M = 1_000_000;
const zhongshan = { id: 'zs', kind: 'risk-compensation-fund', preset: 'zhongshan', payers: { fund: payer('zs-fund'), insurer: payer('zs-insurer'), appraiser: payer('zs-appraiser') } };
const insurance = { id: 'gi', kind: 'guarantee-insurance', shares: { insurer: 0.5, guarantor: 0.3, bank: 0.2 }, insurer: payer('gi-insurer'), guarantor: payer('gi-guarantor') };

describe('loss allocation over one path', () => {
  it('skips enhancements that do not share losses (the shortfall undertaking, subordination)', () => {
    const plan = prepareLossAllocation([{ id: 'su', kind: 'shortfall-undertaking' }, { id: 'sub', kind: 'subordination' }]);
    expect(plan.sources).to.have.length(0);
    expect(allocateLosses(plan, [loss(0, M, M, 1, 5)], { poolPrincipal: 10 * M }).retained).to.equal(M);
  });

  it('passes what the first enhancement leaves with the trust to the next one', () => {
    // 1,000,000 under Zhongshan: 740,000 paid in, 260,000 left; guarantee insurance then shares
    // the 260,000 50 : 30 : 20 → insurer 130,000, guarantor 78,000; the trust keeps 52,000.
    const r = run(validEnhancements(zhongshan, insurance), [loss(0, 5 * M, 1 * M, 3, 9)]);
    expect(r.plan.parties.map((p) => [p.enhancementId, p.id, p.indexInEnhancement])).to.deep.equal([
      ['zs', 'zs-fund', 0], ['zs', 'zs-insurer', 1], ['zs', 'zs-appraiser', 2], ['gi', 'gi-insurer', 0], ['gi', 'gi-guarantor', 1],
    ]);
    expect(r.paid['zs-fund']! + r.paid['zs-insurer']! + r.paid['zs-appraiser']!).to.be.closeTo(740_000, 1e-6);
    expect(r.paid['gi-insurer']).to.be.closeTo(130_000, 1e-6);
    expect(r.paid['gi-guarantor']).to.be.closeTo(78_000, 1e-6);
    expect(r.a.retained).to.be.closeTo(52_000, 1e-6);
    expect(r.a.retainedByEvent[0]).to.be.closeTo(52_000, 1e-6);
  });

  it('passes a defaulted payer\'s part on to the next enhancement', () => {
    // Zhongshan's fund (party 0) failed in month 2: its 540,000 is unpaid; 1 M − 200,000 = 800,000
    // goes on to the insurance: 400,000 + 240,000; the trust keeps 160,000.
    const r = run(validEnhancements(zhongshan, insurance), [loss(0, 5 * M, 1 * M, 3, 9)], { partyDefaultMonth: [2] });
    expect(r.a.unpaidByParty[0]).to.be.closeTo(540_000, 1e-6);
    expect(r.paid['gi-insurer']).to.be.closeTo(400_000, 1e-6);
    expect(r.paid['gi-guarantor']).to.be.closeTo(240_000, 1e-6);
    expect(r.a.retained).to.be.closeTo(160_000, 1e-6);
  });

  it('uses caps first come, first served by default month, whatever order the events arrive in', () => {
    // Shenzhen-style fund with 1.5 M in all: the month-2 default takes 1 M, the month-8 one the 0.5 M left.
    const [e] = validEnhancements({ id: 'sz', kind: 'risk-compensation-fund', preset: 'shenzhen', payers: { fund: payer('sz', { capacity: 1_500_000 }) } });
    const r = run([e!], [loss(1, 5 * M, 2 * M, 8, 12), loss(0, 5 * M, 2 * M, 2, 10)]);
    expect(r.a.payments.map((p) => [p.obligorIndex, p.amount, p.month])).to.deep.equal([[0, 1 * M, 10], [1, 0.5 * M, 12]]);
    expect(Array.from(r.a.retainedByEvent)).to.deep.equal([1.5 * M, 1 * M]);
  });

  it('reports cash into the trust by month, and per party what it paid, failed to pay, and when', () => {
    const enh = validEnhancements(zhongshan);
    const plan = prepareLossAllocation(enh);
    const a = allocateLosses(plan, [loss(0, 5 * M, 1 * M, 1, 4), loss(1, 5 * M, 0.5 * M, 2, 20)], { poolPrincipal: 50 * M, partyDefaultMonth: [Infinity, 10, Infinity] });
    const cash = cashIntoTrustByMonth(a, 12);
    // month 4: 540,000 + 160,000 + 40,000; month 20 is beyond 12 months and left out.
    expect(cash[4]).to.be.closeTo(740_000, 1e-6);
    expect(cash.reduce((s, x) => s + x, 0)).to.be.closeTo(740_000, 1e-6);
    expect(summarizeByParty(plan, a).map((p) => [p.partyId, Math.round(p.paid), Math.round(p.unpaid), p.firstMonth, p.lastMonth])).to.deep.equal([
      ['zs-fund', 810_000, 0, 4, 20],
      ['zs-insurer', 160_000, 80_000, 4, 4], // failed in month 10: owes 16% × 0.5 M at month 20, unpaid
      ['zs-appraiser', 60_000, 0, 4, 20],
    ]);
    expect(a.totalLoss).to.equal(1.5 * M);
    expect(a.retained).to.be.closeTo(1.5 * M - 1_030_000, 1e-6);
  });

  it('ignores non-positive losses', () => {
    const r = run(validEnhancements(zhongshan), [loss(0, 5 * M, 0, 1, 4), loss(1, 5 * M, -5, 1, 4)]);
    expect(r.a.payments).to.deep.equal([]);
    expect(r.a.totalLoss).to.equal(0);
  });
});

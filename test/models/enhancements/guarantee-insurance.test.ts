// 保证保险 patent pledge-financing guarantee insurance (Zhuji, Quzhou): insurer, guarantor and bank
// share each loss; the bank is the lender, so its share stays with the trust.
import { expect } from 'chai';
import { guaranteeInsurance, type GuaranteeInsurance } from '../../../models/enhancements/guarantee-insurance.js';
import { loss, payer, run, validEnhancements } from './helpers.js';

const M = 1_000_000;
const gi = (x: Record<string, unknown> = {}) => validEnhancements({
  id: 'gi', kind: 'guarantee-insurance',
  shares: { insurer: 0.5, guarantor: 0.3, bank: 0.2 },
  insurer: payer('insurer', { annualDefaultProbability: 0.002, capacity: 3_000_000 }),
  guarantor: payer('guarantor', { annualDefaultProbability: 0.01 }),
  ...x,
});

describe('guarantee insurance (保证保险)', () => {
  it('splits a 1,000,000 loss 50 : 30 : 20: insurer 500,000 and guarantor 300,000 paid in, the bank\'s 200,000 kept', () => {
    const r = run(gi(), [loss(0, 5 * M, 1 * M, 3, 12)]);
    expect(r.paid['insurer']).to.be.closeTo(500_000, 1e-6);
    expect(r.paid['guarantor']).to.be.closeTo(300_000, 1e-6);
    expect(r.a.retained).to.be.closeTo(200_000, 1e-6);
    expect(r.months['insurer']).to.deep.equal([12]);
  });

  it('stops the insurer at its 3 M policy limit while the guarantor keeps paying its 30%', () => {
    // losses 4 M and 4 M: insurer 2 M, then 2 M capped to the 1 M left; guarantor 1.2 M + 1.2 M.
    const r = run(gi(), [loss(0, 5 * M, 4 * M, 3, 12), loss(1, 5 * M, 4 * M, 4, 12)]);
    expect(r.paid['insurer']).to.be.closeTo(3 * M, 1e-6);
    expect(r.paid['guarantor']).to.be.closeTo(2.4 * M, 1e-6);
    expect(r.a.retained).to.be.closeTo(8 * M - 5.4 * M, 1e-6);
  });

  it('has no guarantor party when the guarantor\'s share is 0', () => {
    const [e] = gi({ shares: { insurer: 0.8, guarantor: 0, bank: 0.2 }, guarantor: undefined });
    expect(guaranteeInsurance.parties(e as GuaranteeInsurance).map((p) => [p.id, p.share, p.capacity])).to.deep.equal([['insurer', 0.8, '3000000']]);
  });

  it('pays claims on its timing: 3 months after default when told so', () => {
    const r = run(gi({ timing: { type: 'after-default', months: 3 } }), [loss(0, 5 * M, 1 * M, 3, 12)]);
    expect(r.months['insurer']).to.deep.equal([6]);
  });
});

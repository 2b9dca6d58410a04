// The arithmetic shared by loss-sharing kinds: tier bands, payment months, cap order.
import { expect } from 'chai';
import { coverLossByRule, createLossRuleState, paymentMonths, tieredCover, NO_CAPS, type LossRule } from '../../../models/enhancements/loss-sharing-rules.js';
import { loss } from './helpers.js';

const M = 1_000_000;
const bands = [{ upToLossRatio: 0.01, cover: 0.8 }, { upToLossRatio: 0.02, cover: 0.6 }];

describe('loss-sharing rules', () => {
  it('tieredCover: a loss straddling two bands is covered at each band\'s rate, nothing beyond the last', () => {
    // pool 100 M: band 1 = 0-1 M at 80%, band 2 = 1-2 M at 60%.
    expect(tieredCover(bands, 100 * M, 0, 0.5 * M)).to.be.closeTo(400_000, 1e-6);
    expect(tieredCover(bands, 100 * M, 0.5 * M, 1 * M)).to.be.closeTo(0.5 * M * 0.8 + 0.5 * M * 0.6, 1e-6);
    expect(tieredCover(bands, 100 * M, 1.5 * M, 1 * M)).to.be.closeTo(300_000, 1e-6);
    expect(tieredCover(bands, 100 * M, 2 * M, 1 * M)).to.equal(0);
  });

  it('paymentMonths: after default, at write-off (with delay), deposit then write-off', () => {
    const ev = loss(0, M, M, 4, 16);
    expect(paymentMonths({ type: 'after-default', months: 3 }, ev)).to.deep.equal({ month: 7, securedMonth: 7 });
    expect(paymentMonths({ type: 'at-write-off' }, ev)).to.deep.equal({ month: 16, securedMonth: 16 });
    expect(paymentMonths({ type: 'at-write-off', delayMonths: 2 }, ev)).to.deep.equal({ month: 18, securedMonth: 18 });
    expect(paymentMonths({ type: 'deposit-then-write-off', depositMonths: 2 }, ev)).to.deep.equal({ month: 16, securedMonth: 6 });
  });

  it('applies per-loan, then annual, then aggregate caps, and counts the year by the month money is committed', () => {
    const rule: LossRule = {
      payers: [{ partyId: 'f', share: 0.5, caps: { ...NO_CAPS, perLoan: 1.5 * M, annual: 2 * M, aggregate: 3 * M } }],
      tiers: null, maxLoanSize: Infinity, timing: { type: 'at-write-off' },
    };
    const s = createLossRuleState(rule, 100 * M);
    const amounts = [
      loss(0, 9 * M, 4 * M, 1, 6), //  2 M → per-loan 1.5 M (year 0: 1.5 M)
      loss(1, 9 * M, 2 * M, 2, 7), //  1 M → annual room 0.5 M (year 0: 2 M)
      loss(2, 9 * M, 2 * M, 3, 13), // 1 M in year 1 → aggregate room 3 − 2 = 1 M
      loss(3, 9 * M, 2 * M, 4, 14), // aggregate used up
    ].map((ev) => coverLossByRule(s, ev).reduce((t, p) => t + p.amount, 0));
    expect(amounts).to.deep.equal([1.5 * M, 0.5 * M, 1 * M, 0]);
  });
});

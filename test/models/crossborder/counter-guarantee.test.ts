import { expect } from 'chai';
import { chainFeeStack, counterGuaranteeChain } from '../../../models/crossborder/counter-guarantee.js';

describe('crossborder/counter-guarantee: the "+k" protection chain (跨境反担保)', () => {
  const base = { exposure: 2_060_000, ipRecovery: 1_200_000, firmDefaulted: true, hkGuarantorDefaulted: false, onshoreBankDefaulted: false };

  it('calls nothing when the firm pays', () => {
    const o = counterGuaranteeChain({ ...base, firmDefaulted: false, hkGuarantorDefaulted: true, onshoreBankDefaulted: true });
    expect(o.investorsLoss.toFixed(2)).to.equal('0.00');
    expect(o.paidByHkGuarantor.toFixed(2)).to.equal('0.00');
    expect(o.chainBroken).to.equal(false);
  });

  it('firm defaults, chain intact: investors whole, the onshore bank bears exposure − IP recovery (860,000.00)', () => {
    const o = counterGuaranteeChain(base);
    expect(o.investorsLoss.toFixed(2)).to.equal('0.00');
    expect(o.paidByHkGuarantor.toFixed(2)).to.equal('2060000.00');
    expect(o.paidByOnshoreBank.toFixed(2)).to.equal('2060000.00');
    expect(o.hkGuarantorLoss.toFixed(2)).to.equal('0.00');
    expect(o.recoveredFromIp.toFixed(2)).to.equal('1200000.00');
    expect(o.onshoreBankLoss.toFixed(2)).to.equal('860000.00');
  });

  it('firm and onshore bank default: investors still whole; the Hong Kong guarantor loses what the bank\'s estate does not pay', () => {
    const o = counterGuaranteeChain({ ...base, onshoreBankDefaulted: true, recoveryOnDefaultedGuarantor: 0.4 });
    expect(o.investorsLoss.toFixed(2)).to.equal('0.00');
    expect(o.paidByOnshoreBank.toFixed(2)).to.equal('824000.00'); // 40% of 2,060,000
    expect(o.hkGuarantorLoss.toFixed(2)).to.equal('1236000.00');
    expect(o.onshoreBankLoss.toFixed(2)).to.equal('0.00'); // the IP covers the 824,000 it paid
    expect(o.chainBroken).to.equal(false);
  });

  it('firm and Hong Kong guarantor default: the investors lose (all of it with no estate recovery)', () => {
    const o = counterGuaranteeChain({ ...base, hkGuarantorDefaulted: true });
    expect(o.investorsLoss.toFixed(2)).to.equal('2060000.00');
    expect(o.chainBroken).to.equal(true);
    const partial = counterGuaranteeChain({ ...base, hkGuarantorDefaulted: true, recoveryOnDefaultedGuarantor: 0.25 });
    expect(partial.investorsLoss.toFixed(2)).to.equal('1545000.00');
    expect(partial.paidByOnshoreBank.toFixed(2)).to.equal('515000.00'); // the estate claims only what it paid
    expect(partial.onshoreBankLoss.toFixed(2)).to.equal('0.00');
  });

  it('offshore investors lose only when both the firm and the Hong Kong link fail (all 8 default combinations)', () => {
    for (const firm of [false, true]) for (const hk of [false, true]) for (const bank of [false, true]) {
      const o = counterGuaranteeChain({ ...base, firmDefaulted: firm, hkGuarantorDefaulted: hk, onshoreBankDefaulted: bank });
      expect(o.investorsLoss.greaterThan(0), `firm ${firm} hk ${hk} bank ${bank}`).to.equal(firm && hk);
      // nothing is created or lost in the chain: exposure = investors' loss + HK loss + bank loss + IP used
      if (firm) {
        const sum = o.investorsLoss.plus(o.hkGuarantorLoss).plus(o.onshoreBankLoss).plus(o.recoveredFromIp);
        expect(sum.toFixed(2)).to.equal('2060000.00');
      }
    }
  });

  it('says what happened, step by step', () => {
    const o = counterGuaranteeChain(base);
    expect(o.steps).to.deep.equal([
      'the firm defaults owing the offshore investors 2060000.00',
      'the Hong Kong guarantor pays the investors 2060000.00',
      'the onshore bank pays the counter-guarantee claim of 2060000.00',
      'the onshore bank recovers 1200000.00 from the assigned IP income right / pledge',
    ]);
  });

  it('refuses a missing default flag and a recovery above 1', () => {
    expect(() => counterGuaranteeChain({ ...base, onshoreBankDefaulted: 'no' as unknown as boolean })).to.throw(/onshoreBankDefaulted: must be true or false, got "no"/);
    expect(() => counterGuaranteeChain({ ...base, recoveryOnDefaultedGuarantor: 1.5 })).to.throw(/recoveryOnDefaultedGuarantor: must be between 0 and 1, got 1.5/);
  });

  it('stacks the fees as annual rates: 0.8% + 0.5% + 1% up front over 2 years = 1.8% a year', () => {
    const s = chainFeeStack({ counterGuaranteeFee: 0.008, hkGuaranteeFee: 0.005, arrangementFeeUpfront: 0.01, termYears: 2 });
    expect(s.arrangementFeeAnnualised).to.equal(0.005);
    expect(s.total).to.be.closeTo(0.018, 1e-15);
    expect(() => chainFeeStack({ counterGuaranteeFee: 0.008, hkGuaranteeFee: 0.005, arrangementFeeUpfront: 0.01, termYears: 0 })).to.throw(/termYears/);
  });
});

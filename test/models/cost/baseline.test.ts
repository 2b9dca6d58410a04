import { expect } from 'chai';
import { FUTIAN_IP_LOAN_SUBSIDY } from '../../../models/cost/all-in.js';
import { baselineBankLoan, savingAmount, savingVsBaseline } from '../../../models/cost/baseline.js';

describe('cost/baseline: a direct IP-pledge bank loan to compare against', () => {
  const loan = {
    principal: 2_000_000, startDate: '2023-08-21', spreadOverLpr: 0.005,
    appraisalFeeRate: 0.005, guaranteeFeeRate: 0.015,
  };

  it('prices at the 1-year LPR in force (3.45% on 2023-08-21) + 50 bp = 3.95%', () => {
    const b = baselineBankLoan(loan);
    expect(b.lpr).to.equal(0.0345);
    expect(b.rate).to.be.closeTo(0.0395, 1e-15);
    expect(b.lprHeldFlat).to.equal(false);
  });

  it('costs 6.2156% all-in with 10,000 appraisal and 30,000 guarantee fees paid up front', () => {
    // received 2,000,000 − 10,000 − 30,000 = 1,960,000; interest 20,188.89 ×3 and 19,750.00; principal at the end
    const b = baselineBankLoan(loan);
    expect(b.totals['upfront-fee']!.toFixed(2)).to.equal('-10000.00');
    expect(b.totals['guarantee-fee']!.toFixed(2)).to.equal('-30000.00');
    expect(b.totals.interest!.toFixed(2)).to.equal('-80316.67');
    expect(b.costRate).to.be.closeTo(0.0621563, 1e-7);
  });

  it('with Futian\'s 70% subsidy the same bank loan costs about 1.82%', () => {
    const b = baselineBankLoan({ ...loan, subsidy: FUTIAN_IP_LOAN_SUBSIDY });
    // 70% of each payment, to the fen: 7,000 + 21,000 + 3 × 14,132.22 (of 20,188.89) + 13,825.00 (of 19,750.00)
    expect(b.subsidy.total.toFixed(2)).to.equal('84221.66');
    expect(b.subsidyAdjustedCostRate).to.be.closeTo(0.018189, 1e-5);
  });

  it('resets a two-year loan to the LPR on the anniversary: 3.45% + 50 bp, then 3.35% + 50 bp from 2024-08-21', () => {
    const b = baselineBankLoan({ ...loan, termMonths: 24 });
    expect(b.schedule.map((p) => +p.rate.toFixed(6))).to.deep.equal([0.0395, 0.0395, 0.0395, 0.0395, 0.0385, 0.0385, 0.0385, 0.0385]);
  });

  it('flags a loan priced off an LPR held flat beyond the last confirmed fixing', () => {
    expect(baselineBankLoan({ ...loan, startDate: '2027-01-04' }).lprHeldFlat).to.equal(true);
  });

  it('refuses a start before the reformed LPR existed', () => {
    expect(() => baselineBankLoan({ ...loan, startDate: '2019-01-02' })).to.throw(/startDate: no loan prime rate before 2019-08-20/);
  });
});

describe('cost/baseline: saving against the baseline', () => {
  it('is 1 − cost / baseline: 3.16% against 3.95% is a 20% cut; 1.79% against 3.95% is 54.7%', () => {
    expect(savingVsBaseline(0.0316, 0.0395)).to.be.closeTo(0.2, 1e-12);
    expect(savingVsBaseline(0.0179, 0.0395)).to.be.closeTo(0.546835, 1e-6);
  });

  it('turns a rate saving into yuan: (3.95% − 3.16%) × 2 M × 1 year = 15,800.00', () => {
    expect(savingAmount(0.0316, 0.0395, 2_000_000, 1).toFixed(2)).to.equal('15800.00');
  });

  it('refuses a baseline that is not a positive rate', () => {
    expect(() => savingVsBaseline(0.02, 0)).to.throw(/baselineRate: must be a positive rate/);
  });
});

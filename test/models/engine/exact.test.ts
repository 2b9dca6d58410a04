import { expect } from 'chai';
import { runExact } from '../../../models/engine/exact.js';
import { isBusinessDay } from '../../../models/calendar/business-days.js';
import { loadScenario, scenarioFiles, SCENARIO_DIR } from '../../support/scenarios.js';

describe('exact engine: the Yuhang ABN base case', () => {
  const report = runExact(loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`));

  it('pays the notes 2.7% for the year: 3,591,000.00 on 133 M over 365 days (ACT/365F)', () => {
    expect(report.totals.tranches.senior!.interest).to.equal(3_591_000);
  });

  it('accrues each quarter on unadjusted dates: 92/365, 92/365, 91/365, 90/365 of 2.7%', () => {
    // 133,000,000 × 0.027 × 92 / 365 = 905,128.767… → 905,128.77; × 91/365 = 895,290.41; × 90/365 = 885,452.05
    expect(report.periods.map((p) => p.tranches.senior!.interest)).to.deep.equal([905_128.77, 905_128.77, 895_290.41, 885_452.05]);
    expect(report.periods.map((p) => p.accrualEnd)).to.deep.equal(['2023-06-16', '2023-09-16', '2023-12-16', '2024-03-15']);
  });

  it('rolls Saturday payment dates to the next interbank business day with no extra interest', () => {
    expect(report.periods.map((p) => p.date)).to.deep.equal(['2023-06-16', '2023-09-18', '2023-12-18', '2024-03-15']);
    for (const p of report.periods) expect(isBusinessDay(p.date, 'CN-IB'), p.date).to.equal(true);
  });

  it('repays the 133 M principal in full at maturity and pays no enhancement', () => {
    expect(report.totals.tranches.senior!.principal).to.equal(133_000_000);
    expect(report.totals.tranches.senior!.finalBalance).to.equal(0);
    expect(report.periods[3]!.tranches.senior!.principal).to.equal(133_000_000);
    expect(report.totals.enhancementDraws).to.equal(0);
  });

  it('holds excess licence fees in the trust until the notes are repaid, then releases them to the originator', () => {
    expect(report.periods.slice(0, 3).map((p) => p.residual)).to.deep.equal([0, 0, 0]);
    expect(report.periods[2]!.carriedForward).to.be.greaterThan(0);
    // 137,522,000 collected = 99,749.99 fees + 3,591,000 interest + 133,000,000 principal + 831,250.01 residual
    expect(report.totals.collections).to.equal(137_522_000);
    expect(report.totals.fees + report.totals.interest + report.totals.principal + report.totals.residual).to.equal(137_522_000);
    expect(report.totals.residual).to.equal(831_250.01);
  });

  it('takes the up-front fees out of what the firms receive', () => {
    // underwriting 0.3% × 133 M = 399,000; registration 0.005% = 6,650; rating 250,000; legal 200,000
    expect(report.issuance.upfrontFees).to.equal(855_650);
    expect(report.issuance.netToFirms).to.equal(132_144_350);
  });
});

describe('exact engine: every shipped scenario', () => {
  for (const file of scenarioFiles()) {
    const name = file.split('/').pop()!;
    it(`${name}: reconciles cash to the fen in every period and repays every note`, () => {
      const r = runExact(loadScenario(file));
      for (const p of r.periods) {
        expect(Math.round(p.cashIn * 100), `${name} period ${p.period}`).to.equal(Math.round(p.cashOut * 100));
      }
      expect(r.reconciled).to.equal(true);
      for (const [id, t] of Object.entries(r.totals.tranches)) {
        expect(t.finalBalance, `${name} ${id} final balance`).to.equal(0);
        expect(t.interestShortfall, `${name} ${id} unpaid interest`).to.equal(0);
      }
    });
  }
});

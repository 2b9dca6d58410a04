import { expect } from 'chai';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { lossAllocationReport, worstPaths, type LossAllocationReport } from '../../../models/montecarlo/tail-allocation.js';
import { yuhang, yuhangWithFund } from '../sizing/deals.js';

const bearer = (r: LossAllocationReport, id: string) => r.bearers.find((b) => b.id === id)!;

describe('loss-allocation report (损失分配)', () => {
  const paths = 20_000;
  const seed = 5;
  let report: LossAllocationReport;
  before(() => { report = lossAllocationReport(yuhang(), { paths, seed }); });

  it('runs the same paths as simulate: its expected values are simulate’s loss allocation', async () => {
    const sim = await simulate(yuhang(), { paths, seed });
    const la = sim.lossAllocation;
    expect(report.pool.netLoss.expected.mean).to.be.closeTo(la.poolLoss.mean, 0.01);
    expect(bearer(report, 'senior').expected.mean).to.be.closeTo(la.tranches['senior']!.mean, 0.01);
    for (const id of ['yuhang-sci-tech-group', 'hangzhou-guarantee', 'yuhang-guarantee']) {
      expect(bearer(report, id).expected.mean, id).to.be.closeTo(la.parties[id]!.mean, 0.01);
    }
    expect(bearer(report, 'originator').expected.mean).to.be.closeTo(la.residualReduction.mean, 0.01);
  });

  it('traces every yuan the trust lacked to someone who bore it (bullet notes: nothing unattributed)', () => {
    expect(report.pool.unattributed.expected).to.equal(0);
    expect(report.pool.unattributed.tail).to.equal(0);
    // (Yuhang has no loss-sharing payer, so nothing is paid after the deal.)
    const borne = (key: 'expected' | 'tail') => report.bearers.reduce((s, b) => s + b[key].mean, 0);
    expect(borne('expected')).to.be.closeTo(report.pool.cashShortfall.expected.mean, 0.1);
    expect(borne('tail')).to.be.closeTo(report.pool.cashShortfall.tail.mean, 0.1);
    const shares = report.bearers.reduce((s, b) => s + b.shareOfShortfall, 0);
    expect(shares).to.be.closeTo(1, 1e-5);
    // The trust lacks more than the net loss: the lost licence fees of defaulted firms and the
    // recoveries that come after the notes' final date (a 12-month lag on a one-year deal).
    expect(report.pool.cashShortfall.expected.mean).to.be.greaterThan(report.pool.netLoss.expected.mean);
  });

  it('takes the worst 1% of paths by pool loss as the tail', () => {
    expect(report.run.tail).to.equal(0.99);
    expect(report.run.tailPaths).to.equal(200); // ⌈1% × 20,000⌉
    expect(report.pool.netLoss.tail.mean).to.be.at.least(report.run.tailPoolLossThreshold);
    expect(report.pool.netLoss.tail.mean).to.be.greaterThan(10 * report.pool.netLoss.expected.mean);
    // In the bad paths the undertaker is almost always paying; on average it pays in ~1 path in 9.
    const u = bearer(report, 'yuhang-sci-tech-group');
    expect(u.tailProbabilityHit).to.be.greaterThan(0.9);
    expect(u.probabilityHit).to.be.within(0.08, 0.16);
    expect(u.tail.mean).to.be.greaterThan(u.expected.mean);
  });

  it('orders Yuhang’s bearers by the order of loss: residual, undertaker, then the guarantors and last the senior notes', () => {
    expect(report.order.slice(0, 2)).to.deep.equal(['originator', 'yuhang-sci-tech-group']);
    // The guarantors pay only on the rare paths on which the undertaker has defaulted; their
    // order between themselves depends on their own defaults, so only their place is checked.
    expect(report.order.slice(2, 4).sort()).to.deep.equal(['hangzhou-guarantee', 'yuhang-guarantee']);
    expect(report.order.slice(4)).to.deep.equal(report.order.includes('senior') ? ['senior'] : []);
    // Everyone waits for the one-year bullet date: the residual is cut in month 12.
    expect(bearer(report, 'originator').meanFirstHitMonth).to.equal(12);
  });

  it('names bad options', () => {
    expect(() => lossAllocationReport(yuhang(), { paths: 2_000_000, seed: 1 })).to.throw(/^paths: the allocation report keeps every path in memory; must be a whole number from 1 to 1,000,000, got 2000000$/);
    expect(() => lossAllocationReport(yuhang(), { paths: 100, seed: 1, tail: 1 })).to.throw('tail: must be a quantile strictly between 0 and 1 (0.99 = the worst 1% of paths), got 1');
  });
});

describe('worst paths', () => {
  it('are the k largest losses, largest first, ties in path order', () => {
    expect(Array.from(worstPaths(Float64Array.from([0, 5, 3, 5, 9, 0]), 3))).to.deep.equal([4, 1, 3]);
    expect(Array.from(worstPaths(Float64Array.from([0, 0, 0]), 2))).to.deep.equal([0, 1]);
  });
});

describe('risk-compensation timing (前补偿 vs 核销后补偿)', () => {
  const opts = { paths: 10_000, seed: 7 };
  let early: LossAllocationReport;
  let late: LossAllocationReport;
  before(() => {
    early = lossAllocationReport(yuhangWithFund('after-90-days'), opts);
    late = lossAllocationReport(yuhangWithFund('at-write-off'), opts);
  });
  const fund = (r: LossAllocationReport) => bearer(r, 'city-fund');

  it('does not change the undiscounted total the fund pays: 55% of every net loss either way', () => {
    expect(fund(early).expected.mean).to.be.greaterThan(0);
    expect(fund(late).expected.mean).to.equal(fund(early).expected.mean);
    expect(fund(late).tail.mean).to.equal(fund(early).tail.mean);
    expect(fund(early).expected.mean / early.pool.netLoss.expected.mean).to.be.closeTo(0.55, 1e-6);
  });

  it('moves the cash: each payment 9 − 3 = 6 months later at write-off (recovery lag 9 months)', () => {
    expect(fund(late).meanPaymentMonth! - fund(early).meanPaymentMonth!).to.be.closeTo(6, 1e-3);
    // More of it arrives after the notes' final date, where it cannot help them.
    expect(fund(late).expectedPaidAfterDeal).to.be.greaterThan(fund(early).expectedPaidAfterDeal!);
  });

  it('so the senior notes lose less when the fund pays after 90 days', async () => {
    const a = await simulate(yuhangWithFund('after-90-days'), opts);
    const b = await simulate(yuhangWithFund('at-write-off'), opts);
    expect(a.parties[0]!.expectedPaid).to.equal(b.parties[0]!.expectedPaid);
    expect(a.tranches[0]!.expectedLossRate).to.be.lessThan(b.tranches[0]!.expectedLossRate);
  });
});

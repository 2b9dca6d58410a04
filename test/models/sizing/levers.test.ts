import { expect } from 'chai';
import { createLever, defaultLever, fenToYuan, splitFen, yuanToFen } from '../../../models/sizing/levers.js';
import { yuhang, yuhangGuaranteeOnly, yuhangReserveOnly, yuhangSeniorJunior, yuhangWithFund } from './deals.js';

describe('sizing levers', () => {
  it('count money in whole fen, both ways, exactly', () => {
    expect(fenToYuan(0)).to.equal('0.00');
    expect(fenToYuan(133_000_000_00)).to.equal('133000000.00');
    expect(fenToYuan(547_435_760)).to.equal('5474357.60');
    expect(yuanToFen('5474357.6')).to.equal(547_435_760);
    expect(yuanToFen(79_800_000)).to.equal(7_980_000_000);
    expect(() => yuanToFen('1.234')).to.throw(/exact to the fen/);
    expect(() => fenToYuan(1.5)).to.throw(/whole, non-negative number of fen/);
  });

  it('split an amount in a ratio to the fen, the last part taking the rounding rest', () => {
    expect(splitFen(100, [0.6, 0.4])).to.deep.equal([60, 40]);
    expect(splitFen(1, [1, 1])).to.deep.equal([0, 1]);
    expect(splitFen(1001, [798, 532])).to.deep.equal([600, 401]); // 1001 × 0.6 = 600.6 rounded down
    for (const fen of [0, 1, 7, 99_999, 13_300_000_000]) expect(splitFen(fen, [3, 5, 11]).reduce((s, x) => s + x, 0)).to.equal(fen);
  });

  it('scale every guarantor’s cap together, keeping the 60 : 40 ratio of the Yuhang pair', () => {
    const lever = createLever(yuhang(), 'guarantee');
    expect(lever.kind).to.equal('capacity');
    expect(lever.label).to.equal('guarantee cap');
    expect(lever.currentFen / 100).to.equal(133_000_000);
    expect(lever.maxFen / 100).to.equal(1_330_000_000); // 10 × the notes
    const g = lever.apply(yuanToFen('10000000.01')).enhancements[1]!;
    if (g.kind !== 'guarantee') throw new Error('not a guarantee');
    expect(g.guarantors.map((x) => x.capacity)).to.deep.equal(['6000000.00', '4000000.01']);
    // Nothing else moves: the undertaking, the pool and the notes are as they were.
    expect(lever.apply(0).enhancements[0]).to.deep.equal(yuhang().enhancements[0]);
  });

  it('set a shortfall undertaking’s capacity', () => {
    const lever = createLever(yuhang(), 'undertaking');
    expect(lever.label).to.equal('shortfall-undertaking capacity');
    const u = lever.apply(yuanToFen('25000000')).enhancements[0]!;
    expect(u.kind === 'shortfall-undertaking' && u.capacity).to.equal('25000000.00');
  });

  it('move balance from the senior to the junior tranche, keeping the notes equal to the pool funding', () => {
    const deal = yuhangSeniorJunior(13_300_000);
    const lever = createLever(deal, 'subordination');
    expect(lever.kind).to.equal('subordination');
    expect(lever.protectedTranche).to.equal('senior');
    expect(lever.currentFen / 100).to.equal(13_300_000);
    const moved = lever.apply(yuanToFen(20_000_000)).liabilities.tranches;
    expect(moved.map((t) => [t.id, t.balance])).to.deep.equal([['senior', '113000000.00'], ['junior', '20000000.00']]);
    // The tranche itself can be named instead of a subordination entry.
    expect(createLever(deal, 'senior', 'subordination').currentFen).to.equal(lever.currentFen);
  });

  it('size a reserve account: initial balance and a fixed target, both the amount', () => {
    const lever = createLever(yuhangReserveOnly(), 'reserve');
    expect(lever.kind).to.equal('reserve');
    expect(lever.apply(yuanToFen(5_000_000)).accounts[0]).to.deep.include({ initialBalance: '5000000.00', target: { type: 'fixed', amount: '5000000.00' } });
  });

  it('pick the lever that fits what the id names', () => {
    expect(defaultLever(yuhang(), 'guarantee')).to.equal('capacity');
    expect(defaultLever(yuhangReserveOnly(), 'reserve')).to.equal('reserve');
    expect(defaultLever(yuhangSeniorJunior(), 'subordination')).to.equal('subordination');
    expect(defaultLever(yuhangSeniorJunior(), 'senior')).to.equal('subordination');
  });

  it('refuse what cannot be sized, saying what can', () => {
    expect(() => createLever(yuhang(), 'guarantor')).to.throw(
      'enhancement: unknown id "guarantor" (enhancements: "undertaking", "guarantee"; reserve accounts: none; tranches: "senior")',
    );
    expect(() => createLever(yuhangWithFund('at-write-off'), 'fund')).to.throw(/^enhancement: "fund" is a risk-compensation-fund; the capacity lever sizes a guarantee or a shortfall-undertaking/);
    expect(() => createLever(yuhang(), 'senior', 'subordination')).to.throw('enhancement: no tranche is junior to "senior" (seniority 1); the subordination lever moves balance from it to the most junior tranche');
    expect(() => createLever(yuhang(), 'guarantee', 'reserve')).to.throw(/^enhancement: "guarantee" is not a reserve account; the reserve lever sizes one/);
    expect(() => createLever(yuhangGuaranteeOnly(), 'guarantee', 'capacity', { maxAmount: '-5' })).to.throw(/^maxAmount: must be an amount in yuan above 0/);
  });
});

import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { exactNum, floatNum } from '../../../models/money/num.js';

describe('money arithmetic', () => {
  it('rounds to the fen half-up in both the exact and the float implementation', () => {
    // 2.675 and 1.005 are just below the half in binary; the float rounding must still go up.
    for (const [x, want] of [['2.675', 2.68], ['1.005', 1.01], ['-2.675', -2.68], ['905128.767123', 905128.77], ['0.004999', 0]] as const) {
      expect(exactNum.fen(new Decimal(x)).toNumber(), x).to.equal(want);
      expect(floatNum.fen(Number(x)), x).to.equal(want);
    }
  });

  it('accrues a quarter of 2.7% on 133 M over 92/365 exactly', () => {
    const exact = exactNum.fen(exactNum.ratio(exactNum.times(new Decimal(133_000_000), 0.027), 92, 365));
    expect(exact.toFixed(2)).to.equal('905128.77');
    expect(floatNum.fen(floatNum.ratio(133_000_000 * 0.027, 92, 365))).to.equal(905128.77);
  });
});

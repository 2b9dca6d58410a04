import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
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

  it('keeps the float and the exact arithmetic in different V8 hidden classes (else every Monte Carlo double is boxed)', function () {
    this.timeout(20_000);
    // Sharing one hidden class makes `zero` an "any value" field for V8, and the waterfall on doubles
    // then allocates a heap number for every amount it carries round a loop (see num.ts).
    const src = new URL('../../../models/money/num.ts', import.meta.url).href;
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e',
      `import { exactNum, floatNum } from ${JSON.stringify(src)}; console.log(%HaveSameMap(exactNum, floatNum))`], { encoding: 'utf8' });
    expect(r.stderr).to.equal('');
    expect(r.stdout.trim()).to.equal('false');
  });
});

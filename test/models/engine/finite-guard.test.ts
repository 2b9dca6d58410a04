import { expect } from 'chai';
import { assertFiniteResult, firstNonFinite, NonFiniteResultError } from '../../../models/engine/finite-guard.js';

describe('finite guard: no NaN or Infinity leaves an engine (issue 16)', () => {
  it('names the path of the first number that is not finite', () => {
    expect(firstNonFinite({ a: 1, b: [0, { c: 2 }], d: 'x', e: null })).to.equal(null);
    expect(firstNonFinite({ totals: { collections: Number.NaN } })).to.deep.equal({ path: 'totals.collections', value: Number.NaN });
    expect(firstNonFinite({ periods: [{ fees: 1 }, { fees: 2, tranches: { senior: { interest: Infinity } } }] })).to.deep.equal({ path: 'periods[1].tranches.senior.interest', value: Infinity });
    expect(firstNonFinite({ hist: Float64Array.from([0, 1, -Infinity]) })).to.deep.equal({ path: 'hist[2]', value: -Infinity });
    expect(firstNonFinite(Number.NaN)).to.deep.equal({ path: '(result)', value: Number.NaN });
  });

  it('walks deep results without recursion', () => {
    let deep: unknown = Number.NaN;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(firstNonFinite(deep)?.path).to.equal(`${'[0]'.repeat(200_000)}`);
  });

  it('throws a named error whose message says which engine, where and what', () => {
    const ok = { x: 1 };
    expect(assertFiniteResult('schedule', ok)).to.equal(ok);
    try {
      assertFiniteResult('schedule', { totals: { fees: Number.NaN } });
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(NonFiniteResultError);
      expect((e as NonFiniteResultError).path).to.equal('totals.fees');
      expect((e as Error).message).to.equal('schedule: totals.fees came out as NaN (every reported number must be finite); the result is withheld — this deal exposes a defect, please report it with the deal file');
    }
  });
});

import { expect } from 'chai';
import { formatProblem, validateDeal, validateDealText } from '../../../models/deal-format/validate.js';
import { loadRaw } from '../../support/scenarios.js';

import { withChanges } from '../../support/json-edit.js';

const yuhang = (changes: Record<string, unknown> = {}) => withChanges(loadRaw('yuhang-abn-2023.json'), changes);
const problemsOf = (deal: unknown): string[] => {
  const r = validateDeal(deal);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('deal validation', () => {
  it('accepts the shipped Yuhang deal', () => {
    expect(problemsOf(yuhang())).to.deep.equal([]);
  });

  it('names the line and column of malformed JSON', () => {
    const r = validateDealText('{\n  "schemaVersion": 1,\n  "meta": { "id": "x", }\n}');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems[0]!.message).to.match(/^malformed JSON at line 3, column \d+/);
  });

  it('names line and column even where Node does not give a position, without quoting the file back', () => {
    const r = validateDealText('{\n  "meta": {\n    "active": tru\n  }\n}');
    expect(r.ok).to.equal(false);
    // "tru" breaks where its fourth letter should be: the line break at line 3, column 18.
    if (!r.ok) expect(r.problems[0]!.message).to.equal('malformed JSON at line 3, column 18: unexpected character "\\n" (a deal file must be one JSON object)');
  });

  it('says an empty file is empty, and ignores a byte-order mark', () => {
    const empty = validateDealText('  \n');
    expect(empty.ok).to.equal(false);
    if (!empty.ok) expect(empty.problems[0]!.message).to.equal('malformed JSON at line 2, column 1: the file is empty (a deal file must be one JSON object)');
    const bom = validateDealText('\ufeff{}');
    expect(bom.ok).to.equal(false);
    if (!bom.ok) expect(bom.problems[0]!.message).not.to.match(/malformed/);
  });

  it('says a coupon of 27 is out of range, with the range and the value', () => {
    const d = yuhang({ '/liabilities/tranches/0/coupon/rate': 27 });
    expect(problemsOf(d)).to.include('liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27');
  });

  it('lists the allowed fields when it meets an unknown one', () => {
    const d = yuhang({ '/meta/colour': 'red' });
    const ps = problemsOf(d);
    expect(ps).to.have.length(1);
    expect(ps[0]).to.match(/^meta: unknown field "colour" \(allowed: id, name, .*issueDate/);
  });

  it('reports a wrong type with what was expected', () => {
    const d = yuhang({ '/pool/obligors/2/credit/annualDefaultProbability': 'low' });
    expect(problemsOf(d)).to.deep.equal(['pool.obligors[2].credit.annualDefaultProbability: must be a fraction between 0 and 1, got string "low"']);
  });

  it('refuses negative amounts and amounts finer than the fen', () => {
    const d = yuhang({ '/pool/obligors/0/ip/appraisedValue': -5, '/fees/4/basis/amount': 100.123 });
    const ps = problemsOf(d);
    expect(ps).to.include('pool.obligors[0].ip.appraisedValue: must not be negative, got -5');
    expect(ps).to.include('fees[4].basis.amount: must be exact to the fen (at most 2 decimals), got 100.123');
  });

  it('checks that tranches add up to the pool funding', () => {
    const d = yuhang({ '/liabilities/tranches/0/balance': 130000000 });
    expect(problemsOf(d)).to.deep.equal([
      "liabilities.tranches: tranche balances add up to 130000000.00 but the pool's funding (sum of purchase prices) is 133000000.00; they must be equal",
    ]);
  });

  it('checks dates are in order', () => {
    const d = yuhang({ '/meta/maturityDate': '2023-01-01', '/pool/obligors/1/asset/payments/2/date': '2023-08-01' });
    const ps = problemsOf(d);
    expect(ps).to.include('meta.maturityDate: must be after meta.issueDate (2023-03-16), got 2023-01-01');
    expect(ps).to.include('pool.obligors[1].asset.payments[2].date: must be after the previous payment date (2023-09-01); dates must be in increasing order, got 2023-08-01');
  });

  it('refuses a deal that runs past the calendar\'s holiday data, saying the range', () => {
    const d = yuhang({ '/meta/maturityDate': '2028-03-15' });
    expect(problemsOf(d)).to.include('meta.maturityDate: the CN-IB calendar has official holiday data from 2019-01-01 to 2027-12-31, got 2028-03-15 (move the deal inside that range, or use calendar "NONE" for weekends only)');
  });

  it('refuses impossible calendar dates', () => {
    const d = yuhang({ '/meta/issueDate': '2023-02-30' });
    expect(problemsOf(d)).to.include('meta.issueDate: must be a real date written YYYY-MM-DD, got "2023-02-30"');
  });

  it('lists allowed values for an enum and for an unknown kind', () => {
    const d = yuhang({ '/meta/dayCount': 'ACT/366', '/enhancements/0/kind': 'hope' });
    const ps = problemsOf(d);
    expect(ps).to.include('meta.dayCount: must be one of "ACT/365F", "ACT/360", "ACT/ACT-ISDA", "30/360", got "ACT/366"');
    expect(ps.some((p) => p.startsWith('enhancements[0].kind: kind must be one of "shortfall-undertaking", "guarantee"'))).to.equal(true);
  });

  it('requires guarantor shares to add to 100%', () => {
    const d = yuhang({ '/enhancements/1/guarantors/1/share': 0.5 });
    expect(problemsOf(d)).to.deep.equal(['enhancements[1].guarantors: shares must add to 1 (100%), got 1.1']);
  });

  it('catches waterfall references to things that do not exist', () => {
    const d = yuhang({ '/waterfall/normal/2/tranches': ['mezz'] });
    expect(problemsOf(d)).to.deep.equal(['waterfall.normal[2].tranches[0]: unknown tranche "mezz" (tranches: "senior")']);
  });

  it('requires provenance pointers to resolve', () => {
    const d = yuhang({ '/provenance/0/path': '/meta/issueDay' });
    expect(problemsOf(d)).to.deep.equal(['provenance[0].path: points at nothing in this deal: "/meta/issueDay" (a JSON Pointer to an existing field)']);
  });

  it('reports every problem at once, not just the first', () => {
    const d = yuhang({ '/liabilities/tranches/0/coupon/rate': 27, '/meta/currency': 'EUR', '/meta/name': undefined });
    expect(problemsOf(d)).to.have.length(3);
  });
});

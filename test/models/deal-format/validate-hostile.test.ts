// Issue 16: the validator lists problems with their paths for hostile and odd deals — it never
// throws — and refuses first whatever an engine would refuse.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../../server/config.js';
import { formatProblem, validateDeal, validateDealText } from '../../../models/deal-format/validate.js';
import { moneyProblem } from '../../../models/deal/schema-helpers.js';
import { royaltyFlows } from '../../../models/pool/licence-royalty.js';
import { loadRaw } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

const yuhang = (changes: Record<string, unknown> = {}) => withChanges(loadRaw('yuhang-abn-2023.json'), changes);
const bankRail = (changes: Record<string, unknown> = {}) => withChanges(loadRaw('ningbo-bank-rail-2024.json'), changes);
/** The problems as `path: message`; fails the test if validation throws. */
const problemsOf = (deal: unknown): string[] => {
  const r = validateDeal(deal);
  return r.ok ? [] : r.problems.map(formatProblem);
};
const nested = (depth: number, leaf: unknown, wrap: (x: unknown) => unknown): unknown => {
  let x = leaf;
  for (let i = 0; i < depth; i++) x = wrap(x);
  return x;
};

describe('validation never throws (issue 16, defect 2)', () => {
  it('refuses a deal with a rail whose maturity lies before the holiday data, naming the dates', () => {
    const ps = problemsOf(bankRail({ '/meta/maturityDate': '2000-01-01' }));
    expect(ps).to.include('meta.maturityDate: the CN-IB calendar has official holiday data from 2019-01-01 to 2027-12-31, got 2000-01-01 (move the deal inside that range, or use calendar "NONE" for weekends only)');
    for (const p of ps) expect(p).to.match(/^[a-zA-Z]/); // every problem has a path
  });

  it('refuses a deal with a rail whose maturity lies after the holiday data', () => {
    const ps = problemsOf(bankRail({ '/meta/maturityDate': '2029-01-01' }));
    expect(ps).to.deep.equal(['meta.maturityDate: the CN-IB calendar has official holiday data from 2019-01-01 to 2027-12-31, got 2029-01-01 (move the deal inside that range, or use calendar "NONE" for weekends only)']);
  });

  it('refuses a deal whose collections would be held (rail lag) past the holiday data, without rolling there', () => {
    // Maturity on the last day of the data; the last licence fee then sits with the servicer 30
    // days, into 2028, where the calendar has no data.
    const d = bankRail({ '/meta/maturityDate': '2027-12-31' }) as { pool: { obligors: Array<{ asset: { payments: Array<{ date: string }> } }> } };
    const last = d.pool.obligors[0]!.asset.payments;
    last[last.length - 1]!.date = '2027-12-20';
    const ps = problemsOf(d);
    expect(ps.some((p) => p.startsWith('pool.obligors[0].asset: the payment due 2027-12-20 reaches the trust on 2028-01-19'))).to.equal(true, ps.join('\n'));
  });

  it('says a tranche balance with a leading space is not money (was a DecimalError)', () => {
    expect(problemsOf(yuhang({ '/liabilities/tranches/0/balance': ' 133000000.00' }))).to.deep.equal([
      'liabilities.tranches[0].balance: must be an amount in yuan written as digits with an optional point and at most 2 decimals, such as "133000000.00" or 133000000 (no spaces, signs, underscores, separators or exponents), got " 133000000.00"',
    ]);
  });

  it('survives 100,000-deep nesting in an enum field and in schemaVersion', () => {
    expect(problemsOf(yuhang({ '/meta/market': nested(100_000, 'exchange-abs', (x) => [x]) }))).to.deep.equal([
      'meta.market: must be one of "interbank-abn", "exchange-abs", "offshore-private", got [[[[…]]]]',
    ]);
    expect(problemsOf(yuhang({ '/schemaVersion': nested(100_000, 1, (x) => ({ a: x })) }))).to.deep.equal([
      'schemaVersion: must be 1, got {"a":{"a":{"a":{…}}}}',
    ]);
  });

  it('survives the same nesting as JSON text (the editor and the CLI read text)', () => {
    const text = JSON.stringify(yuhang()).replace('"schemaVersion":1', `"schemaVersion":${'['.repeat(100_000)}1${']'.repeat(100_000)}`);
    const r = validateDealText(text);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.problems.map(formatProblem)).to.deep.equal(['schemaVersion: must be 1, got [[[[…]]]]']);
  });

  it('cuts a 10 MB value to the echo length, saying how long it was', () => {
    const ps = problemsOf(yuhang({ '/meta/id': 'X'.repeat(10_000_000) }));
    expect(ps).to.have.length(1);
    expect(ps[0]!.length).to.be.below(400);
    expect(ps[0]).to.match(/^meta\.id: must be an identifier .*, got "X{80}"… \(10,000,000 characters\)$/);
  });

  it('no schema message quotes its input raw (JSON.stringify of a 5,000-character value, or of deep nesting, was the message)', () => {
    // A new field's error text must quote the value through describeValue/echo, which cut and bound it.
    const files: string[] = [];
    const walk = (dir: string) => { for (const f of readdirSync(dir)) { const p = join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) files.push(p); } };
    walk(join(projectRoot, 'models'));
    const raw = files.filter((p) => /JSON\.stringify\(iss\.input\)/.test(readFileSync(p, 'utf8'))).map((p) => relative(projectRoot, p));
    expect(raw).to.deep.equal([]);
    expect(problemsOf(withChanges(loadRaw('ningbo-bank-rail-2024.json'), { '/enhancements/0/guarantors/0/domesticRating': 'a'.repeat(5000) }))[0]).to.match(/got "a{80}"… \(5,000 characters\)$/);
  });

  it('cuts and counts unknown field names instead of echoing them whole', () => {
    const d = yuhang() as Record<string, unknown>;
    for (let i = 0; i < 12; i++) d[`${'k'.repeat(1000)}${i}`] = 1;
    const ps = problemsOf(d);
    expect(ps).to.have.length(1);
    expect(ps[0]!.length).to.be.below(1500);
    expect(ps[0]).to.match(/^\(deal\): unknown field "k{80}"… \(1,001 characters\), .* and 7 more \(allowed: \$schema, schemaVersion/);
  });
});

describe('money has one grammar, checked once (issue 16, defect 3)', () => {
  it('accepts JSON numbers and digit strings with at most two decimals', () => {
    for (const ok of [0, 1, 133_000_000, 0.5, 12.34, '0', '133000000', '133000000.5', '133000000.00', '007', 1e15, '1000000000000000']) {
      expect(moneyProblem(ok), String(ok)).to.equal(null);
    }
  });
  const refused: Array<[unknown, RegExp]> = [
    ['15_700_000', /^must be an amount in yuan written as digits/], [' 1', /^must be an amount/], ['1 ', /^must be an amount/],
    ['1,000', /^must be an amount/], ['1e5', /^must be an amount/], ['0x10', /^must be an amount/], ['Infinity', /^must be an amount/],
    ['NaN', /^must be an amount/], ['', /^must be an amount/], ['1.', /^must be an amount/], ['.5', /^must be an amount/],
    ['+1', /^must be an amount/], ['１２３', /^must be an amount/], ['1\u00a0000', /^must be an amount/],
    ['-5', /^must not be negative, got "-5"$/], ['1.234', /^must be exact to the fen/], ['-1.5', /^must not be negative/], [-5, /^must not be negative/], [0.001, /^must be exact to the fen/], [1e16, /^must be at most 1e15 yuan/],
    ['10000000000000000', /^must be at most 1e15 yuan/], [Number.NaN, /^must be a finite amount/], [Number.POSITIVE_INFINITY, /^must be a finite amount/],
    [true, /^must be an amount in yuan: a number, or a string of digits.*got boolean$/], [null, /got null$/],
  ];
  for (const [v, re] of refused) {
    it(`refuses ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`, () => {
      expect(moneyProblem(v)).to.match(re);
    });
  }

  it('refuses "15_700_000" in a deal (decimal.js read it, Number() made NaN in the Monte Carlo engine)', () => {
    const ps = problemsOf(yuhang({ '/liabilities/tranches/0/balance': '133_000_000' }));
    expect(ps).to.have.length(1);
    expect(ps[0]).to.match(/^liabilities\.tranches\[0\]\.balance: must be an amount in yuan written as digits .* got "133_000_000"$/);
  });
});

describe('licence fees that add up to nothing (issue 16, defect 3: NaN collections, fees and pool loss)', () => {
  const zeroFees = () => {
    const d = yuhang() as { pool: { obligors: Array<{ asset: { payments?: Array<{ amount: unknown }> } }> } };
    for (const o of d.pool.obligors) for (const p of o.asset.payments ?? []) p.amount = 0;
    return d;
  };

  it('are refused on each firm\'s purchase price: the trust buys fees at a discount', () => {
    const ps = problemsOf(zeroFees());
    expect(ps).to.have.length(14);
    expect(ps[0]).to.equal('pool.obligors[0].asset.purchasePrice: must not exceed the licence fees it buys (they add up to 0.00): the trust buys them at a discount, got 12000000.00');
  });

  it('give the engine finite flows all the same: the price stays outstanding to the last fee (was 0/0)', () => {
    const flows = royaltyFlows({ kind: 'licence-royalty', licence: 'exclusive', purchasePrice: '1000.00', payments: [{ date: '2024-03-01', amount: 0 }, { date: '2024-06-01', amount: '0' }] });
    expect(flows.map((f) => [f.principal.toNumber(), f.interest.toNumber(), f.balanceAfter.toNumber()])).to.deep.equal([[0, 0, 1000], [1000, -1000, 0]]);
  });

  it('a firm that pays back less than its price is refused too (its funding cost has no rate: compare failed)', () => {
    expect(problemsOf(withChanges(loadRaw('ningbo-ecny-2024.json'), { '/pool/obligors/7/asset/payments/3/amount': '0' }))).to.deep.equal([
      // The first three cost-plus fees on 15 M: 2.100001% × 90, 92, 92 days / 365 (pool.pricing).
      'pool.obligors[7].asset.purchasePrice: must not exceed the licence fees it buys (they add up to 236465.87): the trust buys them at a discount, got 15000000.00',
    ]);
  });
});

describe('validate refuses first whatever an engine refuses (issue 16, defect 4)', () => {
  it('refuses a payment amount with spaces (was a DecimalError in schedule and simulate)', () => {
    const ps = problemsOf(yuhang({ '/pool/obligors/0/asset/payments/0/amount': ' 102000' }));
    expect(ps).to.have.length(1);
    expect(ps[0]).to.match(/^pool\.obligors\[0\]\.asset\.payments\[0\]\.amount: must be an amount in yuan .*got " 102000"$/);
  });

  it('refuses maturity 9999-12-31 on calendar NONE (was "Year out of range: 10000")', () => {
    expect(problemsOf(yuhang({ '/meta/calendar': 'NONE', '/meta/maturityDate': '9999-12-31' }))).to.deep.equal([
      'meta.maturityDate: must be a date from 1900-01-01 to 2199-12-31, got "9999-12-31"',
    ]);
  });

  it('refuses a recovery mean and sd that no beta distribution fits, on the deal\'s own path', () => {
    expect(problemsOf(yuhang({ '/pool/obligors/3/credit/recovery': { mean: 0.9, stdDev: 0.49, lagMonths: 6 } }))).to.deep.equal([
      'pool.obligors[3].credit.recovery.stdDev: a beta distribution with mean 0.9 needs a standard deviation below √(mean·(1−mean)) = 0.300000, got 0.49',
    ]);
    expect(problemsOf(yuhang({ '/pool/obligors/0/credit/recovery': { mean: 0, stdDev: 0.1, lagMonths: 6 } }))).to.have.length(1);
  });

  it('refuses a recovery sd of 1e-308 (was "inverseRegularizedBeta … got Infinity"), and keeps sd 0', () => {
    expect(problemsOf(yuhang({ '/pool/obligors/0/credit/recovery/stdDev': 1e-308 }))).to.deep.equal([
      'pool.obligors[0].credit.recovery.stdDev: must be 0 (a fixed recovery) or at least 0.0001; a beta distribution this narrow cannot be drawn from, got 1e-308',
    ]);
    expect(problemsOf(yuhang({ '/pool/obligors/0/credit/recovery/stdDev': 0 }))).to.deep.equal([]);
  });

  it('refuses a stress whose rhoShift pushes ρ out of [0, 1), naming the stress', () => {
    expect(problemsOf(yuhang({ '/stresses/0/rhoShift': 0.9 }))).to.deep.equal([
      'stresses[0].rhoShift: shifts simulation.rho 0.2 by 0.9 to 1.1; a correlation must stay in [0, 1) (a shift between -0.2 and 0.799)',
    ]);
    expect(problemsOf(yuhang({ '/stresses/0/rhoShift': -0.3 }))).to.have.length(1);
    expect(problemsOf(yuhang({ '/stresses/0/rhoShift': -0.2 }))).to.deep.equal([]);
  });

  it('refuses a sector copula whose cross-sector correlation exceeds the within-sector one', () => {
    const ps = problemsOf(yuhang({ '/simulation': { copula: 'sector', rho: 0.2, sectorCorrelation: { intra: 0.1, inter: 0.3 } } }));
    expect(ps).to.deep.equal(['simulation.sectorCorrelation.inter: the correlation across sectors cannot exceed the correlation within a sector (intra 0.1), got 0.3']);
  });
});

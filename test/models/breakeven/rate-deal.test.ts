import { expect } from 'chai';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { breakEvenTable, domesticRating, expectedTdrSet, RATE_TOLERANCE } from '../../../models/breakeven/index.js';
import { simulate } from '../../../models/montecarlo/simulate.js';
import type { Scenario } from '../../../models/stress/index.js';
import { loadRaw } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

function deal(file: string, changes: Record<string, unknown> = {}): Deal {
  const r = validateDeal(withChanges(loadRaw(file), changes));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
}
const scenario = (name: string, stresses: unknown[]): Scenario => ({ name, stresses, reason: 'test' }) as Scenario;
const base = [scenario('base', [])];

describe('rating a deal: the BDR table, credit substitution, the stresses on real deals', () => {
  it('Yuhang\'s senior stands alone below BB(sf) but is AAA(sf) through its AAA undertaker, whose 140 M CNY covers a total loss', () => {
    const d = deal('yuhang-abn-2023.json');
    const t = breakEvenTable(d, { scenarios: base });
    const r = domesticRating(t, expectedTdrSet(d, t), 'stress-multiplier').tranches[0]!;
    // One tranche, no subordination: only the excess collections (137.52 M in, 136.69 M owed) absorb defaults.
    expect(r.bdr).to.be.within(0.004, 0.01);
    expect(r.standAloneRating).to.equal('below BB(sf)');
    expect(r.domesticRating).to.equal('AAA(sf)');
    expect(r.ratingBasis).to.equal('credit-substitution');
    const [undertaking, guarantee] = r.support!.enhancements;
    expect(undertaking).to.include({ id: 'undertaking', fullCover: true, floor: 'AAA(sf)' });
    // 60% / 40% of what is owed is more than either guarantor's cap (79.8 M, 53.2 M): not a full cover.
    expect(guarantee).to.include({ id: 'guarantee', fullCover: false, floor: null });
  });

  it('an undertaking too small to cover a total loss lends no rating; a guarantee shared by two guarantors lends the weaker one\'s', () => {
    const small = deal('yuhang-abn-2023.json', { '/enhancements/0/capacity': 100_000_000 });
    const t = breakEvenTable(small, { scenarios: base });
    const r = domesticRating(t, expectedTdrSet(small, t), 'stress-multiplier').tranches[0]!;
    expect(r.support!.enhancements[0]).to.include({ fullCover: false, floor: null });
    expect(r.domesticRating).to.equal(r.standAloneRating);

    const shared = deal('yuhang-abn-2023.json', { '/enhancements/1/guarantors/0/capacity': 90_000_000, '/enhancements/1/guarantors/1/capacity': 60_000_000 });
    const s = breakEvenTable(shared, { scenarios: base }).tranches[0]!.support!;
    // Several liability (按份责任): the AA district guarantor must pay its 40% too.
    expect(s.enhancements[1]).to.include({ fullCover: true, floor: 'AA(sf)' });
    expect(s.floor).to.equal('AAA(sf)'); // the undertaking still lends AAA: the better floor counts
  });

  it('a tranche short even with no defaults in a scenario is below the scale, whatever the TDR', () => {
    const d = deal('ningbo-ecny-2024.json');
    const t = breakEvenTable(d, { scenarios: [scenario('base', []), scenario('spread-minus-50bp', [{ kind: 'spread-compression', bp: 50 }])] });
    const senior = t.tranches[0]!;
    expect(senior.statusByScenario['spread-minus-50bp']).to.equal('fails-anyway');
    expect(senior.bdr).to.equal(0);
    const zeroTdr = { ...expectedTdrSet(d, t) };
    zeroTdr.stressMultiplier = { ...zeroTdr.stressMultiplier, byGrade: Object.fromEntries(Object.keys(zeroTdr.stressMultiplier.byGrade).map((g) => [g, 0])) as typeof zeroTdr.stressMultiplier.byGrade };
    expect(domesticRating(t, zeroTdr, 'stress-multiplier').tranches[0]!.standAloneRating).to.equal('below BB(sf)');
  });

  it('the expected default rate the multipliers scale is the simulated mean cumulative default rate, within 4 standard errors', async () => {
    for (const file of ['yuhang-abn-2023.json', 'futian-n-plus-1-2023.json']) {
      const d = deal(file);
      const t = breakEvenTable(d, { scenarios: base });
      const sim = await simulate(d, { paths: 40_000, seed: 9 });
      const c = sim.pool.cumulativeDefaultRate;
      expect(t.expectedDefaultRate, file).to.be.closeTo(c.mean, 4 * c.stdErr);
    }
  });

  it('largest-first: the number of whole obligors covered is the count of the largest whose shares fit in the BDR', () => {
    const d = deal('futian-n-plus-1-2023.json');
    const t = breakEvenTable(d, { scenarios: base, allocation: 'largest-first' });
    const sizes = d.pool.obligors.map((o) => (o.asset.kind === 'loan' ? Number(o.asset.principal) : 0)).sort((a, b) => b - a);
    const pool = sizes.reduce((s, x) => s + x, 0);
    for (const tr of t.tranches) {
      const n = tr.largestObligorsCovered!;
      const share = (k: number) => sizes.slice(0, k).reduce((s, x) => s + x, 0) / pool;
      expect(share(n)).to.be.at.most(tr.bdr + 1e-12);
      if (n < sizes.length) expect(share(n + 1)).to.be.above(tr.bdr);
    }
    expect(breakEvenTable(d, { scenarios: base, allocation: 'pro-rata' }).tranches[0]!.largestObligorsCovered).to.equal(null);
  });

  it('a timing vector of [1, 0, 0, 0] is the same scenario as moving all defaults into the first period', () => {
    const d = deal('futian-n-plus-1-2023.json');
    const t = breakEvenTable(d, { scenarios: [scenario('vector', [{ kind: 'default-timing', shape: 'vector', vector: [1, 0, 0, 0] }]), scenario('front', [{ kind: 'default-timing', shape: 'front-loaded', share: 1 }])] });
    for (const tr of t.tranches) expect(tr.bdrByScenario.vector).to.equal(tr.bdrByScenario.front);
  });

  it('prepayment bites on a loan pool that prepays: faster prepayment costs the pool interest, so the junior notes\' BDRs fall', () => {
    const d = deal('futian-n-plus-1-2023.json', { '/simulation/prepaymentRate': 0.2 });
    const t = breakEvenTable(d, { scenarios: [scenario('base', []), scenario('up', [{ kind: 'prepayment', multiplier: 2 }]), scenario('none', [{ kind: 'prepayment', annualRate: 0 }])] });
    expect(t.scenarios.map((s) => s.inert)).to.deep.equal([null, null, null]);
    const sub = t.tranches.find((x) => x.id === 'subordinated')!;
    expect(sub.bdrByScenario.up).to.be.below(sub.bdrByScenario.base! - RATE_TOLERANCE);
    expect(sub.bdrByScenario.none).to.be.above(sub.bdrByScenario.base! + RATE_TOLERANCE);
  });

  it('a rate rise bites on a benchmark-linked coupon over fixed-rate loans: the senior needs more, and at +200 bp its coupons go unpaid on time', () => {
    const at = (loadRaw('futian-n-plus-1-2023.json').provenance as Array<{ path: string }>).findIndex((p) => p.path === '/liabilities/tranches/0/coupon/rate');
    const d = deal('futian-n-plus-1-2023.json', { '/liabilities/tranches/0/coupon': { type: 'benchmark', benchmark: 'LPR1Y', spread: -0.0070 }, [`/provenance/${at}/path`]: '/liabilities/tranches/0/coupon' });
    const t = breakEvenTable(d, { scenarios: [scenario('base', []), scenario('up', [{ kind: 'rate-rise', bp: 50 }]), scenario('up-200', [{ kind: 'rate-rise', bp: 200 }])] });
    expect(t.scenarios[1]!.inert).to.equal(null);
    const senior = t.tranches[0]!;
    // 0.5% more on 127.5 M for a year is 637,500, 0.425% of the 150 M pool; each defaulted yuan also
    // costs its 4.2% interest but wins back its recovery, so the BDR falls by about that much.
    expect(senior.bdrByScenario.base! - senior.bdrByScenario.up!).to.be.within(0.003, 0.006);
    // At +200 bp the senior's quarterly interest (1.51 M) plus fees nearly uses up the loans' quarterly
    // interest (1.54 M): a small default leaves a coupon unpaid on time, long before principal is at risk.
    expect(senior.bdrByScenario['up-200']).to.be.below(0.03);
  });

  it('the catalogue, the stand-alone rule and the allocation are reported with the table', () => {
    const d = deal('futian-n-plus-1-2023.json');
    const t = breakEvenTable(d, { arithmetic: 'float' });
    expect(t.scenarios.length).to.be.at.least(20);
    expect(t).to.include({ allocation: 'largest-first', allocationSource: 'concentrated-pool', obligors: 8, tolerance: RATE_TOLERANCE });
    expect(t.evaluations.exact).to.equal(0);
    const only = breakEvenTable(d, { tranches: ['mezzanine'], scenarios: base });
    expect(only.tranches.map((x) => x.id)).to.deep.equal(['mezzanine']);
    expect(() => breakEvenTable(d, { tranches: ['equity'] })).to.throw('tranche: no tranche "equity" in futian-n-plus-1-2023 (tranches: senior, mezzanine, subordinated)');
  });
});

describe('break-even default rates of a cost-plus deal use the asset flows as priced', () => {
  // Futian prices its loans cost-plus (break-even + 145 bp): raise the mezzanine coupon by 200 bp and
  // the firms pay for it, so the mezzanine's BDR hardly moves; with the loans' rates fixed as given,
  // the same 300,000 a year more comes out of the protection and its BDR falls by about 0.2% of the pool.
  const bdr = (changes: Record<string, unknown>) => breakEvenTable(deal('futian-n-plus-1-2023.json', changes), { scenarios: base, tranches: ['mezzanine'] }).tranches[0]!.bdr;
  it('cost-plus: a 200 bp higher mezzanine coupon is paid by the firms', () => {
    expect(Math.abs(bdr({ '/liabilities/tranches/1/coupon/rate': 0.055 }) - bdr({}))).to.be.below(0.0005);
  });
  it('fixed: the same coupon comes out of the credit support', () => {
    const fixed = { '/pool/pricing': { rule: 'fixed' } };
    const drop = bdr(fixed) - bdr({ ...fixed, '/liabilities/tranches/1/coupon/rate': 0.055 });
    expect(drop).to.be.within(0.0015, 0.003);
  });
});

import { expect } from 'chai';
import { applyDesign, checkLeverSpec, dealLevers } from '../../../models/design/levers.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { checkDeal } from '../../../models/design/check.js';
import { assetKindOf } from '../../../models/pool/asset-registry.js';
import { yuanToFen } from '../../../models/sizing/levers.js';
import { loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';
import { yuhangReserveOnly } from '../sizing/deals.js';

const futian = () => loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`);
const yuhang = () => loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);
const fen = (x: number | string) => yuanToFen(typeof x === 'number' ? x.toFixed(2) : x);

describe('design levers', () => {
  it('lists the levers a deal offers with their values as shipped', () => {
    const f = Object.fromEntries(dealLevers(futian()).map((l) => [l.name, l.current]));
    expect(f['senior-share']).to.equal(0.85);
    expect(f['mezzanine-split']).to.be.closeTo(2 / 3, 1e-6);
    expect(f.undertaking).to.equal(150_000_000);
    expect(f).to.not.have.property('guarantee');
    const y = dealLevers(yuhang()).map((l) => l.name);
    expect(y).to.include.members(['guarantee', 'undertaking', 'issue-size', 'frequency']);
    expect(y).to.not.include('senior-share');
  });

  it('moves balance between the senior and the juniors to the fen, the notes still adding up to the pool', () => {
    const d = applyDesign(futian(), { 'senior-share': 0.8, 'mezzanine-split': 0.5 });
    const [s, m, j] = d.liabilities.tranches.map((t) => fen(t.balance));
    expect(s).to.equal(120_000_000_00);
    expect(m).to.equal(15_000_000_00);
    expect(j).to.equal(15_000_000_00);
    expect(s! + m! + j!).to.equal(150_000_000_00);
  });

  it('scales a guarantee\'s caps in their ratio (Yuhang 60 : 40) and sets an undertaking\'s capacity', () => {
    const d = applyDesign(yuhang(), { guarantee: 100_000_000, undertaking: 50_000_000.5 });
    const g = d.enhancements.find((e) => e.kind === 'guarantee')!;
    if (g.kind !== 'guarantee') throw new Error('guarantee');
    expect(g.guarantors.map((x) => fen(x.capacity))).to.deep.equal([60_000_000_00, 40_000_000_00]);
    const u = d.enhancements.find((e) => e.kind === 'shortfall-undertaking')!;
    if (u.kind !== 'shortfall-undertaking') throw new Error('undertaking');
    expect(fen(u.capacity)).to.equal(50_000_000_50);
  });

  it('scales the pool with the issue size: the same firms at the same loan-to-value, the notes equal to the pool\'s funding', () => {
    const base = yuhang();
    const d = applyDesign(base, { 'issue-size': 266_000_000 });
    const funding = d.pool.obligors.reduce((s, o) => s + (o.asset.kind === 'licence-royalty' ? fen(o.asset.purchasePrice) : 0), 0);
    expect(funding).to.equal(266_000_000_00);
    expect(fen(d.liabilities.tranches[0]!.balance)).to.equal(266_000_000_00);
    const o0 = d.pool.obligors[0]!;
    expect(fen(o0.ip.appraisedValue)).to.equal(2 * fen(base.pool.obligors[0]!.ip.appraisedValue));
    if (o0.asset.kind !== 'licence-royalty') throw new Error('kind');
    expect(fen(o0.asset.payments[0]!.amount)).to.equal(2 * 102_000_00);
    expect(validateDeal(JSON.parse(JSON.stringify(d))).ok).to.equal(true);
  });

  for (const [file, kind] of [['wenke-lease-2019.json', 'finance-lease'], ['xinxin-factoring-2023-1.json', 'factoring']] as const) {
    it(`scales a ${kind} pool with the issue size (${file}): every firm's funding times k, and the deal still passes the full check`, () => {
      const base = loadScenario(`${SCENARIO_DIR}${file}`);
      expect(dealLevers(base).map((l) => l.name)).to.include('issue-size');
      const notes = base.liabilities.tranches.reduce((x, t) => x + fen(t.balance), 0);
      const target = Math.round((notes * 0.8) / 100);
      const d = applyDesign(base, { 'issue-size': target });
      expect(d.liabilities.tranches.reduce((x, t) => x + fen(t.balance), 0)).to.equal(target * 100);
      const price = (deal: typeof base) => deal.pool.obligors.reduce((x, o) => x + fen(assetKindOf(o.asset).purchasePrice(o.asset as never).toFixed(2)), 0);
      expect(price(d) / price(base)).to.be.closeTo(0.8, 1e-6);
      const c = checkDeal(JSON.parse(JSON.stringify(d)));
      expect(c.ok, c.ok ? '' : JSON.stringify(c.problems.slice(0, 3))).to.equal(true);
    });
  }

  it('sizes the reserve a cover-shortfall step draws on, not merely the first account listed', () => {
    const base = yuhangReserveOnly(1_000_000);
    // An idle account listed first: the lever must leave it alone.
    const withIdle = { ...base, accounts: [{ id: 'idle', kind: 'reserve' as const, initialBalance: '5.00', target: { type: 'fixed' as const, amount: '5.00' } }, ...base.accounts] };
    const lever = dealLevers(withIdle).find((l) => l.name === 'reserve')!;
    expect(lever).to.include({ target: 'reserve', current: 1_000_000 });
    const d = applyDesign(withIdle, { reserve: 2_500_000 });
    expect(d.accounts.map((a) => [a.id, fen(a.initialBalance)])).to.deep.equal([['idle', 500], ['reserve', 2_500_000_00]]);
    expect(d.accounts[1]!.target).to.deep.equal({ type: 'fixed', amount: '2500000.00' });
  });

  it('sets the notes\' payment frequency, and the deal still validates', () => {
    const d = applyDesign(yuhang(), { frequency: 'semiannual' });
    expect(d.meta.paymentFrequency).to.equal('semiannual');
    expect(validateDeal(JSON.parse(JSON.stringify(d))).ok).to.equal(true);
  });

  it('refuses a range with min above max, and a lever the deal does not have, saying what it offers', () => {
    expect(() => checkLeverSpec(futian(), { name: 'senior-share', range: { kind: 'interval', min: 0.9, max: 0.8 } })).to.throw(/^lever senior-share: min 0.9 is above max 0.8/);
    expect(() => checkLeverSpec(futian(), { name: 'guarantee', range: { kind: 'interval', min: 0, max: 1 } })).to.throw(/^lever guarantee: the deal has no guarantee .*levers this deal offers: senior-share, mezzanine-split, undertaking, issue-size, frequency/);
    expect(() => checkLeverSpec(yuhang(), { name: 'mezzanine-split', range: { kind: 'interval', min: 0, max: 1 } })).to.throw(/^lever mezzanine-split: the deal needs a mezzanine and a subordinated tranche/);
    expect(() => checkLeverSpec(yuhang(), { name: 'frequency', range: { kind: 'choices', values: ['weekly'] } })).to.throw(/^lever frequency: "weekly" is not a payment frequency/);
    expect(() => applyDesign(yuhang(), { 'senior-share': 0.8 })).to.throw(/^lever senior-share: the deal has one rank of notes/);
  });
});

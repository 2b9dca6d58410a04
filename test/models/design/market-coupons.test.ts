import { expect } from 'chai';
import type { Deal } from '../../../models/deal-format/schema.js';
import { priceMarketCoupons, withMarketCoupons, baseCaseWal } from '../../../models/design/market-coupons.js';
import { compileDeal } from '../../../models/engine/program.js';
import { breakEvenTable, domesticRating, expectedTdrSet } from '../../../models/breakeven/rate-deal.js';
import { loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';

const futian = () => loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`);
const market = (d: Deal, ids: string[]): Deal => ({
  ...d, liabilities: { ...d.liabilities, tranches: d.liabilities.tranches.map((t) => (ids.includes(t.id) ? { ...t, coupon: { type: 'market' as const } } : t)) },
});

describe('market coupons of a deal (coupon: market)', () => {
  it('prices Futian\'s senior and mezzanine at AAA(sf) (the mezzanine by credit substitution from HTI\'s AAA undertaking): CGB 1.842% + 59 bp', () => {
    const p = priceMarketCoupons(market(futian(), ['senior', 'mezzanine']));
    expect(p.settled).to.equal(true);
    const s = p.tranches.find((t) => t.id === 'senior')!;
    expect(s.grade).to.equal('AAA(sf)');
    expect(s.ratingBasis).to.equal('stand-alone');
    expect(p.tranches.find((t) => t.id === 'mezzanine')!.ratingBasis).to.equal('credit-substitution');
    // 1.0 y bullet: issue 2023-09-20, paid 2024-09-20 (366 days) → WAL 366/365; the grid's AAA spread
    // there is 59 bp less 1/2 of (59 − 47) bp per year beyond 1 year; rounded to 0.01 bp.
    expect(s.walYears).to.be.closeTo(366 / 365, 1e-9);
    const expected = Math.round((0.01842 + (59 - ((59 - 47) * (366 / 365 - 1)) / 2) / 10_000) * 1e6) / 1e6;
    expect(expected).to.equal(0.024318);
    expect(s.coupon).to.equal(expected);
    expect(p.deal.liabilities.tranches[0]!.coupon).to.deep.equal({ type: 'fixed', rate: expected });
    // The subordinated piece takes the residual: no price.
    expect(p.tranches.find((t) => t.id === 'subordinated')!.price).to.equal(null);
  });

  it('rates a stand-alone tranche on its own BDR and prices it at that grade (a smaller undertaking lends nothing)', () => {
    const d = market(futian(), ['senior', 'mezzanine']);
    d.enhancements = d.enhancements.map((e) => (e.kind === 'shortfall-undertaking' ? { ...e, capacity: '10000000' } : e));
    const p = priceMarketCoupons(d);
    const mezz = p.tranches.find((t) => t.id === 'mezzanine')!;
    expect(mezz.ratingBasis).to.equal('stand-alone');
    // The grade is the one the TDR/BDR test gives the priced deal, and the coupon that grade's price.
    const table = breakEvenTable(p.deal, { arithmetic: 'float' });
    const rated = domesticRating(table, expectedTdrSet(p.deal, table), 'stress-multiplier').tranches.find((t) => t.id === 'mezzanine')!;
    expect(mezz.grade).to.equal(rated.domesticRating);
    expect(mezz.grade).to.not.equal('AAA(sf)');
    expect(mezz.coupon).to.equal(mezz.price!.yield);
    expect(mezz.coupon!).to.be.greaterThan(0.024318);
  });

  it('leaves fixed coupons alone but shows what the market would ask of them', () => {
    const p = priceMarketCoupons(futian());
    const s = p.tranches.find((t) => t.id === 'senior')!;
    expect(s.market).to.equal(false);
    expect(s.couponInDeal).to.equal(0.0275);
    expect(s.coupon).to.equal(0.0275);
    expect(s.price!.yield).to.equal(0.024318);
  });

  it('names the tranche when it rates below the grid', () => {
    const d = market(futian(), ['subordinated']);
    // Priced as given: a cost-plus pool could not pay a coupon the waterfall never pays, which would be the first complaint.
    delete d.pool.pricing;
    expect(() => priceMarketCoupons(d)).to.throw(/^liabilities\.tranches\[2\]\.coupon: tranche "subordinated" asks for a market coupon but rates below BB\(sf\)/);
  });

  it('will not let an engine run an unpriced market coupon', () => {
    expect(() => compileDeal(market(futian(), ['senior']))).to.throw(/^liabilities\.tranches\[0\]\.coupon: a market coupon must be priced before the engines run the deal/);
    expect(() => compileDeal(withMarketCoupons(market(futian(), ['senior'])))).to.not.throw();
  });

  it('measures the WAL from the base-case principal', () => {
    const w = baseCaseWal(futian());
    expect(w.get('senior')).to.be.closeTo(366 / 365, 1e-12);
  });
});

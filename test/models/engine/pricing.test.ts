import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { priceDeal, pricedDeal, pricingProblems, COST_PLUS_MAX_RATE, PricingError } from '../../../models/engine/pricing.js';
import { checkDeal } from '../../../models/engine/check.js';
import { runExact } from '../../../models/engine/exact.js';
import { dealCost } from '../../../models/cost/compare.js';
import { loadRaw } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';
import { dealWithAssets } from '../../support/asset-deal.js';

// Pass-through ("cost-plus") pricing: the firms pay what the notes cost. Every expectation below
// is worked out by hand from the deal's own numbers, not read back from the engine.

const deal = (file: string, changes: Record<string, unknown> = {}): Deal => {
  const r = validateDeal(withChanges(loadRaw(file), changes));
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('; '));
  return r.deal;
};
const YUHANG = 'yuhang-abn-2023.json';
const FUTIAN = 'futian-n-plus-1-2023.json';
const COST_PLUS = { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } } };
const solved = (d: Deal) => {
  const r = priceDeal(d);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('; '));
  return r.solution!;
};
const bp = (x: number) => x * 1e4;

/** Annual IRR (ACT/365F, the all-in cost's convention) of dated flows, by bisection: the hand check of the firms' cost. */
function irr(flows: Array<[string, number]>): number {
  const t0 = Date.parse(flows[0]![0]);
  const pv = (r: number) => flows.reduce((s, [d, a]) => s + a / (1 + r) ** ((Date.parse(d) - t0) / 86_400_000 / 365), 0);
  let lo = -0.5;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (pv(mid) > 0) hi = mid; // + received now, − paid later: the present value rises with the rate
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The Yuhang firms together under cost-plus at licence rate x, by hand: they receive 133 M less the
 * 855,650.00 of up-front fees at issue (2023-03-16) and pay on each fee date x on 133 M over the
 * note period the fee funds (92, 92, 91 and 90 days / 365), the principal with the last fee.
 */
function yuhangFirmsByHand(x: number): number {
  const price = 133_000_000;
  const fees: Array<[string, number]> = [['2023-06-01', 92], ['2023-09-01', 92], ['2023-12-01', 91], ['2024-03-01', 90]]
    .map(([d, days], k) => [d as string, -(price * x * (days as number) / 365 + (k === 3 ? price : 0))]);
  return irr([['2023-03-16', price - 855_650], ...fees]);
}

describe('cost-plus pricing: the firms pay what the notes cost', () => {
  describe('Yuhang priced cost-plus with no margin', () => {
    const base = deal(YUHANG, COST_PLUS);

    it('solves the licence rate at the notes\' cost: 2.70% coupon + 5 + 2 + 0.5 bp of running fees = 2.775%', () => {
      const s = solved(base);
      expect(s.breakEvenRate).to.be.closeTo(0.02775, 1e-9);
      expect(s.rate).to.equal(s.breakEvenRate);
      expect(s.solves).to.deep.equal(['payments[].amount']);
    });

    it('sets each licence fee to that rate on the price over the note period it funds, exact to the fen', () => {
      const priced = pricedDeal(base);
      const firm1 = priced.pool.obligors[0]!.asset as { payments: Array<{ date: string; amount: number }> };
      // firm-01: 12,000,000 × 2.775% × 92/365 = 83,934.246… → 83,934.25; 91 days 83,021.92; 90 days 82,109.59 + 12 M.
      expect(firm1.payments).to.deep.equal([
        { date: '2023-06-01', amount: 83_934.25 }, { date: '2023-09-01', amount: 83_934.25 },
        { date: '2023-12-01', amount: 83_021.92 }, { date: '2024-03-01', amount: 12_082_109.59 },
      ]);
    });

    it('pays every coupon and fee with no enhancement drawn, leaving only rounding in the trust', () => {
      const r = runExact(base);
      expect(r.baseCase.selfFunding).to.equal(true);
      expect(r.totals.residual).to.be.below(1);
      expect(r.pricing.rule).to.equal('cost-plus');
    });

    it('prices to itself: pricing a priced deal again gives the same terms', () => {
      const once = pricedDeal(base);
      const again = priceDeal(structuredClone(once));
      expect(again.ok && again.deal.pool.obligors.map((o) => o.asset)).to.deep.equal(once.pool.obligors.map((o) => o.asset));
    });

    it('gives the firms the all-in cost a hand IRR of their flows gives: 3.62%', () => {
      const c = dealCost(base);
      expect(c.allInCostRate).to.be.closeTo(yuhangFirmsByHand(0.02775), 2e-6);
      expect(c.allInCostRate).to.be.closeTo(0.0362, 5e-5);
    });
  });

  describe('the firms\' cost follows the notes (Yuhang, cost-plus)', () => {
    const cost = (changes: Record<string, unknown>) => {
      const d = deal(YUHANG, { ...COST_PLUS, ...changes });
      return { rate: solved(d).rate, firms: dealCost(d).allInCostRate };
    };
    const base = cost({});

    for (const [label, coupon, dRate] of [['raises', 0.037, 0.01], ['lowers', 0.017, -0.01]] as const) {
      it(`${label} the senior coupon by 100 bp: the licence rate moves 100 bp and the firms' all-in cost by ~108 bp, as by hand`, () => {
        const moved = cost({ '/liabilities/tranches/0/coupon/rate': coupon });
        expect(bp(moved.rate - base.rate)).to.be.closeTo(bp(dRate), 1e-4);
        const hand = yuhangFirmsByHand(0.02775 + dRate) - yuhangFirmsByHand(0.02775);
        const change = moved.firms - base.firms;
        expect(Math.sign(change)).to.equal(Math.sign(dRate));
        // Roughly 100 bp: 100 bp on 133 M for the notes' 365 days, paid on 132.1 M received, quarterly and two weeks ahead.
        expect(Math.abs(bp(change))).to.be.within(100, 112);
        expect(bp(change)).to.be.closeTo(bp(hand), 0.05);
      });
    }

    it('raises the trustee fee by 20 bp: the licence rate moves 20 bp and the firms\' cost about as much, as by hand', () => {
      const moved = cost({ '/fees/0/basis/annualRate': 0.0025 });
      expect(bp(moved.rate - base.rate)).to.be.closeTo(20, 1e-4);
      const hand = yuhangFirmsByHand(0.02975) - yuhangFirmsByHand(0.02775);
      expect(bp(moved.firms - base.firms)).to.be.closeTo(bp(hand), 0.05);
      expect(bp(moved.firms - base.firms)).to.be.within(20, 23);
    });

    it('drops the trustee fee: the rate falls 5 bp and the firms\' cost falls', () => {
      const moved = cost({ '/fees/0/basis/annualRate': 0 });
      expect(bp(moved.rate - base.rate)).to.be.closeTo(-5, 1e-3);
      expect(moved.firms).to.be.below(base.firms);
    });

    it('with a fixed price the same coupon change moves only the issuer\'s cost, and the base case then relies on enhancement', () => {
      const fixed = deal(YUHANG, { '/liabilities/tranches/0/coupon/rate': 0.037 });
      const c = dealCost(fixed);
      expect(c.allInCostRate).to.be.closeTo(dealCost(deal(YUHANG)).allInCostRate, 1e-12);
      expect(runExact(fixed).baseCase.selfFunding).to.equal(false);
    });
  });

  describe('Futian (cost-plus, shipped): the loan rate follows the tranche split', () => {
    const base = deal(FUTIAN);
    const s0 = solved(base);
    const c0 = dealCost(base);

    it('reproduces the facts: the cheapest firm pays 1.79% a year after subsidy, a saving of more than 20%', () => {
      expect(c0.lowestFirm.id).to.equal('hetao-01');
      expect(c0.lowestFirm.subsidyAdjustedCostRate).to.be.within(0.01785, 0.01795);
      expect(c0.savingVsBaseline).to.be.above(0.2);
      expect(s0.rate - s0.breakEvenRate).to.be.closeTo(0.0145, 1e-9);
    });

    for (const [label, senior, mezz] of [['more mezzanine (112.5 M / 30 M)', 112_500_000, 30_000_000], ['less mezzanine (135 M / 7.5 M)', 135_000_000, 7_500_000]] as const) {
      it(`${label}: the break-even moves by 0.75% × Δmezzanine / 150 M × 366/365 and the firms' cost with it`, () => {
        const d = deal(FUTIAN, { '/liabilities/tranches/0/balance': senior, '/liabilities/tranches/1/balance': mezz });
        const s = solved(d);
        // The mezzanine pays 75 bp over the senior for the deal's 366 days (2024 is a leap year); the
        // loans pay a quarter of the annual rate four times: Δx = 0.0075 × Δmezz / 150 M × 366 / 365.
        const hand = 0.0075 * (mezz - 15_000_000) / 150_000_000 * 366 / 365;
        expect(bp(s.breakEvenRate - s0.breakEvenRate)).to.be.closeTo(bp(hand), 0.01);
        const c = dealCost(d);
        const before = c.allInCostRate - c0.allInCostRate;
        const after = c.subsidyAdjustedCostRate - c0.subsidyAdjustedCostRate;
        expect(Math.sign(before)).to.equal(Math.sign(hand));
        // Paid on funding net of the 1.3% guarantee and appraisal fees, quarterly: 1.00-1.08 × Δx before subsidy;
        // 70% of the interest comes back as subsidy: about 0.3 × that after.
        expect(before / hand).to.be.within(1.0, 1.08);
        expect(after / before).to.be.within(0.25, 0.35);
      });
    }
  });

  describe('a target residual instead of a margin', () => {
    it('finds the lowest rate that leaves 1,330,000.00 to the originator: the break-even + 1% on 133 M for the notes\' 365 days', () => {
      const d = deal(YUHANG, { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'residual', amount: 1_330_000 } } });
      const s = solved(d);
      expect(s.breakEvenRate).to.be.closeTo(0.02775, 1e-9);
      expect(s.rate).to.be.closeTo(0.03775, 2e-8);
      expect(s.residual).to.be.at.least(1_330_000);
      expect(runExact(d).totals.residual).to.equal(s.residual);
    });
  });

  describe('firm spreads', () => {
    it('each firm pays the pool rate plus its spread', () => {
      const d = deal(YUHANG, { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 10 }, spreads: [{ obligor: 'firm-02', bp: 25 }] } });
      const s = solved(d);
      const firm = (id: string) => s.obligors.find((o) => o.id === id)!;
      expect(firm('firm-02').rate - firm('firm-01').rate).to.be.closeTo(0.0025, 1e-12);
      // firm-02 (11 M of 133 M) pays more, so the pool's break-even falls: 2.775% − 25 bp × 11/133.
      expect(s.breakEvenRate).to.be.closeTo(0.02775 - 0.0025 * 11 / 133, 2e-8);
      expect(s.rate - s.breakEvenRate).to.be.closeTo(0.001, 1e-12);
    });
  });

  describe('bad input: a clear path-named message, never a silent default', () => {
    const problems = (changes: Record<string, unknown>) => {
      const r = checkDeal(withChanges(loadRaw(YUHANG), changes));
      return r.ok ? [] : r.problems.map(formatProblem);
    };

    it('refuses a negative margin', () => {
      expect(problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: -10 } } })).to.deep.equal([
        'pool.pricing.margin.bp: must not be negative: a cost-plus margin is what the firms pay above the notes\' cost, in basis points a year from 0 to 2000, got -10',
      ]);
      expect(problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'residual', amount: -5 } } })[0]).to.equal('pool.pricing.margin.amount: must not be negative, got -5');
    });

    it('refuses an unknown rule and a margin of an unknown type', () => {
      expect(problems({ '/pool/pricing': { rule: 'cost-minus' } })[0]).to.equal('pool.pricing.rule: rule must be one of "fixed", "cost-plus", got "cost-minus"');
      expect(problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'percent', value: 1 } } })[0]).to.match(/^pool\.pricing\.margin\.type: type must be one of "bp", "residual", got "percent"/);
    });

    it('refuses a price that cannot be met: a 30% coupon needs a licence rate above the 24% cap', () => {
      // At 24% the undertaker still pays 133 M × (30% + 0.075% − 24%) for the year ≈ 8,079,750 (each period to the fen).
      expect(problems({ ...COST_PLUS, '/liabilities/tranches/0/coupon/rate': 0.3 })).to.deep.equal([
        'pool.pricing: cost-plus cannot be met: the assets cannot pay the notes at any rate from 0% to 24% a year (the courts\' line for lending interest); at 24% the base case still draws 8,079,749.93 on enhancement. Check that the assets pay before the notes fall due and that their funding covers the notes, or price the pool "fixed"',
      ]);
    });

    it('refuses a margin that takes the rate above the cap, and a residual no rate can leave', () => {
      expect(problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 2000 } }, '/liabilities/tranches/0/coupon/rate': 0.1 })).to.deep.equal([
        'pool.pricing.margin.bp: cost-plus cannot be met: the break-even rate 10.075% plus a margin of 2000 bp is 30.075%, above the 24% a year (the courts\' line for lending interest)',
      ]);
      // At 24% the trust keeps 133 M × (24% − 2.775%) for the notes' 365 days = 28,229,250 (plus rounding).
      const [p] = problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'residual', amount: 50_000_000 } } });
      expect(p).to.match(/^pool\.pricing\.margin\.amount: cost-plus cannot be met: a residual of 50,000,000\.00 needs a rate above the 24% a year \(the courts' line for lending interest\); at 24% the base case leaves 28,229,250\.\d{2}$/);
    });

    it('refuses cost-plus on a loan that floats on the LPR, naming the field', () => {
      const p = (() => {
        const r = checkDeal(withChanges(loadRaw(FUTIAN), { '/pool/obligors/2/asset/rate': { type: 'benchmark', benchmark: 'LPR1Y', spread: 0.007 } }));
        return r.ok ? [] : r.problems.map(formatProblem);
      })();
      expect(p).to.deep.equal(['pool.obligors[2].asset.rate: cost-plus pricing solves a fixed rate, but this one floats on the LPR (rate.type "benchmark"); give it a fixed rate (its value is replaced by the solved rate) or price the pool "fixed"']);
    });

    it('refuses cost-plus on an asset kind that does not support it (factoring: its price is its discount, not a rate the notes set)', () => {
      const receivable = { kind: 'factoring', receivables: [{ debtor: 'Buyer A', face: 10_000_000, dueDate: '2024-03-07' }], price: { type: 'fixed', amount: 9_700_000 }, purchaseDate: '2023-03-15' };
      const d = dealWithAssets([receivable], { balance: '9700000.00' }) as unknown as Record<string, Record<string, unknown>>;
      d.pool!.pricing = { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } };
      const r = checkDeal(d);
      expect(r.ok ? [] : r.problems.map(formatProblem)).to.deep.equal([
        'pool.obligors[0].asset.kind: the "factoring" asset kind does not support pool.pricing "cost-plus" (its terms cannot be solved from the notes); price the pool "fixed" or use a kind that does',
      ]);
    });

    it('refuses cost-plus on a finance lease given as a rental table, and prices one with computed rentals', () => {
      const lease = (rentals: unknown) => ({ kind: 'finance-lease', structure: 'sale-and-leaseback', financedAmount: 10_000_000, startDate: '2023-03-15', rentals });
      const costPlus = (asset: unknown) => {
        const d = dealWithAssets([asset], { balance: '10000000.00' }) as unknown as Record<string, Record<string, unknown>>;
        d.pool!.pricing = { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } };
        return checkDeal(d);
      };
      const table = costPlus(lease({ method: 'schedule', payments: [{ date: '2024-03-14', principal: 10_000_000, interest: 300_000 }] }));
      expect(table.ok ? [] : table.problems.map(formatProblem)).to.deep.equal([
        'pool.obligors[0].asset.rentals.method: cost-plus pricing solves the lease rate of computed rentals, but this lease gives a rental table (method "schedule"); use "equal-rent" or "equal-principal" with a rate, or price the pool "fixed"',
      ]);
      const computed = costPlus(lease({ method: 'equal-principal', termMonths: 12, paymentFrequency: 'quarterly', rate: { type: 'fixed', annualRate: 0.09 } }));
      expect(computed.ok, computed.ok ? '' : computed.problems.map(formatProblem).join('; ')).to.equal(true);
      if (!computed.ok) return;
      expect(computed.report!.baseCase.selfFunding).to.equal(true);
      expect(computed.report!.pricing.rule).to.equal('cost-plus');
    });

    it('refuses a spread for a firm not in the pool, or two for one firm', () => {
      expect(problems({ '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 0 }, spreads: [{ obligor: 'firm-99', bp: 5 }, { obligor: 'firm-01', bp: 5 }, { obligor: 'firm-01', bp: 6 }] } })).to.deep.equal([
        'pool.pricing.spreads[0].obligor: must be the id of a firm in pool.obligors, got "firm-99"',
        'pool.pricing.spreads[2].obligor: "firm-01" already has a spread; give each firm at most one',
      ]);
    });

    it('the library throws the same message when handed an unpriceable deal directly', () => {
      const d = deal(YUHANG, { ...COST_PLUS, '/liabilities/tranches/0/coupon/rate': 0.3 });
      expect(pricingProblems(d)).to.have.length(1);
      expect(() => runExact(d)).to.throw(PricingError, /^pool\.pricing: cost-plus cannot be met/);
      expect(COST_PLUS_MAX_RATE).to.equal(0.24);
    });
  });
});

// Properties of the break-even default rate on random valid deals (fast-check): a harsher scenario
// never raises a tranche's BDR, more subordination never lowers the senior's rating, and the decimal
// and double engines agree. Where a property holds only in part of the space, the counterexamples
// that bound it are tests too.
import { expect } from 'chai';
import fc from 'fast-check';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { breakEvenTable, domesticRating, expectedTdrSet, RATE_TOLERANCE } from '../../../models/breakeven/index.js';
import type { Scenario } from '../../../models/stress/index.js';
import { gradeRank } from '../../../models/ratings/domestic-scale.js';
import { dealArb, homogeneousDealArb } from '../../support/random-deal.js';
import { loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';

function valid(raw: unknown): Deal {
  const r = validateDeal(raw);
  if (!r.ok) throw new Error(`generated deal invalid: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.deal;
}

const scenario = (name: string, stresses: unknown[]): Scenario => ({ name, stresses, reason: 'property test' }) as Scenario;
const allocationArb = fc.constantFrom('pro-rata' as const, 'largest-first' as const);

/** Each tranche's BDRs in catalogue order must not rise by more than the solver's tolerance. */
function expectNonIncreasing(deal: Deal, scenarios: Scenario[], allocation: 'pro-rata' | 'largest-first'): void {
  const t = breakEvenTable(deal, { scenarios, allocation });
  for (const tr of t.tranches) {
    const bdrs = scenarios.map((s) => tr.bdrByScenario[s.name]!);
    for (let i = 1; i < bdrs.length; i++) {
      expect(bdrs[i], `${tr.id}: ${scenarios[i]!.name} (${bdrs[i]}) vs ${scenarios[i - 1]!.name} (${bdrs[i - 1]})`).to.be.at.most(bdrs[i - 1]! + RATE_TOLERANCE);
    }
  }
}

describe('break-even default rate: properties on random valid deals', () => {
  it('lower recovery (a deeper haircut, down to none) never raises any tranche\'s BDR', () => {
    // Only the amount: a recovery that comes later can raise a BDR, as early defaults can (below),
    // when the cash it moves would have gone to a junior in the meantime (fast-check found one).
    const ladder = [0, 0.2, 0.5, 0.8, 1].map((h) => scenario(`haircut-${h}`, h === 0 ? [] : [{ kind: 'recovery-haircut', haircut: h }]));
    fc.assert(fc.property(dealArb, allocationArb, (raw, allocation) => expectNonIncreasing(valid(raw), ladder, allocation)), { numRuns: 60 });
  });

  it('more front-loaded defaults never raise any tranche\'s BDR where front-loading is harsher by construction (identical obligors, senior paid as cash comes in, recoveries after the deal, no reserve)', () => {
    const ladder = [0, 0.1, 0.3, 0.6, 1].map((s) => scenario(`front-${s}`, s === 0 ? [] : [{ kind: 'default-timing', shape: 'front-loaded', share: s }]));
    fc.assert(fc.property(homogeneousDealArb, allocationArb, (raw, allocation) => expectNonIncreasing(valid(raw), ladder, allocation)), { numRuns: 60 });
  });

  describe('where front-loading is not harsher (why the catalogue keeps both directions and takes the minimum)', () => {
    it('recoveries that come back before maturity only for early defaults: Futian\'s senior survives more front-loaded defaults than evenly spread ones', () => {
      const deal = loadScenario(`${SCENARIO_DIR}futian-n-plus-1-2023.json`);
      const t = breakEvenTable(deal, { scenarios: [scenario('even', []), scenario('front-20', [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }]), scenario('back-20', [{ kind: 'default-timing', shape: 'back-loaded', share: 0.2 }])] });
      const senior = t.tranches.find((x) => x.id === 'senior')!;
      // A 12-month recovery lag: defaults at issue recover on the final payment date, later ones after it.
      expect(senior.bdrByScenario['front-20']).to.be.above(senior.bdrByScenario.even! + 10 * RATE_TOLERANCE);
      expect(senior.bdrByScenario['back-20']).to.be.below(senior.bdrByScenario.even! - RATE_TOLERANCE);
    });

    it('a bullet senior above a large pass-through junior: cash collected before maturity repays the junior, so the senior lives on the last collection, which early defaults touch less than evenly spread ones', () => {
      const raw = validDealWithBulletSenior();
      const t = breakEvenTable(valid(raw), { allocation: 'pro-rata', scenarios: [scenario('even', []), scenario('front-50', [{ kind: 'default-timing', shape: 'front-loaded', share: 0.5 }])] });
      const senior = t.tranches.find((x) => x.id === 'senior')!;
      expect(senior.bdrByScenario['front-50']).to.be.above(senior.bdrByScenario.even! + 10 * RATE_TOLERANCE);
    });
  });

  it('more subordination never gives the senior a lower BDR or a lower domestic rating (the pool and its TDR unchanged)', () => {
    const withJunior = dealArb.filter((d) => d.liabilities.tranches.length >= 2);
    fc.assert(fc.property(withJunior, fc.double({ min: 0.01, max: 0.5, noNaN: true }), (raw, f) => {
      const before = valid(raw);
      const moved = JSON.parse(JSON.stringify(raw)) as { liabilities: { tranches: Array<{ balance: number }> } };
      const ts = moved.liabilities.tranches;
      const shift = Math.floor(ts[0]!.balance * f);
      ts[0]!.balance -= shift;
      ts[ts.length - 1]!.balance += shift;
      const after = valid(moved);
      const only = { tranches: ['senior'], scenarios: [scenario('base', []), scenario('front', [{ kind: 'default-timing', shape: 'front-loaded', share: 0.2 }])] };
      const a = breakEvenTable(before, only);
      const b = breakEvenTable(after, only);
      expect(b.tranches[0]!.bdr).to.be.at.least(a.tranches[0]!.bdr - RATE_TOLERANCE);
      const ra = domesticRating(a, expectedTdrSet(before, a), 'stress-multiplier').tranches[0]!;
      const rb = domesticRating(b, expectedTdrSet(after, b), 'stress-multiplier').tranches[0]!;
      expect(gradeRank(rb.domesticRating), `${ra.domesticRating} → ${rb.domesticRating}`).to.be.at.most(gradeRank(ra.domesticRating));
    }), { numRuns: 40 });
  });

  it('the decimal engine and the double engine find the same BDR for every tranche within the tolerance', () => {
    const scenarios = [scenario('base', []), scenario('mix', [{ kind: 'default-timing', shape: 'back-loaded', share: 0.3 }, { kind: 'recovery-haircut', haircut: 0.4 }, { kind: 'spread-compression', bp: 50 }])];
    fc.assert(fc.property(dealArb, allocationArb, (raw, allocation) => {
      const deal = valid(raw);
      const exact = breakEvenTable(deal, { scenarios, allocation, arithmetic: 'exact' });
      const float = breakEvenTable(deal, { scenarios, allocation, arithmetic: 'float' });
      exact.tranches.forEach((t, i) => {
        for (const s of scenarios) expect(Math.abs(t.bdrByScenario[s.name]! - float.tranches[i]!.bdrByScenario[s.name]!), `${t.id} ${s.name}`).to.be.at.most(RATE_TOLERANCE);
      });
    }), { numRuns: 25 });
  });
});

/** Two identical licence-fee firms; a small bullet senior over a large pass-through junior that takes all cash until maturity; no recovery. */
function validDealWithBulletSenior(): unknown {
  const firm = (id: string) => ({
    id, name: id, sector: 'IoT', ip: { appraisedValue: 10_000_000 },
    asset: { kind: 'licence-royalty', licence: 'exclusive', purchasePrice: 10_000_000, payments: ['2024-04-05', '2024-07-05', '2024-10-08', '2025-01-06'].map((date) => ({ date, amount: 2_600_000 })) },
    credit: { annualDefaultProbability: 0.02, recovery: { mean: 0, stdDev: 0, lagMonths: 6 } },
  });
  return {
    schemaVersion: 1,
    meta: { id: 'bullet-over-pass-through', name: 'Bullet senior over a pass-through junior', market: 'exchange-abs', issueDate: '2024-01-10', maturityDate: '2025-01-10', currency: 'CNY', paymentFrequency: 'quarterly', dayCount: 'ACT/365F', calendar: 'NONE', roll: 'following' },
    pool: { obligors: [firm('a'), firm('b')] },
    liabilities: { tranches: [
      { id: 'senior', seniority: 1, class: 'senior', currency: 'CNY', balance: 4_500_000, coupon: { type: 'fixed', rate: 0.03 }, principal: { type: 'bullet' }, interestDeferrable: false },
      { id: 'junior', seniority: 2, class: 'mezzanine', currency: 'CNY', balance: 15_500_000, coupon: { type: 'fixed', rate: 0.05 }, principal: { type: 'pass-through' }, interestDeferrable: true },
    ] },
    fees: [], accounts: [], triggers: [],
    waterfall: { normal: [
      { type: 'pay-interest', tranches: ['senior'] }, { type: 'pay-interest', tranches: ['junior'] },
      { type: 'pay-principal', tranches: ['senior', 'junior'] },
      { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior'] },
    ] },
    enhancements: [],
    provenance: [{ path: '/meta', kind: 'assumption', reason: 'property-test counterexample' }],
  };
}

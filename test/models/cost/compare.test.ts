import { expect } from 'chai';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { compareDeals, dealCost } from '../../../models/cost/compare.js';
import { effectiveInterestSplit } from '../../../models/cost/firm-flows.js';
import { Decimal } from 'decimal.js';
import { loadScenario, scenarioFiles, SCENARIO_DIR } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';
import { loadRaw } from '../../support/scenarios.js';

const loadRawDeal = () => loadRaw('futian-n-plus-1-2023.json');

/**
 * One firm, one loan, one note — small enough to work by hand. The firm borrows 10,000,000 on
 * 2024-09-20 for 365 days at 5% paid annually (500,000), pays a 1% guarantee fee (100,000) up
 * front, and gets 70% of interest and fees back. The trust funds it with a 3% note and pays a
 * 0.5% up-front fee (50,000) and a 0.1% trustee fee (10,000).
 */
function oneLoan(changes: Record<string, unknown> = {}): Deal {
  const raw = {
    schemaVersion: 1,
    meta: {
      id: 'one-loan', name: 'One loan', market: 'exchange-abs', issueDate: '2024-09-20', maturityDate: '2025-09-20',
      currency: 'CNY', paymentFrequency: 'annual', dayCount: 'ACT/365F', calendar: 'NONE', roll: 'unadjusted',
    },
    pool: { obligors: [{
      id: 'firm', name: 'Firm', sector: 'software', ip: { appraisedValue: 20_000_000 },
      asset: { kind: 'loan', principal: 10_000_000, startDate: '2024-09-20', termMonths: 12, paymentFrequency: 'annual', rate: { type: 'fixed', annualRate: 0.05 }, amortization: 'interest-only-bullet' },
      credit: { annualDefaultProbability: 0.01, recovery: { mean: 0.3, stdDev: 0.1, lagMonths: 12 } },
    }] },
    liabilities: { tranches: [{ id: 'senior', seniority: 1, class: 'senior', currency: 'CNY', balance: 10_000_000, coupon: { type: 'fixed', rate: 0.03 }, principal: { type: 'bullet' }, interestDeferrable: false }] },
    fees: [
      { id: 'arranger', kind: 'underwriting', timing: 'upfront', basis: { type: 'rate', annualRate: 0.005, on: 'issue-amount' } },
      { id: 'trustee', kind: 'trustee', timing: 'running', basis: { type: 'rate', annualRate: 0.001, on: 'notes-balance' } },
    ],
    accounts: [], triggers: [],
    waterfall: { normal: [
      { type: 'pay-fees' }, { type: 'pay-interest', tranches: ['senior'] }, { type: 'pay-principal', tranches: ['senior'] },
      { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior'] },
    ] },
    enhancements: [],
    funding: {
      firmFees: { guaranteeFeeRate: 0.01 },
      subsidy: { kind: 'share-of-interest-and-fees', share: 0.7 },
      baseline: { kind: 'ip-pledge-bank-loan', spreadOverLpr: 0.01, paymentMonths: 12, subsidised: false },
    },
    provenance: [{ path: '/meta/id', kind: 'assumption', reason: 'a hand-worked test deal' }],
  };
  const r = validateDeal(withChanges(raw, changes));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
}

describe('cost/compare: the all-in cost of funding, side by side', () => {
  describe('a hand-worked deal', () => {
    const c = dealCost(oneLoan());

    it('the firm: receives 10,000,000 − 100,000, pays 10,500,000 a year later: 10.5 / 9.9 − 1 = 6.0606%', () => {
      expect(c.firms[0]!.costRate).to.be.closeTo(10.5 / 9.9 - 1, 1e-10);
      expect(c.allInCostRate).to.be.closeTo(0.0606060606, 1e-9);
    });

    it('after 70% of interest and fees back (70,000 at once, 350,000 at the end): 10.15 / 9.97 − 1 = 1.8054%', () => {
      expect(c.subsidyTotal).to.equal(420_000);
      expect(c.subsidyAdjustedCostRate).to.be.closeTo(10.15 / 9.97 - 1, 1e-10);
    });

    it('baseline: 1Y LPR 3.35% (2024-07-22 fixing) + 100 bp, ACT/360 for 365 days: 441,041.67 of interest, 4.4104%; saving 1 − 1.8054 / 4.4104', () => {
      const bank = 441_041.67 / 10_000_000; // 10,000,000 × 4.35% × 365/360 to the fen
      expect(c.baseline.lprAtStart).to.deep.equal([0.0335, 0.0335]);
      expect(c.baselineCostRate).to.be.closeTo(bank, 1e-10);
      expect(c.baselineSubsidyAdjustedCostRate).to.equal(c.baselineCostRate); // not subsidised
      expect(c.savingVsBaseline).to.be.closeTo(1 - (10.15 / 9.97 - 1) / bank, 1e-8);
      expect(c.savingBeforeSubsidy).to.be.closeTo(1 - (10.5 / 9.9 - 1) / bank, 1e-8);
    });

    it('the note: coupon 3%, −35 bp over the LPR; fees 50,000 up front and 10,000 running; issuer cost 10.31 / 9.95 − 1', () => {
      const t = c.tranches[0]!;
      expect(t.coupon).to.equal(0.03);
      expect(t.spreadOverBenchmark).to.be.closeTo(-0.0035, 1e-12);
      expect(t.feesAllocated).to.include({ upfront: 50_000, running: 10_000, enhancement: 0, total: 60_000 });
      expect(t.allInCostRate).to.be.closeTo(10.31 / 9.95 - 1, 1e-10);
      expect(t.investorYield).to.be.closeTo(0.03, 1e-10);
      expect(c.issuerCostRate).to.be.closeTo(t.allInCostRate, 1e-12);
    });

    it('a rail that takes a day to reach investors lowers their yield to 1.03^(365/366) − 1', () => {
      const d = dealCost(oneLoan({ '/rail': { kind: 'bank-transfer', collectionLagDays: 0, distributionLagDays: 1, fees: { perPayment: 0, bp: 0 }, demandRate: 0.001 } }));
      expect(d.tranches[0]!.investorYield).to.be.closeTo(1.03 ** (365 / 366) - 1, 1e-10);
    });

    it('an enhancement fee is charged on the tranches it covers: 0.5% × 10,000,000 for the year = 50,000', () => {
      const d = dealCost(oneLoan({
        '/enhancements': [{ id: 'u', kind: 'shortfall-undertaking', provider: { id: 'p', name: 'P', annualDefaultProbability: 0.001 }, capacity: 'unlimited', fee: { annualRate: 0.005 } }],
        '/waterfall/normal': [
          { type: 'cover-shortfall', sources: ['u'], covers: { fees: true, interest: ['senior'], principal: ['senior'] } },
          { type: 'pay-fees' }, { type: 'pay-interest', tranches: ['senior'] }, { type: 'pay-principal', tranches: ['senior'] },
          { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior'] },
        ],
      }));
      expect(d.tranches[0]!.feesAllocated.enhancement).to.equal(50_000);
      expect(d.tranches[0]!.allInCostRate).to.be.closeTo(10.36 / 9.95 - 1, 1e-10);
    });
  });

  it('splits licence fees by the effective-interest method: 1,000,000 for 3 fees of 10,000 and 1,010,000 at 4% a year', () => {
    const fees = [
      { date: '2025-01-01', amount: new Decimal(10_000) }, { date: '2025-04-01', amount: new Decimal(10_000) },
      { date: '2025-07-01', amount: new Decimal(10_000) }, { date: '2025-10-01', amount: new Decimal(1_010_000) },
    ];
    const split = effectiveInterestSplit(new Decimal(1_000_000), '2024-10-01', fees);
    // Each fee pays the charge accrued on the price and little principal; the last repays the rest.
    expect(split.reduce((s, x) => s + x.principal.toNumber(), 0)).to.equal(1_000_000);
    expect(split.reduce((s, x) => s + x.interest.toNumber(), 0)).to.equal(40_000);
    for (const x of split.slice(0, 3)) expect(x.interest.toNumber()).to.be.within(9_800, 10_000);
  });

  describe('the shipped scenarios', () => {
    const result = compareDeals(scenarioFiles().map(loadScenario));
    const byId = new Map(result.deals.map((d) => [d.deal.id, d]));

    it('every deal has the fields the JSON promises', () => {
      for (const d of result.deals) {
        expect(d.deal.id).to.be.a('string');
        for (const t of d.tranches) {
          expect(t.id).to.be.a('string');
          expect(t.currency).to.match(/^(CNY|CNH|HKD|USD)$/);
          expect(t.allInCostRate, `${d.deal.id} ${t.id}`).to.be.a('number').and.satisfy(Number.isFinite);
          expect(t.coupon === null || typeof t.coupon === 'number').to.equal(true);
        }
        for (const k of ['allInCostRate', 'subsidyAdjustedCostRate', 'baselineCostRate', 'savingVsBaseline'] as const) {
          expect(d[k], `${d.deal.id} ${k}`).to.be.a('number').and.satisfy(Number.isFinite);
        }
      }
    });

    it('Futian: firms\' cost cut by more than 20% against an IP-pledge bank loan, before and after the 70% subsidy; the cheapest firm at 1.79%', () => {
      const f = byId.get('futian-n-plus-1-2023')!;
      expect(f.savingBeforeSubsidy).to.be.above(0.2);
      expect(f.savingVsBaseline).to.be.above(0.2);
      expect(f.lowestFirm.subsidyAdjustedCostRate).to.be.closeTo(0.0179, 0.0002);
      expect(f.baseline.spec.subsidised).to.equal(true); // like for like: the bank loan gets the subsidy too
      // The +1 firm and its offshore leg: a CNH tranche, taxes and chain fees in its cost.
      const leg = f.tranches.find((t) => t.offshore)!;
      expect(leg).to.include({ id: 'plus-one', currency: 'CNH', coupon: 0.039 });
      expect(leg.allInCostRate).to.be.above(0.039);
      expect(f.legs[0]!.quota.map((q) => q.usedAfter)).to.deep.equal([1_800_000, 3_000_000]);
    });

    it('Futian: allocates every up-front fee to the tranches (0.3% + 0.005% of 150 M, 150,000 + 150,000 = 757,500)', () => {
      const f = byId.get('futian-n-plus-1-2023')!;
      const upfront = f.tranches.filter((t) => !t.offshore).reduce((s, t) => s + t.feesAllocated.upfront, 0);
      expect(upfront).to.be.closeTo(757_500, 0.01);
    });

    it('Ningbo: firms\' cost at most 2% on the e-CNY rail; the bank rail costs more, and its effects explain the difference', () => {
      const e = byId.get('ningbo-ecny-2024')!;
      const b = byId.get('ningbo-bank-rail-2024')!;
      expect(e.subsidyAdjustedCostRate).to.be.at.most(0.02);
      expect(b.allInCostRate).to.be.above(e.allInCostRate);
      const diff = result.differences.find((x) => x.a === 'ningbo-ecny-2024' && x.b === 'ningbo-bank-rail-2024')!;
      expect(diff.allInCostRate).to.be.closeTo(b.allInCostRate - e.allInCostRate, 1e-15);
      const explained = diff.components.reduce((s, c) => s + c.annualRate, 0);
      expect(Math.abs(diff.allInCostRate - explained)).to.be.below(0.0001); // within 1 bp
      const effect = (name: string) => diff.components.find((c) => c.effect.startsWith(name))!;
      expect(effect('cash drag').amount).to.be.above(0);
      expect(effect('expected commingling loss').amount).to.be.above(0);
      expect(diff.investorYield).to.be.below(0); // a day's delay to investors
    });

    it('only pairs deals that differ in nothing but their rail', () => {
      expect(result.differences).to.have.length(1);
    });

    it('Yuhang has no funding section: the default baseline is used and said to be assumed', () => {
      const y = byId.get('yuhang-abn-2023')!;
      expect(y.baseline.assumed).to.equal(true);
      expect(y.subsidyAdjustedCostRate).to.equal(y.allInCostRate);
      expect(y.notes.join(' ')).to.include('default baseline');
    });
  });

  it('refuses a subsidised baseline without a subsidy, naming the field', () => {
    const r = validateDeal(withChanges(loadRawDeal(), { '/funding/subsidy': undefined, '/funding/baseline/subsidised': true, '/provenance': [{ path: '/meta/id', kind: 'assumption', reason: 'test' }] }));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.problems).to.deep.equal([{ path: 'funding.baseline.subsidised', message: 'is true but funding.subsidy is not given: say which subsidy the bank loan would get, or set subsidised to false' }]);
  });

  it('names the deal when its costs cannot be worked out', () => {
    const d = loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);
    // 2014: before the PBOC benchmark lending rate the model carries (and the LPR), so no benchmark.
    const broken = { ...d, funding: { baseline: { kind: 'ip-pledge-bank-loan' as const, spreadOverLpr: 0.005, subsidised: false } }, meta: { ...d.meta, issueDate: '2014-01-02' } } as Deal;
    expect(() => compareDeals([broken])).to.throw(/^yuhang-abn-2023: /);
  });
});

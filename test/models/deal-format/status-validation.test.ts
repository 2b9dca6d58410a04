// Bad input for revolving periods, status events and waterfalls per status: every problem names
// its field, says what is wrong and what is allowed.
import { expect } from 'chai';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import type { DealInput } from '../../../models/deal-format/schema.js';
import { revolvingDeal } from '../../support/revolving-deal.js';
import { minimalDeal } from '../../support/minimal-deal.js';

const problems = (d: unknown): string[] => {
  const v = validateDeal(d);
  return v.ok ? [] : v.problems.map(formatProblem);
};

describe('validation of revolving periods and status events', () => {
  it('accepts the revolving test deal', () => {
    expect(problems(revolvingDeal())).to.deep.equal([]);
  });

  it('refuses revolving purchases without an eligible pool', () => {
    const d = revolvingDeal();
    delete d.revolving;
    expect(problems(d)).to.include.members([
      'waterfall.revolving[3]: revolving purchases need an eligible pool: the deal has no "revolving" section (endDate, eligiblePool, purchaseRate, priceOfPar) to buy from',
      'waterfall.revolving: needs a "revolving" section: the revolving period and the eligible pool the purchases come from',
    ]);
    const e = revolvingDeal() as unknown as { revolving: Record<string, unknown> };
    delete e.revolving['eligiblePool'];
    expect(problems(e)).to.include('revolving.eligiblePool: is required (object)');
  });

  it('refuses a purchase step outside the revolving waterfall, and a revolving period with no purchase step', () => {
    const d = revolvingDeal();
    d.waterfall.normal.splice(3, 0, { type: 'buy-assets' });
    d.waterfall.revolving = d.waterfall.revolving!.filter((s) => s.type !== 'buy-assets');
    expect(problems(d)).to.include.members([
      'waterfall.normal[3]: "buy-assets" belongs in waterfall.revolving: the deal buys assets only in its revolving period, not in the normal waterfall',
      'waterfall.revolving: has no "buy-assets" step: a revolving waterfall must buy assets',
    ]);
  });

  it('refuses an eligible asset that breaks the eligibility criteria or outlives the deal', () => {
    const d = revolvingDeal() as DealInput & { revolving: NonNullable<DealInput['revolving']> };
    d.revolving.eligiblePool.asset.termMonths = 18;
    d.revolving.eligiblePool.asset.annualRate = 0.05;
    expect(problems(d)).to.include.members([
      'revolving.eligiblePool.asset.termMonths: the eligible asset does not meet the eligibility criteria: 18 months is longer than criteria.maxTermMonths (12)',
      'revolving.eligiblePool.asset.annualRate: the eligible asset does not meet the eligibility criteria: 0.05 is below criteria.minAnnualRate (0.06)',
      'revolving.eligiblePool.asset.termMonths: an asset bought on revolving.endDate (2024-03-15) would mature on 2025-09-15, after meta.maturityDate (2025-03-15); purchases must mature within the deal',
    ]);
  });

  it('refuses status events on fields, parties, enhancements and tranches that do not exist', () => {
    const d = revolvingDeal();
    d.events = [
      { id: 'a', effect: 'amortization', when: { kind: 'threshold', field: 'delinquency-rate' as 'pool-factor', below: 0.1 } },
      { id: 'b', effect: 'acceleration', when: { kind: 'party-default', party: 'nobody' } },
      { id: 'c', effect: 'acceleration', when: { kind: 'enhancement-unpaid', enhancement: 'reserve' } },
      { id: 'd', effect: 'acceleration', when: { kind: 'interest-shortfall', tranche: 'mezz' } },
      { id: 'e', effect: 'amortization', when: { kind: 'threshold', field: 'pool-factor' } },
    ];
    const ps = problems(d);
    expect(ps).to.include('events[0].when.field: must be one of "cumulative-default-rate", "pool-factor", "overcollateralization-ratio", got "delinquency-rate"');
    d.events.shift();
    expect(problems(d)).to.include.members([
      'events[0].when.party: unknown party "nobody" (parties of the deal\'s enhancements: "hti-guarantee")',
      'events[1].when.enhancement: unknown enhancement "reserve" (enhancements: "guarantee")',
      'events[2].when.tranche: unknown tranche "mezz" (tranches: "senior", "sub")',
      'events[3].when: give exactly one of "above" or "below" for the threshold on "pool-factor"',
    ]);
  });

  it('refuses an acceleration event without an accelerated waterfall, and an amortization event on a static pool', () => {
    const d = minimalDeal();
    d.events = [
      { id: 'x', effect: 'acceleration', when: { kind: 'threshold', field: 'cumulative-default-rate', above: 0.1 } },
      { id: 'y', effect: 'amortization', when: { kind: 'threshold', field: 'pool-factor', below: 0.5 } },
    ];
    expect(problems(d)).to.include.members([
      'events[0].effect: an acceleration event needs waterfall.accelerated (the steps to pay once it occurs)',
      'events[1].effect: an amortization event ends the revolving period, and this deal has none (use "acceleration", or add a "revolving" section)',
    ]);
  });
});

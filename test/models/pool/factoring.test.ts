import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { factoring } from '../../../models/pool/factoring.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { runExact } from '../../../models/engine/exact.js';
import { firmFundings } from '../../../models/cost/firm-flows.js';
import { xirr } from '../../../models/money/xirr.js';
import { dealWithAssets } from '../../support/asset-deal.js';

const receivables = (over: Record<string, unknown> = {}) => ({
  kind: 'factoring' as const,
  receivables: [
    { debtor: 'Buyer A', face: 6_000_000, dueDate: '2023-09-11' },
    { debtor: 'Buyer B', face: 4_000_000, dueDate: '2024-03-07' },
  ],
  price: { type: 'discount-rate' as const, annualRate: 0.036 },
  purchaseDate: '2023-03-15',
  ...over,
});
type Factoring = Parameters<typeof factoring.flows>[0];

describe('factoring of supply-chain receivables (保理, models/pool/factoring.ts)', () => {
  it('prices each receivable on the bank-discount convention: face − face × rate × days / 360', () => {
    // 6,000,000 × 3.6% × 180 / 360 = 108,000.00; 4,000,000 × 3.6% × 358 / 360 = 143,200.00.
    const a = receivables() as Factoring;
    expect(factoring.purchasePrice(a).toFixed(2)).to.equal(new Decimal(10_000_000 - 108_000 - 143_200).toFixed(2));
    const f = factoring.flows(a);
    expect(f.map((x) => [x.date, x.principal.toFixed(2), x.interest.toFixed(2)])).to.deep.equal([
      ['2023-09-11', '5892000.00', '108000.00'],
      ['2024-03-07', '3856800.00', '143200.00'],
    ]);
  });

  it('a fixed price is spread over the receivables pro rata to their face', () => {
    const f = factoring.flows(receivables({ price: { type: 'fixed', amount: 9_700_000 } }) as Factoring);
    expect(f.map((x) => x.principal.toFixed(2))).to.deep.equal(['5820000.00', '3880000.00']);
  });

  it('in a deal: reconciles to the fen; the seller\'s all-in cost is the discount\'s yield', () => {
    const a = receivables();
    const price = factoring.purchasePrice(a as Factoring);
    const v = validateDeal(dealWithAssets([a, { ...a, receivables: [{ debtor: 'Buyer C', face: 10_251_200, dueDate: '2024-03-15' }], price: { type: 'fixed', amount: new Decimal(20_000_000).minus(price).toFixed(2) } }], { balance: '20000000.00' }));
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    expect(runExact(v.deal).reconciled).to.equal(true);
    const firm = firmFundings(v.deal, new Decimal(0))[0]!;
    expect(firm.startDate).to.equal('2023-03-15');
    const irr = xirr(firm.flows.map((f) => ({ date: f.date, amount: f.amount })));
    // A 3.6% discount (ACT/360) is a yield a little above 3.6% a year (ACT/365F): between 3.7% and 3.8%.
    expect(irr).to.be.within(0.037, 0.038);
  });

  it('refuses a price above the face, a purchase after issue and receivables due outside the deal', () => {
    const v = validateDeal(dealWithAssets([
      receivables({ price: { type: 'fixed', amount: 10_000_001 }, purchaseDate: '2023-04-01' }),
      receivables({ receivables: [{ debtor: 'Buyer D', face: 10_000_000, dueDate: '2024-06-30' }], price: { type: 'fixed', amount: 9_999_999 } }),
    ], { balance: '20000000.00' }));
    expect(v.ok).to.equal(false);
    if (v.ok) return;
    const msgs = v.problems.map(formatProblem);
    expect(msgs).to.include('pool.obligors[0].asset.price.amount: must not exceed the receivables\' face (10000000.00): factoring buys at a discount, got 10000001.00');
    expect(msgs).to.include('pool.obligors[0].asset.purchaseDate: must be on or before meta.issueDate (2023-03-15); the trust holds the receivables from issue, got 2023-04-01');
    expect(msgs).to.include('pool.obligors[1].asset.receivables[0].dueDate: must be on or before meta.maturityDate (2024-03-15), got 2024-06-30');
  });
});

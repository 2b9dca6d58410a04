import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { leaseRentals, financeLease } from '../../../models/pool/finance-lease.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { runExact } from '../../../models/engine/exact.js';
import { firmFundings } from '../../../models/cost/firm-flows.js';
import { compilePathModel } from '../../../models/montecarlo/path-model.js';
import { NO_STRESS } from '../../../models/montecarlo/stress.js';
import { dealWithAssets } from '../../support/asset-deal.js';

const lease = (over: Record<string, unknown> = {}) => ({
  kind: 'finance-lease' as const, structure: 'sale-and-leaseback' as const,
  financedAmount: 12_000_000, startDate: '2023-03-15',
  rentals: { method: 'equal-rent' as const, termMonths: 12, paymentFrequency: 'quarterly' as const, rate: { type: 'fixed' as const, annualRate: 0.06 } },
  ...over,
});

describe('IP finance lease (知识产权融资租赁, models/pool/finance-lease.ts)', () => {
  it('等额租金 equal rent: 12 M at 6% over four quarters pays a level 3,113,337.43 a quarter, the last one taking the rounding', () => {
    // r = 1.5% a quarter; rent = 12,000,000 × 0.015 / (1 − 1.015^−4) = 3,113,337.4319…; interest 180,000.00 in the first quarter.
    const f = leaseRentals(lease() as Parameters<typeof leaseRentals>[0]);
    expect(f).to.have.length(4);
    expect(f[0]!.interest.toFixed(2)).to.equal('180000.00');
    expect(f[0]!.interest.plus(f[0]!.principal).toFixed(2)).to.equal('3113337.43');
    expect(f.reduce((s, x) => s.plus(x.principal), new Decimal(0)).toFixed(2)).to.equal('12000000.00');
    expect(f[3]!.balanceAfter.isZero()).to.equal(true);
  });

  it('adds the purchase option (留购价款) to the last rental as income and sets the deposit against the exposure', () => {
    const a = lease({ purchaseOption: 100, deposit: 600_000 }) as Parameters<typeof leaseRentals>[0];
    const plain = leaseRentals(lease() as Parameters<typeof leaseRentals>[0]);
    const withOption = leaseRentals(a);
    expect(withOption[3]!.interest.minus(plain[3]!.interest).toNumber()).to.equal(100);
    expect(financeLease.exposureAtDefault(a, new Decimal(5_000_000)).toNumber()).to.equal(4_400_000);
    expect(financeLease.exposureAtDefault(a, new Decimal(500_000)).toNumber()).to.equal(0);
  });

  it('a deal on lease rentals schedules, reconciles to the fen, and the firm\'s flows carry deposit, fee and option', () => {
    const raw = dealWithAssets([lease({ deposit: 600_000, handlingFee: 120_000, purchaseOption: 100 }), lease({ financedAmount: 8_000_000 })], { balance: '20000000.00' });
    const v = validateDeal(raw);
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const r = runExact(v.deal);
    expect(r.reconciled).to.equal(true);
    expect(r.totals.tranches.senior!.finalBalance).to.equal(0);
    const firms = firmFundings(v.deal, new Decimal(0));
    const f1 = firms[0]!.flows;
    const kinds = f1.map((f) => `${f.kind}:${String(f.amount)}`);
    expect(kinds).to.include('proceeds:12000000');
    expect(kinds).to.include('upfront-fee:-120000');
    expect(kinds).to.include('other:-600000');
    expect(kinds).to.include('other:600000');
    expect(kinds).to.include('other:-100');
    // The firm receives 12 M and pays back every rental: the sum of its flows is minus the interest, fee and option.
    const net = f1.reduce((s, f) => s.plus(f.amount), new Decimal(0));
    const interest = leaseRentals(lease() as Parameters<typeof leaseRentals>[0]).reduce((s, f) => s.plus(f.interest), new Decimal(0));
    expect(net.toFixed(2)).to.equal(interest.plus(120_000).plus(100).negated().toFixed(2));
  });

  it('the Monte Carlo engine takes the deposit off the exposure at default', () => {
    const v = validateDeal(dealWithAssets([lease({ deposit: 600_000 }), lease({ financedAmount: 8_000_000 })], { balance: '20000000.00' }));
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const m = compilePathModel(v.deal, NO_STRESS);
    // Before the first rental the first lease owes 12 M; the trust is exposed to 11.4 M of it.
    expect(m.flowExposure[0]).to.equal(11_400_000);
    expect(m.flowExposure[m.flowStart[1]!]).to.equal(8_000_000);
  });

  it('refuses rentals that do not amortize the financed amount, naming the sums', () => {
    const bad = lease({
      financedAmount: 1_000_000,
      rentals: { method: 'schedule', payments: [
        { date: '2023-06-15', principal: 500_000, interest: 15_000 },
        { date: '2023-12-15', principal: 499_999.99, interest: 7_500 },
      ] },
    });
    const v = validateDeal(dealWithAssets([bad, lease({ financedAmount: 19_000_000 })], { balance: '20000000.00' }));
    expect(v.ok).to.equal(false);
    if (v.ok) return;
    expect(v.problems.map(formatProblem)).to.include("pool.obligors[0].asset.rentals.payments: the rentals' principal parts add up to 999999.99 but the financed amount is 1000000.00; the rentals must amortize the financed amount exactly (difference -0.01)");
  });

  it('refuses a lease that outlives the deal, a deposit above the financed amount and out-of-order rentals', () => {
    const v = validateDeal(dealWithAssets([
      lease({ rentals: { method: 'equal-principal', termMonths: 24, paymentFrequency: 'quarterly', rate: { type: 'fixed', annualRate: 0.05 } }, deposit: 13_000_000 }),
      lease({ financedAmount: 8_000_000, rentals: { method: 'schedule', payments: [{ date: '2023-09-15', principal: 4_000_000, interest: 0 }, { date: '2023-08-15', principal: 4_000_000, interest: 0 }] } }),
    ], { balance: '20000000.00' }));
    expect(v.ok).to.equal(false);
    if (v.ok) return;
    const msgs = v.problems.map(formatProblem);
    expect(msgs).to.include('pool.obligors[0].asset.rentals.termMonths: the lease ends 2025-03-15, after meta.maturityDate (2024-03-15); leases must end within the deal');
    expect(msgs).to.include('pool.obligors[0].asset.deposit: must not exceed the financed amount (12000000.00), got 13000000.00');
    expect(msgs).to.include('pool.obligors[1].asset.rentals.payments[1].date: must be after the previous rental (2023-09-15); rentals must be in increasing date order, got 2023-08-15');
  });
});

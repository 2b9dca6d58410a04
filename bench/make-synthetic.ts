// Writes bench/synthetic-1000.json: the issue's synthetic pool, for comparing implementations.
// 1,000 level-payment loans, loan i of 500,000 + (i mod 10) × 100,000 CNY at 6% a year over 36
// monthly payments; PD 3% a year (constant hazard); one-factor Gaussian copula ρ = 0.2; LGD 60%
// fixed with the recovery 6 months after the default month; tranches 80% / 12% / 8% at 3% / 5% /
// 8% paid monthly; interest in seniority order, then all cash to principal sequentially (turbo).
// Run: node --import tsx bench/make-synthetic.ts
import { writeFileSync } from 'node:fs';

const N = 1000;
const obligors = Array.from({ length: N }, (_, i) => ({
  id: `loan-${String(i).padStart(4, '0')}`,
  name: `Synthetic loan ${i}`,
  sector: 'synthetic',
  ip: { appraisedValue: 500_000 + (i % 10) * 100_000 },
  asset: {
    kind: 'loan', principal: 500_000 + (i % 10) * 100_000, startDate: '2024-01-15', termMonths: 36,
    paymentFrequency: 'monthly', rate: { type: 'fixed', annualRate: 0.06 }, amortization: 'annuity',
  },
  credit: { annualDefaultProbability: 0.03, recovery: { mean: 0.4, stdDev: 0, lagMonths: 6, basis: 'exposure' } },
}));
const pool = obligors.reduce((s, o) => s + o.asset.principal, 0); // 950,000,000
const tranche = (id: string, seniority: number, cls: string, share: number, rate: number) => ({
  id, seniority, class: cls, currency: 'CNY', balance: Math.round(pool * share), coupon: { type: 'fixed', rate },
  principal: { type: 'pass-through' }, interestDeferrable: true,
});
const deal = {
  $schema: '../docs/deal.schema.json',
  schemaVersion: 1,
  meta: {
    id: 'synthetic-1000', name: 'Synthetic 1,000-loan pool (benchmark)', market: 'exchange-abs',
    description: 'The benchmark pool of issue 5, for comparing engines: not a real deal.',
    issueDate: '2024-01-15', maturityDate: '2027-07-15', currency: 'CNY', paymentFrequency: 'monthly',
    dayCount: '30/360', calendar: 'NONE', roll: 'unadjusted',
  },
  pool: { obligors },
  liabilities: { tranches: [tranche('a', 1, 'senior', 0.8, 0.03), tranche('b', 2, 'mezzanine', 0.12, 0.05), tranche('c', 3, 'subordinated', 0.08, 0.08)] },
  fees: [], accounts: [], triggers: [],
  waterfall: {
    normal: [
      { type: 'pay-interest', tranches: ['a'] }, { type: 'pay-interest', tranches: ['b'] }, { type: 'pay-interest', tranches: ['c'] },
      { type: 'pay-principal-turbo', tranches: ['a', 'b', 'c'] },
      { type: 'pay-residual', to: 'originator', holdUntilRepaid: [] },
    ],
  },
  enhancements: [],
  simulation: { copula: 'gaussian', rho: 0.2 },
  provenance: [{ path: '/pool/obligors', kind: 'assumption', reason: 'The synthetic benchmark pool specified in issue 5, not a real deal.' }],
};
writeFileSync(new URL('./synthetic-1000.json', import.meta.url), `${JSON.stringify(deal, null, 1)}\n`);
console.log(`wrote bench/synthetic-1000.json: ${N} loans, pool ${pool.toLocaleString('en-US')} CNY`);

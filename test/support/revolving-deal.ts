// A revolving micro-loan deal for tests (all figures illustrative): ten 2 M CNY six-month loans
// bought at issue, a one-year revolving period (循环购买) buying twelve-month loans from an eligible
// pool, then amortization; a senior note behind a guarantee, a subordinated note held by the
// originator; amortization and acceleration events and a clean-up call. Each call returns a fresh
// copy that tests may change.
import type { DealInput } from '../../models/deal-format/schema.js';

export function revolvingDeal(): DealInput {
  const loans = Array.from({ length: 10 }, (_, i) => ({
    id: `firm-${String(i + 1).padStart(2, '0')}`,
    name: `Firm ${i + 1}`,
    sector: i % 2 ? 'new-materials' : 'smart-iot',
    ip: { appraisedValue: 3_000_000, patents: { invention: 2, utilityModel: 3 } },
    asset: {
      kind: 'loan', principal: 2_000_000, startDate: '2023-03-15', termMonths: 6, paymentFrequency: 'monthly',
      rate: { type: 'fixed', annualRate: 0.072 }, amortization: 'equal-principal',
    },
    credit: { annualDefaultProbability: 0.03, recovery: { mean: 0.4, stdDev: 0.15, lagMonths: 6, basis: 'exposure' } },
  }));
  return {
    schemaVersion: 1,
    meta: {
      id: 'revolving-test', name: 'Revolving micro-loan test deal', market: 'exchange-abs',
      issueDate: '2023-03-15', maturityDate: '2025-03-15', currency: 'CNY', paymentFrequency: 'quarterly',
      dayCount: 'ACT/365F', calendar: 'NONE', roll: 'following',
    },
    pool: { obligors: loans },
    liabilities: {
      tranches: [
        { id: 'senior', seniority: 1, class: 'senior', currency: 'CNY', balance: '17000000.00', coupon: { type: 'fixed', rate: 0.035 }, principal: { type: 'pass-through' }, interestDeferrable: false },
        { id: 'sub', seniority: 2, class: 'subordinated', currency: 'CNY', balance: '3000000.00', coupon: { type: 'none' }, principal: { type: 'pass-through' }, interestDeferrable: true },
      ],
    },
    fees: [{ id: 'trustee', kind: 'trustee', timing: 'running', basis: { type: 'rate', annualRate: 0.002, on: 'pool-balance' } }],
    accounts: [],
    triggers: [],
    waterfall: {
      revolving: [
        { type: 'pay-fees' },
        { type: 'cover-shortfall', sources: ['guarantee'], covers: { fees: false, interest: ['senior'], principal: [] } },
        { type: 'pay-interest', tranches: ['senior'] },
        { type: 'buy-assets' },
        { type: 'pay-residual', to: 'subordinated', tranche: 'sub', holdUntilRepaid: ['senior', 'sub'] },
      ],
      normal: [
        { type: 'pay-fees' },
        { type: 'cover-shortfall', sources: ['guarantee'], covers: { fees: false, interest: ['senior'], principal: ['senior'] } },
        { type: 'pay-interest', tranches: ['senior'] },
        { type: 'pay-principal', tranches: ['senior'] },
        { type: 'pay-residual', to: 'subordinated', tranche: 'sub', holdUntilRepaid: ['senior'] },
      ],
      accelerated: [
        { type: 'pay-fees' },
        { type: 'cover-shortfall', sources: ['guarantee'], covers: { fees: false, interest: ['senior'], principal: [] } },
        { type: 'pay-interest', tranches: ['senior'] },
        { type: 'pay-principal-turbo', tranches: ['senior'] },
        { type: 'pay-residual', to: 'subordinated', tranche: 'sub', holdUntilRepaid: ['senior'] },
      ],
    },
    enhancements: [{
      id: 'guarantee', kind: 'guarantee',
      guarantors: [{ id: 'hti-guarantee', name: 'Guarantor', share: 1, capacity: 'unlimited', annualDefaultProbability: 0.01, sector: 'guarantor' }],
    }],
    revolving: {
      endDate: '2024-03-15',
      eligiblePool: {
        available: '40000000.00',
        asset: { termMonths: 12, paymentFrequency: 'monthly', annualRate: 0.072, amortization: 'equal-principal' },
        criteria: { maxTermMonths: 12, minAnnualRate: 0.06 },
        credit: { annualDefaultProbability: 0.03, recovery: { mean: 0.4, lagMonths: 6 } },
      },
      purchaseRate: 0.9,
      priceOfPar: 1,
    },
    events: [
      { id: 'cdr-5', effect: 'amortization', when: { kind: 'threshold', field: 'cumulative-default-rate', above: 0.05 } },
      { id: 'dry-pool', effect: 'amortization', when: { kind: 'purchase-shortfall', below: 0.5 } },
      { id: 'guarantor-fails', effect: 'acceleration', when: { kind: 'enhancement-unpaid', enhancement: 'guarantee' } },
      { id: 'senior-interest', effect: 'acceleration', when: { kind: 'interest-shortfall', tranche: 'senior' } },
    ],
    cleanUpCall: { poolFactorAtOrBelow: 0.1 },
    simulation: { copula: 'gaussian', rho: 0.15 },
    provenance: [{ path: '/revolving/purchaseRate', kind: 'assumption', reason: 'test fixture: 90% of the wanted loans are found in the eligible pool' }],
  } as DealInput;
}

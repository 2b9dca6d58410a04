// A small but complete valid deal for tests: two firms selling licence-royalty receivables
// (独占许可 licence fees), one senior bullet note, a shortfall-payment undertaking (差额支付承诺)
// and the required provenance list. Each call returns a fresh copy that tests may change freely.
import type { DealInput } from '../../models/deal-format/schema.js';

const royalties = (amount: number) => [
  { date: '2023-06-15', amount },
  { date: '2023-09-15', amount },
  { date: '2023-12-15', amount },
  { date: '2024-03-15', amount },
];

const firm = (id: string, name: string) => ({
  id,
  name,
  sector: 'new-materials',
  ip: { appraisedValue: 13_000_000, patents: { invention: 3, utilityModel: 6 } },
  asset: { kind: 'licence-royalty' as const, licence: 'exclusive' as const, purchasePrice: '10000000.00', payments: royalties(2_600_000) },
  credit: { annualDefaultProbability: 0.02, recovery: { mean: 0.3, stdDev: 0.1, lagMonths: 6 } },
});

export function minimalDeal(): DealInput {
  return {
    schemaVersion: 1,
    meta: {
      id: 'minimal',
      name: 'Minimal test deal',
      market: 'interbank-abn',
      issueDate: '2023-03-15',
      maturityDate: '2024-03-15',
      currency: 'CNY',
      paymentFrequency: 'quarterly',
      dayCount: 'ACT/365F',
      calendar: 'NONE',
      roll: 'following',
    },
    pool: { obligors: [firm('firm-a', 'Firm A'), firm('firm-b', 'Firm B')] },
    liabilities: {
      tranches: [{
        id: 'senior',
        seniority: 1,
        class: 'senior',
        currency: 'CNY',
        balance: '20000000.00',
        coupon: { type: 'fixed', rate: 0.027 },
        principal: { type: 'bullet' },
        interestDeferrable: false,
      }],
    },
    fees: [],
    accounts: [],
    triggers: [],
    waterfall: {
      normal: [
        { type: 'cover-shortfall', sources: ['su'], covers: { fees: false, interest: ['senior'], principal: ['senior'] } },
        { type: 'pay-interest', tranches: ['senior'] },
        { type: 'pay-principal', tranches: ['senior'] },
        { type: 'pay-residual', to: 'originator', holdUntilRepaid: ['senior'] },
      ],
    },
    enhancements: [{
      id: 'su',
      kind: 'shortfall-undertaking',
      provider: { id: 'undertaker', name: 'Credit enhancer', annualDefaultProbability: 0.005 },
      capacity: 'unlimited',
    }],
    provenance: [
      { path: '/liabilities/tranches/0/coupon/rate', kind: 'assumption', reason: 'test fixture: a round coupon' },
    ],
  };
}

/** The minimal deal with more enhancements appended after the shortfall undertaking (index 1, 2, ...). */
export function minimalDealWith(...enhancements: unknown[]): DealInput {
  const d = minimalDeal();
  (d.enhancements as unknown[]).push(...enhancements);
  return d;
}

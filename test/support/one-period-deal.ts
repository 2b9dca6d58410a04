// A one-period deal for closed-form checks: one firm's licence fee paid once at maturity (no
// income unless asked), a senior note and a subordinated note below it, no fees, recovery a fixed
// share of the exposure received at once (lag 0), no external support.
import type { DealInput } from '../../models/deal-format/schema.js';

export interface OnePeriodOptions {
  /** Share of the notes below the senior (20% → senior 80, subordinated 20). */
  subordination: number;
  /** Fixed recovery as a share of the exposure. */
  recovery: number;
  /** Senior coupon, annual (the period is exactly one 365-day year). */
  seniorCoupon?: number;
  /** Income the asset pays on top of its price, as a share of the price. */
  assetYield?: number;
  pool?: number;
}

export function onePeriodDeal(o: OnePeriodOptions): DealInput {
  const pool = o.pool ?? 100_000_000;
  const sub = Math.round(pool * o.subordination);
  return {
    schemaVersion: 1,
    meta: {
      id: 'one-period', name: 'One-period closed-form deal', market: 'exchange-abs',
      issueDate: '2025-01-10', maturityDate: '2026-01-10', currency: 'CNY', paymentFrequency: 'bullet',
      dayCount: 'ACT/365F', calendar: 'NONE', roll: 'unadjusted',
    },
    pool: {
      obligors: [{
        id: 'firm', name: 'Firm', sector: 'new materials', ip: { appraisedValue: pool },
        asset: { kind: 'licence-royalty', licence: 'exclusive', purchasePrice: pool, payments: [{ date: '2026-01-10', amount: Math.round(pool * (1 + (o.assetYield ?? 0))) }] },
        credit: { annualDefaultProbability: 0.02, recovery: { mean: o.recovery, stdDev: 0, lagMonths: 0, basis: 'exposure' } },
      }],
    },
    liabilities: {
      tranches: [
        { id: 'senior', seniority: 1, class: 'senior', currency: 'CNY', balance: pool - sub, coupon: { type: 'fixed', rate: o.seniorCoupon ?? 0 }, principal: { type: 'bullet' }, interestDeferrable: false },
        { id: 'sub', seniority: 2, class: 'subordinated', currency: 'CNY', balance: sub, coupon: { type: 'none' }, principal: { type: 'bullet' }, interestDeferrable: true },
      ],
    },
    fees: [], accounts: [], triggers: [],
    waterfall: {
      normal: [
        { type: 'pay-interest', tranches: ['senior'] },
        { type: 'pay-principal', tranches: ['senior'] },
        { type: 'pay-residual', to: 'subordinated', tranche: 'sub', holdUntilRepaid: ['senior'] },
      ],
    },
    enhancements: [],
    provenance: [{ path: '/meta', kind: 'assumption', reason: 'closed-form test deal' }],
  };
}

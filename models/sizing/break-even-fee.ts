// 盈亏平衡担保费率 break-even fee: the annual fee rate f, charged on the covered notes' balance,
// whose present value equals the present value of what the guarantor is expected to pay:
//
//   f × Σ_p DF(t_p) · B_p · τ_p  =  Σ_p DF(t_p) · E[D_p]
//   f = Σ_p DF(t_p) E[D_p] / Σ_p DF(t_p) B_p τ_p
//
// t_p years from issue to payment date p, τ_p = t_p − t_{p−1} the year fraction the fee for
// period p accrues over, B_p the covered balance outstanding during period p (scheduled, i.e.
// as if no firm defaulted), E[D_p] the expected draw paid in period p, and
// DF(t) = (1 + r)^(−t) at an annual discount rate r (e.g. the senior coupon).
// What this leaves out, on purpose: the guarantor's recoveries after paying (subrogation, 追偿),
// its cost of capital and expenses — it is the fee at which the guarantor only breaks even in
// expectation, a floor for the fee it should ask.

export interface FeePeriod {
  /** Years from issue to the payment date. */
  years: number;
  /** Covered balance outstanding during the period (yuan). */
  coveredBalance: number;
  /** Expected amount the guarantor pays on this date (yuan). */
  expectedDraw: number;
}

export interface BreakEvenFee {
  /** The annual fee rate (0.001 = 0.10% a year). */
  annualRate: number;
  discountRate: number;
  /** Present value of the expected draws (yuan). */
  pvExpectedDraws: number;
  /** Present value of a fee of 100% a year on the covered balance: Σ DF · B · τ (yuan·years). */
  pvFeeAnnuity: number;
  /** Undiscounted expected draws (yuan). */
  expectedDraws: number;
}

/** Discount factor (1 + r)^(−t). */
export const discountFactor = (rate: number, years: number): number => (1 + rate) ** -years;

export function breakEvenFee(periods: readonly FeePeriod[], discountRate: number): BreakEvenFee {
  if (!(Number.isFinite(discountRate) && discountRate > -1 && discountRate <= 1)) {
    throw new RangeError(`discountRate: must be an annual rate above -1 and at most 1 (0.027 = 2.7%), got ${discountRate}`);
  }
  if (periods.length === 0) throw new RangeError('periods: need at least one payment period');
  let prev = 0;
  let pvDraws = 0;
  let annuity = 0;
  let draws = 0;
  periods.forEach((p, i) => {
    if (!(p.years > prev)) throw new RangeError(`periods[${i}].years: payment dates must come after issue and each other, got ${p.years} after ${prev}`);
    if (!(p.coveredBalance >= 0)) throw new RangeError(`periods[${i}].coveredBalance: must be 0 or more, got ${p.coveredBalance}`);
    if (!(p.expectedDraw >= 0)) throw new RangeError(`periods[${i}].expectedDraw: must be 0 or more, got ${p.expectedDraw}`);
    const df = discountFactor(discountRate, p.years);
    pvDraws += df * p.expectedDraw;
    annuity += df * p.coveredBalance * (p.years - prev);
    draws += p.expectedDraw;
    prev = p.years;
  });
  if (!(annuity > 0)) throw new RangeError('periods: the covered balance is 0 throughout, so no fee rate can pay for the draws');
  return { annualRate: pvDraws / annuity, discountRate, pvExpectedDraws: pvDraws, pvFeeAnnuity: annuity, expectedDraws: draws };
}

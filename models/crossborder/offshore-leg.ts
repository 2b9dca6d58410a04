// A "+k" offshore leg as the firm pays for it, in yuan: a Hong Kong private placement in HKD, USD
// or CNH, drawn in batches, bullet principal at maturity, coupons every `paymentMonths`, with the
// withholding taxes (grossed up or not), the guarantee chain's fees, the hedge and the conversion
// spread, each as its own kind of flow so `allInCost` can take the IRR and a subsidy can pick what
// it refunds.
//
// Conventions (each a choice, stated):
// - Coupons accrue on each batch from its draw date, ACT/365F (HKD, CNH) or ACT/360 (USD) by
//   `dayCount`; periods run every `paymentMonths` from the first draw; the last ends at maturity.
// - Taxes: if the borrower bears them, the `interest` flow is what the investors keep and a `tax`
//   flow carries the gross-up; if the investors bear them, the withheld part of the coupon is still
//   `interest` (it is contractual coupon) and there is no `tax` flow. Either way the withheld taxes
//   are paid to the tax office in yuan at the day's rate: no foreign currency bought, no spread,
//   no hedge on them.
// - Chain fees (counter-guarantee, Hong Kong guarantee) are annual rates on the outstanding
//   principal, accrued like the coupon (ACT/365F) and paid with it; the arrangement fee is a share
//   of each batch, paid when drawn. Fees are converted at the expected rate without spread.
// - Foreign-currency amounts are converted at the expected rate E[S_t] = S₀·e^{μt}, μ = r_CNY −
//   r_foreign by default; the hedged share h of each payment is bought forward at the CIP forward
//   fixed at the first draw, shown as a `hedge` flow h·amount·(F_t − E[S_t]); each conversion pays
//   the spread c, shown as an `fx-spread` flow. Proceeds are sold at E[S_t]·(1 − c).
import { Decimal } from 'decimal.js';
import { checkFraction, checkInteger, checkNumber, fen } from '../market/inputs.js';
import { checkDate, daysFrom, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import { addMonths } from '../calendar/schedule.js';
import type { CostFlow } from '../money/cost-flow.js';
import { expectedFxRate, forwardRate, moneyMarketBasis } from './fx.js';
import { interestTaxRules, offshoreInterestPayment, type LenderTaxStatus, type TaxBorneBy } from './withholding.js';

export interface OffshoreLegInput {
  currency: string;
  /** CNY per unit of the loan currency at the first draw, mid. */
  spot: number;
  /** Batches in the loan currency, in date order. */
  draws: ReadonlyArray<{ date: IsoDate; amount: number }>;
  maturityDate: IsoDate;
  /** Annual coupon: what investors keep if the borrower bears the taxes, the gross coupon otherwise. */
  couponRate: number;
  paymentMonths: number;
  dayCount: 'ACT/365F' | 'ACT/360';
  taxBorneBy: TaxBorneBy;
  lender: LenderTaxStatus;
  counterGuaranteeFee: number;
  hkGuaranteeFee: number;
  arrangementFeeUpfront: number;
  hedgeRatio: number;
  domesticRate: number;
  foreignRate: number;
  basisSpread?: number;
  conversionSpread: number;
  drift?: number;
}

export interface OffshoreLeg {
  flows: CostFlow[];
  /** FX exposure in the loan currency per payment date (gross coupon incl. taxes, principal), for FX-risk runs. */
  foreignPayments: Array<{ date: IsoDate; amount: number }>;
  periods: Array<{ start: IsoDate; end: IsoDate; outstanding: Decimal; coupon: Decimal; tax: Decimal }>;
}

const fcy = (x: Decimal | number): Decimal => new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

export function offshoreLegFlows(i: OffshoreLegInput): OffshoreLeg {
  moneyMarketBasis(i.currency);
  const spot = checkNumber(i.spot, 'spot', 1e-9, 1e9);
  if (i.draws.length === 0) throw new Error('draws: must list at least one batch');
  const draws = i.draws.map((d, k) => {
    checkDate(d.date, `draws[${k}].date`);
    checkNumber(d.amount, `draws[${k}].amount`, 0.01, 1e15);
    if (k > 0 && dayNumber(d.date) < dayNumber((i.draws[k - 1] as { date: string }).date)) {
      throw new Error(`draws[${k}].date: batches must be in date order, got ${d.date}`);
    }
    return { date: d.date, amount: fcy(d.amount) };
  });
  const first = (draws[0] as { date: string }).date;
  const maturity = checkDate(i.maturityDate, 'maturityDate');
  const lastDraw = (draws[draws.length - 1] as { date: string }).date;
  if (dayNumber(maturity) <= dayNumber(lastDraw)) throw new Error(`maturityDate: must be after the last draw ${lastDraw}, got ${maturity}`);
  const step = checkInteger(i.paymentMonths, 'paymentMonths', 1, 120);
  const coupon = checkNumber(i.couponRate, 'couponRate', 0, 1);
  const basis = i.dayCount === 'ACT/360' ? 360 : i.dayCount === 'ACT/365F' ? 365 : NaN;
  if (Number.isNaN(basis)) throw new Error(`dayCount: must be "ACT/365F" or "ACT/360", got ${JSON.stringify(i.dayCount)}`);
  const h = checkFraction(i.hedgeRatio, 'hedgeRatio');
  const c = checkNumber(i.conversionSpread, 'conversionSpread', 0, 0.1);
  const cg = checkFraction(i.counterGuaranteeFee, 'counterGuaranteeFee');
  const hkFee = checkFraction(i.hkGuaranteeFee, 'hkGuaranteeFee');
  const arr = checkFraction(i.arrangementFeeUpfront, 'arrangementFeeUpfront');
  const mu = i.drift === undefined ? i.domesticRate - i.foreignRate : checkNumber(i.drift, 'drift', -1, 1);

  const t = (d: IsoDate) => daysFrom(first, d) / 365;
  const expected = (d: IsoDate) => expectedFxRate(spot, mu, t(d));
  const forward = (d: IsoDate) => forwardRate({
    spot, domesticRate: i.domesticRate, foreignRate: i.foreignRate, foreignCurrency: i.currency,
    days: daysFrom(first, d), basisSpread: i.basisSpread ?? 0,
  });

  const flows: CostFlow[] = [];
  const foreignPayments: OffshoreLeg['foreignPayments'] = [];
  /** Pays `amount` of foreign currency on `date`: base at E[S], hedge and spread as their own flows. */
  const pay = (date: IsoDate, amount: Decimal, kind: CostFlow['kind'], label: string) => {
    if (amount.isZero()) return;
    const e = expected(date);
    const f = forward(date);
    const rate = h * f + (1 - h) * e;
    flows.push({ date, amount: fen(amount.times(e)).negated(), kind, label });
    const hedge = fen(amount.times(h * (f - e)));
    if (!hedge.isZero()) flows.push({ date, amount: hedge.negated(), kind: 'hedge', label: `hedge on ${label}` });
    const spread = fen(amount.times(rate * c));
    if (!spread.isZero()) flows.push({ date, amount: spread.negated(), kind: 'fx-spread', label: `conversion spread on ${label}` });
  };

  for (const d of draws) {
    const e = expected(d.date);
    flows.push({ date: d.date, amount: fen(d.amount.times(e)), kind: 'proceeds', label: 'offshore batch' });
    const spread = fen(d.amount.times(e * c));
    if (!spread.isZero()) flows.push({ date: d.date, amount: spread.negated(), kind: 'fx-spread', label: 'conversion spread on proceeds' });
    const fee = fen(d.amount.times(arr).times(e));
    if (!fee.isZero()) flows.push({ date: d.date, amount: fee.negated(), kind: 'upfront-fee', label: 'arrangement fee' });
  }

  // Interest periods from the first draw.
  const ends: IsoDate[] = [];
  for (let k = 1; ; k++) {
    const d = addMonths(first, k * step);
    if (dayNumber(d) >= dayNumber(maturity)) {
      ends.push(maturity);
      break;
    }
    ends.push(d);
  }
  const periods: OffshoreLeg['periods'] = [];
  let start = first;
  for (const end of ends) {
    // Accrue each batch from max(its draw, period start) to the period end.
    let couponAmt = new Decimal(0);
    let feeDays = new Decimal(0); // Σ amount × days, for the fees on ACT/365F
    let outstanding = new Decimal(0);
    for (const d of draws) {
      const from = dayNumber(d.date) > dayNumber(start) ? d.date : start;
      const days = daysFrom(from, end);
      if (dayNumber(d.date) >= dayNumber(end) || days <= 0) continue;
      outstanding = outstanding.plus(d.amount);
      couponAmt = couponAmt.plus(d.amount.times(coupon).times(days).dividedBy(basis));
      feeDays = feeDays.plus(d.amount.times(days));
    }
    const contract = fcy(couponAmt);
    const taxes = offshoreInterestPayment(contract, i.taxBorneBy, interestTaxRules({ lender: i.lender, paymentDate: end }));
    // Investors are paid in the loan currency (bought, hedged, with spread); the withheld taxes are
    // paid to the tax office in yuan at the day's rate (no purchase of foreign currency, no spread).
    const e = expected(end);
    pay(end, taxes.netToLender, 'interest', 'coupon to investors');
    const taxCny = fen(taxes.totalTax.times(e));
    if (!taxCny.isZero()) {
      flows.push(i.taxBorneBy === 'borrower'
        ? { date: end, amount: taxCny.negated(), kind: 'tax', label: 'withholding tax gross-up' }
        : { date: end, amount: taxCny.negated(), kind: 'interest', label: 'coupon withheld for tax' });
    }
    const cgFee = fen(feeDays.times(cg).dividedBy(365).times(e));
    if (!cgFee.isZero()) flows.push({ date: end, amount: cgFee.negated(), kind: 'counter-guarantee-fee', label: 'onshore counter-guarantee fee' });
    const hkF = fen(feeDays.times(hkFee).dividedBy(365).times(e));
    if (!hkF.isZero()) flows.push({ date: end, amount: hkF.negated(), kind: 'guarantee-fee', label: 'Hong Kong guarantee fee' });
    foreignPayments.push({ date: end, amount: taxes.gross.toNumber() });
    periods.push({ start, end, outstanding, coupon: contract, tax: taxes.totalTax });
    start = end;
  }
  const principal = draws.reduce((s, d) => s.plus(d.amount), new Decimal(0));
  pay(maturity, principal, 'principal', 'principal');
  const last = foreignPayments[foreignPayments.length - 1] as { amount: number };
  last.amount += principal.toNumber();
  return { flows, foreignPayments, periods };
}

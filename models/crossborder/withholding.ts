// Taxes withheld on interest a mainland borrower pays to a Hong Kong lender (源泉扣缴).
//
// - Enterprise income tax (企业所得税) withheld at 10% on a non-resident's interest (企业所得税法
//   第3条第3款, 第37条; 实施条例 第91条 reduces the 20% rate to 10%), or at most 7% for a Hong Kong
//   resident beneficial owner under the mainland–Hong Kong arrangement for the avoidance of double
//   taxation (内地和香港避免双重征税安排, Art. 11 para. 2).
// - VAT (增值税) on loan services (贷款服务) at 6%, withheld by the payer when an offshore lender has
//   no establishment in China (财税〔2016〕36号 附件1 第6条, 第15条), computed on the VAT-exclusive
//   amount: 应扣缴税额 = 购买方支付的价款 ÷ (1 + 税率) × 税率 (同附件 第20条). The arrangement does
//   not cover VAT.
// - The income-tax base is the VAT-exclusive interest: a non-resident "应以不含增值税的收入全额作为
//   应纳税所得额" (国家税务总局公告2013年第9号, extended to all VAT-reform services since 2016).
// - Local surcharges on the withheld VAT (urban maintenance and construction tax 7% in a city,
//   education surcharge 3%, local education surcharge 2%: 12% of the VAT) were levied before
//   2021-09-01. Since then VAT paid on services sold into China by offshore entities bears no urban
//   maintenance tax and, following it, no education surcharges (财政部 税务总局公告2021年第28号,
//   under the Urban Maintenance and Construction Tax Law in force 2021-09-01). `interestTaxRules`
//   chooses 12% or 0 by payment date; pass `surchargeRate` to override.
//
// Rounding (to the fen, half up) follows the order a withholding agent computes:
//   VAT = G × v / (1 + v);  VAT-exclusive base B = G − VAT;  EIT = B × r;  surcharges = VAT × s.
// Gross-up (the borrower bears the taxes, 包税): net N = G − VAT − EIT − surcharges
//   = G × (1 − r − v·s) / (1 + v),  so  G = N × (1 + v) / (1 − r − v·s),
// then the fen is adjusted so that the rounded taxes leave the lender exactly N (or, when rounding
// skips N, the smallest G that leaves at least N; `exact` says which).
import { Decimal } from 'decimal.js';
import { checkFraction, checkMoney, fen, type MoneyInput } from '../market/inputs.js';
import { checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';

export const STATUTORY_WITHHOLDING_RATE = 0.1;
export const HK_ARRANGEMENT_INTEREST_RATE = 0.07;
export const LOAN_SERVICES_VAT_RATE = 0.06;
export const PRE_2021_SURCHARGE_RATE = 0.12;
export const SURCHARGE_EXEMPTION_FROM: IsoDate = '2021-09-01';
/** VAT replaced business tax on financial services on 2016-05-01 (营改增). */
export const VAT_ON_INTEREST_FROM: IsoDate = '2016-05-01';

/** Who the lender is for tax purposes. */
export type LenderTaxStatus =
  /** A Hong Kong tax resident that is the beneficial owner (受益所有人) of the interest. */
  | 'hk-beneficial-owner'
  /** Any other non-resident lender (or one that cannot show beneficial ownership). */
  | 'non-resident';

export interface InterestTaxRules {
  eitRate: number;
  vatRate: number;
  /** Local surcharges as a share of the VAT. */
  surchargeRate: number;
}

export interface InterestTaxRulesInput {
  lender: LenderTaxStatus;
  paymentDate: IsoDate;
  /** Overrides (each a decimal, e.g. 0.07). */
  eitRate?: number;
  vatRate?: number;
  surchargeRate?: number;
}

export function interestTaxRules(input: InterestTaxRulesInput): InterestTaxRules {
  const date = checkDate(input.paymentDate, 'paymentDate');
  if (dayNumber(date) < dayNumber(VAT_ON_INTEREST_FROM)) {
    throw new Error(
      `paymentDate: VAT on interest applies from ${VAT_ON_INTEREST_FROM} (营改增); the business tax before it is not modelled, got ${date}`,
    );
  }
  if (input.lender !== 'hk-beneficial-owner' && input.lender !== 'non-resident') {
    throw new Error(`lender: must be "hk-beneficial-owner" or "non-resident", got ${JSON.stringify(input.lender)}`);
  }
  const eitDefault = input.lender === 'hk-beneficial-owner' ? HK_ARRANGEMENT_INTEREST_RATE : STATUTORY_WITHHOLDING_RATE;
  const surchargeDefault = dayNumber(date) < dayNumber(SURCHARGE_EXEMPTION_FROM) ? PRE_2021_SURCHARGE_RATE : 0;
  return {
    eitRate: input.eitRate === undefined ? eitDefault : checkFraction(input.eitRate, 'eitRate'),
    vatRate: input.vatRate === undefined ? LOAN_SERVICES_VAT_RATE : checkFraction(input.vatRate, 'vatRate'),
    surchargeRate: input.surchargeRate === undefined ? surchargeDefault : checkFraction(input.surchargeRate, 'surchargeRate'),
  };
}

export interface InterestTaxes {
  /** What the borrower pays in total (to the lender and, withheld, to the tax office). */
  gross: Decimal;
  vat: Decimal;
  /** The VAT-exclusive interest, the income-tax base. */
  vatExclusive: Decimal;
  eit: Decimal;
  surcharges: Decimal;
  totalTax: Decimal;
  netToLender: Decimal;
}

function checkRules(rules: InterestTaxRules): void {
  checkFraction(rules.eitRate, 'rules.eitRate');
  checkFraction(rules.vatRate, 'rules.vatRate');
  checkFraction(rules.surchargeRate, 'rules.surchargeRate');
}

/** The taxes withheld from a gross interest payment G, each rounded to the fen. */
export function taxesOnInterest(gross: MoneyInput, rules: InterestTaxRules): InterestTaxes {
  const g = fen(checkMoney(gross, 'gross'));
  checkRules(rules);
  const vat = fen(g.times(rules.vatRate).dividedBy(1 + rules.vatRate));
  const vatExclusive = g.minus(vat);
  const eit = fen(vatExclusive.times(rules.eitRate));
  const surcharges = fen(vat.times(rules.surchargeRate));
  const totalTax = vat.plus(eit).plus(surcharges);
  return { gross: g, vat, vatExclusive, eit, surcharges, totalTax, netToLender: g.minus(totalTax) };
}

/**
 * The gross interest G the borrower must pay so that the lender keeps `net` after every tax withheld:
 * G = N × (1 + v) / (1 − r − v·s), then adjusted by the fen for the rounding of each tax.
 */
export function grossUpInterest(net: MoneyInput, rules: InterestTaxRules): InterestTaxes & { exact: boolean } {
  const n = checkMoney(net, 'net');
  if (n.decimalPlaces() > 2) throw new Error(`net: must be exact to the fen (at most 2 decimals), got ${n.toString()}`);
  checkRules(rules);
  const keep = 1 - rules.eitRate - rules.vatRate * rules.surchargeRate;
  if (keep <= 0) throw new Error(`rules: taxes of ${rules.eitRate} + ${rules.vatRate} × ${rules.surchargeRate} leave the lender nothing; cannot gross up`);
  const closed = n.times(1 + rules.vatRate).dividedBy(keep);
  const cent = new Decimal('0.01');
  // Rounded taxes move net by at most a few fen from the closed form: search a small window.
  let g = closed.toDecimalPlaces(2, Decimal.ROUND_DOWN).minus(cent.times(3));
  if (g.isNegative()) g = new Decimal(0);
  for (let i = 0; i < 10; i++) {
    const t = taxesOnInterest(g, rules);
    if (t.netToLender.greaterThanOrEqualTo(n)) return { ...t, exact: t.netToLender.equals(n) };
    g = g.plus(cent);
  }
  throw new Error(`grossUpInterest: no gross amount near ${closed.toFixed(2)} leaves the lender ${n.toFixed(2)} (internal rounding error)`);
}

export type TaxBorneBy = 'lender' | 'borrower';

/**
 * One interest payment to an offshore lender. `contractualInterest` is the gross amount when the
 * lender bears the taxes, the net amount the lender must keep when the borrower bears them (grossed up).
 */
export function offshoreInterestPayment(
  contractualInterest: MoneyInput,
  borneBy: TaxBorneBy,
  rules: InterestTaxRules,
): InterestTaxes & { borneBy: TaxBorneBy; exact: boolean } {
  if (borneBy === 'lender') return { ...taxesOnInterest(contractualInterest, rules), borneBy, exact: true };
  if (borneBy === 'borrower') return { ...grossUpInterest(contractualInterest, rules), borneBy };
  throw new Error(`borneBy: must be "lender" or "borrower", got ${JSON.stringify(borneBy)}`);
}

/** The annual rate a borrower pays for a net-to-lender rate when it bears the taxes (no rounding). */
export function grossedUpRate(netRate: number, rules: InterestTaxRules): number {
  return (netRate * (1 + rules.vatRate)) / (1 - rules.eitRate - rules.vatRate * rules.surchargeRate);
}

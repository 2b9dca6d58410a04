// The contractual cash flows of each pool asset, exact to the fen. These are what the trust is
// owed if nobody defaults; the engines map them onto the deal's payment periods.
import { Decimal } from 'decimal.js';
import type { Asset, Deal } from '../deal/schema.js';
import { addMonths } from '../calendar/schedule.js';
import { FEN_ROUNDING } from '../money/num.js';
import { lprOn } from '../market/lpr.js';

export interface AssetFlow {
  /** Contractual due date (unadjusted). */
  date: string;
  /** Interest / income part (for licence fees: the part above the purchase price, pro rata). */
  interest: Decimal;
  /** Principal part: repays the trust's purchase price. */
  principal: Decimal;
  /** Principal outstanding after this payment. */
  balanceAfter: Decimal;
}

const fen = (d: Decimal) => d.toDecimalPlaces(2, FEN_ROUNDING);
const PERIOD_MONTHS = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const;

/**
 * 独占许可 licence-fee receivables: each fee is split into a principal part (a pro-rata share of
 * the purchase price) and an income part, so a royalty and a loan have comparable balances.
 */
export function royaltyFlows(asset: Extract<Asset, { kind: 'licence-royalty' }>): AssetFlow[] {
  const price = new Decimal(asset.purchasePrice);
  const total = asset.payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  let balance = price;
  return asset.payments.map((p, i) => {
    const amount = new Decimal(p.amount);
    const isLast = i === asset.payments.length - 1;
    // Fees that total nothing carry no share of the price: the balance stays until the last one.
    const share = total.isZero() ? new Decimal(0) : fen(price.times(amount).dividedBy(total));
    const principal = isLast ? balance : Decimal.min(balance, share);
    balance = balance.minus(principal);
    return { date: p.date, interest: amount.minus(principal), principal, balanceAfter: balance };
  });
}

/** The annual rate a loan pays in a period starting on `date`. LPR loans reset each period to LPR + spread. */
export function loanRateOn(asset: Extract<Asset, { kind: 'loan' }>, date: string): number {
  return asset.rate.type === 'fixed' ? asset.rate.annualRate : lprOn(date, asset.rate.benchmark === 'LPR1Y' ? '1Y' : '5Y') + asset.rate.spread;
}

/**
 * A loan's schedule on the Chinese bank convention: the period rate is the annual rate divided
 * by the number of periods a year (月利率 = 年利率 / 12), interest rounded to the fen each period.
 * 等额本金 equal-principal: equal principal parts, the last one takes the rounding remainder.
 * 等额本息 annuity: a level payment P·r / (1 − (1 + r)^−n), recomputed when an LPR reset moves r.
 * 先息后本 interest-only then bullet.
 */
export function loanFlows(asset: Extract<Asset, { kind: 'loan' }>): AssetFlow[] {
  const step = PERIOD_MONTHS[asset.paymentFrequency];
  const n = asset.termMonths / step;
  const perYear = 12 / step;
  let balance = new Decimal(asset.principal);
  const flows: AssetFlow[] = [];
  for (let k = 1; k <= n; k++) {
    const start = addMonths(asset.startDate, (k - 1) * step, false);
    const date = addMonths(asset.startDate, k * step, false);
    const r = new Decimal(loanRateOn(asset, start)).dividedBy(perYear);
    const interest = fen(balance.times(r));
    const remaining = n - k + 1;
    let principal: Decimal;
    if (k === n) principal = balance;
    else if (asset.amortization === 'interest-only-bullet') principal = new Decimal(0);
    else if (asset.amortization === 'equal-principal') principal = fen(new Decimal(asset.principal).dividedBy(n));
    else {
      const payment = r.isZero()
        ? balance.dividedBy(remaining)
        : balance.times(r).dividedBy(new Decimal(1).minus(r.plus(1).pow(-remaining)));
      principal = fen(payment).minus(interest);
    }
    principal = Decimal.min(principal, balance);
    balance = balance.minus(principal);
    flows.push({ date, interest, principal, balanceAfter: balance });
  }
  return flows;
}

export function assetFlows(asset: Asset): AssetFlow[] {
  return asset.kind === 'loan' ? loanFlows(asset) : royaltyFlows(asset);
}

/** Flows still owed to the trust at issue: loans bought seasoned skip what was paid before. */
export function flowsAfterIssue(deal: Deal, asset: Asset): AssetFlow[] {
  return assetFlows(asset).filter((f) => f.date > deal.meta.issueDate);
}

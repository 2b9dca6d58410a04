// A deal's "+k" offshore leg as cash flows: the firm's CNY cost flows (offshoreLegFlows), the
// investors' flows in the loan currency, and the FX risk of what is left unhedged.
import { Decimal } from 'decimal.js';
import type { OffshoreLegSpec as OffshoreLeg } from './leg-schema.js';
import type { CostFlow } from '../money/cost-flow.js';
import { offshoreLegFlows, type OffshoreLeg as LegCashFlows } from './offshore-leg.js';
import { foreignLoanCnyCost } from './fx.js';
import { xirr } from '../money/xirr.js';

/** Each batch in the loan currency: its yuan amount at the spot rate of the first draw, to the cent. */
export function legForeignDraws(leg: OffshoreLeg): Array<{ date: string; amount: number }> {
  return leg.draws.map((d) => ({ date: d.date, amount: new Decimal(d.amountCny).dividedBy(leg.fx.spot).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber() }));
}

/** The leg's flows as the firm pays them, in yuan, each tagged with its kind. */
export function legCashFlows(leg: OffshoreLeg): LegCashFlows {
  return offshoreLegFlows({
    currency: leg.currency,
    spot: leg.fx.spot,
    draws: legForeignDraws(leg),
    maturityDate: leg.maturityDate,
    couponRate: leg.coupon.rate,
    paymentMonths: leg.coupon.paymentMonths,
    dayCount: leg.coupon.dayCount,
    taxBorneBy: leg.taxes.borneBy,
    lender: leg.taxes.lender,
    counterGuaranteeFee: leg.chain.counterGuaranteeFee,
    hkGuaranteeFee: leg.chain.hkGuaranteeFee,
    arrangementFeeUpfront: leg.chain.arrangementFeeUpfront,
    hedgeRatio: leg.fx.hedgeRatio,
    domesticRate: leg.fx.domesticRate,
    foreignRate: leg.fx.foreignRate,
    ...(leg.fx.basisSpread === undefined ? {} : { basisSpread: leg.fx.basisSpread }),
    conversionSpread: leg.fx.conversionSpread,
    ...(leg.fx.drift === undefined ? {} : { drift: leg.fx.drift }),
  });
}

export function legCostFlows(leg: OffshoreLeg): CostFlow[] {
  return legCashFlows(leg).flows;
}

/**
 * The investors' yield in the loan currency: they lend each batch and receive what they keep of
 * each coupon (the contractual coupon if the firm bears the taxes, the coupon less the taxes
 * withheld otherwise) and the principal at maturity.
 */
export function legInvestorYield(leg: OffshoreLeg, cash: LegCashFlows = legCashFlows(leg)): number {
  const draws = legForeignDraws(leg);
  const flows = draws.map((d) => ({ date: d.date, amount: -d.amount }));
  for (const p of cash.periods) {
    const kept = leg.taxes.borneBy === 'borrower' ? p.coupon : p.coupon.minus(p.tax);
    flows.push({ date: p.end, amount: kept.toNumber() });
  }
  flows.push({ date: leg.maturityDate, amount: draws.reduce((s, d) => s + d.amount, 0) });
  return xirr(flows);
}

export interface LegFxRisk {
  /** Expected FX loss on the unhedged part (yuan). */
  expectedFxLoss: number;
  /** 99th percentile of the FX loss on the unhedged part over simulated rate paths (yuan), with its 95% interval. */
  fxLoss99: number;
  fxLoss99CI95: [number, number];
}

/**
 * FX risk of the leg's debt service (gross coupons and principal in the loan currency) from the
 * first draw, at the leg's volatility and hedge ratio (fx.ts foreignLoanCnyCost; seeded, so the
 * same deal gives the same figures).
 */
export function legFxRisk(leg: OffshoreLeg, cash: LegCashFlows = legCashFlows(leg), paths = 20_000): LegFxRisk {
  const draws = legForeignDraws(leg);
  const r = foreignLoanCnyCost({
    drawDate: draws[0]!.date,
    currency: leg.currency,
    principal: draws.reduce((s, d) => s + d.amount, 0),
    payments: cash.foreignPayments,
    spot: leg.fx.spot,
    domesticRate: leg.fx.domesticRate,
    foreignRate: leg.fx.foreignRate,
    vol: leg.fx.volatility,
    hedgeRatio: leg.fx.hedgeRatio,
    ...(leg.fx.basisSpread === undefined ? {} : { basisSpread: leg.fx.basisSpread }),
    conversionSpread: leg.fx.conversionSpread,
    ...(leg.fx.drift === undefined ? {} : { drift: leg.fx.drift }),
    paths,
    seed: `leg:${leg.id}`,
  });
  return { expectedFxLoss: r.expectedFxLoss, fxLoss99: r.fxLoss99, fxLoss99CI95: r.fxLoss99CI95 };
}

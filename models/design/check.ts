// The full check of a deal (models/engine/check.ts) with its market coupons (市场化定价) priced
// first: what `ipabs validate`, every command, the editor and every save run. A market tranche
// that rates below the spread grid is a problem of the deal, on its coupon's path.
import { checkDeal as engineCheck, checkDealFile as engineCheckFile, checkDealText as engineCheckText, type CheckOptions, type CheckResult } from '../engine/check.js';
import { withMarketCoupons } from './market-coupons.js';

export type { CheckOptions, CheckResult, DealWarning } from '../engine/check.js';

const withCoupons = (opts: CheckOptions): CheckOptions => ({ ...opts, priceCoupons: withMarketCoupons });

export const checkDeal = (input: unknown, opts: CheckOptions = {}): CheckResult => engineCheck(input, withCoupons(opts));
export const checkDealText = (text: string, opts: CheckOptions = {}): CheckResult => engineCheckText(text, withCoupons(opts));
export const checkDealFile = (path: string, opts: CheckOptions = {}): CheckResult => engineCheckFile(path, withCoupons(opts));

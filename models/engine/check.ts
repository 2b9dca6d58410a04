// The full check of a deal, for `ipabs validate`, the editor and every save: the format and
// cross-field rules (models/deal-format/validate.ts), then what only running the deal can tell —
// problems (a cost-plus price that cannot be met) that refuse the deal, and warnings (a base case
// that relies on enhancement) that let it through but say so, naming periods and amounts.
import type { Deal } from '../deal-format/schema.js';
import { parseJson, validateDeal, type Problem } from '../deal-format/validate.js';
import { readDealText } from '../deal-format/load.js';
import type { Lang } from '../i18n/index.js';
import { runExact, type ScheduleReport } from './exact.js';
import { baseCaseWarnings, type DealWarning } from './base-case.js';
import { priceDeal } from './pricing.js';
import { GUARD_TEXT } from '../deal/problem-text.js';
import { echo } from '../format.js';

export type { DealWarning } from './base-case.js';

export type CheckResult =
  | { ok: true; deal: Deal; warnings: DealWarning[]; report: ScheduleReport | null }
  | { ok: false; problems: Problem[]; warnings: DealWarning[] };

export interface CheckOptions {
  /** Language of the warning messages (default English). */
  lang?: Lang;
  /** Run the base case for its warnings (default true; false: validate and price only, report null). */
  baseCase?: boolean;
  /**
   * Sets the coupons the deal leaves to be priced (`coupon: market`) before its assets are priced:
   * models/design/check.ts passes the market pricing (a layer above the engine). A RangeError it
   * throws is a problem of the deal, on the path its message starts with.
   */
  priceCoupons?: (deal: Deal) => Deal;
}

/** "liabilities.tranches[1].coupon: …" as a problem on that path. */
function problemOf(err: RangeError): Problem {
  const m = /^([^:\s]+): (.*)$/s.exec(err.message);
  return { path: m ? m[1]! : '', message: m ? m[2]! : err.message };
}

/**
 * Validate a parsed deal, price it and run its base case. The deal returned has its assets at the
 * prices the firms pay (cost-plus: solved from the notes; fixed: as given).
 */
export function checkDeal(input: unknown, opts: CheckOptions = {}): CheckResult {
  const v = validateDeal(input);
  if (!v.ok) return { ...v, warnings: [] };
  // Like validateDeal, never throws: an engine that fails on a deal the checks let through is a
  // defect (the fuzz test looks for these), reported as a problem rather than a crash or a 500.
  try {
    let deal = v.deal;
    if (opts.priceCoupons) {
      try {
        deal = opts.priceCoupons(deal);
      } catch (err) {
        // A market tranche the grid cannot price is a problem of the deal, on its coupon's path.
        if (err instanceof RangeError) return { ok: false, problems: [problemOf(err)], warnings: [] };
        throw err;
      }
    }
    const priced = priceDeal(deal);
    if (!priced.ok) return { ok: false, problems: priced.problems, warnings: [] };
    if (opts.baseCase === false) return { ok: true, deal: priced.deal, warnings: [], report: null };
    const report = runExact(priced.deal);
    return { ok: true, deal: priced.deal, warnings: baseCaseWarnings(report.baseCase, opts.lang), report };
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: GUARD_TEXT.internal(echo(err instanceof Error ? err.message : String(err), 200).replace(/^"|"$/g, '')) }], warnings: [] };
  }
}

export function checkDealText(text: string, opts: CheckOptions = {}): CheckResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ...parsed, warnings: [] };
  return checkDeal(parsed.value, opts);
}

/** Read a deal file and check it (a missing or unreadable file is a problem at path ''). */
export function checkDealFile(path: string, opts: CheckOptions = {}): CheckResult {
  const r = readDealText(path);
  return r.ok ? checkDealText(r.text, opts) : { ...r, warnings: [] };
}

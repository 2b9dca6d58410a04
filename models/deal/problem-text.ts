// The texts of the validator's newer problems and of the engines' guards, in one place so that
// each can be keyed into the zh/en catalogue (models/i18n) later. Every text completes
// `path: …` and says what is wrong, then what is allowed; `got` values arrive already quoted and
// cut (echo() in models/format.ts).

export const MONEY_TEXT = {
  type: (gotType: string) => `must be an amount in yuan: a number, or a string of digits with an optional point and at most 2 decimals such as "133000000.00", got ${gotType}`,
  grammar: (got: string) => `must be an amount in yuan written as digits with an optional point and at most 2 decimals, such as "133000000.00" or 133000000 (no spaces, signs, underscores, separators or exponents), got ${got}`,
  notFinite: (got: string) => `must be a finite amount in yuan, got ${got}`,
  negative: (got: string) => `must not be negative, got ${got}`,
  fen: (got: string) => `must be exact to the fen (at most 2 decimals), got ${got}`,
  tooLarge: (max: string, got: string) => `must be at most ${max} yuan, got ${got}`,
} as const;

export const DATE_TEXT = {
  /** A date past what the date arithmetic can represent (the engines count days in years 1900–2199). */
  outOfRange: (first: string, last: string, got: string) => `must be a date from ${first} to ${last}, got ${got}`,
  /** A date the calendar cannot roll because it lies outside the holiday data. */
  outsideCalendar: (calendar: string, first: string, last: string, got: string) =>
    `falls outside the ${calendar} calendar's official holiday data (${first} to ${last}), got ${got}; payment dates roll on that data (move the date inside the range, or use calendar "NONE" for weekends only)`,
} as const;

export const POOL_TEXT = {
  /** An asset whose last payment falls on or before the issue date. */
  nothingOwed: (issueDate: string) => `nothing is owed on it after meta.issueDate (${issueDate}): its last payment falls on or before the issue, so the trust would buy nothing`,
  /** The trust pays more for an asset than it is still owed. */
  priceAboveOwed: (price: string, owed: string, issueDate: string) =>
    `the trust pays ${price} for it but is owed only ${owed} after meta.issueDate (${issueDate}); the price must not exceed what is still owed (for an asset bought seasoned, give its purchasePrice, e.g. the balance outstanding)`,
  yieldTooHigh: (price: string, owed: string, yieldRate: number | null, max: number) =>
    `the ${owed} still owed on it yields ${yieldRate === null ? 'more than 10,000%' : `${(yieldRate * 100).toFixed(0)}%`} a year on its price ${price}; at most ${(max * 100).toLocaleString('en-US')}% (check the price and the amounts)`,
  royaltyPriceZero: (got: string) => `must be more than 0: the trust pays the firm for the licence fees, got ${got}`,
  royaltyPriceAboveFees: (total: string, got: string) => `must not exceed the licence fees it buys (they add up to ${total}): the trust buys them at a discount, got ${got}`,
  lprBeforeFirstFixing: (first: string, got: string) => `a loan priced off the LPR (rate.type "benchmark") must start on or after ${first}, the first reformed LPR fixing, got ${got}`,
} as const;

export const DEAL_TEXT = {
  upfrontFeesTakeAll: (upfront: string, notes: string) => `the up-front fees add up to ${upfront}, at least what the notes raise (${notes}): the firms would receive nothing (up-front fees must be less than the issue amount)`,
  sectorInterAboveIntra: (intra: number, got: number) => `the correlation across sectors cannot exceed the correlation within a sector (intra ${intra}), got ${got}`,
} as const;

export const FUNDING_TEXT = {
  defaultBaselineNeedsLpr: (first: string, firm: string, start: string) =>
    `the cost comparison prices the firms' bank-loan baseline (funding.baseline, by default 1Y LPR + 50 bp) off the reformed LPR, first fixed ${first}; ${firm} starts ${start} (start on or after ${first})`,
  upfrontFirmFees: (years: number, share: number) =>
    `the appraisal fee and ${years.toFixed(1)} years of guarantee fee paid up front come to ${(share * 100).toFixed(1)}% of the principal; they must stay below 50% (the firm must keep most of its funding)`,
} as const;

export const SIZING_TEXT = {
  unknownTargetField: (fields: string, kind: string, allowed: string) => `target: unknown field ${fields} (allowed for kind "${kind}": ${allowed})`,
  maxAmount: (max: string, got: string) => `maxAmount: must be an amount in yuan above 0 and at most ${max}, exact to the fen (e.g. 500000000), got ${got}`,
  toleranceTooLarge: (max: string, got: string) => `tolerance: must be at most ${max} yuan, got ${got}`,
} as const;

export const CREDIT_TEXT = {
  stressRho: (field: string, base: number, shift: number, got: number) =>
    `shifts ${field} ${base} by ${shift} to ${+got.toFixed(12)}; a correlation must stay in [0, 1) (a shift between ${-base} and ${+(0.999 - base).toFixed(12)})`,
} as const;

export const GUARD_TEXT = {
  /** A check in the validator that failed unexpectedly: reported as a problem, never thrown. */
  internal: (what: string) => `the validator could not check this deal (${what}); the deal is refused rather than risk a crash later`,
  /** An engine result holding NaN or ±Infinity is stopped by the finite guard. */
  notFinite: (engine: string, path: string, value: number) =>
    `${engine}: ${path} came out as ${value} (every reported number must be finite); the result is withheld — this deal exposes a defect, please report it with the deal file`,
} as const;

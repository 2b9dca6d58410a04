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

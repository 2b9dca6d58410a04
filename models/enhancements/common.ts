// What every enhancement kind shares: the parties that pay under it, each with a share of a
// request, a capacity, and its own default probability (a guarantor can fail).
import { z } from 'zod';
import { fraction, identifier, money, text, strictObject, describeValue } from '../deal/schema-helpers.js';
import { ISSUER_GRADES, parseIssuerGrade, type IssuerGrade } from '../ratings/domestic-scale.js';

/** A party that pays under an enhancement. capacity null means unlimited. */
export interface EnhancementParty {
  id: string;
  name: string;
  /** Share of each request this party takes (shares of one enhancement add to 1). */
  share: number;
  capacity: string | null;
  annualDefaultProbability: number;
  /** Sector in the sector copula (wrong-way risk when it is the firms' own). */
  sector?: string;
  /** Its own domestic rating (AAA, AA+, …): a floor for the notes it fully covers (credit substitution 信用替代). */
  domesticRating?: IssuerGrade;
}

/** A provider's own domestic (issuer) rating, as people write it: "AAA", "AA+", "aa-", "AA−". */
export const issuerGrade = () => z.string({ error: (iss) => `must be a domestic issuer rating such as "AAA", "AA+" or "A-", got ${typeof iss.input}` })
  .refine((s) => parseIssuerGrade(s) !== null, { error: (iss) => `must be a domestic issuer rating, one of ${ISSUER_GRADES.join(', ')}, got ${describeValue(iss.input)}` })
  .transform((s) => parseIssuerGrade(s) as IssuerGrade);

/** A capacity: an amount in yuan, or "unlimited". */
export const capacity = () => z.union([z.literal('unlimited'), money()], {
  error: (iss) => `must be an amount in yuan or "unlimited", got ${describeValue(iss.input)}`,
});
/**
 * "No cap" has one representation past the deal file: null. A deal writes "unlimited" (a
 * loss-sharing payer may also leave its capacity out); this is the one place that reads the word.
 */
export const capacityOrNull = (c: string | number | undefined): string | null => (c === undefined || c === 'unlimited' ? null : String(c));
/** A capacity as a plain-number limit for the Monte Carlo loops: null (no cap) is Infinity there, so Math.min needs no test. */
export const capacityLimit = (c: string | null): number => (c === null ? Infinity : Number(c));

/** The counterparty behind an enhancement. */
export const providerSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  /** Its own annual default probability; it sits in the same copula as the firms. */
  annualDefaultProbability: fraction(),
  /** Sector for the sector copula (e.g. "guarantor"). */
  sector: text(100).optional(),
  /** Its own domestic rating, for credit substitution in the domestic (TDR/BDR) rating. */
  domesticRating: issuerGrade().optional(),
});
export type Provider = z.output<typeof providerSchema>;

/** Fee paid to the enhancement provider: an annual rate on the covered notes' balance. */
export const enhancementFeeSchema = strictObject({ annualRate: fraction() });

/** Fields every enhancement entry has. */
export const enhancementBase = {
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  fee: enhancementFeeSchema.optional(),
};

export interface EnhancementKind<S extends z.ZodObject = z.ZodObject> {
  readonly kind: string;
  readonly label: string;
  readonly labelZh: string;
  readonly schema: S;
  /** The parties that pay under this enhancement, in the order they are asked. */
  parties(e: z.output<S>): EnhancementParty[];
  /** Cross-field problems (shares, caps), as [path inside the entry, message]. */
  check?(e: z.output<S>): Array<[string, string]>;
  /**
   * Loss-sharing kinds (risk-compensation funds, guarantee insurance): what each party pays into
   * the trust for an obligor's net loss. Such kinds are not cover-shortfall sources; their
   * parties' `share` is their share of a net loss (the lender's own share, kept by the trust, is
   * not a party), so the shares of one such enhancement add to at most 1.
   */
  readonly lossSharing?: LossSharingKind<z.output<S>, unknown>;
  /** Internal enhancement (subordination, over-collateralization, excess spread): no parties, a size. */
  protection?(e: z.output<S>, deal: DealView): Protection;
  /** Problems that need the rest of the deal (e.g. an unknown tranche id), as [path inside the entry, message]. */
  checkInDeal?(e: z.output<S>, deal: DealView): Array<[string, string]>;
  /**
   * Kinds whose parties' caps the sizing solver can turn (sizing/levers.ts, the capacity lever):
   * the entry with each party's cap set (yuan, in the order of `parties`), and what the amount is
   * called (the catalogue's size.lever.* keys).
   */
  readonly capacityLever?: CapacityLever<z.output<S>>;
  /** Kinds that protect one tranche by the tranches under it (the subordination lever): that tranche's id. */
  protects?(e: z.output<S>): string;
  /** What the parties are called on the structure diagram (the catalogue's diagram.role.* keys); none: the kind's label. */
  readonly partyRole?: 'guarantor' | 'undertaker';
}

export interface CapacityLever<E> {
  readonly what: 'guarantee-cap' | 'undertaking-capacity';
  /** Words for messages: "guarantee cap", "shortfall-undertaking capacity". */
  readonly label: string;
  withCaps(e: E, caps: readonly string[]): E;
}

/** The part of a deal internal enhancements look at (a `Deal` is one; kept structural to avoid an import cycle). */
export interface DealView {
  meta: { issueDate: string; maturityDate: string };
  liabilities: { tranches: ReadonlyArray<{ id: string; seniority: number; class: string; balance: string | number }> };
}
/** How much protection an internal enhancement gives, as a share of the deal (for the compare page). */
export interface Protection {
  /** Share of the deal's notes (or of the pool's cash flows, see `basis`) that can be lost before the protected notes are. */
  share: number;
  /** What the share is a share of, in words, e.g. "junior tranches / all notes". */
  basis: string;
}

/**
 * Loss-sharing enhancements (government risk-compensation funds, guarantee insurance, bank
 * loss shares) pay part of an obligor's net loss into the trust after a delay. The Monte Carlo
 * path engine calls these hooks on plain numbers; the exact base case has no defaults.
 */
export interface LossEvent {
  obligorIndex: number;
  /** The obligor's original funded principal (for per-loan size limits such as ≤ 10 M CNY). */
  originalPrincipal: number;
  /** Exposure at default minus recovery, in yuan (≥ 0). */
  netLoss: number;
  /** Month (from issue) in which the obligor defaulted. */
  defaultMonth: number;
  /** Month in which the recovery/disposal completes (the write-off). */
  writeOffMonth: number;
}
export interface LossPayment {
  partyId: string;
  amount: number;
  /** Month (from issue) in which the cash reaches the trust. */
  month: number;
  /**
   * Month from which the payment no longer depends on the payer (money set aside in a deposit
   * account, 保证金); absent: the payment month. A payer that defaults before it pays nothing.
   */
  securedMonth?: number;
}
export interface LossSharingKind<E, S> {
  /** Fresh state for one path (caps used so far, etc.). */
  createState(e: E, poolPrincipal: number): S;
  /** What each party pays for this loss, respecting caps already used in `state`. */
  coverLoss(e: E, state: S, event: LossEvent): LossPayment[];
}

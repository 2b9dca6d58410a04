// The amounts the sizing solver can turn (信用增级 sizing levers): each turns one amount in yuan
// into a copy of the deal with that much of the enhancement, and nothing else changed — so the
// Monte Carlo paths under every trial size are the same paths (same names in the copula, same
// random streams), only the waterfall's answer differs.
//
//   capacity       a guarantee's cap (担保额度: every guarantor's cap scaled, their ratio kept) or a
//                  shortfall-payment undertaking's capacity (差额支付承诺 上限);
//   subordination  the balance of the most junior tranche (次级), taken from the protected senior
//                  tranche so that the notes still add up to what the pool was funded with;
//   reserve        a reserve account (储备账户): its initial balance and a fixed target, both the amount.
import type { Deal, Tranche } from '../deal-format/schema.js';
import type { Enhancement } from '../deal-format/schema.js';
import { enhancementKind } from '../enhancements/registry.js';

export const LEVER_KINDS = ['capacity', 'subordination', 'reserve'] as const;
/** The subordination lever leaves the protected tranche at least this share of its balance. */
export const MIN_PROTECTED_SHARE = 0.01;
export type LeverKind = (typeof LEVER_KINDS)[number];

export interface Lever {
  kind: LeverKind;
  /** The enhancement, account or subordination entry the lever turns. */
  id: string;
  /** Words for messages: "guarantee cap", "shortfall-undertaking capacity", ... */
  label: string;
  /** What the amount is, for messages in any language (the catalogue's size.lever.* keys). */
  what: 'guarantee-cap' | 'undertaking-capacity' | 'reserve-size' | 'subordination';
  /** For the subordination lever: the junior tranche whose balance it sets. */
  juniorTranche?: string;
  /** The tranche whose loss the target is about (the senior, or the one a subordination protects). */
  protectedTranche: string;
  /** The enhancement whose payer figures are reported (capacity lever), else null. */
  enhancementIndex: number | null;
  /** The amount in the deal as given, in fen. */
  currentFen: number;
  /** The largest amount the search may try, in fen. */
  maxFen: number;
  /** The deal with `fen` of the enhancement. */
  apply(fen: number): Deal;
}

/** A whole number of fen as a yuan amount string, exact: 123456 → "1234.56". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amount: must be a whole, non-negative number of fen, got ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** A yuan amount (number or decimal string, at most 2 decimals) as whole fen. */
export function yuanToFen(yuan: number | string): number {
  const s = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new RangeError(`amount: must be an amount in yuan exact to the fen, got ${JSON.stringify(yuan)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Split `fen` in proportion to `weights` (≥ 0, not all 0): each part rounded down, the last takes the rest. */
export function splitFen(fen: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new RangeError(`weights: must add to more than 0, got ${weights.join(', ')}`);
  let given = 0;
  return weights.map((w, i) => {
    const part = i === weights.length - 1 ? fen - given : Math.floor((fen * w) / total);
    given += part;
    return part;
  });
}

const notesTotalFen = (deal: Deal) => deal.liabilities.tranches.reduce((s, t) => s + yuanToFen(t.balance), 0);

/** The most senior tranche (lowest seniority number; the first listed on a tie). */
export function seniorTranche(deal: Deal): Tranche {
  return deal.liabilities.tranches.reduce((a, t) => (t.seniority < a.seniority ? t : a));
}

function describeIds(deal: Deal): string {
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `"${x}"`).join(', ') : 'none');
  return `enhancements: ${list(deal.enhancements.map((e) => e.id))}; reserve accounts: ${list(deal.accounts.map((a) => a.id))}; tranches: ${list(deal.liabilities.tranches.map((t) => t.id))}`;
}

/** What an id names in the deal, and the lever that fits it. */
export function defaultLever(deal: Deal, id: string): LeverKind {
  const e = deal.enhancements.find((x) => x.id === id);
  if (e) return enhancementKind(e.kind).protects ? 'subordination' : 'capacity';
  if (deal.accounts.some((a) => a.id === id)) return 'reserve';
  if (deal.liabilities.tranches.some((t) => t.id === id)) return 'subordination';
  throw new RangeError(`enhancement: unknown id "${id}" (${describeIds(deal)})`);
}

export interface LeverOptions {
  /** Largest amount to try, in yuan; defaults: 10 × the notes for a cap, the notes for a reserve, 95% of the notes for subordination. */
  maxAmount?: number | string;
}

/** The lever `kind` on the enhancement, account or tranche `id`; a clear message when they do not fit. */
export function createLever(deal: Deal, id: string, kind: LeverKind = defaultLever(deal, id), opts: LeverOptions = {}): Lever {
  if (!(LEVER_KINDS as readonly string[]).includes(kind)) throw new RangeError(`lever: must be one of ${LEVER_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  const notes = notesTotalFen(deal);
  const max = (dflt: number) => {
    if (opts.maxAmount === undefined) return dflt;
    let fen: number;
    try { fen = yuanToFen(opts.maxAmount); } catch { fen = NaN; }
    if (!(fen > 0)) throw new RangeError(`maxAmount: must be an amount in yuan above 0, exact to the fen (e.g. 500000000), got ${JSON.stringify(opts.maxAmount)}`);
    return fen;
  };
  if (kind === 'capacity') return capacityLever(deal, id, max(10 * notes));
  if (kind === 'reserve') return reserveLever(deal, id, max(notes));
  return subordinationLever(deal, id, max(Math.floor(0.95 * notes)));
}

function capacityLever(deal: Deal, id: string, maxFen: number): Lever {
  const index = deal.enhancements.findIndex((x) => x.id === id);
  const e = deal.enhancements[index];
  if (!e) {
    throw new RangeError(`enhancement: unknown id "${id}" for the capacity lever; it sizes a guarantee or a shortfall-payment undertaking (${describeIds(deal)})`);
  }
  const kind = enhancementKind(e.kind);
  const lever = kind.capacityLever;
  if (lever) {
    // Keep the parties' caps in their ratio; with an unlimited or zero cap among them, use their shares.
    const parties = kind.parties(e);
    const caps = parties.map((p) => (p.capacity === null ? NaN : yuanToFen(p.capacity)));
    const capped = caps.every((c) => Number.isFinite(c));
    const weights = capped && caps.some((c) => c > 0) ? caps : parties.map((p) => p.share);
    return {
      kind: 'capacity', id, label: lever.label, what: lever.what, protectedTranche: seniorTranche(deal).id, enhancementIndex: index,
      currentFen: capped ? caps.reduce((s, c) => s + c, 0) : maxFen, maxFen,
      apply: (fen) => withEnhancement(deal, index, lever.withCaps(e, splitFen(fen, weights).map(fenToYuan)) as Enhancement),
    };
  }
  throw new RangeError(
    `enhancement: "${id}" is a ${e.kind}; the capacity lever sizes a guarantee or a shortfall-undertaking (use --lever subordination with a subordination entry or a tranche, or --lever reserve with a reserve account)`,
  );
}

function withEnhancement(deal: Deal, index: number, entry: Enhancement): Deal {
  return { ...deal, enhancements: deal.enhancements.map((x, i) => (i === index ? entry : x)) };
}

function reserveLever(deal: Deal, id: string, maxFen: number): Lever {
  const index = deal.accounts.findIndex((a) => a.id === id);
  const a = deal.accounts[index];
  if (!a) throw new RangeError(`enhancement: "${id}" is not a reserve account; the reserve lever sizes one (${describeIds(deal)})`);
  const drawn = [...deal.waterfall.normal, ...(deal.waterfall.afterTrigger ?? [])].some((s) => s.type === 'cover-shortfall' && s.sources.includes(id));
  if (!drawn) throw new RangeError(`enhancement: reserve account "${id}" is not a source of any cover-shortfall step, so its size cannot change the notes' loss`);
  return {
    kind: 'reserve', id, label: 'reserve size', what: 'reserve-size', protectedTranche: seniorTranche(deal).id, enhancementIndex: null,
    currentFen: yuanToFen(a.initialBalance), maxFen,
    apply: (fen) => {
      const amount = fenToYuan(fen);
      return { ...deal, accounts: deal.accounts.map((x, i) => (i === index ? { ...x, initialBalance: amount, target: { type: 'fixed' as const, amount } } : x)) };
    },
  };
}

function subordinationLever(deal: Deal, id: string, maxFen: number): Lever {
  const entry = deal.enhancements.find((x) => x.id === id);
  let protectedId: string;
  if (entry) {
    const protects = enhancementKind(entry.kind).protects;
    if (!protects) throw new RangeError(`enhancement: "${id}" is a ${entry.kind}; the subordination lever needs a subordination entry or the tranche to protect`);
    protectedId = protects(entry);
  } else if (deal.liabilities.tranches.some((t) => t.id === id)) protectedId = id;
  else throw new RangeError(`enhancement: unknown id "${id}" for the subordination lever; give a subordination entry or the tranche to protect (${describeIds(deal)})`);
  const ts = deal.liabilities.tranches;
  const si = ts.findIndex((t) => t.id === protectedId);
  const senior = ts[si]!;
  const lowest = Math.max(...ts.map((t) => t.seniority));
  const juniors = ts.map((t, i) => [t, i] as const).filter(([t]) => t.seniority === lowest);
  const [junior, ji] = juniors[0]!;
  if (junior.seniority <= senior.seniority) {
    throw new RangeError(`enhancement: no tranche is junior to "${protectedId}" (seniority ${senior.seniority}); the subordination lever moves balance from it to the most junior tranche`);
  }
  if (juniors.length > 1) throw new RangeError(`enhancement: tranches ${juniors.map(([t]) => `"${t.id}"`).join(', ')} share the most junior rank ${lowest}; the subordination lever needs one most junior tranche`);
  for (const t of [senior, junior]) {
    if (t.principal.type === 'scheduled') throw new RangeError(`enhancement: tranche "${t.id}" amortizes to scheduled target balances in yuan, which moving balance would break; the subordination lever needs bullet or pass-through tranches`);
  }
  const pair = yuanToFen(senior.balance) + yuanToFen(junior.balance);
  // The protected tranche keeps at least 1% of its balance as given: a tranche shrunk to a few
  // fen "meets" any target only because fen rounding leaves it nothing to lose (the Futian
  // mezzanine sized to Aaa "met" at 0.01 yuan while 0.02 failed), which is no answer.
  const minProtected = Math.max(1, Math.ceil(yuanToFen(senior.balance) * MIN_PROTECTED_SHARE));
  const cap = Math.min(maxFen, pair - minProtected);
  return {
    kind: 'subordination', id, label: `subordination (balance of "${junior.id}")`, what: 'subordination', juniorTranche: junior.id, protectedTranche: protectedId, enhancementIndex: null,
    currentFen: yuanToFen(junior.balance), maxFen: cap,
    apply: (fen) => {
      if (fen > cap) throw new RangeError(`amount: the junior balance can be at most ${fenToYuan(cap)} ("${protectedId}" keeps at least ${MIN_PROTECTED_SHARE * 100}% of its balance), got ${fenToYuan(fen)}`);
      const tranches = ts.map((t, i) => (i === ji ? { ...t, balance: fenToYuan(fen) } : i === si ? { ...t, balance: fenToYuan(pair - fen) } : t));
      return { ...deal, liabilities: { ...deal.liabilities, tranches } };
    },
  };
}

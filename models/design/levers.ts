// 设计杠杆 The design levers the optimizer turns, each a pure function from a value to a copy of the
// deal (nothing else changed, so every candidate keeps the same firms, counterparties and copula
// order — the Monte Carlo paths stay common to all candidates):
//
//   senior-share     优先级占比: the senior balance as a share of the notes; the rest goes to the
//                    junior tranches in their present ratio (or as mezzanine-split says)
//   mezzanine-split  中间级占比: the mezzanine share of what is below the senior (mezzanine + subordinated)
//   reserve          储备账户: a reserve account's initial balance and fixed target, yuan
//   guarantee        担保额度: a guarantee's cap, yuan (its guarantors' caps scaled in their ratio)
//   undertaking      差额支付承诺上限: a shortfall undertaking's capacity, yuan
//   issue-size       发行规模: the notes' total, yuan; every firm's funding (loan principal and price,
//                    licence price and fees) and its appraised IP scale with it (the same firms at the
//                    same loan-to-value), the tranches keep their shares; fixed-amount fees and the
//                    enhancements' capacities stay as they are unless they are levers too
//   frequency        付息频率: the notes' payment frequency (monthly, quarterly, semiannual, annual)
//
// A lever the deal does not have (no mezzanine, no guarantee, …) is refused with what it offers.
import type { Deal, Tranche } from '../deal-format/schema.js';
import { fenToYuan, splitFen, yuanToFen } from '../sizing/levers.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { assetPurchasePrice } from '../pool/asset-flows.js';
import { scaleMoney } from '../pool/asset-kind.js';

export const LEVER_NAMES = ['senior-share', 'mezzanine-split', 'reserve', 'guarantee', 'undertaking', 'issue-size', 'frequency'] as const;
export type LeverName = (typeof LEVER_NAMES)[number];
export const DESIGN_FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type DesignFrequency = (typeof DESIGN_FREQUENCIES)[number];

/** A lever's range: a continuous interval, or a list of choices (frequency). */
export type LeverRange = { kind: 'interval'; min: number; max: number } | { kind: 'choices'; values: string[] };
export type LeverValue = number | string;

export interface LeverSpec { name: LeverName; range: LeverRange }

export interface DesignLever {
  name: LeverName;
  /** Share (0–1), yuan, or a frequency. */
  unit: 'share' | 'yuan' | 'frequency';
  /** The value in the deal as given. */
  current: LeverValue;
  /** The default range when none is given. */
  defaultRange: LeverRange;
  /** The id of what it turns (tranche, account, enhancement). */
  target: string;
}

const notesFen = (d: Deal) => d.liabilities.tranches.reduce((s, t) => s + yuanToFen(t.balance), 0);
const seniorOf = (d: Deal): number => d.liabilities.tranches.reduce((b, t, i, ts) => (t.seniority < ts[b]!.seniority ? i : b), 0);
const round = (x: number, d = 6) => Math.round(x * 10 ** d) / 10 ** d;

function juniorIndices(d: Deal): { senior: number; mezz: number | null; sub: number | null; juniors: number[] } {
  const ts = d.liabilities.tranches;
  const senior = seniorOf(d);
  const juniors = ts.map((_, i) => i).filter((i) => ts[i]!.seniority > ts[senior]!.seniority);
  const mezz = juniors.find((i) => ts[i]!.class === 'mezzanine') ?? null;
  const sub = juniors.find((i) => ts[i]!.class === 'subordinated') ?? null;
  return { senior, mezz, sub, juniors };
}

const capacityEnhancement = (d: Deal, kind: 'guarantee' | 'shortfall-undertaking') => d.enhancements.findIndex((e) => e.kind === kind);
/** The reserve account the lever sizes: the first one a cover-shortfall step draws on (-1: none). */
const reserveIndex = (d: Deal) => {
  const steps = [...d.waterfall.normal, ...(d.waterfall.afterTrigger ?? [])];
  return d.accounts.findIndex((a) => steps.some((s) => s.type === 'cover-shortfall' && s.sources.includes(a.id)));
};

/** Why a lever does not fit the deal, or null when it does. */
export function leverProblem(d: Deal, name: LeverName): string | null {
  const ts = d.liabilities.tranches;
  const { senior, mezz, sub, juniors } = juniorIndices(d);
  const movable = (t: Tranche) => t.principal.type !== 'scheduled';
  switch (name) {
    case 'senior-share':
      if (juniors.length === 0) return `the deal has one rank of notes (${ts.map((t) => t.id).join(', ')}): no tranche below the senior to move balance to`;
      if (![senior, ...juniors].every((i) => movable(ts[i]!))) return 'a tranche amortizes to scheduled balances in yuan, which moving balance would break';
      return null;
    case 'mezzanine-split':
      if (mezz === null || sub === null) return `the deal needs a mezzanine and a subordinated tranche below the senior (it has: ${ts.map((t) => `${t.id} (${t.class})`).join(', ')})`;
      if (!movable(ts[mezz]!) || !movable(ts[sub]!)) return 'a tranche amortizes to scheduled balances in yuan, which moving balance would break';
      return null;
    case 'reserve': {
      if (reserveIndex(d) < 0) return `the deal has no reserve account drawn by a cover-shortfall step (accounts: ${d.accounts.map((a) => a.id).join(', ') || 'none'})`;
      return null;
    }
    case 'guarantee':
      return capacityEnhancement(d, 'guarantee') < 0 ? `the deal has no guarantee (enhancements: ${d.enhancements.map((e) => `${e.id} (${e.kind})`).join(', ') || 'none'})` : null;
    case 'undertaking': {
      const i = capacityEnhancement(d, 'shortfall-undertaking');
      return i < 0 ? `the deal has no shortfall-payment undertaking (enhancements: ${d.enhancements.map((e) => `${e.id} (${e.kind})`).join(', ') || 'none'})` : null;
    }
    case 'issue-size': {
      const bad = d.pool.obligors.find((o) => !assetKindOf(o.asset).scaled);
      if (bad) return `obligor "${bad.id}" holds a ${bad.asset.kind}, an asset kind the issue size cannot scale`;
      if (d.revolving) return 'a revolving pool buys assets as it goes; its size is not one number to scale';
      return null;
    }
    case 'frequency':
      return null;
  }
}

/** The levers this deal offers, with their values as given and default ranges. */
export function dealLevers(d: Deal): DesignLever[] {
  const out: DesignLever[] = [];
  const ts = d.liabilities.tranches;
  const notes = notesFen(d) / 100;
  const { senior, mezz, sub } = juniorIndices(d);
  for (const name of LEVER_NAMES) {
    if (leverProblem(d, name) !== null) continue;
    switch (name) {
      case 'senior-share': {
        const cur = round(Number(ts[senior]!.balance) / notes);
        out.push({ name, unit: 'share', current: cur, target: ts[senior]!.id, defaultRange: { kind: 'interval', min: round(Math.min(cur, 0.7)), max: round(Math.max(cur, 0.95)) } });
        break;
      }
      case 'mezzanine-split': {
        const m = Number(ts[mezz!]!.balance);
        const s = Number(ts[sub!]!.balance);
        const cur = m + s > 0 ? round(m / (m + s)) : 0.5;
        out.push({ name, unit: 'share', current: cur, target: ts[mezz!]!.id, defaultRange: { kind: 'interval', min: round(Math.min(cur, 0.2)), max: round(Math.max(cur, 0.8)) } });
        break;
      }
      case 'reserve': {
        const a = d.accounts[reserveIndex(d)]!;
        const cur = Number(a.initialBalance);
        out.push({ name, unit: 'yuan', current: cur, target: a.id, defaultRange: { kind: 'interval', min: 0, max: Math.max(cur, Math.round(notes * 0.05)) } });
        break;
      }
      case 'guarantee':
      case 'undertaking': {
        const e = d.enhancements[capacityEnhancement(d, name === 'guarantee' ? 'guarantee' : 'shortfall-undertaking')]!;
        const cur = e.kind === 'guarantee'
          ? (e.guarantors.some((g) => g.capacity === 'unlimited') ? notes * 2 : e.guarantors.reduce((x, g) => x + Number(g.capacity), 0))
          : e.kind === 'shortfall-undertaking' ? (e.capacity === 'unlimited' ? notes * 2 : Number(e.capacity)) : 0;
        out.push({ name, unit: 'yuan', current: cur, target: e.id, defaultRange: { kind: 'interval', min: 0, max: Math.max(cur, Math.round(notes * 1.1)) } });
        break;
      }
      case 'issue-size':
        out.push({ name, unit: 'yuan', current: notes, target: d.meta.id, defaultRange: { kind: 'interval', min: Math.round(notes * 0.5), max: Math.round(notes * 1.5) } });
        break;
      case 'frequency':
        out.push({ name, unit: 'frequency', current: d.meta.paymentFrequency, target: d.meta.id, defaultRange: { kind: 'choices', values: [...DESIGN_FREQUENCIES] } });
        break;
    }
  }
  return out;
}

/** Check a lever spec against the deal: RangeError `lever <name>: what is wrong (what is allowed)`. */
export function checkLeverSpec(d: Deal, s: LeverSpec): void {
  if (!(LEVER_NAMES as readonly string[]).includes(s.name)) throw new RangeError(`lever: unknown lever "${s.name}" (levers: ${LEVER_NAMES.join(', ')})`);
  const why = leverProblem(d, s.name);
  if (why) throw new RangeError(`lever ${s.name}: ${why} (levers this deal offers: ${dealLevers(d).map((l) => l.name).join(', ') || 'none'})`);
  const r = s.range;
  if (s.name === 'frequency') {
    if (r.kind !== 'choices' || r.values.length === 0) throw new RangeError(`lever frequency: give the frequencies to try, e.g. frequency=quarterly,semiannual (allowed: ${DESIGN_FREQUENCIES.join(', ')})`);
    for (const v of r.values) if (!(DESIGN_FREQUENCIES as readonly string[]).includes(v)) throw new RangeError(`lever frequency: "${v}" is not a payment frequency the optimizer tries (allowed: ${DESIGN_FREQUENCIES.join(', ')})`);
    return;
  }
  if (r.kind !== 'interval') throw new RangeError(`lever ${s.name}: give a range MIN:MAX, e.g. ${s.name}=${s.name.endsWith('share') || s.name.endsWith('split') ? '0.7:0.95' : '0:150000000'}`);
  if (!Number.isFinite(r.min) || !Number.isFinite(r.max)) throw new RangeError(`lever ${s.name}: min and max must be numbers, got ${r.min}:${r.max}`);
  if (r.min > r.max) throw new RangeError(`lever ${s.name}: min ${r.min} is above max ${r.max} (give MIN:MAX with MIN ≤ MAX)`);
  if (s.name === 'senior-share' && !(r.min >= 0.01 && r.max <= 1)) throw new RangeError(`lever senior-share: a share of the notes from 0.01 to 1 (the senior keeps some balance), got ${r.min}:${r.max}`);
  if (s.name === 'senior-share' && r.max >= 1) throw new RangeError('lever senior-share: must stay below 1 (the junior tranches keep some balance), got max 1');
  if (s.name === 'mezzanine-split' && !(r.min >= 0 && r.max <= 1)) throw new RangeError(`lever mezzanine-split: a share from 0 to 1 of the balance below the senior, got ${r.min}:${r.max}`);
  if ((s.name === 'reserve' || s.name === 'guarantee' || s.name === 'undertaking') && r.min < 0) throw new RangeError(`lever ${s.name}: an amount in yuan of at least 0, got ${r.min}`);
  if (s.name === 'issue-size' && !(r.min > 0)) throw new RangeError(`lever issue-size: an amount in yuan above 0, got ${r.min}`);
}

/** Balances (fen) of `ts` with senior `si` at `share` of `total`, the juniors splitting the rest by `weights` (the last takes the rounding). */
function splitNotes(total: number, si: number, share: number, juniors: number[], weights: number[]): Map<number, number> {
  const seniorFen = Math.round(total * share);
  const out = new Map<number, number>([[si, seniorFen]]);
  const parts = splitFen(total - seniorFen, weights.some((w) => w > 0) ? weights : weights.map(() => 1));
  juniors.forEach((j, k) => out.set(j, parts[k]!));
  return out;
}

function setBalances(d: Deal, fen: Map<number, number>): Deal {
  return { ...d, liabilities: { ...d.liabilities, tranches: d.liabilities.tranches.map((t, i) => (fen.has(i) ? { ...t, balance: fenToYuan(fen.get(i)!) } : t)) } };
}

/** Scale every firm's funding by `k` (each asset kind scales its own amounts; the appraised IP too), each to the fen. */
function scalePool(d: Deal, k: number): Deal {
  const obligors = d.pool.obligors.map((o) => {
    const kind = assetKindOf(o.asset) as { scaled?: (a: typeof o.asset, k: number) => typeof o.asset };
    if (!kind.scaled) throw new RangeError(`lever issue-size: obligor "${o.id}" holds a ${o.asset.kind}, an asset kind the issue size cannot scale`);
    return { ...o, ip: { ...o.ip, appraisedValue: scaleMoney(o.ip.appraisedValue, k) }, asset: kind.scaled(o.asset, k) };
  });
  return { ...d, pool: { ...d.pool, obligors } };
}

/** Money fields in the deal file are numbers or decimal strings; fenToYuan gives a string the schema reads as money. */
export type Design = Partial<Record<LeverName, LeverValue>>;

/**
 * The deal with the design's lever values applied (levers not named keep the deal's values). Order:
 * issue size (the pool and notes scale), then the senior share and mezzanine split, then
 * capacities, the reserve and the frequency.
 */
export function applyDesign(base: Deal, design: Design): Deal {
  for (const name of Object.keys(design) as LeverName[]) {
    const why = (LEVER_NAMES as readonly string[]).includes(name) ? leverProblem(base, name) : `unknown lever (levers: ${LEVER_NAMES.join(', ')})`;
    if (why) throw new RangeError(`lever ${name}: ${why}`);
  }
  let d = base;
  if (design['issue-size'] !== undefined) {
    const target = Math.round(Number(design['issue-size']) * 100);
    const total = notesFen(d);
    const k = target / total;
    d = scalePool(d, k);
    // The notes add up to the pool's funding: each tranche keeps its share, the most junior takes the rounding.
    const ts = d.liabilities.tranches;
    const order = ts.map((_, i) => i).sort((a, b) => ts[a]!.seniority - ts[b]!.seniority);
    const junior = order[order.length - 1]!;
    const fen = new Map<number, number>();
    let given = 0;
    for (const i of order) if (i !== junior) { const f = Math.round(yuanToFen(ts[i]!.balance) * k); fen.set(i, f); given += f; }
    const poolFen = d.pool.obligors.reduce((s, o) => s + yuanToFen(assetPurchasePrice(o.asset).toFixed(2)), 0);
    fen.set(junior, poolFen - given);
    d = setBalances(d, fen);
  }
  if (design['senior-share'] !== undefined || design['mezzanine-split'] !== undefined) {
    const { senior, mezz, sub, juniors } = juniorIndices(d);
    const ts = d.liabilities.tranches;
    const total = notesFen(d);
    const share = design['senior-share'] !== undefined ? Number(design['senior-share']) : yuanToFen(ts[senior]!.balance) / total;
    let weights = juniors.map((j) => yuanToFen(ts[j]!.balance));
    if (design['mezzanine-split'] !== undefined && mezz !== null && sub !== null) {
      const split = Number(design['mezzanine-split']);
      const other = juniors.filter((j) => j !== mezz && j !== sub).reduce((s, j) => s + yuanToFen(ts[j]!.balance), 0);
      const pair = Math.max(0, total - yuanToFen(ts[senior]!.balance) - other);
      weights = juniors.map((j, k) => (j === mezz ? split * pair : j === sub ? (1 - split) * pair : weights[k]!));
    }
    d = setBalances(d, splitNotes(total, senior, share, juniors, weights));
  }
  for (const name of ['guarantee', 'undertaking'] as const) {
    if (design[name] === undefined) continue;
    const idx = capacityEnhancement(d, name === 'guarantee' ? 'guarantee' : 'shortfall-undertaking');
    const e = d.enhancements[idx]!;
    const fen = Math.round(Number(design[name]) * 100);
    let entry = e;
    if (e.kind === 'shortfall-undertaking') entry = { ...e, capacity: fenToYuan(fen) };
    else if (e.kind === 'guarantee') {
      const caps = e.guarantors.map((g) => (g.capacity === 'unlimited' ? NaN : yuanToFen(g.capacity)));
      const weights = caps.every((c) => Number.isFinite(c)) && caps.some((c) => c > 0) ? caps : e.guarantors.map((g) => g.share);
      const parts = splitFen(fen, weights);
      entry = { ...e, guarantors: e.guarantors.map((g, i) => ({ ...g, capacity: fenToYuan(parts[i]!) })) };
    }
    d = { ...d, enhancements: d.enhancements.map((x, i) => (i === idx ? entry : x)) };
  }
  if (design.reserve !== undefined) {
    const amount = fenToYuan(Math.round(Number(design.reserve) * 100));
    const r = reserveIndex(d);
    d = { ...d, accounts: d.accounts.map((a, i) => (i === r ? { ...a, initialBalance: amount, target: { type: 'fixed' as const, amount } } : a)) };
  }
  if (design.frequency !== undefined) d = { ...d, meta: { ...d.meta, paymentFrequency: design.frequency as DesignFrequency } };
  return d;
}

/** The design's lever values read back from a deal (what `applyDesign` would set), for reports. */
export function designOf(d: Deal, names: readonly LeverName[]): Design {
  const levers = dealLevers(d);
  const out: Design = {};
  for (const n of names) {
    const l = levers.find((x) => x.name === n);
    if (l) out[n] = l.current;
  }
  return out;
}

/** The value at a JSON Pointer ("/a/0/b"), or undefined when it points at nothing. */
export function atPointer(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (v === null || typeof v !== 'object' || !(key in (v as Record<string, unknown>))) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Provenance of a designed deal: the entries whose field the design changed (or removed) are
 * dropped — a fact of the shipped deal is no longer a fact of the new one — and one entry says
 * which design the optimizer chose and how the coupons were priced.
 */
export function designProvenance(base: Deal, designed: Deal, reason: string): Deal['provenance'] {
  const same = (p: string) => JSON.stringify(atPointer(base, p)) === JSON.stringify(atPointer(designed, p)) && atPointer(designed, p) !== undefined;
  return [
    ...base.provenance.filter((e) => same(e.path)),
    { path: '/liabilities/tranches', kind: 'assumption' as const, reason: reason.slice(0, 1000) },
  ];
}

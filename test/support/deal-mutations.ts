// Mutations of a deal's JSON for the fuzz test (test/models/deal/fuzz.test.ts): hostile values,
// near-miss amounts and dates, swapped enum words, deleted and duplicated entries. A mutation is a
// small record that fast-check generates and shrinks; applying it gives the concrete change (a JSON
// Pointer and the value put there), which a replay test can write down with withChanges().
import fc from 'fast-check';
import type { JsonValue } from './json-edit.js';

export const MUTATION_OPS = ['replace', 'edge', 'perturb', 'shift-date', 'money-text', 'enum', 'delete', 'duplicate', 'zero-fees'] as const;
export type MutationOp = (typeof MUTATION_OPS)[number];
export interface Mutation { op: MutationOp; pick: number; choice: number; targeted: boolean }

// Weighted towards changes a deal may survive (edges, perturbed numbers, shifted dates), so that
// enough mutated deals are valid for the engines to be exercised, not only the validator.
const OP_WEIGHTS: Record<MutationOp, number> = { replace: 2, edge: 6, perturb: 4, 'shift-date': 3, 'money-text': 2, enum: 2, delete: 1, duplicate: 1, 'zero-fees': 1 };

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.oneof(...MUTATION_OPS.map((op) => ({ arbitrary: fc.constant(op), weight: OP_WEIGHTS[op] }))),
  pick: fc.nat({ max: 1_000_000 }),
  choice: fc.nat({ max: 1_000_000 }),
  targeted: fc.boolean(),
});

const nest = (depth: number): JsonValue => {
  let x: JsonValue = 1;
  for (let i = 0; i < depth; i++) x = [x];
  return x;
};

/** Values no deal field expects, or expects only at its edges. */
export const HOSTILE: readonly JsonValue[] = [
  null, true, false, 0, -0, -1, 1e-308, 1e308, 0.5, 0.999, 1, 1.5, 2, 27, 1e15, 1e16, 0.001, 2 ** 53, 1e-9,
  '', ' ', 'x', '=HYPERLINK("http://x","y")', '\u001b[31mred\u001b[0m', 'a'.repeat(5000), '1_000', ' 1000', '1,000',
  'NaN', 'Infinity', '-5', '1e5', '0x10', '100.001', '2000-01-01', '9999-12-31', '2024-02-30', '2019-08-19',
  '2027-12-31', '1900-01-01', 'unlimited', [], {}, [1], { a: 1 }, nest(2000),
];

/** Words from the deal format's enumerations, to swap into any text field. */
export const ENUM_WORDS: readonly string[] = [
  'CN-IB', 'CN-EX', 'HK', 'CN-IB+HK', 'NONE', 'following', 'modified-following', 'preceding', 'modified-preceding', 'unadjusted',
  'monthly', 'quarterly', 'semiannual', 'annual', 'bullet', 'pass-through', 'ACT/365F', 'ACT/360', 'ACT/ACT-ISDA', '30/360',
  'gaussian', 't', 'sector', 'fixed', 'benchmark', 'none', 'LPR1Y', 'LPR5Y', 'senior', 'mezzanine', 'subordinated',
  'rate', 'running', 'upfront', 'notes-balance', 'pool-balance', 'issue-amount', 'originator', 'exposure', 'appraised-value',
  'equal-principal', 'annuity', 'interest-only-bullet', 'bank-transfer', 'e-cny', 'unlimited', 'CNY', 'HKD', 'USD',
];

/** Values at the edges of what a field allows (or just past them), by field name. */
const DATE_EDGES = ['2018-12-31', '2019-01-01', '2027-12-31', '2028-01-01', '1899-12-31', '1900-01-01', '2199-12-31', '2200-01-01', '9999-12-31', '2000-01-01', '2019-08-19', '2019-08-20'];
const FRACTION_EDGES = [0, 1, 0.999, 0.9999999, 1e-9, 1e-308, 0.5, -1e-9, 1.0000001];
export const EDGES: Readonly<Record<string, readonly JsonValue[]>> = {
  issueDate: DATE_EDGES, maturityDate: DATE_EDGES, legalMaturityDate: DATE_EDGES, date: DATE_EDGES, startDate: DATE_EDGES, drawDate: DATE_EDGES,
  stdDev: [0, 1e-308, 1e-100, 1e-9, 9.9e-5, 1e-4, 0.2999, 0.3, 0.4999, 0.5],
  mean: [0, 1, 0.999, 1e-9, 0.5, 1 - 1e-12],
  lagMonths: [0, 1, 120, 119],
  rho: [0, 0.999, 0.5, 1e-9], intra: [0, 0.999, 0.01], inter: [0, 0.999, 0.5],
  rhoShift: [-0.999, 0.999, -0.2, 0.5, 0.79, 0.8, -0.21],
  pdMultiplier: [0, 100, 1e-9, 50], recoveryMultiplier: [0, 10, 1e-9],
  nu: [2.0001, 1000, 3],
  annualDefaultProbability: FRACTION_EDGES, cumulative: FRACTION_EDGES,
  annualRate: [0, 1, 0.999, 1e-9], rate: [0, 1, 0.999], spread: [-0.1, 0.2, 0],
  share: FRACTION_EDGES, prepaymentRate: [0, 1, 0.999], recoveryFactorLoading: [0, 1],
  termMonths: [1, 360, 359, 12, 3],
  collectionLagDays: [0, 1, 365, 400],
  years: [0.01, 50, 1e-9],
  amount: [0, 0.01, 1e15, '0', '0.01', '1000000000000000'], balance: [0, 0.01, 1e15, '0'], principal: [0, 0.01, 1e15],
  purchasePrice: [0, 0.01, 1e15, '0'], appraisedValue: [0, 0.01, 1e15], capacity: [0, 0.01, 'unlimited', 1e15],
  calendar: ['NONE', 'CN-IB', 'CN-EX', 'HK', 'CN-IB+HK'], roll: ['preceding', 'modified-preceding', 'unadjusted', 'modified-following'],
  paymentFrequency: ['monthly', 'bullet', 'annual', 'semiannual'], dayCount: ['30/360', 'ACT/ACT-ISDA', 'ACT/360'],
  copula: ['t', 'sector', 'gaussian'],
};

/** Fields where trouble lives: dates, calendars, money, credit and correlation assumptions. */
const TARGETED = /\/(issueDate|maturityDate|legalMaturityDate|calendar|roll|paymentFrequency|dayCount|date|startDate|termMonths|amount|balance|principal|purchasePrice|appraisedValue|capacity|mean|stdDev|lagMonths|annualDefaultProbability|rho|rhoShift|intra|inter|nu|pdMultiplier|recoveryMultiplier|collectionLagDays|rate|annualRate|spread|share|cumulative|years|prepaymentRate|recoveryFactorLoading|amountCny|netAssets)$/;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_SHIFTS = [-1, 1, -2, 2, -31, 31, -92, 92, -365, 365, 3650, -3650, 7, 30000];

const escapeKey = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

/** Every JSON Pointer inside `doc` (not the root, at most 13 levels down), in document order. */
export function pointersOf(doc: JsonValue): string[] {
  const out: string[] = [];
  // Deals are a few levels deep; a hostile value planted by an earlier mutation may be thousands.
  const walk = (v: JsonValue, at: string, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) v.forEach((x, i) => { out.push(`${at}/${i}`); walk(x, `${at}/${i}`, depth + 1); });
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push(`${at}/${escapeKey(k)}`); walk(x, `${at}/${escapeKey(k)}`, depth + 1); }
  };
  walk(doc, '', 0);
  return out;
}

/** The field name a pointer ends in; list items count as their list's name (`payments[]`). */
function lastKey(pointer: string): string {
  const keys = pointer.split('/');
  const last = keys[keys.length - 1]!;
  return /^\d+$/.test(last) ? `${keys[keys.length - 2] ?? ''}[]` : unescapeKey(last);
}

function parentOf(doc: JsonValue, pointer: string): { parent: JsonValue[] | Record<string, JsonValue>; key: string } {
  const keys = pointer.split('/').slice(1).map(unescapeKey);
  const key = keys.pop()!;
  let cur: JsonValue = doc;
  for (const k of keys) cur = (cur as Record<string, JsonValue>)[k]!;
  return { parent: cur as JsonValue[] | Record<string, JsonValue>, key };
}

function addDaysIso(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  const d = new Date(t);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) return date;
  return d.toISOString().slice(0, 10);
}

function perturbNumber(x: number, choice: number): number {
  const options = [0, -x, x * 2, x * 10, x / 2, x + 1, x - 1, x * 1e-6, x + 1e-9, 1 - x, 1e-4, 0.9999, x * 1.000001, Math.round(x * 100 + 1) / 100];
  return options[choice % options.length]!;
}

function moneyText(v: JsonValue, choice: number): JsonValue {
  const x = typeof v === 'number' ? v : Number(v);
  const s = typeof v === 'string' ? v : String(v);
  const options: JsonValue[] = [`${s} `, ` ${s}`, s.replace(/(\d)(?=(\d{3})+(\.|$))/g, '$1_'), `${s}.`, `+${s}`, `-${s}`, x.toFixed(3), '0', '0.00', String(Math.round(x)), (x * 2).toFixed(2), `${s}e0`, s.replace(/(\d)(?=(\d{3})+(\.|$))/g, '$1,'), x];
  return options[choice % options.length]!;
}

/**
 * Apply one mutation in place; returns the concrete change for a replay (`{ pointer: value }`,
 * value undefined for a deletion), or a note when the mutation changed several fields.
 */
export function applyMutation(doc: JsonValue, m: Mutation): string {
  if (m.op === 'zero-fees') {
    let n = 0;
    for (const p of pointersOf(doc).filter((q) => /\/payments\/\d+\/amount$/.test(q))) {
      const { parent, key } = parentOf(doc, p);
      (parent as Record<string, JsonValue>)[key] = 0;
      n++;
    }
    return `zero-fees: ${n} payment amounts set to 0`;
  }
  const all = pointersOf(doc);
  // Each kind of change picks among the fields it fits (numbers for perturb, dates for shift-date…).
  const valueAt = (p: string) => { const { parent, key } = parentOf(doc, p); return Array.isArray(parent) ? parent[Number(key)] : parent[key]; };
  const fits: Partial<Record<MutationOp, (p: string) => boolean>> = {
    perturb: (p) => { const v = valueAt(p); return typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)); },
    'money-text': (p) => { const v = valueAt(p); return typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)); },
    'shift-date': (p) => { const v = valueAt(p); return typeof v === 'string' && DATE_RE.test(v); },
    enum: (p) => typeof valueAt(p) === 'string',
    edge: (p) => EDGES[unescapeKey(p.slice(p.lastIndexOf('/') + 1))] !== undefined,
  };
  const fitting = fits[m.op] ? all.filter(fits[m.op]!) : all;
  const candidates = fitting.length > 0 ? fitting : all;
  const targeted = m.targeted ? candidates.filter((p) => TARGETED.test(p)) : [];
  const pool = targeted.length > 0 ? targeted : candidates;
  // Pick a field name first, then one field of that name: a deal has hundreds of payment dates
  // and one maturity date, and both deserve the fuzzer's attention.
  const byName = new Map<string, string[]>();
  for (const p of pool) {
    const name = lastKey(p);
    const list = byName.get(name);
    if (list) list.push(p);
    else byName.set(name, [p]);
  }
  const names = [...byName.keys()];
  const group = byName.get(names[m.pick % names.length]!)!;
  const pointer = group[Math.floor(m.pick / names.length) % group.length]!;
  const { parent, key } = parentOf(doc, pointer);
  const isList = Array.isArray(parent);
  const cur = isList ? parent[Number(key)]! : parent[key]!;
  const put = (v: JsonValue) => {
    if (isList) parent[Number(key)] = v;
    else parent[key] = v;
    return `${pointer} = ${JSON.stringify(v)?.slice(0, 120)}`;
  };
  switch (m.op) {
    case 'replace':
      return put(structuredClone(HOSTILE[m.choice % HOSTILE.length]!) as JsonValue);
    case 'edge': {
      const edges = EDGES[unescapeKey(pointer.slice(pointer.lastIndexOf('/') + 1))] ?? HOSTILE;
      return put(structuredClone(edges[m.choice % edges.length]!) as JsonValue);
    }
    case 'perturb':
      if (typeof cur === 'number') return put(perturbNumber(cur, m.choice));
      if (typeof cur === 'string' && /^\d+(\.\d+)?$/.test(cur)) return put(String(perturbNumber(Number(cur), m.choice)));
      return put(ENUM_WORDS[m.choice % ENUM_WORDS.length]!);
    case 'shift-date':
      if (typeof cur === 'string' && DATE_RE.test(cur)) return put(addDaysIso(cur, DAY_SHIFTS[m.choice % DAY_SHIFTS.length]!));
      return put(['2019-01-01', '2024-02-29', '2027-12-31', '2030-06-30', '1999-12-31'][m.choice % 5]!);
    case 'money-text':
      if (typeof cur === 'number' || (typeof cur === 'string' && /^\d/.test(cur))) return put(moneyText(cur, m.choice));
      return put(HOSTILE[m.choice % HOSTILE.length]!);
    case 'enum':
      return put(ENUM_WORDS[m.choice % ENUM_WORDS.length]!);
    case 'delete':
      if (isList) parent.splice(Number(key), 1);
      else delete parent[key];
      return `${pointer} deleted`;
    case 'duplicate':
      if (isList) {
        parent.splice(Number(key), 0, structuredClone(cur));
        return `${pointer} duplicated`;
      }
      return put(structuredClone(cur));
  }
}

// 综合融资成本 all-in cost of funding: the annual internal rate of return (ACT/365F) of what a firm
// receives (net proceeds) and pays (coupons, every running fee, guarantee and counter-guarantee
// fees, tax gross-ups, hedge cost, FX spreads), before and after subsidies (贴息).
//
// Flows are signed from the firm's side: + received, − paid. Each carries a kind, which decides
// whether a subsidy covers it.
//
// Subsidies:
// - share of interest and fees: e.g. Futian's 70% of loan interest and service fees, capped at
//   3 M CNY per firm (brief: "firms that borrow against IP get 70% of loan interest and service fees
//   back, capped at 3 M CNY"). The cap is per firm over the loan's life here (`capPer: 'firm'`);
//   `capPer: 'firm-year'` applies it per calendar year instead, in case a programme caps yearly.
// - flat rate: the subsidy is `rate` × outstanding principal × days / 365 for each interest period,
//   never more than the interest paid (e.g. Wenling's 2% interest subsidy).
// The subsidy is received `lagDays` after the payment it refunds (0 by default: programmes pay
// after the fact, often yearly; a lag raises the subsidised cost a little).
import { Decimal } from 'decimal.js';
import { checkFraction, checkInteger, checkMoney, fen, type MoneyInput } from '../market/inputs.js';
import { addDays, checkDate, dayNumber, type IsoDate } from '../calendar/iso-date.js';
import { xirr } from '../money/xirr.js';
import { COST_FLOW_KINDS, type CostFlow, type CostFlowKind } from '../money/cost-flow.js';

/** Kinds that are always money the firm pays (amount ≤ 0). */
const PAID_KINDS: readonly CostFlowKind[] = [
  'principal', 'interest', 'upfront-fee', 'running-fee', 'guarantee-fee', 'counter-guarantee-fee', 'tax',
];

/** Interest and service fees: what Futian-style subsidies refund. */
export const INTEREST_AND_FEES: readonly CostFlowKind[] = [
  'interest', 'upfront-fee', 'running-fee', 'guarantee-fee', 'counter-guarantee-fee',
];

export type Subsidy =
  | { kind: 'none' }
  | {
    kind: 'share-of-interest-and-fees';
    share: number;
    cap?: MoneyInput;
    capPer?: 'firm' | 'firm-year';
    eligibleKinds?: readonly CostFlowKind[];
    lagDays?: number;
  }
  | { kind: 'flat-rate'; rate: number; cap?: MoneyInput; capPer?: 'firm' | 'firm-year'; lagDays?: number };

/** Futian (福田): 70% of loan interest and service fees back, capped at 3 M CNY per firm. */
export const FUTIAN_IP_LOAN_SUBSIDY: Subsidy = { kind: 'share-of-interest-and-fees', share: 0.7, cap: 3_000_000, capPer: 'firm' };

interface CheckedFlow {
  date: IsoDate;
  day: number;
  amount: Decimal;
  kind: CostFlowKind;
  label?: string;
}

function checkFlows(flows: readonly CostFlow[], field = 'flows'): CheckedFlow[] {
  if (!Array.isArray(flows) || flows.length === 0) throw new Error(`${field}: must list the firm's cash flows, got none`);
  const out = flows.map((f, i) => {
    const date = checkDate(f.date, `${field}[${i}].date`);
    if (!(COST_FLOW_KINDS as readonly string[]).includes(f.kind)) {
      throw new Error(`${field}[${i}].kind: must be one of ${COST_FLOW_KINDS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(f.kind)}`);
    }
    const amount = checkMoney(f.amount, `${field}[${i}].amount`, { allowNegative: true });
    if (f.kind === 'proceeds' && amount.isNegative()) {
      throw new Error(`${field}[${i}].amount: "proceeds" is money the firm receives and must be positive, got ${amount.toString()}`);
    }
    if (PAID_KINDS.includes(f.kind) && amount.greaterThan(0)) {
      throw new Error(`${field}[${i}].amount: a "${f.kind}" flow is money the firm pays and must be negative or zero, got ${amount.toString()}`);
    }
    return { date, day: dayNumber(date), amount, kind: f.kind, ...(f.label === undefined ? {} : { label: f.label }) };
  });
  return out.map((f, i) => ({ f, i })).sort((a, b) => a.f.day - b.f.day || a.i - b.i).map((x) => x.f);
}

export interface SubsidyResult {
  flows: CostFlow[];
  total: Decimal;
  /** Whether the cap cut the subsidy. */
  capped: boolean;
  /** The subsidy before the cap. */
  uncapped: Decimal;
}

/** The subsidy payments a firm receives on its flows. */
export function subsidyFlows(flows: readonly CostFlow[], subsidy: Subsidy): SubsidyResult {
  const fs = checkFlows(flows);
  if (subsidy.kind === 'none') return { flows: [], total: new Decimal(0), capped: false, uncapped: new Decimal(0) };
  const lag = checkInteger(subsidy.lagDays ?? 0, 'subsidy.lagDays', 0, 3660);
  const cap = subsidy.cap === undefined ? null : checkMoney(subsidy.cap, 'subsidy.cap');
  const capPer = subsidy.capPer ?? 'firm';
  if (capPer !== 'firm' && capPer !== 'firm-year') throw new Error(`subsidy.capPer: must be "firm" or "firm-year", got ${JSON.stringify(capPer)}`);

  // Raw subsidy per refunded payment, in date order.
  const raw: Array<{ date: IsoDate; amount: Decimal; label: string }> = [];
  if (subsidy.kind === 'share-of-interest-and-fees') {
    const share = checkFraction(subsidy.share, 'subsidy.share');
    const eligible = subsidy.eligibleKinds ?? INTEREST_AND_FEES;
    for (const f of fs) {
      if (eligible.includes(f.kind) && f.amount.isNegative()) {
        raw.push({ date: f.date, amount: fen(f.amount.negated().times(share)), label: `${share * 100}% of ${f.label ?? f.kind}` });
      }
    }
  } else if (subsidy.kind === 'flat-rate') {
    const rate = checkFraction(subsidy.rate, 'subsidy.rate');
    // Accrue rate × outstanding principal day by day between events; pay it with each interest payment.
    let outstanding = new Decimal(0);
    let accrued = new Decimal(0);
    let lastDay = fs[0]?.day ?? 0;
    for (const f of fs) {
      accrued = accrued.plus(outstanding.times(rate).times(f.day - lastDay).dividedBy(365));
      lastDay = f.day;
      if (f.kind === 'interest' && f.amount.isNegative()) {
        raw.push({ date: f.date, amount: Decimal.min(fen(accrued), f.amount.negated()), label: `${rate * 100}% interest subsidy` });
        accrued = new Decimal(0);
      }
      if (f.kind === 'proceeds') outstanding = outstanding.plus(f.amount);
      if (f.kind === 'principal') outstanding = Decimal.max(0, outstanding.plus(f.amount)); // amount is negative
    }
  } else {
    throw new Error(`subsidy.kind: must be "none", "share-of-interest-and-fees" or "flat-rate", got ${JSON.stringify((subsidy as { kind?: unknown }).kind)}`);
  }

  const uncapped = raw.reduce((s, r) => s.plus(r.amount), new Decimal(0));
  const usedByBucket = new Map<string, Decimal>();
  let capped = false;
  const out: CostFlow[] = [];
  for (const r of raw) {
    let amount = r.amount;
    if (cap !== null) {
      const bucket = capPer === 'firm' ? 'all' : r.date.slice(0, 4);
      const used = usedByBucket.get(bucket) ?? new Decimal(0);
      const room = Decimal.max(0, cap.minus(used));
      if (amount.greaterThan(room)) {
        amount = room;
        capped = true;
      }
      usedByBucket.set(bucket, used.plus(amount));
    }
    if (amount.greaterThan(0)) out.push({ date: addDays(r.date, lag), amount, kind: 'subsidy', label: r.label });
  }
  return { flows: out, total: out.reduce((s, f) => s.plus(f.amount as Decimal), new Decimal(0)), capped, uncapped };
}

export interface AllInCost {
  /** IRR of the firm's flows, before subsidy (annual, ACT/365F). */
  costRate: number;
  /** IRR with the subsidy payments added. */
  subsidyAdjustedCostRate: number;
  subsidy: SubsidyResult;
  /** Sum of amounts by kind (signed). */
  totals: Partial<Record<CostFlowKind, Decimal>>;
  flows: CostFlow[];
}

function totalsOf(flows: readonly CheckedFlow[]): Partial<Record<CostFlowKind, Decimal>> {
  const t: Partial<Record<CostFlowKind, Decimal>> = {};
  for (const f of flows) t[f.kind] = (t[f.kind] ?? new Decimal(0)).plus(f.amount);
  return t;
}

/** The firm's all-in annual cost before and after a subsidy. */
export function allInCost(flows: readonly CostFlow[], subsidy: Subsidy = { kind: 'none' }): AllInCost {
  const fs = checkFlows(flows);
  const sub = subsidyFlows(flows, subsidy);
  const costRate = xirr(fs);
  const subsidyAdjustedCostRate = sub.flows.length === 0 ? costRate : xirr([...fs, ...sub.flows]);
  return { costRate, subsidyAdjustedCostRate, subsidy: sub, totals: totalsOf(fs), flows: fs.map(({ day: _day, ...f }) => f) };
}

export interface FirmFlows {
  id: string;
  flows: readonly CostFlow[];
  subsidy?: Subsidy;
}

export interface DealAllInCost {
  firms: Array<{ id: string } & AllInCost>;
  /** IRR of all firms' flows together. */
  costRate: number;
  subsidyAdjustedCostRate: number;
  subsidyTotal: Decimal;
}

/** Each firm's cost (each with its own subsidy cap), and the deal's as the IRR of all flows together. */
export function dealAllInCost(firms: readonly FirmFlows[]): DealAllInCost {
  if (firms.length === 0) throw new Error('firms: must list at least one firm');
  const seen = new Set<string>();
  const per = firms.map((f, i) => {
    if (typeof f.id !== 'string' || f.id === '') throw new Error(`firms[${i}].id: must be a non-empty string`);
    if (seen.has(f.id)) throw new Error(`firms[${i}].id: duplicate firm id ${JSON.stringify(f.id)}`);
    seen.add(f.id);
    try {
      return { id: f.id, ...allInCost(f.flows, f.subsidy) };
    } catch (e) {
      throw new Error(`firms[${i}] (${f.id}): ${(e as Error).message}`);
    }
  });
  const all = per.flatMap((p) => p.flows);
  const allSub = per.flatMap((p) => p.subsidy.flows);
  const costRate = xirr(all);
  return {
    firms: per,
    costRate,
    subsidyAdjustedCostRate: allSub.length === 0 ? costRate : xirr([...all, ...allSub]),
    subsidyTotal: per.reduce((s, p) => s.plus(p.subsidy.total), new Decimal(0)),
  };
}

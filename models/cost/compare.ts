// 融资成本对比 `ipabs compare`: what each deal costs, side by side.
//
// Per tranche (the issuer's side, from the exact base case): the coupon, its spread over its
// benchmark (the 1-year LPR at issue for CNY notes, the loan currency's money-market rate for a
// "+k" leg), the fees allocated to it, its all-in cost (IRR of what the issuer raises on it, net of
// its share of the up-front fees, against its coupons, principal and its share of the running and
// enhancement fees) and the investor's yield (IRR of what the investor pays and receives, each
// distribution arriving distributionLagDays after the payment date on the deal's rail).
//
// Fee allocation: up-front fees pro rata to the tranches' balances at issue (fees on the senior
// balance to the senior tranches only); each running fee pro rata to the balances at the start of
// the period it is paid in (senior-balance fees to the senior tranches); an enhancement's fee
// (`fee.annualRate`, which the waterfall does not pay) on the start-of-period balance of the
// tranches its cover-shortfall steps protect (the non-subordinated tranches when it is not a
// cover-shortfall source), accrued ACT/365 per period and paid by the issuer.
//
// For the firms (firm-flows.ts): each firm's all-in cost (IRR of what it receives and pays) before
// and after the deal's subsidy, with the settlement rail's net cost (rail/deal-effects.ts: cash
// drag, fees, expected commingling loss, less interest on trust cash) spread over the pool firms
// pro rata to funding, as a cost the originator passes on (ASSUMPTION, stated in the notes). The
// deal's figures are the IRR of all its firms' flows together.
//
// Baseline: the same firms each borrowing the same amount for the same term (rounded up to whole
// interest periods) on a direct IP-pledge bank loan (baseline.ts), with the deal's subsidy if
// funding.baseline.subsidised. A deal without funding.baseline gets DEFAULT_BASELINE, flagged.
// savingVsBaseline = 1 − (the deal's cost to the firms after subsidy) / (the baseline's cost to the
// firms, after subsidy if it is subsidised); savingBeforeSubsidy compares the two before subsidy.
import { Decimal } from 'decimal.js';
import type { Deal, DealFunding } from '../deal-format/schema.js';
import { compileDeal, type DealProgram } from '../engine/program.js';
import { pricedDeal, pricingSolution, type CostPlusSolution } from '../engine/pricing.js';
import { reportLedger, runExactProgram, type ScheduleReport } from '../engine/exact.js';
import { LPR_FIRST_FIXING, loanBenchmarkOn } from '../market/lpr.js';
import { addDays } from '../calendar/iso-date.js';
import { daysBetween } from '../calendar/day-count.js';
import { dealAllInCost, type Subsidy } from './all-in.js';
import { baselineBankLoan } from './baseline.js';
import { xirr } from '../money/xirr.js';
import { allocateToFirms, firmFeeFlows, firmFundings, type FirmFunding } from './firm-flows.js';
import { railEffects, type RailEffects } from '../rail/deal-effects.js';
import { legCashFlows, legFxRisk, legInvestorYield } from '../crossborder/leg-flows.js';
import { chainFeeStack } from '../crossborder/counter-guarantee.js';
import { drawLeg } from '../deal-format/leg-check.js';
import { simulatePathEffects, type PathEffects } from '../montecarlo/path-effects.js';
import type { Seed } from '../credit/rng.js';
import { assertFiniteResult } from '../engine/finite-guard.js';
import { translator } from '../i18n/index.js';
import { baselineText, costNoteText, type BaselineTerms, type CostNoteKind } from './cost-text.js';

type BaselineSpec = NonNullable<DealFunding['baseline']>;

/**
 * Used when a deal has no funding.baseline: 1Y LPR + 50 bp, quarterly interest, 0.5% appraisal fee
 * and a 1.5% a year guarantee fee (ASSUMPTION: a plain IP-pledge loan with a commercial guarantee;
 * the worked check of docs/cross-border-and-cost.md), no subsidy.
 */
export const DEFAULT_BASELINE: BaselineSpec = {
  kind: 'ip-pledge-bank-loan', lprTenor: '1Y', spreadOverLpr: 0.005, paymentMonths: 3,
  appraisalFeeRate: 0.005, guaranteeFeeRate: 0.015, subsidised: false,
};

export interface TrancheCost {
  id: string;
  name: string | null;
  class: string;
  currency: string;
  balance: number;
  /** Annual coupon (the first period's for a benchmark coupon); null for a residual-only tranche. */
  coupon: number | null;
  benchmark: { name: string; rate: number };
  spreadOverBenchmark: number | null;
  feesAllocated: { upfront: number; running: number; enhancement: number; total: number; annualRate: number };
  /** Issuer's cost of this tranche: IRR of its flows (ACT/365F). */
  allInCostRate: number;
  investorYield: number;
  /** True for a "+k" offshore leg (funded beside the trust). */
  offshore: boolean;
}

export interface FirmCost {
  id: string;
  name: string;
  kind: FirmFunding['kind'];
  funding: number;
  startDate: string;
  endDate: string;
  termMonths: number;
  costRate: number;
  subsidyAdjustedCostRate: number;
  subsidy: number;
  subsidyCapped: boolean;
  /** Totals of the firm's flows by kind (signed, yuan). */
  totals: Record<string, number>;
  baselineCostRate: number;
  baselineSubsidyAdjustedCostRate: number;
}

export interface LegCost {
  id: string;
  firmId: string;
  currency: string;
  drawn: number;
  quota: Array<{ date: string; amount: number; riskWeighted: number; quota: number; usedAfter: number }>;
  chainFees: { counterGuaranteeFee: number; hkGuaranteeFee: number; arrangementFeeAnnualised: number; total: number };
  taxes: number;
  fx: { expectedFxLoss: number; fxLoss99: number; fxLoss99CI95: [number, number]; hedgeRatio: number; volatility: number };
}

export interface DealCost {
  deal: { id: string; name: string; nameZh: string | null; market: string; currency: string; issueDate: string; maturityDate: string };
  tranches: TrancheCost[];
  /** The notes' cost to the issuer: IRR of all the trust's tranches together. */
  issuerCostRate: number;
  firms: FirmCost[];
  /** The firms' all-in cost (IRR of all their flows together), before and after subsidy. */
  allInCostRate: number;
  subsidyAdjustedCostRate: number;
  subsidyTotal: number;
  /** The firm with the lowest cost after subsidy. */
  lowestFirm: { id: string; subsidyAdjustedCostRate: number };
  baseline: {
    spec: BaselineSpec;
    /** True when the deal had no funding.baseline and DEFAULT_BASELINE was used. */
    assumed: boolean;
    /** The LPR in force at the firms' start dates (lowest and highest). */
    lprAtStart: [number, number];
    /** The baseline as numbers (baselineText says it in a language). */
    terms: BaselineTerms;
    /** In English. */
    description: string;
  };
  baselineCostRate: number;
  baselineSubsidyAdjustedCostRate: number;
  savingVsBaseline: number;
  savingBeforeSubsidy: number;
  rail: (RailEffects & { annualRate: number }) | null;
  legs: LegCost[];
  /** Monte Carlo estimates (commingling, chain losses) when asked for. */
  monteCarlo: PathEffects | null;
  /** How the firms' assets are priced: as given ("fixed") or solved from the notes ("cost-plus"). */
  pricing: { rule: 'fixed' } | CostPlusSolution;
  /** What separates the cost to the firms from the cost to the issuer (costGap). */
  costGap: CostGap;
  /** What the notes say (costNoteText says each in a language), and their English text. */
  noteKinds: CostNoteKind[];
  notes: string[];
}

/**
 * The cost to the firms and the cost to the issuer side by side, and what separates them, each
 * effect as a rate a year: the firms' side on the pool firms' funding over the years they hold it,
 * the issuer's on the notes over the deal's term.
 */
export interface CostGap {
  firmsBeforeSubsidy: number;
  firmsAfterSubsidy: number;
  /** The notes' cost to the issuer (no subsidy applies to it). */
  issuer: number;
  /** Base-case residual released to the originator or the subordinated holder: excess spread the firms pay above the notes. */
  excessSpread: number;
  residualTo: 'originator' | 'subordinated' | null;
  /** Fees the pool firms pay outside the trust (guarantee, appraisal: funding.firmFees). */
  outsideFees: number;
  /** The settlement rail's net cost passed on to the firms. */
  rail: number;
  /** Enhancement fees the issuer pays on the notes (the firms do not pay them directly). */
  enhancementFees: number;
  /** What the subsidy takes off the firms. */
  subsidy: number;
}

export interface RailDifference {
  /** The deals compared: identical but for their rail. */
  a: string;
  b: string;
  /** b − a. */
  allInCostRate: number;
  subsidyAdjustedCostRate: number;
  /** Senior investor yield, b − a. */
  investorYield: number;
  /** Components of the firms' cost difference, b − a, in yuan and as a share of the pool a year. */
  /** Each effect: `key` names it for a translation (cash-drag, payment-fees, commingling, trust-interest), `effect` in English. */
  components: Array<{ key: RailEffectKey; effect: string; amount: number; annualRate: number }>;
  explanation: string;
}

export interface CompareResult {
  deals: DealCost[];
  differences: RailDifference[];
}

export interface CompareOptions {
  /** Monte Carlo paths for the commingling and chain losses (0 or absent: analytic expectations only). */
  paths?: number;
  seed?: Seed;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const en = translator('en');

function subsidyOf(f: DealFunding | undefined): Subsidy {
  const s = f?.subsidy;
  if (!s) return { kind: 'none' };
  const extra = {
    ...(s.cap === undefined ? {} : { cap: s.cap }),
    ...(s.capPer === undefined ? {} : { capPer: s.capPer }),
    ...(s.lagDays === undefined ? {} : { lagDays: s.lagDays }),
  };
  return s.kind === 'share-of-interest-and-fees' ? { kind: s.kind, share: s.share, ...extra } : { kind: s.kind, rate: s.rate, ...extra };
}

/** Tranches an enhancement's fee is charged on: those its cover-shortfall steps protect. */
function coveredTranches(deal: Deal, enhancementId: string): Set<string> {
  const ids = new Set<string>();
  for (const st of [...deal.waterfall.normal, ...(deal.waterfall.afterTrigger ?? [])]) {
    if (st.type === 'cover-shortfall' && st.sources.includes(enhancementId)) {
      for (const t of [...st.covers.interest, ...st.covers.principal]) ids.add(t);
    }
  }
  if (ids.size === 0) for (const t of deal.liabilities.tranches) if (t.class !== 'subordinated') ids.add(t.id);
  return ids;
}

function trancheCosts(deal: Deal, prog: DealProgram, report: ScheduleReport, distributionLag: number): { tranches: TrancheCost[]; issuerFlows: Array<{ date: string; amount: number }> } {
  const issue = deal.meta.issueDate;
  const ts = deal.liabilities.tranches;
  // The 1Y LPR at issue; before the LPR reform (2019-08-20) the PBOC benchmark lending rate.
  const bench1y = loanBenchmarkOn(issue, '1Y');
  const lpr = bench1y.rate;
  const isSenior = (id: string) => ts.find((t) => t.id === id)?.class === 'senior';
  const initial = new Map(ts.map((t) => [t.id, Number(t.balance)]));
  const seniorTotal = ts.reduce((s, t) => (t.class === 'senior' ? s + Number(t.balance) : s), 0);
  const alloc = new Map(ts.map((t) => [t.id, { upfront: 0, running: 0, enhancement: 0 }]));
  const prorate = (amount: number, weights: Map<string, number>) => {
    const w = [...weights.values()].reduce((s, x) => s + x, 0);
    return (id: string) => (w > 0 ? (amount * (weights.get(id) ?? 0)) / w : 0);
  };

  const feeBasis = new Map(deal.fees.map((f) => [f.id, f.basis.type === 'rate' ? f.basis.on : null]));
  for (const f of prog.upfrontFees) {
    const onSenior = feeBasis.get(f.id) === 'senior-balance' && seniorTotal > 0;
    const weights = new Map(ts.map((t) => [t.id, onSenior && t.class !== 'senior' ? 0 : Number(t.balance)]));
    const share = prorate(f.amount.toNumber(), weights);
    for (const t of ts) alloc.get(t.id)!.upfront += share(t.id);
  }

  // Running and enhancement fees per period, on start-of-period balances.
  const residualTo = [...deal.waterfall.normal].reverse().find((s) => s.type === 'pay-residual');
  const residualTranche = residualTo && residualTo.type === 'pay-residual' && residualTo.to === 'subordinated' ? residualTo.tranche ?? null : null;
  const issuer = new Map(ts.map((t) => [t.id, [{ date: issue, amount: Number(t.balance) }] as Array<{ date: string; amount: number }>]));
  const investor = new Map(ts.map((t) => [t.id, [{ date: issue, amount: -Number(t.balance) }] as Array<{ date: string; amount: number }>]));
  const startBal = new Map(initial);
  const enh = deal.enhancements.flatMap((e) => {
    const rate = 'fee' in e && e.fee ? e.fee.annualRate : 0;
    return rate > 0 ? [{ rate, covered: coveredTranches(deal, e.id) }] : [];
  });
  report.periods.forEach((rp, p) => {
    const running = new Map(ts.map((t) => [t.id, 0]));
    for (const [feeId, paid] of Object.entries(rp.feesById)) {
      if (!(paid > 0)) continue;
      const on = feeBasis.get(feeId);
      const weights = new Map(ts.map((t) => [t.id,
        on === 'issue-amount' ? Number(t.balance) : on === 'senior-balance' && !isSenior(t.id) ? 0 : startBal.get(t.id)!]));
      const share = prorate(paid, weights);
      for (const t of ts) running.set(t.id, running.get(t.id)! + share(t.id));
    }
    const yf = daysBetween(prog.periods[p]!.accrualStart, prog.periods[p]!.accrualEnd) / 365;
    const enhFee = new Map(ts.map((t) => [t.id, 0]));
    for (const e of enh) for (const id of e.covered) enhFee.set(id, (enhFee.get(id) ?? 0) + e.rate * startBal.get(id)! * yf);
    for (const t of ts) {
      const tp = rp.tranches[t.id]!;
      const a = alloc.get(t.id)!;
      a.running += running.get(t.id)!;
      a.enhancement += enhFee.get(t.id)!;
      const residual = t.id === residualTranche ? rp.residual : 0;
      const paidOut = tp.interest + tp.principal + residual;
      issuer.get(t.id)!.push({ date: rp.date, amount: -(paidOut + running.get(t.id)! + enhFee.get(t.id)!) });
      investor.get(t.id)!.push({ date: addDays(rp.date, distributionLag), amount: paidOut });
      startBal.set(t.id, tp.balance);
    }
  });
  for (const t of ts) issuer.get(t.id)![0]!.amount -= alloc.get(t.id)!.upfront;

  const years = daysBetween(issue, deal.meta.maturityDate) / 365;
  const tranches = ts.map((t, i): TrancheCost => {
    const a = alloc.get(t.id)!;
    const coupon = t.coupon.type === 'fixed' ? t.coupon.rate : t.coupon.type === 'benchmark' ? prog.tranches[i]!.couponByPeriod[0]! : null;
    const bench = t.coupon.type === 'benchmark' && t.coupon.benchmark === 'LPR5Y'
      ? (() => { const b = loanBenchmarkOn(issue, '5Y'); return { name: `${b.name} on ${issue}`, rate: b.rate }; })()
      : { name: `${bench1y.name} on ${issue}`, rate: lpr };
    const feeTotal = a.upfront + a.running + a.enhancement;
    return {
      id: t.id, name: t.name ?? null, class: t.class, currency: t.currency, balance: Number(t.balance),
      coupon, benchmark: bench, spreadOverBenchmark: coupon === null ? null : coupon - bench.rate,
      feesAllocated: { upfront: r2(a.upfront), running: r2(a.running), enhancement: r2(a.enhancement), total: r2(feeTotal), annualRate: feeTotal / Number(t.balance) / years },
      allInCostRate: trancheRate(issuer.get(t.id)!),
      investorYield: trancheRate(investor.get(t.id)!),
      offshore: false,
    };
  });
  return { tranches, issuerFlows: [...issuer.values()].flat() };
}

function legTranche(leg: NonNullable<Deal['offshoreLegs']>[number]): { tranche: TrancheCost; cost: LegCost } {
  const cash = legCashFlows(leg);
  const drawn = leg.draws.reduce((s, d) => s + Number(d.amountCny), 0);
  const sumKind = (kinds: string[]) => -cash.flows.filter((f) => kinds.includes(f.kind)).reduce((s, f) => s + Number(f.amount), 0);
  const years = daysBetween(leg.draws[0]!.date, leg.maturityDate) / 365;
  const fees = sumKind(['counter-guarantee-fee', 'guarantee-fee', 'upfront-fee']);
  const quota = drawLeg(leg).draws.map((d) => ({ date: d.date, amount: d.amount.toNumber(), riskWeighted: d.riskWeighted.toNumber(), quota: d.quota.toNumber(), usedAfter: d.usedAfter.toNumber() }));
  const stack = chainFeeStack({ counterGuaranteeFee: leg.chain.counterGuaranteeFee, hkGuaranteeFee: leg.chain.hkGuaranteeFee, arrangementFeeUpfront: leg.chain.arrangementFeeUpfront, termYears: years });
  const fx = legFxRisk(leg, cash);
  return {
    tranche: {
      id: leg.id, name: leg.name ?? null, class: 'offshore', currency: leg.currency, balance: drawn,
      coupon: leg.coupon.rate,
      benchmark: { name: `${leg.currency} money-market rate (fx.foreignRate)`, rate: leg.fx.foreignRate },
      spreadOverBenchmark: leg.coupon.rate - leg.fx.foreignRate,
      feesAllocated: { upfront: r2(sumKind(['upfront-fee'])), running: r2(sumKind(['counter-guarantee-fee', 'guarantee-fee'])), enhancement: 0, total: r2(fees), annualRate: fees / drawn / years },
      allInCostRate: xirr(cash.flows.map((f) => ({ date: f.date, amount: f.amount as Decimal | number | string }))),
      investorYield: legInvestorYield(leg, cash),
      offshore: true,
    },
    cost: {
      id: leg.id, firmId: leg.firm.id, currency: leg.currency, drawn, quota,
      chainFees: stack,
      taxes: r2(sumKind(['tax'])),
      fx: { expectedFxLoss: r2(fx.expectedFxLoss), fxLoss99: r2(fx.fxLoss99), fxLoss99CI95: [r2(fx.fxLoss99CI95[0]), r2(fx.fxLoss99CI95[1])], hedgeRatio: leg.fx.hedgeRatio, volatility: leg.fx.volatility },
    },
  };
}

const totalsOf = (t: Partial<Record<string, Decimal>>): Record<string, number> =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v as Decimal).toNumber()]));

/**
 * A tranche's rate: the IRR of its flows; −1 (−100%) when its holder gets (almost) nothing back in
 * the base case — a subordinated tranche wiped out by a deal that collects too little, whose rate
 * is below the −99.9% the IRR search covers (or does not exist: nothing came back at all).
 */
export function trancheRate(flows: Array<{ date: string; amount: number }>): number {
  const first = flows[0]?.amount ?? 0;
  const back = flows.slice(1).reduce((s, f) => s + f.amount, 0);
  const totalLoss = Math.abs(back) < 1e-9 * Math.abs(first) + 0.005;
  if (totalLoss) return -1;
  try {
    return xirr(flows);
  } catch (err) {
    if (Math.sign(back) !== Math.sign(first) && Math.abs(back) < Math.abs(first)) return -1;
    throw err;
  }
}

/** The cost comparison of one deal (every number finite, or a NonFiniteResultError). */
export function dealCost(input: Deal, opts: CompareOptions = {}): DealCost {
  // What the firms pay: their assets at the deal's prices (cost-plus: solved from the notes).
  return assertFiniteResult('compare', uncheckedDealCost(pricedDeal(input), opts));
}

function uncheckedDealCost(deal: Deal, opts: CompareOptions): DealCost {
  const prog = compileDeal(deal);
  const report = reportLedger(prog, runExactProgram(prog));
  const noteKinds: CostNoteKind[] = [];
  const { tranches, issuerFlows } = trancheCosts(deal, prog, report, deal.rail?.distributionLagDays ?? 0);
  const legs = (deal.offshoreLegs ?? []).map(legTranche);

  // Firms: their own flows, plus the rail's net cost spread over the pool firms.
  const upfront = prog.upfrontFees.reduce((s, f) => s.plus(f.amount), new Decimal(0));
  const firms = firmFundings(deal, upfront);
  const rail = railEffects(deal, prog, report);
  const poolFirms = firms.filter((f) => f.kind !== 'offshore-leg');
  const poolFunding = poolFirms.reduce((s, f) => s + f.funding.toNumber(), 0);
  // Years the pool firms hold their funding, funding-weighted: the base of the rail's annual rate.
  const years = poolFunding > 0 ? poolFirms.reduce((s, f) => s + f.funding.toNumber() * daysBetween(f.startDate, f.endDate), 0) / poolFunding / 365 : 1;
  if (rail) {
    const railFlows = allocateToFirms(firms, rail.periods.map((p) => ({ date: p.date, amount: p.netCost })), 'settlement rail: cash drag, fees, expected commingling loss, less interest on trust cash');
    for (const f of firms) f.flows = [...f.flows, ...(railFlows.get(f.id) ?? [])];
    noteKinds.push('rail');
  }
  const subsidy = subsidyOf(deal.funding);
  const all = dealAllInCost(firms.map((f) => ({ id: f.id, flows: f.flows, subsidy })));

  // Baseline: each firm on a direct IP-pledge bank loan.
  const assumed = !deal.funding?.baseline;
  const spec = deal.funding?.baseline ?? DEFAULT_BASELINE;
  if (assumed) noteKinds.push('assumed-baseline');
  const step = spec.paymentMonths ?? 3;
  const baseSubsidy: Subsidy = spec.subsidised ? subsidy : { kind: 'none' };
  const baselines = firms.map((f) => baselineBankLoan({
    principal: f.funding, startDate: f.startDate, termMonths: Math.ceil(f.termMonths / step) * step,
    lprTenor: spec.lprTenor ?? '1Y', spreadOverLpr: spec.spreadOverLpr, paymentMonths: step,
    appraisalFeeRate: spec.appraisalFeeRate ?? 0, guaranteeFeeRate: spec.guaranteeFeeRate ?? 0, subsidy: baseSubsidy,
    preReformBenchmark: true,
  }));
  if (firms.some((f) => f.startDate < LPR_FIRST_FIXING)) noteKinds.push('pre-lpr');
  const baseFlows = baselines.flatMap((b) => b.flows);
  const baselineCostRate = xirr(baseFlows);
  const baseSub = baselines.flatMap((b) => b.subsidy.flows);
  const baselineSubsidyAdjustedCostRate = baseSub.length ? xirr([...baseFlows, ...baseSub]) : baselineCostRate;
  if (baselines.some((b) => b.lprHeldFlat)) noteKinds.push('lpr-flat');
  const lprs = baselines.map((b) => b.lpr);
  const lprAtStart: [number, number] = [Math.min(...lprs), Math.max(...lprs)];
  const terms: BaselineTerms = {
    tenor: spec.lprTenor ?? '1Y', preReform: firms.every((f) => f.startDate < LPR_FIRST_FIXING), rateAtStart: lprAtStart,
    spreadBp: Math.round(spec.spreadOverLpr * 10_000), paymentMonths: step,
    appraisalFeeRate: spec.appraisalFeeRate ?? 0, guaranteeFeeRate: spec.guaranteeFeeRate ?? 0, subsidised: spec.subsidised,
  };

  const firmCosts = firms.map((f, i): FirmCost => {
    const c = all.firms[i]!;
    const b = baselines[i]!;
    return {
      id: f.id, name: f.name, kind: f.kind, funding: f.funding.toNumber(), startDate: f.startDate, endDate: f.endDate, termMonths: f.termMonths,
      costRate: c.costRate, subsidyAdjustedCostRate: c.subsidyAdjustedCostRate,
      subsidy: c.subsidy.total.toNumber(), subsidyCapped: c.subsidy.capped,
      totals: totalsOf(c.totals),
      baselineCostRate: b.costRate, baselineSubsidyAdjustedCostRate: b.subsidyAdjustedCostRate,
    };
  });
  const lowest = firmCosts.reduce((a, b) => (b.subsidyAdjustedCostRate < a.subsidyAdjustedCostRate ? b : a));
  const issuerCostRate = xirr(issuerFlows);
  const perYear = (yuan: number) => (poolFunding > 0 ? yuan / poolFunding / years : 0);
  const notesTotal = tranches.reduce((s, t) => s + t.balance, 0);
  const dealYears = daysBetween(deal.meta.issueDate, deal.meta.maturityDate) / 365;
  const residualStep = [...deal.waterfall.normal].reverse().find((s) => s.type === 'pay-residual');
  const outside = poolFirms.reduce((s, f) => s - firmFeeFlows(deal, f.funding, f.startDate, f.termMonths).reduce((x, c) => x + Number(c.amount), 0), 0);
  const allFunding = firms.reduce((s, f) => s + f.funding.toNumber(), 0);
  const costGap: CostGap = {
    firmsBeforeSubsidy: all.costRate,
    firmsAfterSubsidy: all.subsidyAdjustedCostRate,
    issuer: issuerCostRate,
    excessSpread: perYear(report.totals.residual),
    residualTo: residualStep && residualStep.type === 'pay-residual' ? residualStep.to : null,
    outsideFees: perYear(outside),
    rail: rail ? perYear(rail.netCost) : 0,
    enhancementFees: notesTotal > 0 ? tranches.reduce((s, t) => s + t.feesAllocated.enhancement, 0) / notesTotal / dealYears : 0,
    subsidy: allFunding > 0 ? all.subsidyTotal.toNumber() / allFunding / years : 0,
  };
  const monteCarlo = opts.paths && opts.paths > 0 ? simulatePathEffects(deal, { paths: opts.paths, seed: opts.seed ?? 1 }) : null;

  return {
    deal: { id: deal.meta.id, name: deal.meta.name, nameZh: deal.meta.nameZh ?? null, market: deal.meta.market, currency: deal.meta.currency, issueDate: deal.meta.issueDate, maturityDate: deal.meta.maturityDate },
    tranches: [...tranches, ...legs.map((l) => l.tranche)],
    issuerCostRate,
    firms: firmCosts,
    allInCostRate: all.costRate,
    subsidyAdjustedCostRate: all.subsidyAdjustedCostRate,
    subsidyTotal: all.subsidyTotal.toNumber(),
    lowestFirm: { id: lowest.id, subsidyAdjustedCostRate: lowest.subsidyAdjustedCostRate },
    baseline: {
      spec, assumed, lprAtStart, terms, description: baselineText(terms, en),
    },
    baselineCostRate,
    baselineSubsidyAdjustedCostRate,
    savingVsBaseline: 1 - all.subsidyAdjustedCostRate / baselineSubsidyAdjustedCostRate,
    savingBeforeSubsidy: 1 - all.costRate / baselineCostRate,
    rail: rail ? { ...rail, annualRate: poolFunding > 0 ? rail.netCost / poolFunding / years : 0 } : null,
    legs: legs.map((l) => l.cost),
    monteCarlo,
    pricing: pricingSolution(deal) ?? { rule: 'fixed' },
    costGap,
    noteKinds,
    notes: noteKinds.map((k) => costNoteText(k, en)),
  };
}

/** Deals equal in everything but identity, rail and provenance (and the investors' description). */
function sameButRail(a: Deal, b: Deal): boolean {
  const core = (d: Deal) => JSON.stringify({
    pool: d.pool, fees: d.fees, accounts: d.accounts, triggers: d.triggers, waterfall: d.waterfall,
    enhancements: d.enhancements, simulation: d.simulation, servicer: d.servicer, offshoreLegs: d.offshoreLegs, funding: d.funding,
    tranches: d.liabilities.tranches.map(({ holder: _h, ...t }) => t),
    dates: [d.meta.issueDate, d.meta.maturityDate, d.meta.paymentFrequency, d.meta.dayCount, d.meta.calendar, d.meta.roll, d.meta.currency],
  });
  return JSON.stringify(a.rail) !== JSON.stringify(b.rail) && core(a) === core(b);
}

export type RailEffectKey = 'cash-drag' | 'payment-fees' | 'commingling' | 'trust-interest';

/** For two deals that differ only in their rail: the cost difference and the effects behind it. */
export function railDifference(a: DealCost, b: DealCost): RailDifference {
  const ra = a.rail;
  const rb = b.rail;
  // As a rate: per yuan of the pool firms' funding per year they hold it (funding-weighted).
  const pool = a.firms.filter((f) => f.kind !== 'offshore-leg');
  const funding = pool.reduce((s, f) => s + f.funding, 0);
  const years = funding > 0 ? pool.reduce((s, f) => s + f.funding * daysBetween(f.startDate, f.endDate), 0) / funding / 365 : 1;
  const d = (f: (r: RailEffects) => number) => (rb ? f(rb) : 0) - (ra ? f(ra) : 0);
  const comp = (key: RailEffectKey, effect: string, amount: number) => ({ key, effect, amount: r2(amount), annualRate: funding > 0 ? amount / funding / years : 0 });
  const components = [
    comp('cash-drag', 'cash drag (collections held by the servicer)', d((r) => r.cashDrag)),
    comp('payment-fees', 'payment fees', d((r) => r.fees)),
    comp('commingling', 'expected commingling loss (servicer default)', d((r) => r.comminglingExpectedLoss)),
    comp('trust-interest', 'interest on cash waiting in the trust (a gain)', -d((r) => r.trustCashInterest)),
  ];
  const senior = (c: DealCost) => c.tranches.find((t) => t.class === 'senior' && !t.offshore) ?? c.tranches[0]!;
  const diff = b.allInCostRate - a.allInCostRate;
  const explained = components.reduce((s, c) => s + c.annualRate, 0);
  return {
    a: a.deal.id, b: b.deal.id,
    allInCostRate: diff,
    subsidyAdjustedCostRate: b.subsidyAdjustedCostRate - a.subsidyAdjustedCostRate,
    investorYield: senior(b).investorYield - senior(a).investorYield,
    components,
    explanation: `${b.deal.id} costs the firms ${(diff * 10_000).toFixed(1)} bp a year more than ${a.deal.id}; ` +
      `the rail effects add up to ${(explained * 10_000).toFixed(1)} bp of the pool a year (` +
      components.map((c) => `${c.effect} ${(c.annualRate * 10_000).toFixed(1)} bp`).join(', ') +
      '). Both are from the same deal cash flows, so nothing else differs.',
  };
}

/** Compare deals: each one's costs, and the rail differences between deals that differ only in their rail. */
export function compareDeals(deals: readonly Deal[], opts: CompareOptions = {}): CompareResult {
  const costs = deals.map((d) => {
    try {
      return dealCost(d, opts);
    } catch (e) {
      throw new Error(`${d.meta.id}: ${(e as Error).message}`);
    }
  });
  const differences: RailDifference[] = [];
  for (let i = 0; i < deals.length; i++) {
    for (let j = i + 1; j < deals.length; j++) {
      if (!sameButRail(deals[i]!, deals[j]!)) continue;
      // Order the pair so the difference reads "the costlier rail minus the cheaper".
      const [x, y] = costs[i]!.allInCostRate <= costs[j]!.allInCostRate ? [costs[i]!, costs[j]!] : [costs[j]!, costs[i]!];
      differences.push(railDifference(x, y));
    }
  }
  return { deals: costs, differences };
}

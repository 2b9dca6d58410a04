// One break-even question (ipabs breakeven): one tranche, one scenario, one varied quantity — the
// default rate, the recovery rate or the tranche's coupon — with the waterfall on either side of it.
import type { Deal } from '../deal-format/schema.js';
import { pricedDeal } from '../engine/pricing.js';
import { compileDeal } from '../engine/program.js';
import { exactNum } from '../money/num.js';
import { createLedger, runWaterfall } from '../engine/waterfall.js';
import { allocationFor, catalogueFor, type DefaultAllocation } from '../stress/index.js';
import { defaultScenarioInputs } from './default-run.js';
import { expectedDefaultRate } from './expected-default.js';
import { planFunction, scenarioByName, scenarioReport, trancheIndex, type ScenarioReport } from './rate-deal.js';
import { solveBreakEven, type Arithmetic, type SolveResult, type Vary } from './solve.js';

export interface BreakEvenQuery {
  tranche: string;
  vary: Vary;
  /** A scenario of the deal's catalogue; default "base" if the catalogue has it, else its first. */
  scenario?: string;
  /** The default rate held fixed when varying recovery or coupon; default the deal's expected default rate. */
  defaultRate?: number;
  /** Every obligor recovers this share of its exposure (instead of the deal's recovery assumptions). */
  recovery?: number;
  allocation?: DefaultAllocation;
  /** Count external support (undertakings, guarantees pay up to their capacity); default false: stand-alone. */
  withSupport?: boolean;
  arithmetic?: Arithmetic;
}

export interface BreakEvenPeriod {
  period: number;
  date: string;
  /** Pool collections (after defaults, with recoveries) at the break-even value and just past it. */
  collections: [number, number];
  /** What the tranche was paid (interest + principal) at both ends. */
  paid: [number, number];
  /** What it was owed and not paid at the end of the period (interest arrears + principal due), just past break-even. */
  shortfallPast: number;
}

export interface BreakEvenAnswer extends SolveResult {
  deal: { id: string; name: string; nameZh: string | null };
  tranche: string;
  vary: Vary;
  scenario: ScenarioReport;
  allocation: DefaultAllocation;
  standAlone: boolean;
  /** The default rate held fixed (recovery, coupon), or null when it is what varies. */
  defaultRate: number | null;
  /** The recovery override, or null (the deal's own assumptions, after the scenario's stresses). */
  recovery: number | null;
  /** The deal's coupon of the tranche (its spread for a benchmark coupon), for comparison when varying the coupon. */
  currentCoupon: number | null;
  periods: BreakEvenPeriod[];
}

const inUnit = (x: number | undefined, field: string, what: string) => {
  if (x !== undefined && !(x >= 0 && x <= 1)) throw new RangeError(`${field}: ${what} must be between 0 and 1 (0.2 = 20%), got ${x}`);
};

/** One tranche, one scenario, one varied quantity: the break-even value and the waterfall around it. */
export function breakEven(deal: Deal, q: BreakEvenQuery): BreakEvenAnswer {
  // The assets as priced: under cost-plus the firms' rates and fees are solved from the notes.
  const prog = compileDeal(pricedDeal(deal));
  const t = trancheIndex(prog, q.tranche);
  inUnit(q.defaultRate, 'defaultRate', 'a default rate');
  inUnit(q.recovery, 'recovery', 'a recovery rate');
  if (q.vary === 'recovery' && q.recovery !== undefined) throw new RangeError('recovery: give a fixed recovery only when varying the default rate or the coupon, not when varying recovery itself');
  if (q.vary === 'default-rate' && q.defaultRate !== undefined) throw new RangeError('defaultRate: give a fixed default rate only when varying recovery or coupon, not when varying the default rate itself');
  const coupon = deal.liabilities.tranches[t]!.coupon;
  if (q.vary === 'coupon' && coupon.type === 'none') {
    throw new RangeError(`vary: tranche "${q.tranche}" has no coupon (a subordinated tranche takes the residual); vary the coupon of a tranche with a fixed or benchmark coupon (${deal.liabilities.tranches.filter((x) => x.coupon.type !== 'none').map((x) => x.id).join(', ')})`);
  }
  const catalogue = catalogueFor(deal.rating);
  const scenario = q.scenario !== undefined ? scenarioByName(deal, q.scenario) : catalogue.find((s) => s.name === 'base') ?? catalogue[0]!;
  const allocation = q.allocation ?? allocationFor(deal.rating, prog.obligors.length);
  const defaultRate = q.vary === 'default-rate' ? null : q.defaultRate ?? expectedDefaultRate(prog);
  const planAt = planFunction(prog, scenario, q.vary, t, { allocation, ...(q.recovery !== undefined ? { recoveryRate: q.recovery } : {}) });
  const standAlone = !q.withSupport;
  const r = solveBreakEven(planAt, { vary: q.vary, tranche: t, standAlone, arithmetic: q.arithmetic, ...(defaultRate !== null ? { defaultRate } : {}) });

  // The exact waterfall at both ends of the bracket, period by period.
  const ledgerAt = (x: number) => {
    const plan = planAt(x);
    const d = q.vary === 'default-rate' ? x : defaultRate!;
    const { inputs } = defaultScenarioInputs(plan, exactNum, d, standAlone);
    return runWaterfall(plan.prog, exactNum, inputs, createLedger(plan.prog, exactNum));
  };
  const [good, bad] = r.bracket;
  const La = ledgerAt(good);
  const Lb = ledgerAt(bad);
  const nT = prog.tranches.length;
  const periods = prog.periods.map((p, k): BreakEvenPeriod => {
    const i = k * nT + t;
    const paid = (L: typeof La) => L.interestPaid[i]!.plus(L.principalPaid[i]!).toNumber();
    const owedPrincipal = p.isFinal || prog.tranches[t]!.principalRule === 'scheduled'
      ? Lb.balance[i]!.minus(prog.tranches[t]!.targetByPeriod[k] ?? 0).toNumber() : 0;
    return {
      period: k + 1, date: p.paymentDate,
      collections: [La.collections[k]!.toNumber(), Lb.collections[k]!.toNumber()],
      paid: [paid(La), paid(Lb)],
      shortfallPast: Math.max(0, Lb.interestShortfall[i]!.toNumber() + Math.max(0, p.isFinal ? Lb.balance[i]!.toNumber() : owedPrincipal)),
    };
  });
  return {
    ...r, deal: { id: deal.meta.id, name: deal.meta.name, nameZh: deal.meta.nameZh ?? null }, tranche: q.tranche, vary: q.vary,
    scenario: scenarioReport(scenario, deal), allocation, standAlone, defaultRate, recovery: q.recovery ?? null,
    currentCoupon: coupon.type === 'fixed' ? coupon.rate : coupon.type === 'benchmark' ? coupon.spread : null,
    periods,
  };
}

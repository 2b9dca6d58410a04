// Everything a Monte Carlo path needs, compiled once per deal and stress: the deal program, the
// default model (obligors and enhancement parties in one copula), each obligor's contractual
// flows in flat typed arrays, discount factors, and the base case (no defaults) for reuse.
import { Decimal } from 'decimal.js';
import type { Deal } from '../deal-format/schema.js';
import { assetKindOf } from '../pool/asset-registry.js';
import { compileDeal, type DealProgram } from '../engine/program.js';
import { pricedDeal } from '../engine/pricing.js';
import { floatNum } from '../money/num.js';
import { createLedger, runWaterfall, type Ledger } from '../engine/waterfall.js';
import { capacityLimit } from '../enhancements/common.js';
import type { CopulaSpec } from '../credit/copula.js';
import { createDefaultTimeModel, stressDefaultProbability, type DefaultName, type DefaultTimeModel } from '../credit/default-times.js';
import { RecoveryModel } from '../credit/recovery.js';
import { monthlyPrepaymentRate } from '../credit/recovery.js';
import type { StressSpec } from './stress.js';
import { lossSharingEntries, type LossSharingEntry } from './loss-sharing.js';
import { buildPathExtras, type PathExtras } from './path-extras.js';
import { buildAssetAgents, type AssetAgentModel } from './asset-agents.js';
import { buildRevolvingPath, eligiblePoolName, obligorBalances, type RevolvingPathModel } from './revolving-path.js';

export interface PathModel {
  deal: Deal;
  prog: DealProgram;
  periods: number;
  obligors: number;
  tranches: number;
  enhancements: number;
  parties: number;
  /** Months simulated: up to the final payment date. */
  horizonMonths: number;
  /** For month m (0 … horizon + lag), the first period whose payment month is ≥ m; `periods` if after the deal. */
  periodOfMonth: Int32Array;
  // Obligor flows, CSR: flows of obligor o are flowStart[o] … flowStart[o + 1] − 1.
  flowStart: Int32Array;
  flowMonth: Int32Array;
  flowPeriod: Int32Array;
  flowAmount: Float64Array;
  flowPrincipal: Float64Array;
  /** Principal collected before flow f (within its obligor): flowPrincipalBefore[f]. */
  flowPrincipalBefore: Float64Array;
  /** Exposure at default if the obligor stops paying before flow f (its asset kind decides: models/pool/). */
  flowExposure: Float64Array;
  /**
   * The first flow a default misses, by month: obligor o's flows due in month m or later start at
   * flowStart[o] + firstFlowFrom[flowRow[o] + m] (m = 0 … horizon). Obligors whose flows fall in
   * the same months share a row, so a default needs one look-up instead of a search.
   */
  firstFlowFrom: Int32Array;
  flowRow: Int32Array;
  purchase: Float64Array;
  appraised: Float64Array;
  /** 1 where recovery is a fraction of the exposure at default rather than of the appraised value. */
  recoveryOnExposure: Uint8Array;
  poolPrincipal: number;
  defaultModel: DefaultTimeModel;
  recovery: RecoveryModel;
  recoveryMultiplier: number;
  /** Monthly prepayment probability (0: none), and which obligors can prepay (their asset kind says). */
  prepaymentSmm: number;
  prepayable: Uint8Array;
  /** Contractual collections per period (no defaults). */
  baseCollections: Float64Array;
  /** Discount factor of each tranche's cash in each period, at its own coupon: [t * periods + p]. */
  discount: Float64Array;
  /** Present value of each tranche's promised (base-case) interest and principal. */
  promisedPV: Float64Array;
  /** Years from issue to each payment date (for WAL). */
  years: Float64Array;
  /** Upper end of each enhancement's draw histogram (its capacity, or everything it could cover). */
  drawScale: Float64Array;
  /** Capacity of each party (Infinity when unlimited). */
  partyCapacity: Float64Array;
  lossSharing: LossSharingEntry[];
  /** The base-case ledger (floats), reused for paths in which no obligor defaults. */
  base: Ledger<number>;
  /** Names after the parties: the servicer (commingling) and the "+k" legs' chains (models/montecarlo/path-extras.ts). */
  extras: PathExtras;
  /** Every name in the copula, in order: obligors, enhancement parties (`party:<id>`), then the extras, agents and eligible pool. */
  names: DefaultName[];
  /** Names after those: the assets' pass-through agents (entrusted and trust loans, asset-agents.ts). */
  agents: AssetAgentModel[];
  /** 循环购买: the eligible pool's name and per-path purchase profiles (null: a static pool). */
  revolving: RevolvingPathModel | null;
  /** The purchase rate after the stress (null: no revolving period). */
  purchaseRate: number | null;
  /** Whether every path must run its own waterfall (purchased assets default on every path). */
  alwaysRun: boolean;
  /** When the waterfall needs the pool's principal per path: each obligor's scheduled principal at each period end, [o * P + k]. */
  obligorBalance: Float64Array | null;
}

/** For each distinct list of due months (identical assets share theirs), the index of the first flow due in month m or later. */
function firstFlowTable(dueMonths: readonly number[][], H: number): { firstFlowFrom: Int32Array; flowRow: Int32Array } {
  const rows = new Map<string, number>();
  const table: number[] = [];
  const flowRow = Int32Array.from(dueMonths, (months) => {
    const key = months.join(',');
    let row = rows.get(key);
    if (row === undefined) {
      row = table.length;
      rows.set(key, row);
      let f = 0;
      for (let m = 0; m <= H; m++) {
        while (f < months.length && months[f]! < m) f++;
        table.push(f);
      }
    }
    return row;
  });
  return { firstFlowFrom: Int32Array.from(table), flowRow };
}

/** The copula of a deal (one-factor Gaussian ρ = 0 if the deal says nothing), after a stress. */
export function copulaOf(deal: Deal, stress: StressSpec): CopulaSpec {
  const sim = deal.simulation ?? { copula: 'gaussian' as const, rho: 0 };
  const shift = (rho: number, field: string) => {
    const r = rho + stress.rhoShift;
    if (!(r >= 0 && r < 1)) throw new RangeError(`stress rho: ${field} ${rho} shifted by ${stress.rhoShift} gives ${+r.toFixed(6)}; a correlation must stay in [0, 1)`);
    return r;
  };
  // validateDeal requires nu for 't' and sectorCorrelation for 'sector'; never fall back silently.
  if (sim.copula === 't') {
    if (sim.nu === undefined) throw new RangeError('simulation.nu: is required when copula is "t"');
    return { kind: 't', rho: shift(sim.rho, 'simulation.rho'), nu: sim.nu };
  }
  if (sim.copula === 'sector') {
    if (!sim.sectorCorrelation) throw new RangeError('simulation.sectorCorrelation: is required when copula is "sector"');
    return { kind: 'sector', intra: shift(sim.sectorCorrelation.intra, 'sectorCorrelation.intra'), inter: shift(sim.sectorCorrelation.inter, 'sectorCorrelation.inter') };
  }
  return { kind: 'gaussian', rho: shift(sim.rho, 'simulation.rho') };
}

export function compilePathModel(input: Deal, stress: StressSpec): PathModel {
  // The assets at the prices the firms pay (cost-plus solved once per compile; fixed: as given).
  const deal = pricedDeal(input);
  const prog = compileDeal(deal);
  const P = prog.periods.length;
  const nO = prog.obligors.length;
  const nT = prog.tranches.length;
  const H = Math.max(1, prog.periods[P - 1]!.monthIndex);
  const maxLag = Math.max(0, ...deal.pool.obligors.map((o) => o.credit.recovery.lagMonths), deal.revolving?.eligiblePool.credit.recovery.lagMonths ?? 0);
  const periodOfMonth = new Int32Array(H + maxLag + 2);
  for (let m = 0; m < periodOfMonth.length; m++) {
    const k = prog.periods.findIndex((p) => p.monthIndex >= m);
    periodOfMonth[m] = k === -1 ? P : k;
  }

  const flowStart = new Int32Array(nO + 1);
  const flows = prog.obligors.map((o) => o.dueMonths.length);
  for (let o = 0; o < nO; o++) flowStart[o + 1] = flowStart[o]! + flows[o]!;
  const nFlows = flowStart[nO]!;
  const flowMonth = new Int32Array(nFlows);
  const flowPeriod = new Int32Array(nFlows);
  const flowAmount = new Float64Array(nFlows);
  const flowPrincipal = new Float64Array(nFlows);
  const flowPrincipalBefore = new Float64Array(nFlows);
  const flowExposure = new Float64Array(nFlows);
  // Obligors with identical assets share their flow arrays (engine/program.ts), and so their exposures.
  const exposureRows = new Map<number[], Float64Array>();
  prog.obligors.forEach((o, i) => {
    const asset = deal.pool.obligors[i]!.asset;
    const price = o.purchasePrice.toNumber();
    let exposures = exposureRows.get(o.duePrincipal);
    if (!exposures) {
      const kind = assetKindOf(asset);
      let before = 0;
      exposures = Float64Array.from(o.duePrincipal, (principal) => {
        const e = kind.exposureAtDefault(asset, new Decimal(price - before)).toNumber();
        before += principal;
        return e;
      });
      exposureRows.set(o.duePrincipal, exposures);
    }
    let before = 0;
    o.dueMonths.forEach((m, j) => {
      const f = flowStart[i]! + j;
      flowMonth[f] = m;
      flowPeriod[f] = o.duePeriods[j]!;
      flowAmount[f] = o.dueAmounts[j]!;
      flowPrincipal[f] = o.duePrincipal[j]!;
      flowPrincipalBefore[f] = before;
      flowExposure[f] = exposures[j]!;
      before += o.duePrincipal[j]!;
      if (j > 0 && m < o.dueMonths[j - 1]!) throw new Error(`internal: flows of ${o.id} are not in date order`);
    });
  });

  // Names in the copula: the obligors, then every enhancement party (wrong-way risk).
  const names: DefaultName[] = [
    ...deal.pool.obligors.map((o) => ({
      id: o.id,
      sector: o.sector,
      pd: stressDefaultProbability({ annualDefaultProbability: o.credit.annualDefaultProbability, pdTermStructure: o.credit.pdTermStructure }, stress.pdMultiplier),
    })),
    ...prog.parties.map((p) => ({
      id: `party:${p.id}`,
      // A counterparty shares a sector factor only with names of the sector it declares (e.g. a
      // district guarantor in the firms' sector); otherwise it has its own.
      sector: p.sector ?? `counterparty:${p.id}`,
      pd: stressDefaultProbability({ annualDefaultProbability: p.annualDefaultProbability }, stress.pdMultiplier),
    })),
  ];
  const extra = buildPathExtras(deal, prog, names.length, stress.pdMultiplier, H);
  names.push(...extra.names);
  const agents = buildAssetAgents(deal, prog, names.length, stress.pdMultiplier);
  names.push(...agents.names);
  // The eligible pool of a revolving deal: one name, last, read for its conditional default rate.
  const eligible = eligiblePoolName(deal, stress.pdMultiplier);
  const revolving = eligible ? buildRevolvingPath(prog, names.length) : null;
  if (eligible) names.push(eligible);
  const purchaseRate = prog.revolving ? prog.revolving.purchaseRate * (stress.purchaseRateMultiplier ?? 1) : null;
  const defaultModel = createDefaultTimeModel({ names, copula: copulaOf(deal, stress), horizonMonths: H });
  const recovery = new RecoveryModel(deal.pool.obligors.map((o) => ({ mean: o.credit.recovery.mean, stdDev: o.credit.recovery.stdDev, lagMonths: o.credit.recovery.lagMonths })), deal.simulation?.recoveryFactorLoading ?? 0);

  const baseCollections = Float64Array.from(prog.scheduledCollections.map((d) => d.toNumber()));
  const base = runWaterfall(prog, floatNum, { collections: baseCollections, purchaseRate }, createLedger(prog, floatNum));
  const discount = new Float64Array(nT * P);
  const promisedPV = new Float64Array(nT);
  prog.tranches.forEach((t, i) => {
    let df = 1;
    for (let p = 0; p < P; p++) {
      const yf = t.accrualByPeriod[p]!.reduce((s, x) => s + x.days / x.basis, 0);
      df /= 1 + t.couponByPeriod[p]! * yf;
      discount[i * P + p] = df;
      promisedPV[i] = promisedPV[i]! + df * (base.interestPaid[p * nT + i]! + base.principalPaid[p * nT + i]!);
    }
  });
  const notesTotal = prog.issueAmount.toNumber();
  const drawScale = Float64Array.from(prog.enhancements.map((e) => {
    const caps = e.parties.map((p) => capacityLimit(p.capacity));
    const total = caps.reduce((s, c) => s + c, 0);
    return Number.isFinite(total) && total > 0 ? total : notesTotal * 1.2;
  }));

  return {
    deal, prog, periods: P, obligors: nO, tranches: nT, enhancements: prog.enhancements.length, parties: prog.parties.length,
    horizonMonths: H, periodOfMonth, flowStart, flowMonth, flowPeriod, flowAmount, flowPrincipal, flowPrincipalBefore, flowExposure,
    ...firstFlowTable(prog.obligors.map((o) => o.dueMonths), H),
    purchase: Float64Array.from(prog.obligors.map((o) => o.purchasePrice.toNumber())),
    appraised: Float64Array.from(prog.obligors.map((o) => o.appraisedValue)),
    recoveryOnExposure: Uint8Array.from(deal.pool.obligors.map((o) => (o.credit.recovery.basis === 'exposure' ? 1 : 0))),
    poolPrincipal: prog.poolPurchasePrice.toNumber(),
    defaultModel, recovery, recoveryMultiplier: stress.recoveryMultiplier,
    prepaymentSmm: deal.simulation?.prepaymentRate ? monthlyPrepaymentRate(deal.simulation.prepaymentRate) : 0,
    prepayable: Uint8Array.from(deal.pool.obligors.map((o) => (assetKindOf(o.asset).prepayable(o.asset) ? 1 : 0))),
    baseCollections, discount, promisedPV,
    years: Float64Array.from(prog.periods.map((p) => p.years)),
    drawScale,
    partyCapacity: Float64Array.from(prog.parties.map((p) => capacityLimit(p.capacity))),
    lossSharing: lossSharingEntries(deal),
    base,
    extras: extra.extras,
    agents: agents.agents,
    names,
    revolving, purchaseRate,
    alwaysRun: revolving !== null && (deal.revolving?.eligiblePool.credit.annualDefaultProbability ?? 0) * stress.pdMultiplier > 0,
    obligorBalance: prog.needsPoolBalance ? obligorBalances(prog) : null,
  };
}

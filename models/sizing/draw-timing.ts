// When an enhancement pays, on average: its expected draw on each payment date (cover-shortfall
// draws from the waterfall, and loss-sharing payments by the month they reach the trust), over
// the same paths as `simulate` with the same seed. The break-even fee discounts these.
import type { Deal } from '../deal-format/schema.js';
import type { Seed } from '../credit/rng.js';
import type { ProgramStep } from '../engine/program.js';
import { replayPaths } from '../montecarlo/path-replay.js';
import type { FeePeriod } from './break-even-fee.js';

export interface DrawTiming {
  /** One entry per payment date, then one per later month in which loss-sharing cash arrives. */
  periods: FeePeriod[];
  /** The tranches whose balance the fee is charged on (those the enhancement's cover steps cover). */
  coveredTranches: string[];
  /** Expected total paid by the enhancement's parties (yuan), dates included or not. */
  expectedPaid: number;
}

export function enhancementDrawTiming(deal: Deal, enhancementId: string, opts: { paths: number; seed: Seed; stress?: string }): DrawTiming {
  const e = deal.enhancements.findIndex((x) => x.id === enhancementId);
  if (e < 0) throw new RangeError(`enhancement: unknown id "${enhancementId}" (enhancements: ${deal.enhancements.map((x) => `"${x.id}"`).join(', ') || 'none'})`);
  let byPeriod: Float64Array | null = null;
  const late = new Map<number, number>();
  let total = 0;
  const replay = replayPaths(deal, opts, (p, r) => {
    const m = r.model;
    const P = m.periods;
    const nE = m.enhancements;
    byPeriod ??= new Float64Array(P);
    for (let q = 0; q < P; q++) {
      const d = p.ledger.enhancementDraw[q * nE + e]!;
      byPeriod[q] = byPeriod[q]! + d;
      total += d;
    }
    const enh = m.prog.enhancements[e]!;
    for (const pay of p.lossSharing) {
      if (pay.party < enh.firstParty || pay.party >= enh.firstParty + enh.parties.length) continue;
      total += pay.amount;
      const q = pay.month < m.periodOfMonth.length ? m.periodOfMonth[pay.month]! : P;
      if (q < P) byPeriod[q] = byPeriod[q]! + pay.amount;
      else late.set(pay.month, (late.get(pay.month) ?? 0) + pay.amount);
    }
  });
  const m = replay.model;
  const n = opts.paths;
  const nT = m.tranches;
  const covered = coveredTrancheIndices(m.prog.normalSteps.concat(m.prog.triggerSteps ?? []), e, nT);
  const periods: FeePeriod[] = m.prog.periods.map((per, q) => {
    let bal = 0;
    for (const t of covered) bal += q === 0 ? m.prog.tranches[t]!.initialBalance.toNumber() : m.base.balance[(q - 1) * nT + t]!;
    return { years: per.years, coveredBalance: bal, expectedDraw: (byPeriod?.[q] ?? 0) / n };
  });
  const lastYears = periods[periods.length - 1]!.years;
  for (const [month, amount] of [...late].sort((a, b) => a[0] - b[0])) {
    periods.push({ years: Math.max(month / 12, lastYears + 1e-9), coveredBalance: 0, expectedDraw: amount / n });
  }
  return { periods, coveredTranches: covered.map((t) => m.prog.tranches[t]!.id), expectedPaid: total / n };
}

/** Tranches covered (interest or principal) by cover-shortfall steps drawing on enhancement e; all of them if none. */
function coveredTrancheIndices(steps: readonly ProgramStep[], e: number, nT: number): number[] {
  const set = new Set<number>();
  for (const s of steps) {
    if (s.type !== 'cover-shortfall' || !s.sources.some((src) => src.type === 'enhancement' && src.index === e)) continue;
    for (const t of [...s.interest, ...s.principal]) set.add(t);
  }
  return set.size > 0 ? [...set].sort((a, b) => a - b) : Array.from({ length: nT }, (_, t) => t);
}

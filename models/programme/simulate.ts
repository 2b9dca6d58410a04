// A programme's issues in one Monte Carlo run: one copula across every issue's firms and the
// parties that stand behind several issues, so a bad year hits the firms of all issues and the
// shared guarantor together; each issue runs its own waterfall on each path, and a shared party's
// draws across issues come out of one capacity.
//
// Clocks: each issue measures default months from its own issue date. A firm (or a party) in one
// issue only is drawn on that issue's clock; a party in several issues is drawn once on the
// programme's clock (months from the first issue) and read on each issue's: it defaults once, in
// the same calendar month for all of them (before an issue began: dead from its first period).
// Shared capacity: on each path the issues are paid in issue-date order and each sees what the
// earlier ones left of a shared party's capacity (first come, first served: an approximation when
// issues overlap in time, since a later issue's early draw may precede an earlier issue's late one).
import { blockCount, blockPaths, type Seed } from '../credit/rng.js';
import { createDefaultTimeModel, NO_DEFAULT, type DefaultName } from '../credit/default-times.js';
import { monthsBetween } from '../engine/program.js';
import { blockStreams } from '../montecarlo/block.js';
import { compilePathModel, copulaOf, type PathModel } from '../montecarlo/path-model.js';
import { createPathScratch, runPath, type PathScratch } from '../montecarlo/path-run.js';
import { NO_STRESS } from '../montecarlo/stress.js';
import { checkSimulateOptions } from '../montecarlo/simulate.js';
import type { LoadedProgramme } from './load.js';

export interface Estimate { mean: number; stdErr: number }
export interface Quantile { value: number; ci95: [number, number] }

export interface SharedPartySimulation {
  id: string;
  sharedCapacity: number;
  /** What it paid across all issues (shortfall draws and loss-sharing payments), per path. */
  expectedPaid: Estimate;
  byIssue: Array<{ issue: string; expectedPaid: Estimate }>;
  paidQuantiles: { '0.99': Quantile; '0.999': Quantile };
  /** Probability that the issues used up its shared capacity, and that it defaulted within the programme. */
  exhaustionProbability: Estimate;
  defaultProbability: Estimate;
}

export interface ProgrammeSimulation {
  paths: number;
  seed: Seed;
  /** Names in the one copula, and how many are shared by several issues. */
  names: number;
  sharedNames: number;
  parties: SharedPartySimulation[];
  issues: Array<{ id: string; poolExpectedLossRate: Estimate; tranches: Array<{ id: string; expectedLossRate: Estimate; probabilityOfLoss: Estimate }> }>;
}

class Stat {
  private s = 0;
  private s2 = 0;
  add(x: number): void { this.s += x; this.s2 += x * x; }
  estimate(n: number): Estimate {
    const mean = this.s / n;
    const v = Math.max(0, this.s2 / n - mean * mean);
    return { mean, stdErr: n > 1 ? Math.sqrt(v / (n - 1)) : 0 };
  }
}

/** The q-quantile of sorted values with the order-statistic 95% interval (q ± 1.96 √(q(1−q)/n)). */
export function sortedQuantile(sorted: Float64Array, q: number): Quantile {
  const n = sorted.length;
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  const half = 1.96 * Math.sqrt((q * (1 - q)) / Math.max(1, n));
  return { value: at(q), ci95: [at(Math.max(0, q - half)), at(Math.min(1, q + half))] };
}

interface IssueRun {
  id: string;
  model: PathModel;
  scratch: PathScratch;
  /** Months from the programme's start to this issue's date. */
  offset: number;
  /** For each of the issue's names: its index in the combined copula, and whether it runs on the programme's clock. */
  combined: Int32Array;
  programmeClock: Uint8Array;
  /** For each shared party: its index among the issue's enhancement parties (−1: not in this issue). */
  sharedParty: Int32Array;
}

export function simulateProgramme(p: LoadedProgramme, opts: { paths: number; seed: Seed }): ProgrammeSimulation {
  checkSimulateOptions({ paths: opts.paths, seed: opts.seed });
  const start = p.issues[0]!.deal.meta.issueDate;
  const shared = p.programme.sharedParties;
  const runs: IssueRun[] = p.issues.map((iss) => {
    const model = compilePathModel(iss.deal, NO_STRESS);
    return {
      id: iss.deal.meta.id, model, scratch: createPathScratch(model), offset: Math.max(0, monthsBetween(start, iss.deal.meta.issueDate)),
      combined: new Int32Array(model.names.length), programmeClock: new Uint8Array(model.names.length),
      sharedParty: Int32Array.from(shared, (sp) => model.prog.parties.findIndex((x) => x.id === sp.id)),
    };
  });

  // Names: an obligor belongs to its issue; a counterparty id is one name across the issues it stands in.
  const isCounterparty = (r: IssueRun, j: number) => j >= r.model.obligors;
  const uses = new Map<string, number>();
  for (const r of runs) for (let j = r.model.obligors; j < r.model.names.length; j++) uses.set(r.model.names[j]!.id, (uses.get(r.model.names[j]!.id) ?? 0) + 1);
  const names: DefaultName[] = [];
  const byKey = new Map<string, number>();
  runs.forEach((r, k) => {
    r.model.names.forEach((n, j) => {
      const key = isCounterparty(r, j) ? `counterparty|${n.id}` : `issue${k}|${n.id}`;
      let c = byKey.get(key);
      if (c === undefined) {
        c = names.length;
        byKey.set(key, c);
        names.push(n);
      }
      r.combined[j] = c;
      r.programmeClock[j] = isCounterparty(r, j) && (uses.get(n.id) ?? 0) > 1 ? 1 : 0;
    });
  });
  const horizon = Math.max(...runs.map((r) => r.offset + r.model.horizonMonths));
  const dm = createDefaultTimeModel({ names, copula: copulaOf(p.issues[0]!.deal, NO_STRESS), horizonMonths: horizon });
  const months = new Int32Array(names.length);

  const n = opts.paths;
  const paid = shared.map(() => new Float64Array(n));
  const byIssue = shared.map(() => runs.map(() => new Stat()));
  const exhausted = shared.map(() => new Stat());
  const defaulted = shared.map(() => new Stat());
  const sharedName = shared.map((sp) => byKey.get(`counterparty|party:${sp.id}`) ?? -1);
  const poolLoss = runs.map(() => new Stat());
  const trancheLoss = runs.map((r) => r.model.prog.tranches.map(() => new Stat()));
  const trancheAny = runs.map((r) => r.model.prog.tranches.map(() => new Stat()));
  const used = new Float64Array(shared.length);

  for (let b = 0; b < blockCount(n); b++) {
    const { start: first, end } = blockPaths(b, n);
    const { defaults, recoveries, other } = blockStreams(opts.seed, b);
    for (let i = first; i < end; i++) {
      dm.beginPath(defaults, 0);
      dm.sampleDefaultMonths(defaults, months);
      const factor = dm.latent.globalFactor;
      used.fill(0);
      for (const [k, r] of runs.entries()) {
        const s = r.scratch;
        const room = r.model.periodOfMonth.length;
        let count = 0;
        for (let j = 0; j < r.combined.length; j++) {
          const m = months[r.combined[j]!]!;
          let local = m === NO_DEFAULT ? NO_DEFAULT : r.programmeClock[j] ? m - r.offset : m;
          if (local !== NO_DEFAULT && local < 1) local = 1; // defaulted before this issue began
          if (local !== NO_DEFAULT && (local >= room || (j < r.model.obligors && local > r.model.horizonMonths))) local = NO_DEFAULT;
          s.months[j] = local;
          if (local !== NO_DEFAULT) s.defaulted[count++] = j;
        }
        runPath(r.model, s, defaults, recoveries, 0, other, {
          count, globalFactor: factor,
          beforeWaterfall: (L) => {
            r.sharedParty.forEach((j, q) => {
              if (j < 0) return;
              const own = r.model.partyCapacity[j]!;
              L.s.cap[j] = Math.max(0, Math.min(own, Number(shared[q]!.capacity) - used[q]!));
              L.s.unlimited[j] = 0;
            });
          },
        });
        const o = s.out;
        r.sharedParty.forEach((j, q) => {
          if (j < 0) { byIssue[q]![k]!.add(0); return; }
          used[q] = used[q]! + o.partyPaid[j]!;
          byIssue[q]![k]!.add(o.partyPaid[j]!);
        });
        poolLoss[k]!.add(o.poolLossRate);
        o.trancheLossRate.forEach((x, t) => { trancheLoss[k]![t]!.add(x); trancheAny[k]![t]!.add(x > 0 ? 1 : 0); });
      }
      shared.forEach((sp, q) => {
        paid[q]![i] = used[q]!;
        exhausted[q]!.add(used[q]! >= Number(sp.capacity) - 0.005 ? 1 : 0);
        defaulted[q]!.add(sharedName[q]! >= 0 && months[sharedName[q]!] !== NO_DEFAULT ? 1 : 0);
      });
    }
  }

  return {
    paths: n, seed: opts.seed, names: names.length, sharedNames: [...uses.values()].filter((x) => x > 1).length,
    parties: shared.map((sp, q) => {
      const sorted = Float64Array.from(paid[q]!).sort();
      const total = new Stat();
      for (const x of paid[q]!) total.add(x);
      return {
        id: sp.id, sharedCapacity: Number(sp.capacity), expectedPaid: total.estimate(n),
        byIssue: runs.map((r, k) => ({ issue: r.id, expectedPaid: byIssue[q]![k]!.estimate(n) })),
        paidQuantiles: { '0.99': sortedQuantile(sorted, 0.99), '0.999': sortedQuantile(sorted, 0.999) },
        exhaustionProbability: exhausted[q]!.estimate(n), defaultProbability: defaulted[q]!.estimate(n),
      };
    }),
    issues: runs.map((r, k) => ({
      id: r.id, poolExpectedLossRate: poolLoss[k]!.estimate(n),
      tranches: r.model.prog.tranches.map((t, x) => ({ id: t.id, expectedLossRate: trancheLoss[k]![x]!.estimate(n), probabilityOfLoss: trancheAny[k]![x]!.estimate(n) })),
    })),
  };
}

// Pass-through agents of the pool's assets (the lending bank of an entrusted loan 委托贷款, the
// trust company of a trust loan 信托贷款): each is a name in the deal's copula, after every other
// name. When one defaults in a period it holds, on average, the share min(1, holdDays / period
// days) of that period's collections from its loans (collections arrive evenly, the default time is
// uniform in the period, as for the servicer's commingling); the trust recovers the agent's
// `recovery` of it from the estate and loses the rest. A new agent takes over at once, so later
// periods are collected in full. The held cash counts the scheduled payments of its loans that are
// still performing on the path (a defaulted loan's missed payments were never collected).
import type { Deal } from '../deal-format/schema.js';
import type { DealProgram } from '../engine/program.js';
import { toDayNumber } from '../calendar/iso-date.js';
import { NO_DEFAULT, stressDefaultProbability, type DefaultName } from '../credit/default-times.js';
import { assetKindOf } from '../pool/asset-registry.js';
import type { AssetCounterparty } from '../pool/asset-kind.js';

export interface AssetAgentModel {
  id: string;
  name: string;
  /** Index of its name in the copula. */
  nameIndex: number;
  /** Per period: the share of its loans' collections it holds when it defaults then. */
  share: Float64Array;
  recovery: number;
  /** The obligors whose cash passes through it. */
  obligors: Int32Array;
}

/** The pool's agents, each once (by id), in the order their first loan appears. */
export function poolAgents(deal: Deal): Array<{ agent: AssetCounterparty; obligors: number[] }> {
  const byId = new Map<string, { agent: AssetCounterparty; obligors: number[] }>();
  deal.pool.obligors.forEach((o, i) => {
    const c = assetKindOf(o.asset).counterparty?.(o.asset);
    if (!c) return;
    const seen = byId.get(c.id);
    if (seen) seen.obligors.push(i);
    else byId.set(c.id, { agent: c, obligors: [i] });
  });
  return [...byId.values()];
}

/** The agents' copula names (appended from `firstName`) and their path models. */
export function buildAssetAgents(deal: Deal, prog: DealProgram, firstName: number, pdMultiplier: number): { names: DefaultName[]; agents: AssetAgentModel[] } {
  const names: DefaultName[] = [];
  const agents = poolAgents(deal).map(({ agent, obligors }, j): AssetAgentModel => {
    names.push({
      id: `agent:${agent.id}`,
      sector: agent.sector ?? `counterparty:agent:${agent.id}`,
      pd: stressDefaultProbability({ annualDefaultProbability: agent.annualDefaultProbability }, pdMultiplier),
    });
    let prev = toDayNumber(deal.meta.issueDate);
    const share = Float64Array.from(prog.periods, (p) => {
      const day = toDayNumber(p.paymentDate);
      const s = Math.min(1, agent.holdDays / Math.max(1, day - prev));
      prev = day;
      return s;
    });
    return { id: agent.id, name: agent.name, nameIndex: firstName + j, share, recovery: agent.recovery, obligors: Int32Array.from(obligors) };
  });
  return { names, agents };
}

/** The flows an agent's loans still pay in its default period on this path, and what the trust loses of them. */
export interface AgentPathInputs {
  months: Int32Array;
  periodOfMonth: Int32Array;
  periods: number;
  flowStart: Int32Array;
  flowMonth: Int32Array;
  flowPeriod: Int32Array;
  flowAmount: Float64Array;
  /** Month in which each obligor stopped paying on this path (NO_DEFAULT: it did not). */
  obligorStopMonth: (o: number) => number;
}

/** Whether any agent defaults within the deal's periods on this path. */
export function anyAgentDefault(agents: readonly AssetAgentModel[], months: Int32Array, periodOfMonth: Int32Array, periods: number): boolean {
  for (const a of agents) {
    const m = months[a.nameIndex]!;
    if (m !== NO_DEFAULT && periodOfMonth[m]! < periods) return true;
  }
  return false;
}

/** Take each defaulted agent's held cash out of its default period's collections; `lost[j]`: what agent j cost. */
export function applyAgentLosses(agents: readonly AssetAgentModel[], x: AgentPathInputs, collections: Float64Array, lost: Float64Array): void {
  for (let k = 0; k < agents.length; k++) {
    const a = agents[k]!;
    const m = x.months[a.nameIndex]!;
    if (m === NO_DEFAULT) continue;
    const p = x.periodOfMonth[m]!;
    if (p >= x.periods || !(a.share[p]! > 0)) continue;
    let held = 0;
    for (let j = 0; j < a.obligors.length; j++) {
      const o = a.obligors[j]!;
      const stop = x.obligorStopMonth(o);
      for (let f = x.flowStart[o]!; f < x.flowStart[o + 1]!; f++) {
        if (x.flowPeriod[f] === p && (stop === NO_DEFAULT || x.flowMonth[f]! < stop)) held += x.flowAmount[f]!;
      }
    }
    const loss = held * a.share[p]! * (1 - a.recovery);
    collections[p] = collections[p]! - loss;
    lost[k] = loss;
  }
}

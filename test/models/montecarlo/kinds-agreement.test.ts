// The exact engine and the Monte Carlo path engine run one waterfall definition; on every asset
// kind they must agree to the fen on the inputs of real Monte Carlo paths — collections after
// firms' defaults and recoveries, a lease's deposit set off, a trust company failing while it holds
// the firms' payments, factored receivables unpaid — not only on the base case (path-vs-exact).
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { NO_STRESS } from '../../../models/montecarlo/stress.js';
import { replayPaths } from '../../../models/montecarlo/path-replay.js';
import { exactNum, type Vec } from '../../../models/money/num.js';
import { createLedger, runWaterfall, type WaterfallInputs } from '../../../models/engine/waterfall.js';
import type { Deal, DealInput } from '../../../models/deal-format/schema.js';
import { assetKindOf } from '../../../models/pool/asset-registry.js';
import { maxLedgerGap } from '../../support/ledger-gap.js';
import { loadRaw } from '../../support/scenarios.js';
import { dealWithAssets } from '../../support/asset-deal.js';

const dec = (v: Vec<number> | null | undefined): Decimal[] | null => (v ? Array.from(v as ArrayLike<number>, (x) => new Decimal(x)) : null);

function valid(raw: unknown): Deal {
  const v = validateDeal(raw);
  if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
  return v.deal;
}

/** 鑫欣保理 with a trust company far likelier to fail (30% a year) holding the firms' payments for 20 days, so paths lose cash to it. */
function fragileTrustCompany(): Deal {
  const raw = loadRaw('xinxin-factoring-2023-1.json') as { pool: { obligors: Array<{ asset: { agent: Record<string, unknown> } }> } };
  for (const o of raw.pool.obligors) Object.assign(o.asset.agent, { annualDefaultProbability: 0.3, holdDays: 20, recovery: 0.2 });
  return valid(raw);
}

/** Two firms' factored receivables, one priced by a 3.6% discount, one at an agreed price (figures illustrative). */
function factoredPool(): Deal {
  const receivables = (debtor: string, face: number) => [{ debtor, face, dueDate: '2023-09-11' }, { debtor, face, dueDate: '2024-03-07' }];
  const a = { kind: 'factoring', receivables: receivables('Buyer A', 5_000_000), price: { type: 'discount-rate', annualRate: 0.036 }, purchaseDate: '2023-03-15' };
  const b = { kind: 'factoring', receivables: receivables('Buyer B', 5_000_000), price: { type: 'fixed', amount: 9_700_000 }, purchaseDate: '2023-03-15' };
  const priceA = assetKindOf(a).purchasePrice(a as never);
  return valid(dealWithAssets([a, b], { balance: priceA.plus(9_700_000).toFixed(2) }) as DealInput);
}

const CASES: Array<{ name: string; deal: () => Deal; kind: string }> = [
  { name: '第一创业-文科租赁一期 (finance leases: rentals, deposits, purchase options)', deal: () => valid(loadRaw('wenke-lease-2019.json')), kind: 'finance-lease' },
  { name: '鑫欣保理2023-1 with a fragile trust company (trust loans, the agent in the copula)', deal: fragileTrustCompany, kind: 'entrusted-loan' },
  { name: 'a factored pool (discount-rate and agreed prices)', deal: factoredPool, kind: 'factoring' },
  { name: 'Nanshan–HTI IP 5 (pledged-IP micro-loans, over-coverage, HTI\'s shortfall payment)', deal: () => valid(loadRaw('nanshan-hti-ip5-2022.json')), kind: 'loan' },
  { name: '兴业圆融-广州开发区 (exclusive licence fees, subordination)', deal: () => valid(loadRaw('xingye-guangzhou-licence-2019.json')), kind: 'licence-royalty' },
];

describe('every asset kind: exact engine against the Monte Carlo path engine on real paths', function () {
  this.timeout(60_000);
  for (const c of CASES) {
    it(`${c.name}: on the inputs of 300 paths at 4× the default probability, the two engines agree to the fen on every payment`, () => {
      const deal = c.deal();
      expect(deal.pool.obligors.every((o) => o.asset.kind === c.kind)).to.equal(true);
      let compared = 0;
      let lossPaths = 0;
      let agentLossPaths = 0;
      replayPaths(deal, { paths: 300, seed: 5, stress: { ...NO_STRESS, pdMultiplier: 4 } }, ({ ledger, scratch: s, poolLoss, outcome }, { model: m }) => {
        if (!s.ranWaterfall) return;
        const w = s.waterfallInputs;
        const inputs: WaterfallInputs<Decimal> = {
          collections: dec(w.collections)!,
          cumulativeDefaultRate: w.cumulativeDefaultRate ?? null,
          partyDefaultPeriod: w.partyDefaultPeriod ?? null,
          poolBalanceStart: dec(w.poolBalanceStart),
          poolBalanceEnd: dec(w.poolBalanceEnd),
          purchaseRate: w.purchaseRate ?? null,
        };
        const exact = runWaterfall(m.prog, exactNum, inputs, createLedger(m.prog, exactNum));
        const gap = maxLedgerGap(ledger, exact);
        expect(gap.gap, `path ${compared}: ${gap.field}[${gap.index}]`).to.be.at.most(0.01 + 1e-9);
        compared++;
        if (poolLoss > 0) lossPaths++;
        if (outcome.agentLoss.some((x) => x > 0)) agentLossPaths++;
      });
      // The comparison covers paths where money was lost, not only the base case.
      expect(compared).to.be.greaterThan(20);
      expect(lossPaths).to.be.greaterThan(10);
      if (c.kind === 'entrusted-loan') expect(agentLossPaths, 'paths where the trust company failed holding cash').to.be.greaterThan(5);
    });
  }
});

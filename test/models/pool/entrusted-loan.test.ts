import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { entrustedLoanFlows } from '../../../models/pool/entrusted-loan.js';
import { loanFlows } from '../../../models/pool/loan.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { runExact } from '../../../models/engine/exact.js';
import { firmFundings } from '../../../models/cost/firm-flows.js';
import { simulateHere } from '../../../models/montecarlo/simulate.js';
import { compilePathModel } from '../../../models/montecarlo/path-model.js';
import { NO_STRESS } from '../../../models/montecarlo/stress.js';
import { dealWithAssets } from '../../support/asset-deal.js';

const agent = (over: Record<string, unknown> = {}) => ({ id: 'trust-co', name: 'Trust company', feeRate: 0.003, annualDefaultProbability: 0.002, holdDays: 5, ...over });
const loanOf = (over: Record<string, unknown> = {}) => ({
  kind: 'entrusted-loan' as const, channel: 'trust' as const, agent: agent(),
  principal: 10_000_000, startDate: '2023-03-15', termMonths: 12, paymentFrequency: 'quarterly' as const,
  rate: { type: 'fixed' as const, annualRate: 0.04 }, amortization: 'interest-only-bullet' as const, ...over,
});

describe('entrusted / trust loan (委托贷款 / 信托贷款, models/pool/entrusted-loan.ts)', () => {
  it('passes the firm\'s payments on less the agent\'s fee: 4% interest, 0.3% fee → 92,500.00 a quarter on 10 M', () => {
    const a = loanOf() as Parameters<typeof entrustedLoanFlows>[0];
    const net = entrustedLoanFlows(a);
    const gross = loanFlows(a);
    expect(gross[0]!.interest.toFixed(2)).to.equal('100000.00');
    expect(net[0]!.interest.toFixed(2)).to.equal('92500.00');
    expect(net[3]!.principal.toFixed(2)).to.equal('10000000.00');
  });

  it('the firm pays the full loan rate; the trust collects it net of the fee, reconciled to the fen', () => {
    const v = validateDeal(dealWithAssets([loanOf(), loanOf()], { balance: '20000000.00' }));
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const r = runExact(v.deal);
    expect(r.reconciled).to.equal(true);
    expect(r.totals.collections).to.equal(2 * (10_000_000 + 4 * 92_500));
    const interest = firmFundings(v.deal, new Decimal(0))[0]!.flows.filter((f) => f.kind === 'interest').reduce((s, f) => s + Number(f.amount), 0);
    expect(interest).to.equal(-400_000);
  });

  it('the agent is a name in the copula; when it defaults it takes its held share of that period\'s collections', async () => {
    // A certain default of the agent (PD 1 a year ≈ within the first month), 45 of ~92 days held: about
    // half of the first quarter's 185,000 of interest from the two loans is lost.
    const v = validateDeal(dealWithAssets([loanOf({ agent: agent({ annualDefaultProbability: 0.999999, holdDays: 45 }) }), loanOf({ agent: agent({ annualDefaultProbability: 0.999999, holdDays: 45 }) })], { balance: '20000000.00' }));
    if (!v.ok) throw new Error(v.problems.map(formatProblem).join('\n'));
    const m = compilePathModel(v.deal, NO_STRESS);
    expect(m.agents).to.have.length(1);
    expect(m.agents[0]!.obligors).to.deep.equal(Int32Array.from([0, 1]));
    const r = await simulateHere(v.deal, { paths: 2000, seed: 5 });
    const a = r.assetAgents[0]!;
    expect(a.id).to.equal('trust-co');
    expect(a.probabilityOfLoss).to.be.greaterThan(0.9);
    // Held share 45 / 92 of a quarter's 185,000 (or of a later quarter's, if it defaults later): at most 90,489.13.
    expect(a.heldCashLoss.mean).to.be.within(60_000, 90_490);
  });

  it('refuses an agent fee above the loan rate, and one agent described two ways', () => {
    const v = validateDeal(dealWithAssets([loanOf({ agent: agent({ feeRate: 0.05 }) }), loanOf({ agent: agent({ holdDays: 9 }) })], { balance: '20000000.00' }));
    expect(v.ok).to.equal(false);
    if (v.ok) return;
    const msgs = v.problems.map(formatProblem);
    expect(msgs).to.include('pool.obligors[0].asset.agent.feeRate: must not exceed the loan rate (4% a year in the period from 2023-03-15); the agent\'s fee comes out of the interest, got 5%');
    expect(msgs.some((m) => m.startsWith('pool.obligors[1].asset: its agent "trust-co" is described differently from pool.obligors[0]\'s'))).to.equal(true);
  });
});

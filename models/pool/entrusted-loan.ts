// 委托贷款 / 信托贷款 entrusted or trust loan: the money is lent to the firm through a bank (委托贷款,
// the bank as lending agent) or a trust company (信托贷款, the trust's loan); the agent collects the
// firm's interest and principal, takes its fee and passes the rest on to whoever holds the loan —
// here the securitization trust (兴证圆融-湖南湘江新区: entrusted loans; 鑫欣保理2023-1: trust loans).
// The agent is a counterparty of its own: if it fails it takes the collections it holds.
import { z } from 'zod';
import { Decimal } from 'decimal.js';
import { fraction, identifier, integerBetween, isoDate, money, oneOf, strictObject, text } from '../deal/schema-helpers.js';
import { addMonths } from '../calendar/schedule.js';
import { fen, outstandingIsExposure, scaleMoney, type AssetFlow, type AssetKind } from './asset-kind.js';
import { LOAN_FREQUENCIES, PERIOD_MONTHS, borrowerFlows, fixedRate, fixedRateProblems, loanFlows, loanRateSchema, loanTermProblems, rateOn } from './loan.js';

const agentSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  /** The agent's fee (委托贷款手续费 / 信托报酬): an annual rate on the principal outstanding, taken out of the interest it passes on. */
  feeRate: fraction(),
  /** Its own annual default probability; it sits in the same copula as the firms. */
  annualDefaultProbability: fraction(),
  /** Sector for the sector copula; its own if left out. */
  sector: text(100).optional(),
  /** Days it holds what it collects before passing it to the trust (0: the same day). */
  holdDays: integerBetween(0, 366),
  /** Share of the held cash the trust recovers from its estate if it fails (0 if left out). */
  recovery: fraction().optional(),
});

const schema = strictObject({
  kind: z.literal('entrusted-loan'),
  /** entrusted: 委托贷款 through a bank; trust: 信托贷款 through a trust company. */
  channel: oneOf(['entrusted', 'trust'] as const),
  agent: agentSchema,
  principal: money(),
  startDate: isoDate(),
  termMonths: integerBetween(1, 360),
  paymentFrequency: oneOf(LOAN_FREQUENCIES),
  rate: loanRateSchema,
  amortization: oneOf(['equal-principal', 'annuity', 'interest-only-bullet'] as const),
  /** Price the trust paid for the loan (or the trust beneficial right, 信托受益权); defaults to par. */
  purchasePrice: money().optional(),
});
export type EntrustedLoanAsset = z.output<typeof schema>;

/** The agent's fee in each period of the loan: fee rate / periods a year on the balance before the payment, to the fen. */
function agentFees(a: EntrustedLoanAsset, flows: readonly AssetFlow[]): Decimal[] {
  const perYear = 12 / PERIOD_MONTHS[a.paymentFrequency];
  let before = new Decimal(a.principal);
  return flows.map((f) => {
    const fee = fen(before.times(a.agent.feeRate).dividedBy(perYear));
    before = f.balanceAfter;
    return fee;
  });
}

/** What reaches the trust: the firm's payments less the agent's fee (out of the interest). */
export function entrustedLoanFlows(a: EntrustedLoanAsset): AssetFlow[] {
  const gross = loanFlows(a);
  const fees = agentFees(a, gross);
  return gross.map((f, k) => ({ ...f, interest: Decimal.max(0, f.interest.minus(fees[k]!)) }));
}

export const entrustedLoan: AssetKind<typeof schema> = {
  kind: 'entrusted-loan',
  label: 'entrusted / trust loans',
  labelZh: '委托贷款 / 信托贷款',
  paymentsLabel: 'repayments via the agent',
  paymentsLabelZh: '经受托人还款',
  model: 'entrusted-loan',
  schema,
  flows: entrustedLoanFlows,
  purchasePrice: (a) => new Decimal(a.purchasePrice ?? a.principal),
  scaled: (a, k) => ({ ...a, principal: scaleMoney(a.principal, k), ...(a.purchasePrice !== undefined ? { purchasePrice: scaleMoney(a.purchasePrice, k) } : {}) }),
  fundingDate: (a) => a.startDate,
  exposureAtDefault: outstandingIsExposure,
  prepayable: () => true,
  // The originator sold the loans at par; the agent's fee comes out of the interest, not the firm.
  sellerBearsUpfrontFees: false,
  firmFlows: (a) => borrowerFlows(a, a.channel === 'trust' ? 'trust loan principal (信托贷款)' : 'entrusted loan principal (委托贷款)'),
  check: (a, deal) => {
    const out = loanTermProblems(a, deal);
    // The fee comes out of the interest: an agent that would take more than the interest is an error.
    const step = PERIOD_MONTHS[a.paymentFrequency];
    for (let k = 0; k * step < a.termMonths; k++) {
      const start = addMonths(a.startDate, k * step, false);
      const rate = rateOn(a.rate, start);
      if (a.agent.feeRate > rate) {
        out.push(['agent.feeRate', `must not exceed the loan rate (${+(rate * 100).toFixed(4)}% a year in the period from ${start}); the agent's fee comes out of the interest, got ${+(a.agent.feeRate * 100).toFixed(4)}%`]);
        break;
      }
    }
    return out;
  },
  counterparty: (a) => ({
    id: a.agent.id, name: a.agent.name, annualDefaultProbability: a.agent.annualDefaultProbability,
    ...(a.agent.sector === undefined ? {} : { sector: a.agent.sector }),
    holdDays: a.agent.holdDays, recovery: a.agent.recovery ?? 0,
  }),
  // Cost-plus: the loan's fixed rate is solved, as for a loan; the agent's fee comes out of it.
  costPlus: {
    solves: 'rate.annualRate',
    problems: (a) => fixedRateProblems(a.rate, 'rate'),
    at: (a, annualRate) => ({ ...a, rate: fixedRate(annualRate) }),
  },
};

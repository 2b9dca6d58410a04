import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { validateDeal, formatProblem } from '../../../models/deal-format/validate.js';
import { compileDeal, dueMonthOf } from '../../../models/engine/program.js';
import type { Deal } from '../../../models/deal-format/schema.js';

// The synthetic benchmark pool (bench/synthetic-1000.json): 1,000 level-payment loans, 36 monthly
// payments at 6%, PD 3% a year (constant hazard), LGD 60% on the exposure. Its expected loss does
// not depend on the correlation and has a closed form, worked out here by hand:
//   EL = LGD × Σ_m P(default in month m) × (balance before the month-m payment) / principal,
//   P(default in month m) = e^{−λ(m−1)/12} − e^{−λm/12}, λ = −ln 0.97,
// the balance of a 6%/12 annuity (the same share of principal for every loan size). A loan can only
// default while it still owes something, so the mean default rate is P(τ ≤ 36 months) = 1 − 0.97³.
function synthetic(): Deal {
  const raw = JSON.parse(readFileSync(new URL('../../../bench/synthetic-1000.json', import.meta.url), 'utf8')) as unknown;
  const r = validateDeal(raw);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.deal;
}

function closedFormExpectedLoss(): number {
  const lambda = -Math.log(0.97);
  const r = 0.06 / 12;
  const n = 36;
  const payment = r / (1 - (1 + r) ** -n);
  let balance = 1;
  let sum = 0;
  for (let m = 1; m <= n; m++) {
    sum += (Math.exp((-lambda * (m - 1)) / 12) - Math.exp((-lambda * m) / 12)) * balance;
    balance = balance * (1 + r) - payment;
  }
  return 0.6 * sum;
}

describe('exposure at default of amortizing loans (synthetic 1,000-loan pool)', function () {
  this.timeout(180_000);
  const deal = synthetic();

  it('puts the k-th monthly instalment of a loan starting at issue in month k, whatever the calendar month\'s length', () => {
    const prog = compileDeal(deal);
    const months = prog.obligors[0]!.dueMonths;
    expect(months).to.deep.equal(Array.from({ length: 36 }, (_, k) => k + 1));
    // 2024-01-15 → 2024-02-15 is 31 days (1.018 grid months), → 2024-09-15 is 244 days (8.016).
    expect(dueMonthOf('2024-01-15', '2024-02-15')).to.equal(1);
    expect(dueMonthOf('2024-01-15', '2024-09-15')).to.equal(8);
    expect(dueMonthOf('2024-01-15', '2024-01-20')).to.equal(1);
  });

  it('closed forms: expected loss 2.8106%, default rate 8.7327%', () => {
    expect(closedFormExpectedLoss()).to.be.closeTo(0.028106, 5e-7);
    expect(1 - 0.97 ** 3).to.be.closeTo(0.087327, 1e-9);
  });

  describe('at 200,000 paths (seed 1)', () => {
    let result: Awaited<ReturnType<typeof simulate>>;
    before(async () => { result = await simulate(deal, { paths: 200_000, seed: 1, threads: 2 }); });

    it('has the pool expected loss within 4 standard errors of the closed form', () => {
      const se = result.pool.expectedLossRateStdErr;
      expect(se).to.be.within(1e-5, 1e-4);
      expect(result.pool.expectedLossRate).to.be.closeTo(closedFormExpectedLoss(), 4 * se);
    });

    it('counts as defaults only loans still owing: mean default rate within 4 standard errors of 1 − 0.97³', () => {
      const se = result.pool.defaultRateMeanStdErr;
      expect(se).to.be.within(5e-5, 5e-4);
      expect(result.pool.defaultRateMean).to.be.closeTo(1 - 0.97 ** 3, 4 * se);
    });
  });
});

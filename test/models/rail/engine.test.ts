import { expect } from 'chai';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { runExact } from '../../../models/engine/exact.js';
import { compileDeal } from '../../../models/engine/program.js';
import { reportLedger, runExactProgram } from '../../../models/engine/exact.js';
import { railEffects } from '../../../models/rail/deal-effects.js';
import { simulatePathEffects } from '../../../models/montecarlo/path-effects.js';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { loadRaw } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

function deal(file: string, changes: Record<string, unknown> = {}): Deal {
  const r = validateDeal(withChanges(loadRaw(file), changes));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
}
const FUTIAN = 'futian-n-plus-1-2023.json';
const BANK = 'ningbo-bank-rail-2024.json';
const ECNY = 'ningbo-ecny-2024.json';
const allFirms = (file: string, field: string, value: unknown) =>
  Object.fromEntries(Array.from({ length: (loadRaw(file).pool as { obligors: unknown[] }).obligors.length }, (_, i) => [`/pool/obligors/${i}/${field}`, value]));

describe('settlement rail in the engines', () => {
  describe('the days the servicer holds collections shift the period that collects them', () => {
    // Futian's loans pay on the 5th of Nov, Feb, May and Aug; the notes on the 20th a month later.
    // Quarterly interest at the cost-plus rates (4.205608% + each firm's spread, pool.pricing):
    // Σ principal × rate / 4 = (150 M × 4.205608% + 134,500 of spreads) / 4 = 6,442,912 / 4 = 1,610,728.00.
    it('a 30-day sweep still lands every payment in its own period: the same collections as with no rail', () => {
      const withRail = runExact(deal(FUTIAN));
      const raw = loadRaw(FUTIAN) as { rail?: unknown; provenance: Array<{ path: string }> };
      const r = validateDeal({ ...raw, rail: undefined, provenance: raw.provenance.filter((p) => p.path !== '/rail') });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      const noRail = runExact(r.deal);
      expect(withRail.periods.map((p) => p.collections)).to.deep.equal(noRail.periods.map((p) => p.collections));
      expect(withRail.periods.map((p) => p.collections)).to.deep.equal([1_610_728, 1_610_728, 1_610_728, 151_610_728]);
    });

    it('a 45-day hold moves November (paid 11-06, arrives 12-21) and February (02-05 → 03-21) a period later: the undertaker covers period 1', () => {
      // May is paid 2024-05-06 after the May holidays and arrives 06-20, in time; August arrives 09-19.
      // Priced "fixed" at the shipped rates: cost-plus could not be met with nothing collected in period 1.
      const r = runExact(deal(FUTIAN, { '/rail/collectionLagDays': 45, '/pool/pricing': { rule: 'fixed' } }));
      expect(r.periods.map((p) => p.collections)).to.deep.equal([0, 1_610_728, 3_221_456, 151_610_728]);
      const p1 = r.periods[0]!;
      expect(p1.enhancementDraws).to.equal(p1.fees + p1.tranches.senior!.interest + p1.tranches.mezzanine!.interest);
      expect(r.reconciled).to.equal(true);
      for (const t of Object.values(r.totals.tranches)) expect(t.finalBalance).to.equal(0);
    });

    it('refuses a rail on which a payment would reach the trust after the final payment date, and asks for the reinvestment rate', () => {
      const r = validateDeal(withChanges(loadRaw('yuhang-abn-2023.json'), {
        '/rail': { kind: 'bank-transfer', collectionLagDays: 30, distributionLagDays: 1, fees: { perPayment: 0, bp: 0 }, demandRate: 0.002 },
      }));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.problems).to.deep.include({
        path: 'pool.obligors[0].asset',
        message: 'the payment due 2024-03-01 reaches the trust on 2024-04-01 (rail.collectionLagDays 30 days after it is paid), after the final payment date 2024-03-15; on this rail every payment must be due at least 30 days before it',
      });
      expect(r.problems).to.deep.include({ path: 'funding.reinvestmentRate', message: 'is required when the rail holds collections (rail.collectionLagDays 30): the annual rate the trust\'s cash would earn meanwhile, for the cash drag' });
    });
  });

  describe('what the rail costs (base case)', () => {
    const effects = (d: Deal) => {
      const prog = compileDeal(d);
      return railEffects(d, prog, reportLedger(prog, runExactProgram(prog)))!;
    };

    // The licence fees (cost-plus, pool.pricing) pay 2.100001% a year on 138 M over the note period
    // each funds (90, 92, 92 and 91 days), each firm's fee to the fen: 714,575.69, 730,455.14,
    // 730,455.14 and 722,515.42 plus the 138 M principal.
    const COLLECTED = [714_575.69, 730_455.14, 730_455.14, 138_722_515.42];
    it('bank rail, final period: 138,722,515.42 held 30 days at 1.5% forgone less 0.10% earned = 138,722,515.42 × 1.4% × 30/360 ≈ 161,842.93', () => {
      const e = effects(deal(BANK));
      expect(e.periods.map((p) => p.collections)).to.deep.equal(COLLECTED);
      expect(e.periods[3]!.cashDrag).to.be.closeTo(161_842.93, 0.05); // ten firms, each rounded to the fen
      // Each earlier quarter: 714,575.69 × 1.4% × 30/360 = 833.67; 730,455.14 × 1.4% × 30/360 = 852.20.
      e.periods.slice(0, 3).forEach((p, k) => expect(p.cashDrag).to.be.closeTo([833.67, 852.20, 852.20][k]!, 0.05));
    });

    it('bank rail: expected commingling loss Σ P(servicer defaults in the period) × lag/days × collections', () => {
      const e = effects(deal(BANK));
      // Payment months 3, 6, 9, 12 on the monthly grid; periods of 90, 92, 92 and 91 days; PD 1% a year.
      const F = (m: number) => 1 - 0.99 ** (m / 12);
      const hand = (F(3) - F(0)) * (30 / 90) * COLLECTED[0]! + (F(6) - F(3)) * (30 / 92) * COLLECTED[1]!
        + (F(9) - F(6)) * (30 / 92) * COLLECTED[2]! + (F(12) - F(9)) * (30 / 91) * COLLECTED[3]!;
      expect(e.comminglingExpectedLoss).to.be.closeTo(hand, 1e-6);
      expect(e.comminglingExpectedLoss).to.be.closeTo(115_690, 1);
    });

    it('programmed e-CNY: no drag, no fees, no commingling, and no interest on trust cash before 2026-01-01', () => {
      const e = effects(deal(ECNY));
      expect([e.cashDrag, e.fees, e.comminglingExpectedLoss, e.trustCashInterest, e.netCost]).to.deep.equal([0, 0, 0, 0, 0]);
      expect(e.notes.join(' ')).to.include('programmed e-CNY');
    });
  });

  describe('commingling loss as a Monte Carlo path event (servicer in the copula)', () => {
    it('a servicer that defaults in month 1 on the bank rail takes 30/90 of the first quarter\'s 714,575.69: 238,191.90 on every path', () => {
      const d = deal(BANK, { ...allFirms(BANK, 'credit/annualDefaultProbability', 0), '/servicer/annualDefaultProbability': 1 });
      const r = simulatePathEffects(d, { paths: 500, seed: 3 });
      expect(r.comminglingLoss.mean).to.be.closeTo(714_575.69 * 30 / 90, 0.005);
      // The same amount on every path: a standard error of float rounding only (238,191.8967 is not a binary fraction).
      expect(r.comminglingLoss.stdErr).to.be.below(0.005);
      expect(r.probabilityOfComminglingLoss).to.equal(1);
    });

    it('the same default on a programmed e-CNY rail loses nothing', () => {
      const d = deal(ECNY, { ...allFirms(ECNY, 'credit/annualDefaultProbability', 0), '/servicer/annualDefaultProbability': 1 });
      const r = simulatePathEffects(d, { paths: 500, seed: 3 });
      expect(r.comminglingLoss.mean).to.equal(0);
      expect(r.probabilityOfComminglingLoss).to.equal(0);
    });

    it('with the shipped probabilities (seed 1, 20,000 paths): present on the bank rail and near the analytic 115,690; zero on e-CNY', () => {
      const bank = simulatePathEffects(deal(BANK), { paths: 20_000, seed: 1 });
      const ecny = simulatePathEffects(deal(ECNY), { paths: 20_000, seed: 1 });
      expect(bank.probabilityOfComminglingLoss).to.be.above(0.005);
      expect(Math.abs(bank.comminglingLoss.mean - 115_690)).to.be.below(4 * bank.comminglingLoss.stdErr);
      expect(ecny.comminglingLoss.mean).to.equal(0);
    });

    it('the lost collections go through the waterfall: the guarantee is drawn more on the bank rail, same seed', async () => {
      const opts = { paths: 20_000, seed: 1 };
      const bank = await simulate(deal(BANK), opts);
      const ecny = await simulate(deal(ECNY), opts);
      expect(bank.pool.expectedLossRate).to.equal(ecny.pool.expectedLossRate); // same firms' defaults
      expect(bank.enhancements[0]!.expectedDraw).to.be.above(ecny.enhancements[0]!.expectedDraw);
    });
  });
});

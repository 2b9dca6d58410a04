// Issue 16, "done when": a property-based fuzz test over mutations of every shipped scenario.
// Validation never throws, every refusal names a path, and every accepted deal schedules
// (reconciled to the fen), simulates a few hundred paths and costs with no NaN or Infinity
// anywhere (test/support/deal-fuzz-check.ts). The seed is fixed so a failure reproduces; set
// IPABS_FUZZ_RUNS and IPABS_FUZZ_SEED to search wider (e.g. 3000 runs, any seed) — a failure
// found that way gets its own replay below.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { applyMutation, mutationArb } from '../../support/deal-mutations.js';
import { checkMutatedDeal } from '../../support/deal-fuzz-check.js';
import { withChanges, type JsonValue } from '../../support/json-edit.js';
import { loadRaw, scenarioFiles } from '../../support/scenarios.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { trancheRate } from '../../../models/cost/compare.js';

const RUNS = Number(process.env.IPABS_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.IPABS_FUZZ_SEED ?? 20_16);

describe('fuzz: mutated shipped scenarios (issue 16)', function () {
  this.timeout(Math.max(60_000, RUNS * 1000));
  const files = scenarioFiles();
  const raws = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as JsonValue);

  it(`every one of ${files.length} shipped scenarios is valid and passes the check unchanged`, () => {
    expect(files.length).to.be.greaterThan(3);
    for (const [i, raw] of raws.entries()) expect(checkMutatedDeal(structuredClone(raw)), basename(files[i]!)).to.deep.equal({ accepted: true, failure: null });
  });

  it(`${RUNS} mutated deals (seed ${SEED}): validate never throws, refusals name paths, accepted deals run clean`, () => {
    let accepted = 0;
    const caseArb = fc.record({
      scenario: fc.nat({ max: files.length - 1 }),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 2 }),
      stress: fc.nat(),
    });
    fc.assert(fc.property(caseArb, (c) => {
      const doc = structuredClone(raws[c.scenario]!);
      const changes = c.mutations.map((m) => applyMutation(doc, m));
      const outcome = checkMutatedDeal(doc, 256, c.stress);
      if (outcome.accepted) accepted++;
      if (outcome.failure) throw new Error(`${basename(files[c.scenario]!)} with ${changes.join('; ')}: ${outcome.failure}`);
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });
    // The mutations must leave enough deals valid for the engines to be exercised at all.
    expect(accepted, 'accepted deals').to.be.greaterThan(RUNS / 10);
  });
});

describe('fuzz counterexamples, replayed (each failed before its fix)', () => {
  const replay = (scenario: string, changes: Record<string, unknown>, stressChoice = 0) => checkMutatedDeal(withChanges(loadRaw(scenario), changes), 256, stressChoice);

  it('a rail deal whose maturity moves to 9999-12-31 (validate threw in the rail check)', () => {
    expect(replay('ningbo-bank-rail-2024.json', { '/meta/maturityDate': '9999-12-31' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a loan start moved to 9999-12-31 (validate threw "Year out of range: 10000")', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/pool/obligors/1/asset/startDate': '9999-12-31' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a loan start moved past the holiday data on a rail deal (validate threw in the rail check)', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/pool/obligors/0/asset/startDate': '2033-08-02', '/pool/obligors/1/asset/paymentFrequency': 'semiannual' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a guarantor capacity " 141000000" (schedule threw a DecimalError)', () => {
    expect(replay('ningbo-bank-rail-2024.json', { '/enhancements/0/guarantors/0/capacity': ' 141000000' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('an appraised value "1_000" (the Monte Carlo engine made NaN)', () => {
    expect(replay('ningbo-bank-rail-2024.json', { '/pool/obligors/0/ip/appraisedValue': '1_000' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a recovery mean of 1e-9 with sd 0.15 (simulate threw on names[4])', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/pool/obligors/4/credit/recovery/mean': 1e-9 })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a stress rhoShift of 0.999 (simulate threw "stress rho")', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/stresses/0/rhoShift': 0.999 }, 1)).to.deep.equal({ accepted: false, failure: null });
  });
  it('a 5,000-character text in an enum field (a 5,000-character message)', () => {
    expect(replay('yuhang-abn-2023.json', { '/meta/roll': 'a'.repeat(5000) })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a 5,000-character guarantor domesticRating (a 5,000-character message; the rating fields quoted raw)', () => {
    expect(replay('ningbo-bank-rail-2024.json', { '/enhancements/0/guarantors/0/domesticRating': 'a'.repeat(5000) })).to.deep.equal({ accepted: false, failure: null });
  });
  it('all licence fees 0 (schedule did not reconcile)', () => {
    const d = loadRaw('yuhang-abn-2023.json') as { pool: { obligors: Array<{ asset: { payments: Array<{ amount: unknown }> } }> } };
    for (const o of d.pool.obligors) for (const p of o.asset.payments) p.amount = 0;
    expect(checkMutatedDeal(d)).to.deep.equal({ accepted: false, failure: null });
  });
  it('one firm whose last licence fee is 0 (the cost comparison found no rate)', () => {
    expect(replay('ningbo-ecny-2024.json', { '/pool/obligors/7/asset/payments/3/amount': '0' })).to.deep.equal({ accepted: false, failure: null });
  });
  it('an up-front fee of 99.9% of the issue (the cost comparison found no sign change)', () => {
    expect(replay('ningbo-ecny-2024.json', { '/fees/4/basis/annualRate': 0.999 })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a loan bought after its last payment (accepted; the cost comparison found no rate for the notes)', () => {
    const r = replay('futian-n-plus-1-2023.json', { '/pool/obligors/2/asset/startDate': '2022-08-05' });
    expect(r).to.deep.equal({ accepted: false, failure: null });
    expect(validateDeal(withChanges(loadRaw('futian-n-plus-1-2023.json'), { '/pool/obligors/2/asset/startDate': '2022-08-05' }))).to.deep.include({ ok: false, problems: [{
      path: 'pool.obligors[2].asset',
      message: 'nothing is owed on it after meta.issueDate (2023-09-20): its last payment falls on or before the issue, so the trust would buy nothing',
    }] });
  });
  it('a firm appraisal fee of 0.997 (meant 0.997%?: the cost comparison found no rate for the firm)', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/funding/firmFees/appraisalFeeRate': 0.997 })).to.deep.equal({ accepted: false, failure: null });
  });
  it('a maturity stretched to 2027-12-31 (the subordinated tranche got nothing back: the cost comparison found no sign change)', () => {
    expect(replay('futian-n-plus-1-2023.json', { '/meta/maturityDate': '2027-12-31' })).to.deep.equal({ accepted: true, failure: null });
  });
  it('a tranche whose holder gets nothing (or almost nothing) back yields -100%, not an error', () => {
    expect(trancheRate([{ date: '2024-01-01', amount: -7_500_000 }, { date: '2025-01-01', amount: 0 }, { date: '2026-01-01', amount: 0 }])).to.equal(-1);
    expect(trancheRate([{ date: '2024-01-01', amount: -7_500_000 }, { date: '2025-01-01', amount: 1 }])).to.equal(-1);
    expect(trancheRate([{ date: '2024-01-01', amount: 7_500_000 }, { date: '2025-01-01', amount: 0 }])).to.equal(-1);
    expect(trancheRate([{ date: '2025-01-01', amount: -100 }, { date: '2026-01-01', amount: 110 }])).to.be.closeTo(0.1, 1e-9);
  });
  it('an issue date before the first reformed LPR fixing (the cost comparison had no LPR)', () => {
    expect(replay('yuhang-abn-2023.json', { '/meta/issueDate': '2019-08-19' })).to.deep.equal({ accepted: false, failure: null });
  });
});

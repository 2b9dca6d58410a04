import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { parseStress } from '../../../models/montecarlo/stress.js';
import { quantileCI95 } from '../../../models/montecarlo/results.js';
import { ratioAndStdErr } from '../../../models/montecarlo/accumulate.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import type { Deal } from '../../../models/deal-format/schema.js';
import { loadRaw, loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';
import { withChanges } from '../../support/json-edit.js';

const yuhang = loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);
const variant = (changes: Record<string, unknown>): Deal => {
  const r = validateDeal(withChanges(loadRaw('yuhang-abn-2023.json'), changes));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.deal;
};
const withoutThreads = (r: unknown) => JSON.stringify(r, (k, v) => (k === 'threads' ? undefined : v));

describe('Monte Carlo simulation', () => {
  it('gives byte-identical results with 1 and 2 worker threads for the same seed and paths', async function () {
    this.timeout(60_000);
    const one = await simulate(yuhang, { paths: 20_000, seed: 42, threads: 1 });
    const two = await simulate(yuhang, { paths: 20_000, seed: 42, threads: 2 });
    expect(withoutThreads(two)).to.equal(withoutThreads(one));
    expect(two.run.threads).to.equal(2);
  });

  it('gives the same bytes on 3 threads, where the threads take blocks from one shared counter in whatever order they finish', async function () {
    this.timeout(60_000);
    const one = await simulate(yuhang, { paths: 5 * 4096 + 17, seed: 'three', threads: 1 });
    const three = await simulate(yuhang, { paths: 5 * 4096 + 17, seed: 'three', threads: 3 });
    expect(withoutThreads(three)).to.equal(withoutThreads(one));
  });

  it('stops a multi-threaded run when it is cancelled, and the next run on the same workers is whole', async function () {
    this.timeout(60_000);
    const controller = new AbortController();
    let seen = 0;
    const run = simulate(yuhang, {
      paths: 200_000, seed: 5, threads: 2, signal: controller.signal,
      onProgress: (done) => { seen = done; if (done >= 8192) controller.abort(); },
    });
    await run.then(() => expect.fail('a cancelled run must not resolve'), (err: Error) => expect(err.message).to.equal('simulation cancelled'));
    expect(seen).to.be.below(200_000);
    const again = await simulate(yuhang, { paths: 3 * 4096, seed: 5, threads: 2 });
    const alone = await simulate(yuhang, { paths: 3 * 4096, seed: 5, threads: 1 });
    expect(withoutThreads(again)).to.equal(withoutThreads(alone));
  });

  it('changes with the seed', async () => {
    const a = await simulate(yuhang, { paths: 8_192, seed: 1 });
    const b = await simulate(yuhang, { paths: 8_192, seed: 2 });
    expect(a.pool.expectedLossRate).to.not.equal(b.pool.expectedLossRate);
  });

  it('loses nothing when no firm can default', async () => {
    const deal = variant(Object.fromEntries(yuhang.pool.obligors.map((_, i) => [`/pool/obligors/${i}/credit/annualDefaultProbability`, 0])));
    const r = await simulate(deal, { paths: 5_000, seed: 3 });
    expect(r.pool.expectedLossRate).to.equal(0);
    expect(r.pool.lossRateQuantiles['0.999']).to.equal(0);
    expect(r.tranches[0]!.expectedLossRate).to.equal(0);
    expect(r.enhancements.every((e) => e.expectedDraw === 0)).to.equal(true);
  });

  it('with every firm in default and recoveries after maturity, the undertaker pays the notes in full', async () => {
    const deal = variant(Object.fromEntries(yuhang.pool.obligors.map((_, i) => [`/pool/obligors/${i}/credit/annualDefaultProbability`, 1])));
    const r = await simulate(deal, { paths: 2_000, seed: 4 });
    expect(r.pool.defaultRateMean).to.equal(1);
    // The undertaker (capacity 140 M, PD 0.3%) covers interest and principal unless it defaults too.
    expect(r.enhancements[0]!.expectedDraw).to.be.greaterThan(100_000_000);
    expect(r.tranches[0]!.probabilityOfLoss).to.be.lessThan(0.02);
  });

  it('reports every estimate with a standard error, and the pool loss near PD × LGD', async () => {
    const r = await simulate(yuhang, { paths: 40_000, seed: 5 });
    // PD 1% a year over ~1 year; LGD ≈ 1 − 0.3 × appraised / funded ≈ 1 − 0.3 × 174/133 ≈ 0.61 of the
    // exposure at default (which falls as fees are paid), so EL ≈ 0.5%.
    expect(r.pool.expectedLossRate).to.be.within(0.003, 0.008);
    expect(r.pool.expectedLossRateStdErr).to.be.greaterThan(0).and.lessThan(r.pool.expectedLossRate / 5);
    expect(r.pool.defaultRateMean).to.be.within(0.0085, 0.0115);
    for (const t of r.tranches) expect(t.expectedLossRateStdErr).to.be.a('number');
    expect(r.enhancements[0]!.drawQuantiles['0.99']).to.be.greaterThan(0);
  });

  it('a severe stress raises the pool loss', async () => {
    const base = await simulate(yuhang, { paths: 10_000, seed: 6 });
    const stressed = await simulate(yuhang, { paths: 10_000, seed: 6, stress: 'severe' });
    expect(stressed.pool.expectedLossRate).to.be.greaterThan(base.pool.expectedLossRate * 3);
  });

  it('refuses bad options with the value and the allowed range', async () => {
    const fails = async (p: Promise<unknown>, re: RegExp) => { try { await p; } catch (e) { expect((e as Error).message).to.match(re); return; } throw new Error('did not fail'); };
    await fails(simulate(yuhang, { paths: 0, seed: 1 }), /^paths: must be a whole number from 1 to 50,000,000, got 0$/);
    await fails(simulate(yuhang, { paths: 10, seed: 1, threads: 0 }), /^threads: must be a whole number from 1 to 64, got 0$/);
    await fails(simulate(yuhang, { paths: 10, seed: 1, stress: 'apocalypse' }), /unknown stress "apocalypse" \(named stresses: "severe", "ip-market-freeze"/);
    await fails(simulate(yuhang, { paths: 10, seed: 1, stress: 'rho=+0.9' }), /correlation must stay in \[0, 1\)/);
  });
});

describe('stress parsing', () => {
  it('reads pd=2x,recovery=0.5x,rho=+0.1', () => {
    expect(parseStress('pd=2x,recovery=0.5x,rho=+0.1', yuhang)).to.deep.equal({ name: 'pd=2x,recovery=0.5x,rho=+0.1', pdMultiplier: 2, recoveryMultiplier: 0.5, rhoShift: 0.1 });
  });
  it('names the bad setting', () => {
    expect(() => parseStress('pd=-2x', yuhang)).to.throw('stress: pd multiplier must be between 0 and 100 such as 2x, got "-2x"');
    expect(() => parseStress('lgd=2x', yuhang)).to.throw(/unknown stress setting "lgd=2x"/);
  });
});

describe('prepayment (提前还款) on a loan pool', function () {
  this.timeout(60_000);
  const raw = JSON.parse(readFileSync(new URL('../../../bench/synthetic-1000.json', import.meta.url), 'utf8')) as unknown;
  const synthetic = (changes: Record<string, unknown>): Deal => {
    const r = validateDeal(withChanges(raw, changes));
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    return r.deal;
  };

  it('at 20% a year shortens the senior WAL and lowers defaults and pool loss (prepaid loans cannot default)', async () => {
    const base = await simulate(synthetic({}), { paths: 4096, seed: 8 });
    const fast = await simulate(synthetic({ '/simulation': { copula: 'gaussian', rho: 0.2, prepaymentRate: 0.2 } }), { paths: 4096, seed: 8 });
    expect(fast.tranches[0]!.walYears).to.be.lessThan(base.tranches[0]!.walYears - 0.1);
    expect(fast.pool.defaultRateMean).to.be.lessThan(base.pool.defaultRateMean - 5 * base.pool.defaultRateMeanStdErr);
    expect(fast.pool.expectedLossRate).to.be.lessThan(base.pool.expectedLossRate);
  });
});

describe('quantile confidence intervals', () => {
  it('read the histogram at q ∓ 1.96·√(q(1−q)/n): 10,000 equal bins of one path each give 50% ∓ 0.98 points', () => {
    const h = new Float64Array(10_001);
    h.fill(1, 1); // no zeros; one path in each bin of (0, 1]
    const [lo, hi] = quantileCI95(h, 0.5, 1, 10_000);
    expect(lo).to.be.closeTo(0.5 - 1.96 * 0.005, 1e-9);
    expect(hi).to.be.closeTo(0.5 + 1.96 * 0.005, 1e-9);
  });
});

describe('the WAL as a ratio estimate', () => {
  it('has the delta-method standard error: with equal principal on every path it is the s.e. of the mean of the times', () => {
    // slots: a = Σ principal·years at 0 (Σ² at 1), b = Σ principal at 2 (Σ² at 3), cross at 4.
    const paths = [[1, 1], [1, 2], [1, 3], [1, 4]] as const; // (principal, principal × years)
    const v = new Float64Array(6);
    for (const [b, a] of paths) { v[0]! += a; v[1]! += a * a; v[2]! += b; v[3]! += b * b; v[4]! += a * b; }
    const r = ratioAndStdErr(v, 0, 2, 4, 4);
    expect(r.mean).to.equal(2.5);
    expect(r.stdErr).to.be.closeTo(Math.sqrt(5 / 12), 1e-12);
  });

  it('is reported with its standard error for every tranche', async () => {
    const r = await simulate(yuhang, { paths: 4096, seed: 2 });
    expect(r.tranches[0]!.walYears).to.be.closeTo(1, 0.01);
    expect(r.tranches[0]!.walYearsStdErr).to.be.at.least(0).and.below(0.01);
  });
});

describe('runs on one thread at the same time', () => {
  it('do not share scratch space: two interleaved runs of the same deal give what each gives alone', async function () {
    this.timeout(60_000);
    const opts = (seed: number) => ({ paths: 300_000, seed, onProgress: () => undefined });
    const alone1 = await simulate(yuhang, opts(1));
    const alone2 = await simulate(yuhang, opts(2));
    // Both start before either ends: they yield to the event loop between blocks.
    const [both1, both2] = await Promise.all([simulate(yuhang, opts(1)), simulate(yuhang, opts(2))]);
    expect(both1).to.deep.equal(alone1);
    expect(both2).to.deep.equal(alone2);
  });
});

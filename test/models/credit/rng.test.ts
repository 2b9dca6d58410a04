import { expect } from 'chai';
import seedrandom from 'seedrandom';
import {
  blockCount, blockPaths, createBlockRng, PATHS_PER_BLOCK, splitBlocks, STREAM_DEFAULTS, STREAM_RECOVERIES,
} from '../../../models/credit/rng.js';
import { createDefaultTimeModel } from '../../../models/credit/default-times.js';
import { RunningStats, chiSquareGoodnessOfFit } from '../../../models/credit/statistics.js';
import { homogeneousNames } from './simulate.js';

function firstUniforms(seed: number | string, block: number, n: number, stream = STREAM_DEFAULTS): number[] {
  const rng = createBlockRng(seed, block, stream);
  return Array.from({ length: n }, () => rng.uniform());
}

describe('credit/rng: seeded block streams', () => {
  it('is seedrandom Tyche-i started from a state that seedrandom ARC4 derives from "ipabs/<seed>/<block>/<stream>"', () => {
    const mixer = seedrandom('ipabs/2024/3/0');
    const state = { a: mixer.int32(), b: mixer.int32(), c: mixer.int32(), d: mixer.int32() };
    const tyche = seedrandom.tychei('', { state }).int32;
    const expected = Array.from({ length: 5 }, () => ((tyche() >>> 0) + 0.5) / 2 ** 32);
    expect(firstUniforms(2024, 3, 5)).to.deep.equal(expected);
  });

  it('replays the same numbers for the same (seed, block, stream), and different ones otherwise', () => {
    const base = firstUniforms(7, 0, 8);
    expect(firstUniforms(7, 0, 8)).to.deep.equal(base);
    expect(firstUniforms('7', 0, 8)).to.deep.equal(base); // the number 7 and the string "7" are one seed
    expect(firstUniforms(8, 0, 8)).to.not.deep.equal(base);
    expect(firstUniforms(7, 1, 8)).to.not.deep.equal(base);
    expect(firstUniforms(7, 0, 8, STREAM_RECOVERIES)).to.not.deep.equal(base);
  });

  it('gives uniforms strictly inside (0, 1), evenly spread (chi-square over 20 bins, 100,000 draws)', () => {
    const rng = createBlockRng(1, 0);
    const counts = new Array<number>(20).fill(0);
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      counts[Math.floor(u * 20)]!++;
    }
    expect(min).to.be.greaterThan(0);
    expect(max).to.be.lessThan(1);
    const test = chiSquareGoodnessOfFit(counts, new Array<number>(20).fill(1 / 20));
    expect(test.pValue).to.be.greaterThan(0.001);
  });

  it('gives standard normals (mean 0 and variance 1 within 4 standard errors over 100,000 draws)', () => {
    const rng = createBlockRng(2, 5);
    const s = new RunningStats();
    for (let i = 0; i < 100_000; i++) s.add(rng.normal());
    expect(Math.abs(s.mean)).to.be.lessThan(4 * Math.sqrt(1 / 100_000));
    // sd of the sample variance of normals ≈ √(2/n)
    expect(Math.abs(s.variance - 1)).to.be.lessThan(4 * Math.sqrt(2 / 100_000));
  });

  it('splits paths into blocks of 4096 and blocks into contiguous, nearly equal thread ranges', () => {
    expect(PATHS_PER_BLOCK).to.equal(4096);
    expect(blockCount(1)).to.equal(1);
    expect(blockCount(4096)).to.equal(1);
    expect(blockCount(4097)).to.equal(2);
    expect(blockPaths(2, 10_000)).to.deep.equal({ start: 8192, end: 10_000 });
    expect(splitBlocks(7, 3)).to.deep.equal([{ from: 0, to: 3 }, { from: 3, to: 5 }, { from: 5, to: 7 }]);
    expect(splitBlocks(2, 4)).to.deep.equal([{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 2 }, { from: 2, to: 2 }]);
  });

  it('rejects bad seeds, blocks, path counts and thread counts with the value and the allowed range', () => {
    expect(() => createBlockRng(1.5, 0)).to.throw('seed: must be an integer (or a non-empty string), got 1.5');
    expect(() => createBlockRng('', 0)).to.throw('seed: must be an integer or a string of 1 to 200 characters, got ""');
    expect(() => createBlockRng(1, -1)).to.throw('block: must be an integer from 0 to');
    expect(() => blockCount(0)).to.throw('paths: must be an integer from 1 to 1000000000000, got 0');
    expect(() => blockCount(1e13)).to.throw('paths: must be an integer from 1 to 1000000000000, got 10000000000000');
    expect(() => blockPaths(3, 10_000)).to.throw('block: must be an integer from 0 to 2, got 3');
    expect(() => splitBlocks(4, 0)).to.throw('threads: must be an integer from 1 to 1024, got 0');
  });
});

describe('credit/rng: results do not depend on the thread split (issue 5, reproducible and parallel)', () => {
  const names = homogeneousNames(200, 0.05);
  const copula = { kind: 't', rho: 0.25, nu: 6 } as const;
  const blocks = 6;

  /** Simulate one block; returns the block's loss statistics and a digest of every default month. */
  function runBlock(model: ReturnType<typeof createDefaultTimeModel>, seed: number, block: number) {
    const rng = createBlockRng(seed, block);
    const months = new Int32Array(names.length);
    const stats = new RunningStats();
    let digest = 0;
    for (let p = 0; p < PATHS_PER_BLOCK; p++) {
      model.beginPath(rng);
      stats.add(model.sampleDefaultMonths(rng, months) / names.length);
      for (let i = 0; i < months.length; i++) digest = (Math.imul(digest, 31) + months[i]!) | 0;
    }
    return { stats, digest };
  }

  /** Each "thread" has its own model and simulates its range; threads run in the given order. */
  function runSplit(seed: number, threads: number, executionOrder: number[]) {
    const ranges = splitBlocks(blocks, threads);
    const results: Array<ReturnType<typeof runBlock> | undefined> = new Array(blocks);
    for (const t of executionOrder) {
      const model = createDefaultTimeModel({ names, copula, horizonMonths: 24 });
      for (let b = ranges[t]!.from; b < ranges[t]!.to; b++) results[b] = runBlock(model, seed, b);
    }
    // Merge in block order.
    const total = new RunningStats();
    const digests: number[] = [];
    for (const r of results) {
      total.merge(r!.stats);
      digests.push(r!.digest);
    }
    return { total, digests };
  }

  it('gives bit-identical totals and default months with 1, 2 or 4 threads, whatever order the threads finish in', () => {
    const one = runSplit(11, 1, [0]);
    const two = runSplit(11, 2, [1, 0]);
    const four = runSplit(11, 4, [2, 0, 3, 1]);
    for (const other of [two, four]) {
      expect(other.digests).to.deep.equal(one.digests);
      expect(Object.is(other.total.mean, one.total.mean)).to.equal(true);
      expect(Object.is(other.total.m2, one.total.m2)).to.equal(true);
      expect(other.total.count).to.equal(blocks * PATHS_PER_BLOCK);
    }
    // A sanity figure: mean default rate over 2 years near 1 − 0.95² = 9.75%.
    expect(one.total.mean).to.be.closeTo(0.0975, 0.01);
  });

  it('gives different results for a different seed', () => {
    const a = runSplit(11, 1, [0]);
    const b = runSplit(12, 1, [0]);
    expect(b.total.mean).to.not.equal(a.total.mean);
    expect(b.digests.filter((d, i) => d === a.digests[i])).to.have.length(0);
  });
});

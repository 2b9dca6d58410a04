// Reproducible random streams for the Monte Carlo engine (随机数流).
//
// Paths are grouped in BLOCKS of PATHS_PER_BLOCK consecutive paths, and every block has its own
// independent stream, seeded from (seed, block, stream). A worker thread simulates whole blocks;
// the results of each block are combined in block order. So the numbers do not depend on how
// many threads there are or which thread ran which block: 1 thread or 8 give byte-identical
// totals. Within a block the paths are simulated in order, each drawing from the block's stream.
//
// Generator: Tyche-i (Neves & Araujo 2011; passes BigCrush, period ~2^127), as in seedrandom,
// written out in BlockRng so the hot loops inline it. Its 128-bit starting state is derived from the key
// "ipabs/<seed>/<block>/<stream>" by seedrandom's ARC4 generator (a keyed mixer), so
// neighbouring blocks start from unrelated states. Uniforms have 32 bits of resolution, which
// puts the extreme normal at about ±6.3 — far beyond anything a credit model resolves.
import seedrandom from 'seedrandom';
import { inverseNormalCdf } from './normal.js';
import type { RandomSource } from './random-source.js';

/** Paths per block: the unit of work of a thread and of reproducibility. */
export const PATHS_PER_BLOCK = 4096;

/**
 * Separate streams per block for the separate random ingredients, so that e.g. the default
 * draws of a path do not shift when a stress changes how many recoveries are drawn (common
 * random numbers across stress scenarios).
 */
export const STREAM_DEFAULTS = 0;
export const STREAM_RECOVERIES = 1;
export const STREAM_OTHER = 2;

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Uniforms a stream draws at a time (see BlockRng.batch). */
const UNIFORM_BATCH = 64;

export type { RandomSource };

/** A seed: a safe integer, or a non-empty string (the number 42 and the string "42" are the same seed). */
export type Seed = number | string;

export function seedKey(seed: Seed): string {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: must be an integer (or a non-empty string), got ${seed}`);
    return String(seed);
  }
  if (typeof seed !== 'string' || seed.length === 0 || seed.length > 200) {
    throw new RangeError(`seed: must be an integer or a string of 1 to 200 characters, got ${JSON.stringify(seed)}`);
  }
  return seed;
}

/**
 * The random stream of one block of paths. Tyche-i is written out here (the same numbers as
 * seedrandom.tychei from the same state; a test checks) so that V8 inlines it into the samplers:
 * the engine draws tens of millions of uniforms in a run.
 */
export class BlockRng implements RandomSource {
  /** Tyche-i's state a, b, c, d. */
  private readonly state = new Int32Array(4);
  /**
   * The next uniforms, drawn UNIFORM_BATCH at a time: the same numbers in the same order as one at
   * a time, but uniform() stays small enough for V8 to inline it into the samplers — a call it does
   * not inline returns its double boxed on the heap (~190 allocations a path on the synthetic pool).
   */
  private readonly batch = new Float64Array(UNIFORM_BATCH);
  private next = UNIFORM_BATCH;

  constructor(readonly seed: string, readonly block: number, readonly stream: number) {
    const mixer = seedrandom(`ipabs/${seed}/${block}/${stream}`);
    let a = mixer.int32();
    const b = mixer.int32();
    const c = mixer.int32();
    const d = mixer.int32();
    if ((a | b | c | d) === 0) a = 1; // the all-zero state would be a fixed point
    this.state[0] = a;
    this.state[1] = b;
    this.state[2] = c;
    this.state[3] = d;
  }

  uniform(): number {
    if (this.next === UNIFORM_BATCH) this.refill();
    return this.batch[this.next++]!;
  }

  /** Draw the next UNIFORM_BATCH uniforms. */
  private refill(): void {
    const st = this.state;
    const out = this.batch;
    let a = st[0]!;
    let b = st[1]!;
    let c = st[2]!;
    let d = st[3]!;
    for (let i = 0; i < UNIFORM_BATCH; i++) {
      // One Tyche-i step (Neves & Araujo 2011, the inverted variant), as seedrandom computes it.
      b = (b << 25) ^ (b >>> 7) ^ c;
      c = (c - d) | 0;
      d = (d << 24) ^ (d >>> 8) ^ a;
      a = (a - b) | 0;
      b = (b << 20) ^ (b >>> 12) ^ c;
      c = (c - d) | 0;
      d = (d << 16) ^ (c >>> 16) ^ a;
      a = (a - b) | 0;
      // (k + 0.5) / 2^32 for k in 0 … 2^32−1: strictly inside (0, 1).
      out[i] = ((a >>> 0) + 0.5) * TWO_POW_MINUS_32;
    }
    st[0] = a;
    st[1] = b;
    st[2] = c;
    st[3] = d;
    this.next = 0;
  }

  normal(): number {
    return inverseNormalCdf(this.uniform());
  }
}

function checkIndex(name: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name}: must be an integer from 0 to ${max}, got ${value}`);
  }
}

/**
 * The stream for block `block` (0-based) of a run seeded with `seed`; `stream` selects one of the
 * independent sub-streams (STREAM_DEFAULTS, STREAM_RECOVERIES, …).
 */
export function createBlockRng(seed: Seed, block: number, stream: number = STREAM_DEFAULTS): BlockRng {
  checkIndex('block', block, 2 ** 40);
  checkIndex('stream', stream, 1023);
  return new BlockRng(seedKey(seed), block, stream);
}

/** Number of blocks needed for `paths` paths. */
export function blockCount(paths: number, blockSize: number = PATHS_PER_BLOCK): number {
  checkPaths(paths);
  checkIndex('blockSize', blockSize, 2 ** 30);
  if (blockSize === 0) throw new RangeError('blockSize: must be at least 1, got 0');
  return Math.ceil(paths / blockSize);
}

function checkPaths(paths: number): void {
  if (!Number.isSafeInteger(paths) || paths < 1 || paths > 1e12) {
    throw new RangeError(`paths: must be an integer from 1 to 1000000000000, got ${paths}`);
  }
}

/** Paths [start, end) of block `block`; the last block may be short. */
export function blockPaths(block: number, paths: number, blockSize: number = PATHS_PER_BLOCK): { start: number; end: number } {
  const blocks = blockCount(paths, blockSize);
  if (!Number.isSafeInteger(block) || block < 0 || block >= blocks) {
    throw new RangeError(`block: must be an integer from 0 to ${blocks - 1}, got ${block}`);
  }
  const start = block * blockSize;
  return { start, end: Math.min(paths, start + blockSize) };
}

/**
 * Split blocks 0 … blocks−1 into `threads` contiguous ranges [from, to) of nearly equal size
 * (the first ranges get one block more). Any split works for reproducibility; contiguous
 * ranges just keep the merge simple.
 */
export function splitBlocks(blocks: number, threads: number): Array<{ from: number; to: number }> {
  checkIndex('blocks', blocks, 2 ** 40);
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > 1024) {
    throw new RangeError(`threads: must be an integer from 1 to 1024, got ${threads}`);
  }
  const ranges: Array<{ from: number; to: number }> = [];
  const base = Math.floor(blocks / threads);
  const extra = blocks % threads;
  let from = 0;
  for (let t = 0; t < threads; t++) {
    const to = from + base + (t < extra ? 1 : 0);
    ranges.push({ from, to });
    from = to;
  }
  return ranges;
}

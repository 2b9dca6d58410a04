// Progress is counted in whole paths: a 10,000-path run is two blocks of 4,096 and one of 1,808,
// so it reports 4,096, 8,192 and 10,000 — never 3,333.33 (issue 14: the web page showed
// "Running: 4,081.633 of 200,000 paths" because each block counted as paths / blocks).
import { expect } from 'chai';
import { simulate } from '../../../models/montecarlo/simulate.js';
import { loadScenario, SCENARIO_DIR } from '../../support/scenarios.js';

const yuhang = loadScenario(`${SCENARIO_DIR}yuhang-abn-2023.json`);

describe('Monte Carlo progress (进度)', () => {
  it('reports the paths of the blocks finished, as whole numbers, on one thread', async () => {
    const seen: number[] = [];
    await simulate(yuhang, { paths: 10_000, seed: 1, threads: 1, onProgress: (done, total) => { expect(total).to.equal(10_000); seen.push(done); } });
    expect(seen).to.deep.equal([4_096, 8_192, 10_000]);
  });

  it('adds each finished block\'s own path count on worker threads (blocks finish in any order)', async function () {
    this.timeout(30_000);
    const seen: number[] = [];
    await simulate(yuhang, { paths: 10_000, seed: 1, threads: 2, onProgress: (done) => seen.push(done) });
    expect(seen.every((x) => Number.isInteger(x)), JSON.stringify(seen)).to.equal(true);
    expect(seen[seen.length - 1]).to.equal(10_000);
    // Each step is one block's worth: 4,096 or the short last block's 1,808.
    const steps = seen.map((x, i) => x - (seen[i - 1] ?? 0)).sort((a, b) => a - b);
    expect(steps).to.deep.equal([1_808, 4_096, 4_096]);
  });
});

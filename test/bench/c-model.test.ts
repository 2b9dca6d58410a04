// The C program the bench compares ipabs with (bench/c/synthetic.c) is the same model: its three ways
// of sampling defaults agree with each other, and ipabs agrees with it, within Monte Carlo error.
// Needs gcc; without it the comparison is skipped (as `npm run bench` skips it).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../../models/montecarlo/simulate.js';
import { loadScenario } from '../support/scenarios.js';

interface CResult {
  pool: { expectedLossRate: number; expectedLossRateStdErr: number; defaultRateMean: number; defaultRateMeanStdErr: number };
  tranches: Array<{ expectedLossRate: number; expectedLossRateStdErr: number }>;
}

const ROOT = join(import.meta.dirname, '..', '..');
const PATHS = 20_000;
const z = (a: number, sa: number, b: number, sb: number) => Math.abs(a - b) / Math.hypot(sa, sb);

describe('bench/c/synthetic.c: the same model in C', function () {
  this.timeout(120_000);
  let dir = '';
  let exe = '';
  before(function () {
    if (spawnSync('gcc', ['--version']).status !== 0) this.skip();
    dir = mkdtempSync(join(tmpdir(), 'ipabs-c-'));
    exe = join(dir, 'synthetic');
    const cc = spawnSync('gcc', ['-O2', '-o', exe, join(ROOT, 'bench', 'c', 'synthetic.c'), '-lm'], { encoding: 'utf8' });
    expect(cc.status, cc.stderr).to.equal(0);
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  const run = (method: string): CResult => {
    const r = spawnSync(exe, ['--paths', String(PATHS), '--seed', '7', '--method', method], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    return JSON.parse(r.stdout) as CResult;
  };

  it('finds the same defaults from the same uniforms by the latent route and the conditional one, and the same law by jumps', () => {
    const latent = run('latent');
    const conditional = run('conditional');
    const jump = run('jump');
    expect(conditional.pool).to.deep.equal(latent.pool);
    expect(conditional.tranches).to.deep.equal(latent.tranches);
    expect(z(jump.pool.expectedLossRate, jump.pool.expectedLossRateStdErr, latent.pool.expectedLossRate, latent.pool.expectedLossRateStdErr)).to.be.below(4);
    expect(z(jump.pool.defaultRateMean, jump.pool.defaultRateMeanStdErr, latent.pool.defaultRateMean, latent.pool.defaultRateMeanStdErr)).to.be.below(4);
    expect(jump.pool.defaultRateMean).to.be.closeTo(1 - 0.97 ** 3, 0.004); // PD 3% a year over the 36-month loans
  });

  it('agrees with ipabs on the pool and on every tranche within four standard errors', async () => {
    const c = run('jump');
    const js = await simulate(loadScenario(join(ROOT, 'bench', 'synthetic-1000.json')), { paths: PATHS, seed: 7 });
    expect(z(js.pool.expectedLossRate, js.pool.expectedLossRateStdErr, c.pool.expectedLossRate, c.pool.expectedLossRateStdErr)).to.be.below(4);
    expect(z(js.pool.defaultRateMean, js.pool.defaultRateMeanStdErr, c.pool.defaultRateMean, c.pool.defaultRateMeanStdErr)).to.be.below(4);
    expect(js.tranches).to.have.length(3);
    js.tranches.forEach((t, i) => {
      const o = c.tranches[i]!;
      expect(z(t.expectedLossRate, t.expectedLossRateStdErr, o.expectedLossRate, o.expectedLossRateStdErr), `tranche ${i + 1}`).to.be.below(4);
    });
  });
});

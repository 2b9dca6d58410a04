import { expect } from 'chai';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { SCENARIO_DIR } from '../support/scenarios.js';

const SHELF = new URL('../../programmes/yuhang-shelf.json', import.meta.url).pathname;

describe('ipabs programme', () => {
  it('shows the issues, the shelf left, and the shared guarantors\' exposure and simulated draws', async () => {
    const r = await ipabs('programme', SHELF, '--paths', '2000', '--seed', '3', '--lang', 'en');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.include('2 issues, 253,000,000.00 issued, 747,000,000.00 remaining');
    expect(r.out).to.match(/hangzhou-guarantee\s+120,000,000\.00\s+151,800,000\.00 \(2023-09-20\)\s+120,000,000\.00/);
    expect(r.out).to.include('Combined simulated draws: 2000 paths, seed 3');
  });

  it('--json carries the shelf, the issues, the exposures and the simulation with standard errors', async () => {
    const r = await ipabs('programme', SHELF, '--paths', '1000', '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as { shelf: { remaining: number }; issues: unknown[]; simulation: { parties: Array<{ expectedPaid: { stdErr: number } }> } };
    expect(j.shelf.remaining).to.equal(747_000_000);
    expect(j.issues).to.have.length(2);
    expect(j.simulation.parties[0]!.expectedPaid.stdErr).to.be.a('number');
  });

  it('exits 1 naming the issue that goes beyond the shelf\'s capacity', async () => {
    const p = JSON.parse(readFileSync(SHELF, 'utf8')) as { shelf: { capacity: number }; issues: Array<{ deal: string }> };
    p.shelf.capacity = 250_000_000;
    p.issues = p.issues.map((x) => ({ deal: join(SCENARIO_DIR, x.deal.replace('../scenarios/', '')) }));
    const file = join(mkdtempSync(join(tmpdir(), 'ipabs-cli-programme-')), 'shelf.json');
    writeFileSync(file, JSON.stringify(p));
    const r = await ipabs('programme', file, '--paths', '0');
    expect(r.code).to.equal(1);
    expect(r.err).to.include('issues[1]: ');
    expect(r.err).to.include('brings the shelf to 253,000,000.00, above its capacity of 250,000,000.00 (117,000,000.00 was left)');
  });
});

import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { loadRaw } from '../support/scenarios.js';
import { withChanges } from '../support/json-edit.js';

// A Yuhang copy at a 10% senior coupon, licence fees unchanged ("fixed" pricing): valid, but its
// base case draws 8,877,749.99 from the shortfall undertaker.
describe('ipabs validate and schedule: a base case that relies on enhancement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-base-case-'));
  const file = join(dir, 'yuhang-10.json');
  writeFileSync(file, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), { '/liabilities/tranches/0/coupon/rate': 0.1 })));

  it('validate exits 0 with a warning naming the total, the periods and the amounts', async () => {
    const r = await ipabs('validate', file);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.include(`${file}: valid (yuhang-abn-2023), 1 warning(s)`);
    expect(r.out).to.include('warning: relies on enhancement in the base case: 8,877,749.99');
    expect(r.out).to.include('period 1 2023-06-16: undertaking 2,246,971.23');
    expect(r.out).to.include('period 3 2023-12-18: undertaking 2,210,259.59');
  });

  it('validate --json lists the warning beside (not among) the problems', async () => {
    const r = await ipabs('validate', file, '--json');
    const [entry] = JSON.parse(r.out) as Array<{ valid: boolean; problems?: unknown; warnings: Array<{ message: string }> }>;
    expect(r.code).to.equal(0);
    expect(entry!.valid).to.equal(true);
    expect(entry!.problems).to.equal(undefined);
    expect(entry!.warnings[0]!.message).to.match(/^relies on enhancement in the base case: 8,877,749\.99/);
  });

  it('validate --lang zh says it in Chinese', async () => {
    const r = await ipabs('validate', file, '--lang', 'zh');
    expect(r.out).to.include('警告：基准情景（无违约）依赖增信：共动用 8,877,749.99');
    const bad = await ipabs('validate', file, '--lang', 'fr');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.include('--lang: must be zh or en, got "fr"');
  });

  it('schedule --json reports baseCase.enhancementDrawsTotal and baseCase.selfFunding', async () => {
    const r = await ipabs('schedule', file, '--json');
    const report = JSON.parse(r.out) as { reconciled: boolean; baseCase: { enhancementDrawsTotal: number; selfFunding: boolean; draws: Array<{ period: number; amount: number }> } };
    expect(r.code).to.equal(0);
    expect(report.reconciled).to.equal(true);
    expect(report.baseCase.enhancementDrawsTotal).to.equal(8_877_749.99);
    expect(report.baseCase.selfFunding).to.equal(false);
    expect(report.baseCase.draws.map((d) => d.period)).to.deep.equal([1, 2, 3, 4]);
  });

  it('schedule prints both facts: reconciled yes, self-funding NO, and the warning', async () => {
    const r = await ipabs('schedule', file);
    expect(r.out).to.include('Cash reconciled to the fen in every period: yes');
    expect(r.out).to.include('Self-funding in the base case (no enhancement drawn, nothing unpaid): NO');
    expect(r.out).to.include('warning: relies on enhancement in the base case: 8,877,749.99');
    const shipped = await ipabs('schedule', join(new URL('../../scenarios/', import.meta.url).pathname, 'yuhang-abn-2023.json'));
    expect(shipped.out).to.include('Self-funding in the base case (no enhancement drawn, nothing unpaid): yes');
    expect(shipped.out).to.not.include('warning:');
  });
});

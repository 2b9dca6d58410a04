import { expect } from 'chai';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { loadRaw, SCENARIO_DIR } from '../support/scenarios.js';
import { withChanges } from '../support/json-edit.js';

describe('ipabs and cost-plus pricing (pool.pricing)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-pricing-'));
  const write = (name: string, changes: Record<string, unknown>) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), changes)));
    return file;
  };

  it('compare shows the firms\' cost following the notes: +100 bp of coupon moves a cost-plus Yuhang copy, not a fixed one', async () => {
    const costPlus = { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } } };
    const a = write('cp-27.json', { ...costPlus, '/meta/id': 'cp-27' });
    const b = write('cp-37.json', { ...costPlus, '/meta/id': 'cp-37', '/liabilities/tranches/0/coupon/rate': 0.037 });
    const c = write('fixed-37.json', { '/pool/pricing': { rule: 'fixed' }, '/meta/id': 'fixed-37', '/liabilities/tranches/0/coupon/rate': 0.037 });
    const r = await ipabs('compare', a, b, c, '--json');
    expect(r.code, r.err).to.equal(0);
    const j = JSON.parse(r.out) as { deals: Array<{ deal: { id: string }; allInCostRate: number; pricing: { rule: string; rate?: number } }> };
    const [x, y, z] = j.deals;
    expect(y!.pricing).to.include({ rule: 'cost-plus' });
    expect(y!.pricing.rate! - x!.pricing.rate!).to.be.closeTo(0.01, 1e-9);
    expect((y!.allInCostRate - x!.allInCostRate) * 1e4).to.be.within(100, 112);
    expect(z!.pricing).to.deep.equal({ rule: 'fixed' });
    const text = await ipabs('compare', a, b);
    expect(text.out).to.include('Pricing of the assets: cost-plus: 2.7750% a year, the notes\' break-even 2.7750% + 0 bp margin');
    expect(text.out).to.include('Pricing of the assets: cost-plus: 3.7750% a year, the notes\' break-even 3.7750% + 0 bp margin');
    expect(text.out).to.match(/Cost to the firms \(all-in\) +3\.62% +3\.62%/);
    expect(text.out).to.match(/Cost to the issuer \(the notes, with their fees\) +4\.20% +no subsidy applies/);
    expect(text.out).to.include('What separates them: the firms pay the trust at cost-plus: 2.7750% a year');
  });

  it('compare labels the baseline before and after subsidy (Futian\'s 2.31% is after subsidy)', async () => {
    const r = await ipabs('compare', `${SCENARIO_DIR}futian-n-plus-1-2023.json`);
    expect(r.out).to.match(/Bank-loan baseline \(the firms' alternative\) +7\.96% +2\.31%/);
    expect(r.out).to.match(/Cost, % a year +before subsidy +after subsidy/);
    expect(r.out).to.include('firm                          funding  all-in cost before subsidy  after subsidy  bank loan before subsidy  bank loan after subsidy');
  });

  it('validate exits 1 and names the field when the price cannot be met, the margin is negative or the loan floats', async () => {
    const unmeetable = write('unmeetable.json', { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } }, '/liabilities/tranches/0/coupon/rate': 0.3 });
    const negative = write('negative.json', { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: -25 } } });
    const r = await ipabs('validate', unmeetable, negative);
    expect(r.code).to.equal(1);
    expect(r.err).to.include(`${unmeetable}: 1 problem`);
    expect(r.err).to.include('  pool.pricing: cost-plus cannot be met: the assets cannot pay the notes at any rate from 0% to 24% a year');
    expect(r.err).to.include('  pool.pricing.margin.bp: must not be negative');
    const floating = join(dir, 'floating.json');
    writeFileSync(floating, JSON.stringify(withChanges(loadRaw('futian-n-plus-1-2023.json'), { '/pool/obligors/0/asset/rate': { type: 'benchmark', benchmark: 'LPR1Y', spread: 0.007 } })));
    const f = await ipabs('validate', floating);
    expect(f.code).to.equal(1);
    expect(f.err).to.include('  pool.obligors[0].asset.rate: cost-plus pricing solves a fixed rate, but this one floats on the LPR');
  });

  it('schedule and compare refuse an unmeetable deal with the same message and write nothing', async () => {
    const unmeetable = write('unmeetable-2.json', { '/pool/pricing': { rule: 'cost-plus', margin: { type: 'bp', bp: 0 } }, '/liabilities/tranches/0/coupon/rate': 0.3 });
    const out = join(dir, 'out.csv');
    const s = await ipabs('schedule', unmeetable, '--csv', '--out', out);
    expect(s.code).to.equal(1);
    expect(s.err).to.include('pool.pricing: cost-plus cannot be met');
    expect(s.files).to.deep.equal({});
    expect(existsSync(out)).to.equal(false);
    const c = await ipabs('compare', unmeetable);
    expect(c.code).to.equal(1);
    expect(c.err).to.include('pool.pricing: cost-plus cannot be met');
  });
});

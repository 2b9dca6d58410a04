import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { loadRaw, SCENARIO_DIR } from '../support/scenarios.js';
import { validateDeal } from '../../models/deal-format/validate.js';

const yuhang = `${SCENARIO_DIR}yuhang-abn-2023.json`;
const futian = `${SCENARIO_DIR}futian-n-plus-1-2023.json`;

/** Futian with every coupon-bearing tranche written "market". */
function futianMarket(): string {
  const d = loadRaw('futian-n-plus-1-2023.json') as { liabilities: { tranches: Array<{ coupon: { type: string } }> }; provenance: Array<{ path: string }> };
  for (const t of d.liabilities.tranches) if (t.coupon.type !== 'none') t.coupon = { type: 'market' };
  d.provenance = d.provenance.filter((p) => !/\/coupon\//.test(p.path));
  const file = join(mkdtempSync(join(tmpdir(), 'ipabs-design-')), 'futian-market.json');
  writeFileSync(file, JSON.stringify(d));
  return file;
}

describe('ipabs price', () => {
  it('shows each tranche\'s grade, WAL, curve point, grid spread and coupon', async () => {
    const r = await ipabs('price', yuhang, '--lang', 'en');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.include('Government curve (CGB): snapshot of 2023-03-02, 14 days before the issue date 2023-03-16');
    expect(r.out).to.match(/senior\s+AAA\(sf\)\s+credit substitution\s+1\.000\s+2\.289%\s+59\.0 bp\s+0 bp\s+2\.879%\s+CGB 2\.289%\s+2\.700%\s+2\.700%/);
  });

  it('prices a deal written with market coupons, and every command runs it at that price', async () => {
    const file = futianMarket();
    const json = await ipabs('price', file, '--json');
    expect(json.code, json.err).to.equal(0);
    const p = JSON.parse(json.out) as { tranches: Array<{ id: string; market: boolean; coupon: number; grade: string }> };
    const senior = p.tranches.find((t) => t.id === 'senior')!;
    expect(senior).to.include({ market: true, grade: 'AAA(sf)', coupon: 0.024318 });
    const s = await ipabs('schedule', file, '--json');
    expect(s.code, s.err).to.equal(0);
    // 127.5 M × 2.4318% × 91/365 for the first quarter (2023-09-20 → 2023-12-20, ACT/365F).
    const first = (JSON.parse(s.out) as { periods: Array<{ tranches: Record<string, { interest: number }> }> }).periods[0]!.tranches.senior!.interest;
    expect(first).to.be.closeTo((127_500_000 * 0.024318 * 91) / 365, 0.01);
  });

  it('answers in Chinese with --lang zh', async () => {
    const r = await ipabs('price', yuhang, '--lang', 'zh');
    expect(r.out).to.include('各档证券的市场化定价');
    expect(r.out).to.include('信用替代');
  });
});

describe('ipabs optimize', function () {
  this.timeout(180_000);
  it('writes the best design as a deal that validate accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipabs-opt-'));
    const out = join(dir, 'best.json');
    const r = await ipabs('optimize', yuhang, '--objective', 'firms-cost', '--lever', 'guarantee=0:133000000', '--lever', 'undertaking=137000000:150000000', '--paths', '4096', '--points', '2', '--refine', '1', '--out', out, '--lang', 'en');
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.include('Constraints: senior domestic rating (TDR/BDR) at least AAA(sf)');
    expect(r.out).to.include(`Best design written to ${out}`);
    const v = validateDeal(JSON.parse(r.files[out]!));
    expect(v.ok).to.equal(true);
    if (v.ok) expect(v.deal.meta.id).to.equal('yuhang-abn-2023-optimized');
    // And `ipabs validate` (the full check: market coupons, pricing, base case) accepts the file.
    writeFileSync(out, r.files[out]!);
    const val = await ipabs('validate', out, '--lang', 'en');
    expect(val.code, val.out + val.err).to.equal(0);
  });

  it('exits 2 with the closest design and the binding constraint when nothing is feasible', async () => {
    const r = await ipabs('optimize', yuhang, '--lever', 'undertaking=50000000:140000000', '--max-draw999', 'undertaking=1000000', '--paths', '4096', '--points', '2', '--refine', '0', '--lang', 'en');
    expect(r.code, r.err).to.equal(2);
    expect(r.out).to.include('No candidate meets every constraint');
    expect(r.out).to.match(/99\.9% draw of undertaking: a cheaper design draws [\d,.]+, above 1,000,000/);
  });

  it('refuses min above max, a lever the deal lacks, and an unknown lever', async () => {
    const a = await ipabs('optimize', futian, '--lever', 'senior-share=0.95:0.8');
    expect(a.code).to.equal(1);
    expect(a.err).to.include('ipabs optimize: --lever senior-share: min 0.95 is above max 0.8');
    const b = await ipabs('optimize', yuhang, '--lever', 'mezzanine-split=0.2:0.8');
    expect(b.code).to.equal(1);
    expect(b.err).to.match(/--lever mezzanine-split: the deal needs a mezzanine and a subordinated tranche .*levers this deal offers: guarantee, undertaking, issue-size, frequency/);
    const c = await ipabs('optimize', yuhang, '--lever', 'coupon=0:1');
    expect(c.err).to.include('--lever: unknown lever "coupon"');
    const d = await ipabs('optimize', yuhang, '--objective', 'investor-yield');
    expect(d.err).to.include('--objective: must be one of firms-cost');
  });
});

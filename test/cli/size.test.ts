import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { SCENARIO_DIR } from '../support/scenarios.js';
import { yuhangGuaranteeOnly } from '../models/sizing/deals.js';


const yuhang = `${SCENARIO_DIR}yuhang-abn-2023.json`;
const quick = ['--paths', '8192', '--seed', '1'];

describe('ipabs size', () => {
  it('prints the required guarantee cap, its Monte Carlo range and the guarantor figures', async () => {
    const r = await ipabs('size', yuhang, '--enhancement', 'guarantee', '--target-rating', 'Aa1', ...quick);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/^required guarantee cap [\d,]+\.\d\d: senior expected loss /m);
    expect(r.out).to.match(/Monte Carlo range \(95%\): [\d,]+\.\d\d to [\d,]+\.\d\d/);
    for (const line of ['expected draw', '99% draw', '99.9% draw', 'P(exhausted)', 'break-even fee', 'fee in the deal  0.50% a year']) expect(r.out).to.include(line);
    expect(r.out).to.include('hangzhou-guarantee');
  });

  it('gives the same answer as JSON with --json', async () => {
    const text = await ipabs('size', yuhang, '--enhancement', 'guarantee', '--target-rating', 'Aa1', ...quick);
    const json = await ipabs('size', yuhang, '--enhancement', 'guarantee', '--target-rating', 'Aa1', ...quick, '--json');
    expect(json.code).to.equal(0);
    const r = JSON.parse(json.out) as { status: string; requiredAmount: number; message: string; guarantor: { breakEvenFee: { annualRate: number } } };
    expect(r.status).to.equal('met');
    expect(text.out).to.include(r.message);
    expect(r.guarantor.breakEvenFee.annualRate).to.be.greaterThan(0);
  });

  it('reports an unreachable target with the best reachable level, exit status 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ipabs-size-')), 'guarantee-only.json');
    writeFileSync(file, JSON.stringify(yuhangGuaranteeOnly()));
    const r = await ipabs('size', file, '--enhancement', 'guarantee', '--target-rating', 'Aa2', ...quick);
    expect(r.code).to.equal(2);
    expect(r.out).to.match(/^target unreachable: senior expected loss 0\.0\d+% at the largest guarantee cap 1,330,000,000\.00; the Aa2 target at WAL 1\.0y is 0\.01101%$/m);
  });

  it('refuses bad input with a message and exit status 1', async () => {
    const cases: Array<[string[], string | RegExp]> = [
      [['--enhancement', 'nope', '--target-rating', 'Aa2'], /^ipabs size: --enhancement: unknown id "nope" \(enhancements: "undertaking", "guarantee"; reserve accounts: none; tranches: "senior"\)$/],
      [['--enhancement', 'guarantee', '--target-rating', 'AA'], /^ipabs size: --target-rating: must be one of Aaa, Aa1, .*, B3, got "AA"$/],
      [['--enhancement', 'guarantee', '--target-pl', '1.5'], 'ipabs size: --target-pl: a probability of loss must be strictly between 0 and 1 (0.001 = 0.1%), got "1.5"'],
      [['--enhancement', 'guarantee', '--target-pl', '0'], /--target-pl: .* got "0"$/],
      [['--enhancement', 'guarantee', '--target-rating', 'Aa2', '--target-pl', '0.01'], 'ipabs size: give one target, not both: --target-rating R (e.g. Aa2) or --target-pl P (e.g. 0.001)'],
      [['--enhancement', 'guarantee'], 'ipabs size: give a target: --target-rating R (e.g. Aa2) or --target-pl P (e.g. 0.001)'],
      [['--target-rating', 'Aa2'], /^ipabs size: --enhancement: give the id of the enhancement to size \(enhancements: undertaking, guarantee; reserve accounts: none\)$/],
      [['--enhancement', 'guarantee', '--lever', 'cap', '--target-rating', 'Aa2'], 'ipabs size: --lever: must be one of capacity, subordination, reserve, got "cap"'],
      [['--enhancement', 'guarantee', '--lever', 'reserve', '--target-rating', 'Aa2'], /^ipabs size: --enhancement: "guarantee" is not a reserve account/],
      [['--enhancement', 'guarantee', '--target-rating', 'Aa2', '--max', 'lots'], /^ipabs size: --max: must be an amount in yuan above 0/],
      [['--enhancement', 'guarantee', '--target-rating', 'Aa2', '--tolerance', '0'], 'ipabs size: --tolerance: must be an amount in yuan of at least 0.01 (one fen), got 0'],
    ];
    for (const [args, message] of cases) {
      const r = await ipabs('size', yuhang, ...args, '--paths', '100');
      expect(r.code, args.join(' ')).to.equal(1);
      if (typeof message === 'string') expect(r.err).to.equal(message);
      else expect(r.err).to.match(message);
    }
  });
});

describe('ipabs allocation', () => {
  it('prints who bears the loss, on average and in the worst 1% of paths, and the order of loss', async () => {
    const r = await ipabs('allocation', yuhang, ...quick);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.match(/worst 1\.0% = the 82 paths with the largest pool loss/);
    expect(r.out).to.match(/^Order of loss \(hit on most paths first\): originator → yuhang-sci-tech-group \(undertaking\)/m);
    for (const id of ['senior', 'yuhang-sci-tech-group', 'hangzhou-guarantee', 'yuhang-guarantee', 'originator']) expect(r.out).to.include(id);
  });

  it('gives the report as JSON with --json, and names bad options', async () => {
    const r = await ipabs('allocation', yuhang, ...quick, '--json');
    const report = JSON.parse(r.out) as { run: { tailPaths: number }; order: string[] };
    expect(report.run.tailPaths).to.equal(82); // ⌈1% × 8,192⌉
    expect(report.order[0]).to.equal('originator');
    const bad = await ipabs('allocation', yuhang, '--tail', '99');
    expect(bad.code).to.equal(1);
    expect(bad.err).to.equal('ipabs allocation: --tail: must be a quantile strictly between 0 and 1 (0.99 = the worst 1% of paths), got "99"');
  });
});

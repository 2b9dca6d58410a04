import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipabs } from '../support/cli.js';
import { scenarioFiles, SCENARIO_DIR, loadRaw } from '../support/scenarios.js';
import { withChanges } from '../support/json-edit.js';

const yuhang = `${SCENARIO_DIR}yuhang-abn-2023.json`;

describe('ipabs command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-cli-'));

  describe('validate', () => {
    it('exits 0 for every shipped scenario', async () => {
      const r = await ipabs('validate', ...scenarioFiles());
      expect(r.code, r.err).to.equal(0);
      expect(r.out).to.include('yuhang-abn-2023.json: valid (yuhang-abn-2023)');
    });

    it('exits 1 for a broken copy and prints each problem as path: message', async () => {
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), {
        '/liabilities/tranches/0/coupon/rate': 27, '/meta/surprise': true,
      })));
      const r = await ipabs('validate', yuhang, broken);
      expect(r.code).to.equal(1);
      expect(r.err).to.include(`${broken}: 2 problems`);
      expect(r.err).to.include('  liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27');
      expect(r.err).to.match(/ {2}meta: unknown field "surprise" \(allowed: /);
    });

    it('reports malformed JSON and a missing file', async () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{ "schemaVersion": 1,, }');
      const r = await ipabs('validate', bad, join(dir, 'nope.json'));
      expect(r.code).to.equal(1);
      expect(r.err).to.match(/\(deal\): malformed JSON at line 1, column \d+/);
      expect(r.err).to.include(`no such file: ${join(dir, 'nope.json')}`);
    });
  });

  describe('schedule', () => {
    it('--json has the deal id, periods with date, collections, fees, tranches, enhancement draws, residual, and totals', async () => {
      const r = await ipabs('schedule', yuhang, '--json');
      expect(r.code, r.err).to.equal(0);
      const j = JSON.parse(r.out) as { deal: { id: string }; periods: Array<Record<string, unknown>>; totals: { tranches: Record<string, { interest: number; principal: number }> }; reconciled: boolean };
      expect(j.deal.id).to.equal('yuhang-abn-2023');
      expect(j.periods).to.have.length(4);
      for (const key of ['date', 'collections', 'fees', 'tranches', 'enhancementDraws', 'residual']) expect(j.periods[0]).to.have.property(key);
      expect(j.periods[3]!.tranches).to.deep.include({ senior: { interest: 885452.05, principal: 133000000, balance: 0, interestShortfall: 0 } });
      expect(j.totals.tranches.senior).to.include({ interest: 3591000, principal: 133000000 });
      expect(j.reconciled).to.equal(true);
    });

    it('--csv writes the same table as CSV, with a totals row', async () => {
      const r = await ipabs('schedule', yuhang, '--csv', '--out', 'x.csv');
      const csv = r.files['x.csv']!;
      const lines = csv.trim().split('\n');
      expect(lines[0]).to.equal('period,date,collections,fees,senior interest,senior principal,senior balance,enhancement draws,reserve top-up,residual,cash carried');
      expect(lines[2]).to.match(/^2,2023-09-18,1130500\.00,25142\.46,905128\.77,0\.00,133000000\.00,/);
      expect(lines[5]).to.match(/^total,,137522000\.00,/);
    });
  });

  describe('simulate', () => {
    it('--json has the fields of the report and the same numbers for the same seed', async function () {
      this.timeout(30_000);
      const a = await ipabs('simulate', yuhang, '--paths', '5000', '--seed', '9', '--json');
      const b = await ipabs('simulate', yuhang, '--paths', '5000', '--seed', '9', '--json');
      expect(a.code, a.err).to.equal(0);
      expect(a.out).to.equal(b.out);
      const j = JSON.parse(a.out) as Record<string, Record<string, unknown>> & { tranches: Array<Record<string, unknown>>; enhancements: Array<Record<string, unknown>> };
      expect(j.deal!.id).to.equal('yuhang-abn-2023');
      expect(j.run).to.include({ paths: 5000, seed: 9, threads: 1 });
      for (const k of ['expectedLossRate', 'expectedLossRateStdErr', 'lossRateQuantiles', 'defaultRateMean']) expect(j.pool).to.have.property(k);
      expect(Object.keys(j.pool!.lossRateQuantiles as object)).to.deep.equal(['0.5', '0.9', '0.95', '0.99', '0.999']);
      for (const k of ['id', 'initialBalance', 'expectedLossRate', 'expectedLossRateStdErr', 'probabilityOfLoss', 'walYears', 'impliedRating']) expect(j.tranches[0]).to.have.property(k);
      for (const k of ['id', 'kind', 'expectedDraw', 'drawQuantiles', 'exhaustionProbability']) expect(j.enhancements[0]).to.have.property(k);
    });

    it('reports the servicer\'s commingling loss and each +k leg\'s chain losses with standard errors, the same numbers compare --paths uses', async function () {
      this.timeout(60_000);
      const futian = `${SCENARIO_DIR}futian-n-plus-1-2023.json`;
      const sim = JSON.parse((await ipabs('simulate', futian, '--paths', '8192', '--seed', '4', '--json')).out) as {
        servicer: { id: string; comminglingLoss: { mean: number; stdErr: number }; probabilityOfComminglingLoss: number };
        offshoreLegs: Array<{ id: string; probabilityChainCalled: number; onshoreBankLoss: { mean: number; stdErr: number } }>;
      };
      expect(sim.servicer.id).to.equal('hti-microloan');
      expect(sim.servicer.probabilityOfComminglingLoss).to.be.above(0);
      expect(sim.servicer.comminglingLoss.mean).to.be.above(0);
      expect(sim.servicer.comminglingLoss.stdErr).to.be.above(0).and.below(sim.servicer.comminglingLoss.mean);
      expect(sim.offshoreLegs.map((l) => l.id)).to.deep.equal(['plus-one']);
      expect(sim.offshoreLegs[0]!.probabilityChainCalled).to.be.above(0);
      const cmp = JSON.parse((await ipabs('compare', futian, '--paths', '8192', '--seed', '4', '--json')).out) as { deals: Array<{ monteCarlo: { comminglingLoss: unknown; legs: Array<{ onshoreBankLoss: unknown }> } }> };
      expect(cmp.deals[0]!.monteCarlo.comminglingLoss).to.deep.equal(sim.servicer.comminglingLoss);
      expect(cmp.deals[0]!.monteCarlo.legs[0]!.onshoreBankLoss).to.deep.equal(sim.offshoreLegs[0]!.onshoreBankLoss);
      const yuhangRun = JSON.parse((await ipabs('simulate', yuhang, '--paths', '100', '--json')).out) as { servicer: unknown; offshoreLegs: unknown[] };
      expect(yuhangRun.servicer).to.equal(null);
      expect(yuhangRun.offshoreLegs).to.deep.equal([]);
    });

    it('refuses bad numbers with the value and the range, exit 1', async () => {
      expect((await ipabs('simulate', yuhang, '--paths', '0')).err).to.include('--paths: must be a whole number between 1 and 50000000, got "0"');
      expect((await ipabs('simulate', yuhang, '--paths', '-5')).code).to.equal(1);
      expect((await ipabs('simulate', yuhang, '--threads', 'many')).err).to.include('--threads: must be a whole number between 1 and 64, got "many"');
      expect((await ipabs('simulate', yuhang, '--stress', 'pd=2x,lgd=3x')).err).to.include('unknown stress setting "lgd=3x"');
      expect((await ipabs('simulate', yuhang, '--colour')).err).to.include('unknown option --colour');
    });

    it('refuses a deal whose correlation or degrees of freedom are out of range', async () => {
      const bad = join(dir, 'bad-copula.json');
      writeFileSync(bad, JSON.stringify(withChanges(loadRaw('yuhang-abn-2023.json'), { '/simulation': { copula: 't', rho: 1.2, nu: 2 } })));
      const r = await ipabs('simulate', bad);
      expect(r.code).to.equal(1);
      expect(r.err).to.include('simulation.rho: must be between 0 and 0.999, got 1.2');
      expect(r.err).to.include('simulation.nu: must be between 2.0001 and 1000, got 2');
    });
  });

  it('names an unknown command and lists the commands', async () => {
    const r = await ipabs('simulte');
    expect(r.code).to.equal(1);
    expect(r.err).to.match(/unknown command "simulte" \(commands: validate, schedule, simulate/);
  });

  it('the JSON Schema in docs/ is the one the code generates', async () => {
    const r = await ipabs('schema');
    const shipped = readFileSync(new URL('../../docs/deal.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(shipped)).to.deep.equal(JSON.parse(r.out));
  });
});

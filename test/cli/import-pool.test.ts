// ipabs pool-template and ipabs import-pool: the tape out and back in, problems per cell, nothing
// written unless the whole tape is valid.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ipabs } from '../support/cli.js';
import { SCENARIO_DIR } from '../support/scenarios.js';

const yuhang = join(SCENARIO_DIR, 'yuhang-abn-2023.json');

describe('ipabs pool-template and import-pool', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-tape-'));

  it('writes a blank template with the Chinese headers frozen, and a deal\'s pool as a tape', async () => {
    const blank = await ipabs('pool-template', '--out', join(dir, 'blank.xlsx'), '--lang', 'zh');
    expect(blank.code).to.equal(0);
    expect(blank.out).to.equal(`已写出空白资产池明细表 ${join(dir, 'blank.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(blank.bytes[join(dir, 'blank.xlsx')]! as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).to.deep.equal(['资产池', '填写说明', '清单']);
    const pool = wb.worksheets[0]!;
    expect(pool.getRow(1).values).to.include.members(['名称', '行业', '金额（元）', '知识产权评估价值（元）', '年违约概率（%）']);
    expect(pool.views[0]).to.deep.include({ state: 'frozen', ySplit: 1 });
    const csv = await ipabs('pool-template', '--from', yuhang, '--out', join(dir, 'yuhang.csv'), '--lang', 'en');
    expect(csv.out).to.equal(`Wrote the pool of ${yuhang} (14 obligors) as a pool tape to ${join(dir, 'yuhang.csv')}`);
    expect(csv.files[join(dir, 'yuhang.csv')]!.startsWith('\uFEFFid,name,sector,asset type,amount (CNY)')).to.equal(true);
  });

  it('imports an edited tape into a deal: 14 firms, the senior note follows the pool', async () => {
    const { files } = await ipabs('pool-template', '--from', yuhang, '--out', join(dir, 't.csv'));
    // Firm 1's receivables bought for 1,300万 instead of 12,000,000 (and its fee schedule's last payment with it).
    const csv = files[join(dir, 't.csv')]!.replace(',12000000,', ',1300万,').replace('2024-03-01 12102000.00', '2024-03-01 13102000.00');
    writeFileSync(join(dir, 't.csv'), csv);
    writeFileSync(join(dir, 'deal.json'), readFileSync(yuhang));
    const r = await ipabs('import-pool', join(dir, 't.csv'), '--into', join(dir, 'deal.json'), '--lang', 'en');
    expect(r.err).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.out).to.equal([
      `Imported 14 obligors from ${join(dir, 't.csv')} into ${join(dir, 'deal.json')}; the trust pays 134,000,000.00 CNY for the pool`,
      '  tranche senior: 133,000,000.00 → 134,000,000.00 CNY (100.00% of the notes, as before)',
    ].join('\n'));
    const saved = JSON.parse(r.files[join(dir, 'deal.json')]!);
    expect(saved.pool.obligors[0].asset.purchasePrice).to.equal(13_000_000);
    expect(saved.liabilities.tranches[0].balance).to.equal(134_000_000);
  });

  it('lists every bad cell, exits 1 and writes nothing', async () => {
    const { files } = await ipabs('pool-template', '--from', yuhang, '--out', join(dir, 'bad.csv'), '--lang', 'zh');
    const lines = files[join(dir, 'bad.csv')]!.split('\n');
    lines[2] = lines[2]!.replace(',新一代信息技术,', ',太空旅游,');
    lines[3] = lines[3]!.replace(/,10500000,/, ',-10500000,');
    writeFileSync(join(dir, 'bad.csv'), lines.join('\n'));
    const r = await ipabs('import-pool', join(dir, 'bad.csv'), '--into', yuhang, '--lang', 'zh');
    expect(r.code).to.equal(1);
    expect(r.files).to.deep.equal({});
    const errs = r.err.split('\n');
    expect(errs[0]).to.equal(`${join(dir, 'bad.csv')}：共 2 处问题；未写入任何内容`);
    expect(errs[1]).to.match(/^ {2}bad!C3: 行业：未知行业“太空旅游”（允许：智能物联、新一代信息技术、软件、/);
    expect(errs[2]).to.equal('  bad!E4: 金额（元）不得为负数，实为 -10500000');
  });

  it('refuses a file that is not a spreadsheet in one line', async () => {
    const r = await ipabs('import-pool', join(SCENARIO_DIR, '..', 'README.md'), '--into', yuhang);
    expect(r.code).to.equal(1);
    expect(r.err).to.equal('README.md: 1 problem(s); nothing was written\n  README!1: row 1 is not a pool tape header: none of its cells names a column of the template (download the template and keep its header row)'.replace('README.md:', `${join(SCENARIO_DIR, '..', 'README.md')}:`));
  });
});

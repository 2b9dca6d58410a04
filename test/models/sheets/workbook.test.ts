// Workbooks in and out through the part of exceljs ipabs uses (issue 16: exceljs's unmaintained
// dependencies). A workbook written by writeXlsx reads back the same through readXlsx and through
// exceljs's full entry point; and the process that does it never loads the streaming reader's and
// writer's dependencies (unzipper 0.10, fstream, rimraf 2, glob 7, inflight, graceful-fs, …).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { projectRoot } from '../../../server/config.js';
import { excelDate, readXlsx, writeXlsx } from '../../../models/sheets/workbook.js';

const UNUSED = ['unzipper', 'fstream', 'rimraf', 'glob', 'inflight', 'graceful-fs', 'archiver', 'tmp'];

describe('workbooks (models/sheets/workbook)', () => {
  it('writes typed cells that read back the same, here and in exceljs itself', async () => {
    const bytes = await writeXlsx([{
      name: 'Schedule',
      preamble: ['=1+1 is not a formula here'],
      columns: [{ header: 'date', type: 'date' }, { header: 'amount', type: 'money' }, { header: 'rate', type: 'percent' }, { header: 'name', type: 'text' }],
      rows: [[excelDate('2024-03-01'), 1234567.89, 0.0275, '余杭'], [excelDate('2024-06-01'), 0.01, 0, '@SUM(A1)']],
    }]);
    const [sheet] = await readXlsx(bytes);
    expect(sheet!.name).to.equal('Schedule');
    expect(sheet!.rows[0]![0]).to.deep.equal({ kind: 'text', value: "'=1+1 is not a formula here" });
    expect(sheet!.rows[2]).to.deep.equal([
      { kind: 'date', value: new Date('2024-03-01T00:00:00Z') },
      { kind: 'number', value: 1234567.89, numFmt: '#,##0.00' },
      { kind: 'number', value: 0.0275, numFmt: '0.0000%' },
      { kind: 'text', value: '余杭' },
    ]);
    expect(sheet!.rows[3]![3]).to.deep.equal({ kind: 'text', value: "'@SUM(A1)" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Schedule')!;
    expect([ws.getCell('B3').value, ws.getCell('B3').numFmt, ws.getCell('D3').value]).to.deep.equal([1234567.89, '#,##0.00', '余杭']);
    expect(ws.views[0]).to.deep.include({ state: 'frozen', ySplit: 2 });
  });

  it('loads only the workbook model and its XLSX reader and writer, not exceljs\'s streaming dependencies', () => {
    const script = `
      const fs = require('node:fs');
      const close = fs.close;
      import(${JSON.stringify(`${projectRoot}/models/sheets/workbook.ts`)}).then(async (m) => {
        const bytes = await m.writeXlsx([{ name: 'a', columns: [{ header: 'x', type: 'text' }], rows: [['y']] }]);
        await m.readXlsx(bytes);
        const names = Object.keys(require.cache).map((k) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean);
        console.log(JSON.stringify({ packages: [...new Set(names)].sort(), fsClosePatched: fs.close !== close }));
      });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(r.status, r.stderr).to.equal(0);
    const { packages, fsClosePatched } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { packages: string[]; fsClosePatched: boolean };
    expect(packages).to.include.members(['exceljs', 'jszip', 'saxes']);
    expect(packages.filter((p) => UNUSED.includes(p))).to.deep.equal([]);
    expect(fsClosePatched, 'graceful-fs patched fs.close').to.equal(false);
  });
});

// The schedule workbook read back: amounts as numbers, dates as dates, the header frozen.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { scheduleWorkbook } from '../../../server/present/excel.js';
import { runExact } from '../../../models/engine/exact.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { projectRoot } from '../../../server/config.js';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  return wb;
}

describe('schedule workbook (server/present/excel)', () => {
  const yuhang = (() => {
    const r = validateDeal(JSON.parse(readFileSync(resolve(projectRoot, 'scenarios', 'yuhang-abn-2023.json'), 'utf8')));
    if (!r.ok) throw new Error('the Yuhang scenario should be valid');
    return runExact(r.deal);
  })();

  it('writes amounts as numbers (#,##0.00 in the schedule) and payment, issue and maturity dates as real dates', async () => {
    const wb = await read(await scheduleWorkbook(yuhang));
    const ws = wb.getWorksheet('Schedule')!;
    expect(ws.getRow(1).getCell(2).value).to.equal('date');
    const d = ws.getRow(2).getCell(2);
    expect(d.value).to.be.instanceOf(Date);
    expect((d.value as Date).toISOString()).to.equal('2023-06-16T00:00:00.000Z');
    expect(d.numFmt).to.equal('yyyy-mm-dd');
    const interest = ws.getRow(2).getCell(5);
    expect([interest.value, interest.numFmt]).to.deep.equal([905_128.77, '#,##0.00']);
    const totals = ws.getRow(ws.rowCount);
    expect(totals.getCell(1).value).to.equal('total');
    expect(totals.getCell(5).font?.bold).to.equal(true);
    expect(ws.getRow(1).getCell(1).font?.bold).to.equal(true);
    expect(ws.getColumn(2).width).to.equal(12);
    const info = wb.getWorksheet('Issuance')!;
    const rows = info.getRows(1, info.rowCount)!;
    const value = (label: string) => rows.find((r) => r.getCell(1).value === label)?.getCell(2);
    expect((value('issue date')?.value as Date).toISOString()).to.equal('2023-03-16T00:00:00.000Z');
    expect(value('net to firms')?.value).to.equal(132_144_350);
  });

  it('freezes the header row and the period and date columns', async () => {
    const wb = await read(await scheduleWorkbook(yuhang));
    const view = wb.getWorksheet('Schedule')!.views[0] as { state?: string; xSplit?: number; ySplit?: number; topLeftCell?: string };
    expect([view.state, view.xSplit, view.ySplit, view.topLeftCell]).to.deep.equal(['frozen', 2, 1, 'C2']);
  });
});

// The spreadsheet writer (server/present/xlsx.ts) and the schedule workbook, read back by an
// independent reader (exceljs, a development dependency) and by unpacking the zip by hand.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { columnName, dateSerial, writeXlsx, xmlText } from '../../../server/present/xlsx.js';
import { scheduleWorkbook } from '../../../server/present/excel.js';
import { runExact } from '../../../models/engine/exact.js';
import { validateDeal } from '../../../models/deal/validate.js';
import { projectRoot } from '../../../server/config.js';

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  return wb;
}

/** The entries of a zip, found through its central directory, each checked against its CRC-32. */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).to.equal(0x02014b50);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = inflateRawSync(buf.subarray(start, start + size));
    expect(crc32(data), `${name} CRC-32`).to.equal(crc);
    out.set(name, data.toString('utf8'));
    p += 46 + nameLen;
  }
  return out;
}

describe('spreadsheet writer (server/present/xlsx)', () => {
  it('counts dates as Excel does and names columns A..Z, AA..', () => {
    expect(dateSerial('1900-03-01')).to.equal(61);
    expect(dateSerial('2023-06-16')).to.equal(45_093);
    expect(dateSerial('2024-02-29')).to.equal(45_351);
    expect(() => dateSerial('2023-02-29')).to.throw('xlsx: no such date 2023-02-29');
    expect([0, 25, 26, 27, 701, 702].map(columnName)).to.deep.equal(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('escapes markup and writes characters XML cannot hold as _xHHHH_', () => {
    expect(xmlText('a & <b> "c"')).to.equal('a &amp; &lt;b&gt; &quot;c&quot;');
    expect(xmlText('bell\u0007 esc\u001b[31m')).to.equal('bell_x0007_ esc_x001B_[31m');
    expect(xmlText('literal _x0041_ stays')).to.equal('literal _x005F_x0041_ stays');
    expect(xmlText('tab\tand\nnew line')).to.equal('tab\tand\nnew line');
  });

  it('writes a valid zip whose parts all check out, the same bytes for the same input', () => {
    const sheets = [{ name: 'One', rows: [['a', 1, { date: '2024-01-31' }], [null, -2.5, 'x']] }];
    const a = writeXlsx(sheets);
    expect(a.equals(writeXlsx(sheets))).to.equal(true);
    const parts = unzip(a);
    expect([...parts.keys()].sort()).to.deep.equal(['[Content_Types].xml', '_rels/.rels', 'docProps/app.xml', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(parts.get('xl/worksheets/sheet1.xml')).to.contain('<c r="C1" s="4"><v>45322</v></c>').and.contain('<c r="B2"><v>-2.5</v></c>');
  });

  it('refuses what it cannot write faithfully', () => {
    expect(() => writeXlsx([{ name: 'S', rows: [[Number.NaN]] }])).to.throw('xlsx: cell A1 is not a finite number (NaN)');
    expect(() => writeXlsx([{ name: 'a/b', rows: [] }])).to.throw(/sheet name "a\/b"/);
    expect(() => writeXlsx([{ name: 'S', rows: [] }, { name: 's', rows: [] }])).to.throw(/unique/);
    expect(() => writeXlsx([])).to.throw('xlsx: a workbook needs at least one sheet');
  });

  it('keeps hostile text as text: no cell starts a formula', async () => {
    const wb = await read(writeXlsx([{ name: 'S', rows: [['=1+1', '@SUM(A1)', '+x', '-y', 'plain', '<b>&</b>']] }]));
    const row = wb.getWorksheet('S')!.getRow(1);
    expect([1, 2, 3, 4, 5, 6].map((i) => row.getCell(i).value)).to.deep.equal(["'=1+1", "'@SUM(A1)", "'+x", "'-y", 'plain', '<b>&</b>']);
    expect(row.getCell(1).formula).to.equal(undefined);
  });
});

describe('schedule workbook (server/present/excel)', () => {
  const yuhang = (() => {
    const r = validateDeal(JSON.parse(readFileSync(resolve(projectRoot, 'scenarios', 'yuhang-abn-2023.json'), 'utf8')));
    if (!r.ok) throw new Error('the Yuhang scenario should be valid');
    return runExact(r.deal);
  })();

  it('writes amounts as numbers in #,##0.00 and payment dates as real dates', async () => {
    const wb = await read(scheduleWorkbook(yuhang));
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
    expect(value('net to firms')?.numFmt).to.equal('#,##0.00');
  });

  it('freezes the header row and the period and date columns', async () => {
    const wb = await read(scheduleWorkbook(yuhang));
    const view = wb.getWorksheet('Schedule')!.views[0] as { state?: string; xSplit?: number; ySplit?: number; topLeftCell?: string };
    expect([view.state, view.xSplit, view.ySplit, view.topLeftCell]).to.deep.equal(['frozen', 2, 1, 'C2']);
  });
});

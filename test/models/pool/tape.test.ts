// The pool tape (资产池明细表): a deal's pool written as a tape reads back to the same obligors,
// to the fen; every bad cell is reported with its place and a message in either language.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { loadRaw, loadScenario, scenarioFiles } from '../../support/scenarios.js';
import { poolTapeCsv, poolTapeXlsx } from '../../../models/pool/tape/template.js';
import { importPool } from '../../../models/deal-format/pool-import.js';
import { validateDeal } from '../../../models/deal-format/validate.js';
import { translator, type MessageKey } from '../../../models/i18n/index.js';
import type { TapeColumnKey } from '../../../models/pool/tape/columns.js';
import type { Obligor } from '../../../models/deal-format/schema.js';
import { formatTapeProblems, licenceFeeSchedule, readPoolTape, type TapeResult } from '../../../models/pool/tape/parse.js';
import { Decimal } from 'decimal.js';

const okResult = (r: TapeResult) => {
  if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
  return r;
};
/** The obligors as deal JSON, with amounts as numbers (the deal may write them as strings). */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'string' && /^\d+\.\d\d$/.test(v) ? Number(v) : v)));

describe('pool tape: a deal\'s pool written as a tape reads back unchanged', function () {
  this.timeout(20_000);
  // Every asset kind: loans, licence fees, leases (Wenke), trust loans (鑫欣保理); factoring below.
  for (const file of scenarioFiles()) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${basename(file)} as XLSX and CSV in ${lang}`, async () => {
        const deal = loadScenario(file);
        const xlsx = okResult(await readPoolTape(await poolTapeXlsx(lang, deal.pool.obligors), { fileName: 'pool.xlsx' }));
        expect(plain(xlsx.obligors)).to.deep.equal(plain(deal.pool.obligors));
        expect(xlsx.sheet).to.equal(lang === 'zh' ? '资产池' : 'Pool');
        const csv = okResult(await readPoolTape(Buffer.from(poolTapeCsv(lang, deal.pool.obligors), 'utf8'), { fileName: 'pool.csv' }));
        expect(plain(csv.obligors)).to.deep.equal(plain(deal.pool.obligors));
      });
    }
  }
});

describe('pool tape: leases, entrusted and trust loans, factoring', function () {
  this.timeout(20_000);
  const base = loadScenario(scenarioFiles().find((f) => f.endsWith('futian-n-plus-1-2023.json'))!).pool.obligors[0]!;
  const firm = (id: string, asset: unknown) => ({ ...base, id, asset }) as unknown as Obligor;
  const factored = (price: unknown) => firm('fx-01', {
    kind: 'factoring', purchaseDate: '2023-03-15', price,
    receivables: [{ debtor: 'Buyer A Co.', face: 6_000_000, dueDate: '2023-09-11' }, { debtor: '乙公司 (Buyer B)', face: 4_000_000, dueDate: '2024-03-07' }],
  });
  const leaseTable = firm('ls-01', {
    kind: 'finance-lease', structure: 'direct', financedAmount: 1_000_000, startDate: '2023-01-15', purchasePrice: '990000.50',
    rentals: { method: 'schedule', payments: [{ date: '2023-07-15', principal: 400_000, interest: '30000.25' }, { date: '2024-01-15', principal: 600_000, interest: 18_000 }] },
  });
  const pool = [factored({ type: 'discount-rate', annualRate: 0.036 }), factored({ type: 'fixed', amount: 9_700_000 }), leaseTable];
  pool[1] = { ...pool[1]!, id: 'fx-02' };
  const headerOf = (key: TapeColumnKey) => translator('en')(`tape.col.${key}` as MessageKey);

  it('factored receivables priced by a discount rate or an agreed price, and a lease with a rental table, read back unchanged (XLSX and CSV)', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const xlsx = okResult(await readPoolTape(await poolTapeXlsx(lang, pool), { fileName: 'pool.xlsx' }));
      expect(plain(xlsx.obligors)).to.deep.equal(plain(pool));
      const csv = okResult(await readPoolTape(Buffer.from(poolTapeCsv(lang, pool), 'utf8'), { fileName: 'pool.csv' }));
      expect(plain(csv.obligors)).to.deep.equal(plain(pool));
    }
    // The discounted price is written as the amount: 10,000,000 − 6,000,000 × 3.6% × 180/360 − 4,000,000 × 3.6% × 358/360.
    const rows = poolTapeCsv('en', pool).replace(/^\uFEFF/, '').split('\n');
    const amountAt = rows[0]!.split(',').indexOf(headerOf('amount'));
    expect(rows[1]!.split(',')[amountAt]).to.equal(String(10_000_000 - 108_000 - 143_200));
    expect(rows[1]).to.include('2023-09-11 6000000.00 Buyer A Co.; 2024-03-07 4000000.00 乙公司 (Buyer B)');
    expect(rows[3]).to.include('2023-07-15 400000.00 30000.25; 2024-01-15 600000.00 18000.00');
  });

  it('reports, at their cells: a discount-rate price that is not the amount, a rental entry without its interest, a rate beside the rental table, a missing agent fee, a deposit on a loan row', async () => {
    const xinxin = loadScenario(scenarioFiles().find((f) => f.endsWith('xinxin-factoring-2023-1.json'))!).pool.obligors;
    const futianLoan = base;
    const bytes = await editedPool([...pool, xinxin[0]!, futianLoan], (ws) => {
      ws.getCell('E2').value = 9_750_000;                                    // fx-01: the discount rate makes it 9,748,800.00
      ws.getCell('AA4').value = '2023-07-15 400000; 2024-01-15 600000 18000'; // ls-01: the first rental has no interest part
      ws.getCell('F4').value = 0.05;                                         // ls-01: a rate as well as the table
      ws.getCell('AI5').value = null;                                        // jy-01: no agent fee
      ws.getCell('AB6').value = 100_000;                                     // a loan with a deposit
    });
    expect(await problemsOf(bytes)).to.deep.equal([
      'Pool!E2: amount (CNY): 9750000.00 is not the price the discount rate 3.6% gives these receivables (9748800.00); give the matching amount, or leave the rate empty for an agreed price',
      'Pool!F4: rate (%) must be empty when the rental table is given (give either the rental table, or rate, term, frequency and repayment)',
      'Pool!AA4: rental table: entry 1 "2023-07-15 400000" is not "date principal interest" (allowed: 2019-06-15 6000000 1360000; entries separated by ";")',
      'Pool!AI5: agent fee (%) is empty (required on entrusted loan rows)',
      'Pool!AB6: deposit (CNY) must be empty on loan rows, got "100000"',
    ]);
  });

  it('a trust-loan pool from the tape goes back into its deal unchanged, the trust paying the same to the fen', async () => {
    const raw = loadRaw('xinxin-factoring-2023-1.json');
    const v = validateDeal(raw);
    if (!v.ok) throw new Error('invalid');
    const tape = okResult(await readPoolTape(Buffer.from(poolTapeCsv('zh', v.deal.pool.obligors), 'utf8'), { fileName: 'pool.csv' }));
    const r = importPool(raw, tape, { file: 'pool.csv', importedOn: '2025-06-30' }, 'xinxin.json');
    if (!r.ok) throw new Error(formatTapeProblems(r.problems, 'en').join('\n'));
    expect(r.result.funding).to.equal('22000000.00');
    expect(r.result.tranches.every((t) => t.from === t.to)).to.equal(true);
  });

  it('refuses to write a debtor whose name holds ";" (the tape separates receivables with it), naming the firm', () => {
    const bad = firm('fx-09', { ...(factored({ type: 'fixed', amount: 9_700_000 }).asset as object), receivables: [{ debtor: 'A; B Co.', face: 1_000_000, dueDate: '2023-09-11' }] });
    expect(() => poolTapeCsv('en', [bad])).to.throw('pool.obligors[0].asset: the debtor "A; B Co." contains ";", which the pool tape uses between receivables — rename it in the deal file (JSON) to write this pool as a tape');
  });
});

/** A tape of these obligors, edited cell by cell as a user would in Excel. */
async function editedPool(obligors: readonly Obligor[], edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await poolTapeXlsx('en', obligors) as unknown as ArrayBuffer);
  edit(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

describe('pool tape: licence fees from a rate', () => {
  it('reproduces the Yuhang receivable: 12,000,000 at 3.4% quarterly for a year → 102,000 three times, then 12,102,000', () => {
    expect(licenceFeeSchedule(new Decimal(12_000_000), 0.034, '2023-03-01', 12, 3)).to.deep.equal([
      { date: '2023-06-01', amount: 102000 }, { date: '2023-09-01', amount: 102000 }, { date: '2023-12-01', amount: 102000 }, { date: '2024-03-01', amount: 12102000 },
    ]);
  });
  it('rounds each fee to the fen, half up (1,000,001 at 1% monthly: 833.334… → 833.33)', () => {
    const s = licenceFeeSchedule(new Decimal(1_000_001), 0.01, '2024-01-31', 2, 1);
    expect(s).to.deep.equal([{ date: '2024-02-29', amount: 833.33 }, { date: '2024-03-31', amount: 1000834.33 }]);
  });
});

// ---------- bad input: every problem with its cell, nothing read ----------

const YUHANG_FILE = scenarioFiles().find((f) => f.endsWith('yuhang-abn-2023.json'))!;
const FUTIAN_FILE = scenarioFiles().find((f) => f.endsWith('futian-n-plus-1-2023.json'))!;

/** A tape made from a shipped deal's pool, then edited cell by cell as a user would in Excel. */
async function editedTape(file: string, edit: (ws: ExcelJS.Worksheet) => void, lang: 'en' | 'zh' = 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await poolTapeXlsx(lang, loadScenario(file).pool.obligors) as unknown as ArrayBuffer);
  edit(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
const problemsOf = async (bytes: Uint8Array, lang: 'en' | 'zh' = 'en', fileName = 'tape.xlsx') => {
  const r = await readPoolTape(bytes, { fileName });
  expect(r.ok, 'the tape should be refused').to.equal(false);
  return r.ok ? [] : formatTapeProblems(r.problems, lang);
};

describe('pool tape: bad cells are reported as sheet!A12: what is wrong (allowed)', function () {
  this.timeout(20_000);

  it('reports every bad cell at once: a formula, merged cells, a date as text, a negative amount, an unknown sector', async () => {
    const bytes = await editedTape(FUTIAN_FILE, (ws) => {
      ws.getCell('E3').value = { formula: 'E2*1.1', result: 16_500_000 };
      ws.mergeCells('B5:C5');
      ws.getCell('H4').value = '2023/8/5';
      ws.getCell('E6').value = -2_000_000;
      ws.getCell('C7').value = 'space tourism';
    });
    expect(await problemsOf(bytes)).to.deep.equal([
      'Pool!B5:C5: merged cells (unmerge them: one value per cell)',
      'Pool!E3: a formula (=E2*1.1) (enter the value itself: copy, then Paste Special → Values)',
      'Pool!H4: start date: a date written as text ("2023/8/5") (enter it as an Excel date: type 2023-06-01 in a cell formatted as a date)',
      'Pool!C5: sector is empty (required)',
      'Pool!E6: amount (CNY) must not be negative, got -2000000',
      `Pool!C7: sector: unknown sector "space tourism" (allowed: ${['smart IoT', 'new-generation IT', 'software'].join(', ')}, electronics, semiconductors, artificial intelligence, quantum technology, photonics, financial technology, digital creative industries, high-end equipment, robotics, marine equipment, aerospace, auto parts, new-energy vehicles, new energy, energy saving and environmental protection, new materials, fine chemicals, textile technology, smart appliances, biomedicine, medical devices, modern agriculture and seed industry, food technology, culture and media, consumer brands, other)`,
    ]);
  });

  it('says the same in Chinese, with the Chinese sheet, headers and allowed values', async () => {
    const bytes = await editedTape(FUTIAN_FILE, (ws) => {
      ws.getCell('E6').value = '-200万';
      ws.getCell('J2').value = 'fortnightly';
    }, 'zh');
    expect(await problemsOf(bytes, 'zh')).to.deep.equal([
      '资产池!J2: 付款频率：不允许“fortnightly”（允许：按月、按季、按半年、按年）',
      '资产池!E6: 金额（元）不得为负数，实为 -200万',
    ]);
  });

  it('reads amounts written with 万/亿, rates with %, LPR spreads, and a percentage-formatted cell as it shows', async () => {
    const bytes = await editedTape(FUTIAN_FILE, (ws) => {
      ws.getCell('E2').value = '1500万';
      ws.getCell('M2').value = '0.24亿';
      ws.getCell('F2').value = '4.2%';
      ws.getCell('F3').value = 'LPR1Y+80bp';
      ws.getCell('S2').value = 1.5; // typed into a % column: Excel stores 1.5 shown as 150% … as a user would not; our reader sees 150% → refused below
    });
    const r = await readPoolTape(bytes, { fileName: 'tape.xlsx' });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(formatTapeProblems(r.problems, 'en')).to.deep.equal(['Pool!S2: annual PD (%) must be between 0% and 100%, got 1.5']);
    const fixed = await editedTape(FUTIAN_FILE, (ws) => {
      ws.getCell('E2').value = '1500万';
      ws.getCell('M2').value = '0.24亿';
      ws.getCell('F2').value = '4.2%';
      ws.getCell('F3').value = 'LPR1Y+80bp';
      ws.getCell('S2').value = '1.5';
    });
    const ok = okResult(await readPoolTape(fixed, { fileName: 'tape.xlsx' }));
    const [a, b] = ok.obligors as unknown as Array<{ asset: Record<string, unknown>; ip: Record<string, unknown>; credit: { annualDefaultProbability: number } }>;
    expect(a!.asset.principal).to.equal(15_000_000);
    expect(a!.ip.appraisedValue).to.equal(24_000_000);
    expect(a!.asset.rate).to.deep.equal({ type: 'fixed', annualRate: 0.042 });
    expect(a!.credit.annualDefaultProbability).to.equal(0.015);
    expect(b!.asset.rate).to.deep.equal({ type: 'benchmark', benchmark: 'LPR1Y', spread: 0.008 });
  });

  it('refuses a file that is not a spreadsheet, an old .xls, a 50 MB file and a workbook that unpacks to far more than it weighs', async () => {
    expect(await problemsOf(Buffer.from('%PDF-1.7\n…'), 'en', 'pool.xlsx')).to.deep.equal(['pool.xlsx: pool.xlsx is not a spreadsheet (it looks like a PDF document); upload an Excel workbook (.xlsx) or a CSV file']);
    expect(await problemsOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'zh', 'logo.png')).to.deep.equal(['logo.png: logo.png 不是电子表格（看起来是PNG 图片）；请上传 Excel 工作簿（.xlsx）或 CSV 文件']);
    expect(await problemsOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'en', 'old.xls')).to.deep.equal(['old.xls: old.xls is an old Excel 97-2003 workbook (.xls); save it as an Excel workbook (.xlsx) or as CSV UTF-8 and upload that']);
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    expect(await problemsOf(big, 'en', 'big.csv')).to.deep.equal(['big.csv: big.csv is 50.0 MB, larger than a pool tape may be (at most 20.0 MB)']);
    // A real zip whose one entry claims 300 MB unpacked (the central directory is read, nothing unpacked).
    const bomb = await editedTape(YUHANG_FILE, () => undefined);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    let cd = -1;
    for (let i = bomb.length - 22; i >= 0; i--) if (view.getUint32(i, true) === 0x06054b50) { cd = view.getUint32(i + 16, true); break; }
    view.setUint32(cd + 24, 300 * 1024 * 1024, true);
    expect((await problemsOf(bomb, 'en', 'bomb.xlsx'))[0]).to.match(/^bomb\.xlsx: bomb\.xlsx unpacks to 30\d\.\d MB, more than a pool tape may \(at most 200\.0 MB\)$/);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GBK, dates as 2023/8/5) and refuses ambiguous dates', async () => {
    const csv = poolTapeCsv('zh', loadScenario(FUTIAN_FILE).pool.obligors).replace(/^\uFEFF/, '').replace(/2023-08-05/g, '2023/8/5');
    // GB18030 bytes, as Excel saves "CSV (逗号分隔)" there (Node has a GBK decoder but no encoder).
    const gbk = encodeGb18030(csv);
    const r = okResult(await readPoolTape(gbk, { fileName: '资产池.csv' }));
    expect(r.obligors).to.have.length(8);
    expect((r.obligors[0] as unknown as { sector: string }).sector).to.equal('biomedicine 生物医药');
    expect((r.obligors[0] as unknown as { asset: { startDate: string } }).asset.startDate).to.equal('2023-08-05');
    const ambiguous = Buffer.from(poolTapeCsv('en', loadScenario(FUTIAN_FILE).pool.obligors).replace('2023-08-05', '8/5/2023'), 'utf8');
    expect(await problemsOf(ambiguous, 'en', 'tape.csv')).to.deep.equal(['tape!H2: start date: "8/5/2023" could be day/month or month/day (write YYYY-MM-DD, such as 2023-06-01)']);
  });

  it('names a missing column once, an unknown column, and a duplicate id with the row it first appeared on', async () => {
    const bytes = await editedTape(YUHANG_FILE, (ws) => {
      ws.getCell('S1').value = 'default rate';
      ws.getCell('A3').value = 'firm-01';
    });
    expect(await problemsOf(bytes)).to.deep.equal([
      'Pool!S1: unknown column "default rate" (allowed: the headers of the template; start a header with # for a notes column)',
      'Pool!1: no "annual PD (%)" column (required: the header row must name it)',
      'Pool!A3: id: the id "firm-01" is already used on row 2 (ids must be unique)',
    ]);
  });

  it('says when a file is not a tape at all, in one line', async () => {
    expect(await problemsOf(Buffer.from('a,b,c\n1,2,3\n'), 'en', 'other.csv')).to.deep.equal(['other!1: row 1 is not a pool tape header: none of its cells names a column of the template (download the template and keep its header row)']);
  });
});

/** GB18030 (GBK) encoding for the test: the decoder is in every Node; build the table from it. */
function encodeGb18030(text: string): Uint8Array {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { displayWidth, neutralizeCell, safeCell, textTable, toCsv } from '../../models/format.js';
import { scheduleCsv } from '../../models/engine/schedule-table.js';
import { runExact } from '../../models/engine/exact.js';
import { loadScenario, scenarioFiles } from '../support/scenarios.js';
import { projectRoot } from '../../server/config.js';

describe('spreadsheet cells are neutralized against formula injection (CSV injection)', () => {
  const formulas = ['=1+1', '=HYPERLINK("http://evil.example","click")', '+1+1', '-1+1', '@SUM(A1:A2)', '\t=1', '\r=1', '\n=1', '−1+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', '-', '=', "-cmd|' /C calc'!A0"];
  for (const f of formulas) {
    it(`makes ${JSON.stringify(f)} text with a leading apostrophe`, () => {
      expect(neutralizeCell(f)).to.equal(`'${f}`);
    });
  }
  it('keeps ordinary text and plain numbers written as text as they are', () => {
    for (const s of ['Yuhang 2023 ABN', '余杭知识产权', '', '2024-01-10', '-1234.50', '+7', '1e-7', '-2.5E+3', '.5', "'already", ' =1+1']) {
      expect(neutralizeCell(s), s).to.equal(s);
    }
  });
  it('leaves numbers alone in safeCell (negative amounts stay numbers)', () => {
    expect(safeCell(-25_142.46)).to.equal(-25_142.46);
    expect(safeCell('=1')).to.equal("'=1");
  });
  it('writes a CSV whose formula cells are text, quoting as RFC 4180 asks', () => {
    const csv = toCsv(['name', '=head'], [['=HYPERLINK("x","y")', -3.5], ['a,b', '@x'], ['line\rbreak', '-12.30']]);
    expect(csv.split('\n')).to.deep.equal([
      "name,'=head",
      `"'=HYPERLINK(""x"",""y"")",-3.5`,
      `"a,b",'@x`,
      '"line\rbreak",-12.30',
      '',
    ]);
  });
  it('neutralizes the schedule CSV (every cell goes through toCsv)', () => {
    const report = runExact(loadScenario(scenarioFiles().find((f) => f.includes('yuhang'))!));
    const hostile = { ...report, totals: { ...report.totals, tranches: Object.fromEntries(Object.entries(report.totals.tranches).map(([, v]) => ['=1+1', v])) }, periods: report.periods.map((p) => ({ ...p, tranches: { '=1+1': Object.values(p.tranches)[0]! } })) };
    const header = scheduleCsv(hostile).split('\n')[0]!;
    expect(header).to.contain("'=1+1 interest");
    expect(header).to.not.match(/(^|,)=/);
  });

  it('every source file that writes CSV or XLSX uses the shared helper', () => {
    // A new export (a report, a comparison) that builds rows must go through toCsv / safeCell /
    // neutralizeCell; this finds files that write spreadsheets and checks they name one of them.
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') || p.endsWith('.js')) files.push(p);
      }
    };
    for (const d of ['models', 'server', 'cli']) walk(join(projectRoot, d));
    const writers = files.filter((p) => /addRow\(|addRows\(|getCell\(|text\/csv|\.csv['`]|xlsx\.write/.test(readFileSync(p, 'utf8')));
    expect(writers.length).to.be.greaterThan(1);
    for (const p of writers) {
      const src = readFileSync(p, 'utf8');
      expect(/\b(toCsv|safeCell|neutralizeCell|scheduleCsv)\b/.test(src), `${relative(projectRoot, p)} writes a spreadsheet without neutralizeCell/safeCell/toCsv`).to.equal(true);
    }
  });
});

describe('plain text tables line up in a terminal in Chinese as in English', () => {
  it('counts a Chinese character or full-width punctuation as two columns', () => {
    expect(displayWidth('AAA(sf)')).to.equal(7);
    expect(displayWidth('临界违约率')).to.equal(10);
    expect(displayWidth('评级（穆迪式）')).to.equal(14);
    expect(displayWidth('低于 BB(sf)')).to.equal(11);
  });

  it('pads a Chinese header and its numbers to the same width, so every column ends where the rule ends', () => {
    const text = textTable(['证券档次', '临界违约率', '自身评级'], [['senior', '16.02%', 'A-(sf)'], ['次级', '0.98%', '低于 BB(sf)']]);
    const lines = text.split('\n');
    // 证券档次 is 8 columns wide (wider than "senior"), 临界违约率 10, 低于 BB(sf) 11.
    expect(lines[1]).to.equal('--------  ----------  -----------');
    expect(lines.map(displayWidth)).to.deep.equal([33, 33, 33, 33]);
    expect(lines[2]).to.equal('senior        16.02%       A-(sf)');
    expect(lines[3]).to.equal('次级           0.98%  低于 BB(sf)');
  });
});

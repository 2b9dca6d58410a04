import { expect } from 'chai';
import { formatBp, formatChineseAmount, formatMoney, formatRate } from '../../models/format.js';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { projectRoot } from '../../server/config.js';
import { jsonForHtml, money } from '../../server/present/view-helpers.js';

interface BrowserFmt {
  formatMoney(x: number): string; formatChineseAmount(x: number): string; formatRate(r: number, d?: number): string; formatBp(r: number): string; money(x: number): string;
}

describe('number formatting for people (browser fmt.js mirrors models/format.ts)', () => {
  let b: BrowserFmt;
  before(async () => { b = (await import(pathToFileURL(resolve(projectRoot, 'public/js/fmt.js')).href)) as BrowserFmt; });

  const amounts = [0, 0.5, 1234.5, 9999.99, 10_000, 2_000_000, 133_000_000, 138_000_000, 1_487_000_000, -25_142.46, 174_000_000];
  it('gives the same money and 万/亿 text in the browser as on the server', () => {
    for (const x of amounts) {
      expect(b.formatMoney(x), String(x)).to.equal(formatMoney(x));
      expect(b.formatChineseAmount(x), String(x)).to.equal(formatChineseAmount(x));
      expect(b.money(x), String(x)).to.equal(money(x));
    }
    expect(b.money(133_000_000)).to.equal('133,000,000.00 (1.33亿)');
    expect(b.formatChineseAmount(2_000_000)).to.equal('200万');
  });
  it('gives the same % and bp text', () => {
    for (const r of [0, 0.027, 0.0179, 0.033836, 1]) expect(b.formatRate(r)).to.equal(formatRate(r));
    for (const r of [0.008, 0.018, 0.00005]) expect(b.formatBp(r)).to.equal(formatBp(r));
    expect(b.formatBp(0.008)).to.equal('80 bp');
  });
  it('makes JSON safe inside a script block', () => {
    const s = jsonForHtml({ a: '</script><script>alert(1)</script>&' });
    expect(s).to.not.contain('<');
    expect(JSON.parse(s)).to.deep.equal({ a: '</script><script>alert(1)</script>&' });
  });
});

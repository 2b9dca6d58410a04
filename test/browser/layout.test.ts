// Layout bugs found on the way (issue 14), each checked in a real browser: the run page's tranche
// table clipped at 1366 px ("Implied ratin"), the editor's tranche rows wrapping out of line, the
// library table and the deal diagram scrolling sideways on a phone, and the Futian diagram's box
// labels cut off.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { ARTIFACTS, browserSuite } from '../support/browser-suite.js';
import { YUHANG } from '../server/helpers.js';

describe('layout at desktop and phone widths (版式)', function () {
  this.timeout(90_000);
  const s = browserSuite();
  const url = (path: string) => `${s.app.baseUrl}${path}`;

  for (const lang of ['en', 'zh'] as const) {
    it(`shows the run page's whole tranche table at 1366 px (${lang})`, async () => {
      const page = s.page;
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(url(`/runs?deal=futian-n-plus-1-2023&lang=${lang}`));
      await page.fill('input[name=paths]', '4000');
      await page.click('#run-start');
      await page.locator('#results:not(.hidden)').waitFor({ timeout: 60_000 });
      const clipped = await page.locator('#tranche-results').evaluate((table) => {
        const wrap = table.parentElement!;
        const box = wrap.getBoundingClientRect();
        return { scrolls: wrap.scrollWidth > wrap.clientWidth + 1, cut: [...table.querySelectorAll('th')].filter((th) => th.getBoundingClientRect().right > box.right + 1).map((th) => th.textContent) };
      });
      expect(clipped).to.deep.equal({ scrolls: false, cut: [] });
      await page.locator('#tranche-results').screenshot({ path: resolve(ARTIFACTS, `run-tranches-1366-${lang}.png`) });
    });
  }

  it('keeps each of the editor\'s tranche rows on one line at 1366 px', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/deals/futian-n-plus-1-2023/edit'));
    await page.locator('#tranche-split tbody tr').first().waitFor();
    const rows = await page.locator('#tranche-split tbody tr').evaluateAll((trs) => trs.map((tr) => {
      const tops = [...tr.querySelectorAll('input')].map((i) => Math.round(i.getBoundingClientRect().top));
      return { inputs: tops.length, lines: new Set(tops).size };
    }));
    expect(rows).to.have.length(3);
    for (const r of rows) expect(r.lines, JSON.stringify(rows)).to.equal(1);
  });

  it('shows the library as cards and the diagram within the screen on a 390 px phone', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/'));
    await page.locator(`#library tr[data-id="${YUHANG}"]`).waitFor();
    const library = await page.locator('#library').evaluate((t) => ({ over: t.parentElement!.scrollWidth - t.parentElement!.clientWidth, label: getComputedStyle(t.querySelector('td[data-label]')!, '::before').content }));
    expect(library.over, 'the library table scrolls sideways').to.be.at.most(0);
    expect(library.label).to.equal('"Market"');
    for (const id of [YUHANG, 'futian-n-plus-1-2023']) {
      await page.goto(url(`/deals/${id}`));
      const over = await page.locator('.diagram-wrap').evaluate((w) => w.scrollWidth - w.clientWidth);
      expect(over, `${id}: the diagram scrolls sideways`).to.be.at.most(0);
      expect(await page.locator('a.diagram-full').isVisible()).to.equal(true);
    }
    await page.screenshot({ path: resolve(ARTIFACTS, 'phone-deal-diagram.png'), fullPage: true });
  });

  it('keeps the design page\'s lever names readable on a 390 px phone (the table scrolls in its box, the column does not shrink to two characters)', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/design?deal=futian-n-plus-1-2023&lang=zh'));
    await page.locator('#lever-table tbody tr').first().waitFor();
    const widths = await page.locator('#lever-table tbody td:nth-child(2)').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize)));
    expect(widths.length).to.be.greaterThan(3);
    // 优先级占比 (5 characters) fits on one line.
    for (const w of widths) expect(w, 'lever column width in em').to.be.at.least(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').to.be.at.most(390);
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`keeps every label of the Futian diagram inside its box, none cut off (${lang})`, async () => {
      const page = s.page;
      await page.goto(url(`/deals/futian-n-plus-1-2023?lang=${lang}`));
      const bad = await page.locator('svg.deal-diagram').evaluate((svg) => {
        const out: string[] = [];
        for (const g of svg.querySelectorAll('g.party')) {
          const rect = (g.querySelector('rect') as SVGRectElement).getBBox();
          for (const text of g.querySelectorAll('text')) {
            const b = (text as SVGTextElement).getBBox();
            if (text.textContent?.endsWith('…')) out.push(`cut: ${text.textContent}`);
            if (b.x < rect.x - 0.5 || b.x + b.width > rect.x + rect.width + 0.5) out.push(`overflows: ${text.textContent}`);
          }
        }
        return out;
      });
      expect(bad).to.deep.equal([]);
    });
  }
});

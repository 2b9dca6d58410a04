// The Rating 评级 section and the Learn page on TDR/BDR in headless Chromium: what a structurer sees
// on a deal page, after estimating the target default rates by Monte Carlo, on the run page and
// on the compare page; screenshots in test-artifacts/.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, type Listening } from '../server/helpers.js';
import { projectRoot } from '../../server/config.js';

const ARTIFACTS = resolve(projectRoot, 'test-artifacts');
const FUTIAN = 'futian-n-plus-1-2023';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('domestic rating in a browser (headless Chromium)', function () {
  this.timeout(60_000);
  let t: Listening;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await listen({ maxConcurrentRuns: 2 });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });

  it('the deal page shows each tranche\'s rating and a chart of BDR per scenario against the TDR lines; estimating the TDR by Monte Carlo replaces the provisional one', async () => {
    await page.goto(`${t.baseUrl}/deals/${FUTIAN}`);
    const box = page.locator('#rating-box[data-state="provisional"]');
    await box.waitFor();
    const rows = page.locator('#rating-table tbody tr');
    expect(await rows.count()).to.equal(3);
    expect(await rows.nth(0).innerText()).to.match(/senior\s+15\.00%\s+16\.0\d%\s+recovery-zero/);
    const chart = page.locator('#rating-chart');
    // 23 scenarios × 3 tranches of bars, and one TDR line per grade.
    expect(Number(await chart.getAttribute('data-points'))).to.equal(69);
    expect(Number(await chart.getAttribute('data-lines'))).to.equal(11);
    expect(await page.locator('#tdr-source').innerText()).to.contain('No Monte Carlo run of this pool yet');
    await page.locator('#rating').screenshot({ path: resolve(ARTIFACTS, 'rating-deal-provisional.png') });

    await page.click('#rating-estimate');
    await page.locator('#rating-box[data-state="simulated"]').waitFor({ timeout: 45_000 });
    expect(await page.locator('#tdr-source').innerText()).to.match(/Target default rates from Monte Carlo run run-\S+ \(20,000 paths, seed 1\)/);
    const senior = await page.locator('#rating-table tbody tr').nth(0).innerText();
    expect(senior).to.contain('AAA(sf)');
    expect(senior).to.contain('credit substitution');
    // The details: every scenario with its BDRs and words, the TDR table with Monte Carlo intervals.
    await page.click('#rating-details summary');
    expect(await page.locator('#bdr-table tbody tr').count()).to.be.at.least(20);
    expect(await page.locator('#bdr-table').innerText()).to.contain('20% of defaults moved into the first period + recoveries 30% lower');
    expect(await page.locator('#tdr-table tbody tr').nth(0).innerText()).to.match(/AAA\(sf\)\s+0\.100%\s+5\.00\s+\d+\.\d\d% \(\d+\.\d\d%–\d+\.\d\d%\)/);
    expect(await page.locator('#support-list').innerText()).to.contain('hti-undertaking');
    await page.locator('#rating').screenshot({ path: resolve(ARTIFACTS, 'rating-deal-simulated.png') });
  });

  it('the run page shows the rating of a finished base-case run, and the compare page each senior\'s rating and cushion', async () => {
    await page.goto(`${t.baseUrl}/runs?deal=${FUTIAN}`);
    await page.fill('input[name=paths]', '5000');
    await page.click('#run-start');
    await page.locator('#run-rating-section:not(.hidden) #rating-table').waitFor({ timeout: 45_000 });
    expect(await page.locator('#run-rating #tdr-source').innerText()).to.match(/5,000 paths/);
    await page.goto(`${t.baseUrl}/compare?ids=${FUTIAN},yuhang-abn-2023`);
    const row = page.locator('#compare-table tbody tr', { hasText: 'Senior domestic rating' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).to.contain('AAA(sf) (credit substitution; stand-alone');
    expect(await page.locator('#compare-table tbody tr', { hasText: 'Senior cushion' }).innerText()).to.match(/-?\d+\.\d\d% \(\d+\.\d\d% − \d+\.\d\d%\)/);
  });

  it('the Learn page works Futian\'s senior tranche through, in English and in Chinese, and fits a phone', async () => {
    await page.goto(`${t.baseUrl}/learn/rating`);
    expect(await page.locator('#rating-steps li').count()).to.equal(5);
    expect(await page.locator('#learn-breakeven tbody tr').count()).to.equal(4);
    expect(await page.locator('#learn-result').innerText()).to.match(/Domestic rating of the tranche: AAA\(sf\) \(credit substitution\)/);
    await page.screenshot({ path: resolve(ARTIFACTS, 'rating-learn.png'), fullPage: true });
    await page.goto(`${t.baseUrl}/learn/rating?lang=zh`);
    expect(await page.locator('h1').innerText()).to.equal('境内评级：目标违约率与临界违约率');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.baseUrl}/learn/rating`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wide, 'sideways scrolling at 390 px').to.be.at.most(0);
  });

  it('has no WCAG 2.1 A/AA violations that axe-core can find on the Learn page and the deal page\'s rating', async () => {
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    const problems: string[] = [];
    try {
      // On the deal page, the Rating section (the rest of the page is the web tests' business).
      for (const [path, ready, scope] of [['/learn/rating', '#learn-result', 'main'], [`/deals/${FUTIAN}`, '#rating-table', '#rating']] as const) {
        await p.goto(`${t.baseUrl}${path}`);
        await p.locator(ready).waitFor();
        await p.addScriptTag({ path: AXE });
        const found = await p.evaluate(async (within) => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
          const r = await axe.run(within, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return r.violations.map((v) => `${v.impact} ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }, scope);
        problems.push(...found.map((f) => `${path}: ${f}`));
      }
    } finally {
      await ctx.close();
    }
    expect(problems).to.deep.equal([]);
  });
});

// Browser tests of the reports area (headless Chromium): the run page's custom stress and
// sensitivity grid, runs kept across a restart, the pool tape upload and the PDF report.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, YUHANG, type Listening } from '../server/helpers.js';
import { projectRoot } from '../../server/config.js';

const ARTIFACTS = resolve(projectRoot, 'test-artifacts');

describe('reports in a browser: run page extras', function () {
  this.timeout(60_000);
  let t: Listening;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async function () {
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
  const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  it('runs a custom stress written as the CLI takes it (pd=3x,recovery=0.5x)', async () => {
    await page.goto(`${t.baseUrl}/runs?deal=${YUHANG}`);
    await page.fill('input[name=paths]', '2000');
    await page.selectOption('#run-stress', { label: 'custom…' });
    await page.locator('#custom-stress-box:not(.hidden)').waitFor();
    await page.fill('#custom-stress', 'pd=3x,recovery=0.5x');
    await page.click('#run-start');
    await page.locator('#results:not(.hidden)').waitFor({ timeout: 25_000 });
    expect(await page.locator('#pool-table tbody tr').first().innerText()).to.contain('2,000 / 1 / pd=3x,recovery=0.5x');
    expect(page.url()).to.match(/run=run-/);
  });

  it('says what is wrong with a custom stress and starts nothing', async () => {
    await page.goto(`${t.baseUrl}/runs?deal=${YUHANG}`);
    await page.selectOption('#run-stress', { label: 'custom…' });
    await page.fill('#custom-stress', 'pd=2x,lgd=3x');
    await page.click('#run-start');
    await page.locator('#run-error:not(.hidden)').waitFor();
    expect(await page.locator('#run-error').innerText()).to.equal('stress: unknown stress setting "lgd=3x" (allowed: pd=<multiplier>x, recovery=<multiplier>x, rho=<+/-shift>)');
  });

  it('computes the sensitivity grid with progress and shows every cell with its interval', async () => {
    await page.goto(`${t.baseUrl}/runs?deal=${YUHANG}`);
    await page.locator('#sens-tranche option').first().waitFor({ state: 'attached' });
    await page.fill('#sens-form input[name=pd]', '1,3');
    await page.fill('#sens-form input[name=rho]', '0.1,0.4');
    await page.fill('#sens-form input[name=paths]', '1000');
    await page.click('#sens-start');
    await page.locator('#sens-results:not(.hidden)').waitFor({ timeout: 30_000 });
    expect(await page.locator('#sens-text').innerText()).to.equal('Done: 4,000 paths');
    const cells = await page.locator('#sens-grid tbody td').allInnerTexts();
    expect(cells).to.have.length(4);
    for (const c of cells) expect(c).to.match(/^[\d.]+ bp ± [\d.]+ bp$/);
    const pool = await page.locator('#sens-pool tbody td[data-pd="3"][data-rho="0.4"]').getAttribute('data-value');
    const poolLow = await page.locator('#sens-pool tbody td[data-pd="1"][data-rho="0.4"]').getAttribute('data-value');
    expect(Number(pool)).to.be.greaterThan(Number(poolLow));
    expect(await page.locator('#sens-grid caption').innerText()).to.equal('Expected loss of tranche senior (± 95%), 1,000 paths per cell, seed 1');
    await page.locator('#sensitivity').screenshot({ path: resolve(ARTIFACTS, 'run-sensitivity.png') });
    // The grid can be reopened from its address.
    const url = page.url();
    expect(url).to.match(/grid=run-/);
    await page.goto(url);
    await page.locator('#sens-results:not(.hidden)').waitFor({ timeout: 10_000 });
    expect(await page.locator('#sens-grid tbody td').count()).to.equal(4);
  });

  it('shows the run page in Chinese with the grid and custom stress labels translated', async () => {
    await page.goto(`${t.baseUrl}/runs?deal=${YUHANG}&lang=zh`);
    expect(await page.locator('#sens-title').innerText()).to.equal('敏感性分析');
    expect(await page.locator('#run-stress option[data-custom]').innerText()).to.equal('自定义…');
    await shot('run-extras-zh');
  });
});

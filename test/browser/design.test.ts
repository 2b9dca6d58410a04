// The Design 设计 page in headless Chromium: a structurer picks Futian, turns three levers, runs the
// optimizer in the queue, reads the best design beside the shipped one and the frontier charts,
// and saves the best design as a new deal; screenshots in test-artifacts/.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, type Listening } from '../server/helpers.js';
import { projectRoot } from '../../server/config.js';

const ARTIFACTS = resolve(projectRoot, 'test-artifacts');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('the Design page in a browser (headless Chromium)', function () {
  this.timeout(180_000);
  let t: Listening;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await listen({ maxConcurrentRuns: 1 });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    // bypassCSP: to inject axe-core (the app's CSP allows only its own scripts).
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });

  it('optimizes Futian, shows the best design beside the shipped one and the frontier, and saves it as a new deal', async () => {
    await page.goto(`${t.baseUrl}/design?deal=futian-n-plus-1-2023&lang=en`);
    await page.locator('#lever-table tbody tr[data-lever="senior-share"]').waitFor();
    expect(await page.locator('#lever-table tbody tr').count()).to.equal(5);
    expect(await page.locator('#lever-table tbody tr[data-lever="senior-share"]').innerText()).to.contain('85.00%');
    await page.uncheck('input[name="on-mezzanine-split"]');
    await page.fill('input[name="min-senior-share"]', '80');
    await page.fill('input[name="max-senior-share"]', '90');
    await page.fill('input[name="min-undertaking"]', '1.2亿');
    await page.fill('#design-form input[name=paths]', '2000');
    await page.fill('#design-form input[name=points]', '2');
    await page.fill('#design-form input[name=refine]', '1');
    await page.click('#design-start');
    await page.locator('#design-results:not(.hidden), #design-error:not(.hidden)').first().waitFor({ timeout: 170_000 });
    expect(await page.locator('#design-error').getAttribute('class')).to.contain('hidden');
    expect(await page.locator('#design-message').innerText()).to.match(/^Best design: firms' cost \d+\.\d{3}% after subsidy, against \d+\.\d{3}% for the shipped design/);
    // The progress line and the result count the same candidates.
    const evaluated = /^(\d+) candidates evaluated$/.exec(await page.locator('#design-bar-text').innerText());
    expect(evaluated, 'progress line').to.not.equal(null);
    expect(await page.locator('#design-message').innerText()).to.contain(`(${evaluated![1]} candidates,`);
    const compare = await page.locator('#design-compare').innerText();
    expect(compare.match(/senior share/g)).to.have.length(1);
    expect(compare).to.contain('senior domestic rating');
    expect(compare).to.contain('AAA(sf)');
    expect(Number(await page.locator('#frontier-share').getAttribute('data-rendered'))).to.be.greaterThan(0);
    expect(Number(await page.locator('#frontier-capacity').getAttribute('data-rendered'))).to.be.greaterThan(0);
    await page.screenshot({ path: resolve(ARTIFACTS, 'design-futian.png'), fullPage: true });
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
      const r = await axe.run(globalThis.document, { runOnly: ['wcag2a', 'wcag2aa'] });
      return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id);
    });
    expect(violations).to.deep.equal([]);

    await page.fill('#design-save-id', 'futian-designed');
    await page.click('#design-save-btn');
    await page.locator('#design-saved a').waitFor();
    await page.click('#design-saved a');
    await page.waitForURL(/\/deals\/futian-designed$/);
    expect(await page.locator('h1').innerText()).to.contain('optimized design');
  });

  it('is in Chinese with ?lang=zh, and refuses a range the user typed wrong before sending anything', async () => {
    await page.goto(`${t.baseUrl}/design?deal=yuhang-abn-2023&lang=zh`);
    await page.locator('#lever-table tbody tr[data-lever="guarantee"]').waitFor();
    expect(await page.locator('h1').innerText()).to.contain('结构设计');
    await page.fill('input[name="min-guarantee"]', 'abc');
    await page.click('#design-start');
    expect(await page.locator('#design-error').innerText()).to.contain('担保额度，下限：须为数字');
    await page.fill('input[name="min-guarantee"]', '2亿');
    await page.fill('input[name="max-guarantee"]', '1亿');
    await page.click('#design-start');
    // Checked in the page, in the page's language, before anything is sent.
    expect(await page.locator('#design-error').innerText()).to.match(/^担保额度：下限 2(\.00)?亿元? 高于上限 1(\.00)?亿元?$/);

    await page.screenshot({ path: resolve(ARTIFACTS, 'design-yuhang-zh.png'), fullPage: true });
  });
});

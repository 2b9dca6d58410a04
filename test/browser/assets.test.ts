// The library grouped by asset model, in a real browser: one row group per model with its deals,
// each deal with the sources of its facts; the same page in Chinese.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, type Listening } from '../server/helpers.js';
import { projectRoot } from '../../server/config.js';

const ARTIFACTS = resolve(projectRoot, 'test-artifacts');

describe('asset models in a browser (headless Chromium)', function () {
  this.timeout(30_000);
  let t: Listening;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await listen({});
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); await t?.dispose(); });
  beforeEach(async () => { page = await browser.newPage({ viewport: { width: 1280, height: 900 } }); page.on('pageerror', (e) => errors.push(e.message)); });
  afterEach(async () => { await page.close(); expect(errors).to.deep.equal([]); });

  it('the library groups the deals by asset model and shows where each one\'s figures come from', async () => {
    await page.goto(`${t.baseUrl}/?lang=en`);
    await page.locator('#library tr.group-head').first().waitFor();
    const heads = await page.locator('#library tr.group-head').allTextContents();
    expect(heads).to.include.members(['Licence fees · 5', 'Pledged-IP micro-loans · 3', 'IP finance leases · 1', 'Entrusted and trust loans · 1']);
    // The lease deal sits under its model's heading, with its source.
    const lease = page.locator('#library tr[data-id="wenke-lease-2019"]');
    expect(await lease.locator('.source').textContent()).to.match(/^Source: DOMAIN\.md, "Real Chinese IP securitizations with public figures"/);
    const order = await page.locator('#library tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.model ?? (r as HTMLElement).dataset.id ?? ''));
    expect(order.indexOf('wenke-lease-2019')).to.equal(order.indexOf('finance-lease') + 1);
    await page.screenshot({ path: resolve(ARTIFACTS, 'library-by-asset-model.png'), fullPage: true });
  });

  it('in Chinese the groups carry the market\'s terms', async () => {
    await page.goto(`${t.baseUrl}/?lang=zh`);
    await page.locator('#library tr.group-head').first().waitFor();
    const heads = await page.locator('#library tr.group-head').allTextContents();
    expect(heads).to.include.members(['融资租赁模式 · 1', '委托贷款 / 信托贷款模式 · 1']);
  });
});

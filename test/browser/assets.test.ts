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
    expect(heads).to.include.members(['Licence fees · 5', 'Pledged-IP micro-loans · 4', 'IP finance leases · 1', 'Entrusted and trust loans · 1']);
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

  it('the editor edits a lease\'s financed amount and rate, a trust loan\'s rate, and scales a lease pool to a new issue size, staying valid', async () => {
    const post = await fetch(`${t.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'lease-edit', from: 'wenke-lease-2019' }) });
    expect(post.status).to.equal(201);
    await page.goto(`${t.baseUrl}/deals/lease-edit/edit?lang=en`);
    const valid = () => page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    await valid();
    type Lease = { financedAmount: number | string; deposit: number | string; handlingFee: number | string; rentals: { rate: { annualRate: number } } };
    const json = async () => JSON.parse(await page.locator('#json').inputValue()) as { pool: { obligors: Array<{ asset: Lease }> }; liabilities: { tranches: Array<{ balance: number | string }> } };
    const notes = async () => (await json()).liabilities.tranches.reduce((s, x) => s + Number(x.balance), 0);
    const pool = async () => (await json()).pool.obligors.reduce((s, o) => s + Number(o.asset.financedAmount), 0);
    // wk-01 leases 80,000,000 with a 4,000,000 deposit and a 800,000 handling fee; at 6,000万 they keep their proportion.
    await page.fill('input[data-role="obligor-amount"][data-index="0"]', '6000万');
    const a = (await json()).pool.obligors[0]!.asset;
    expect([a.financedAmount, a.deposit, a.handlingFee].map(Number)).to.deep.equal([60_000_000, 3_000_000, 600_000]);
    expect(await notes()).to.be.closeTo(713_000_000, 0.001);
    await valid();
    // A new issue size: every lease scales, the notes add up to the pool's funding.
    await page.fill('#split input[data-role="size"]', '8亿');
    expect(await pool()).to.be.closeTo(800_000_000, 0.001);
    expect(await notes()).to.be.closeTo(800_000_000, 0.001);
    await page.fill('input[data-path="pool.obligors.1.asset.rentals.rate.annualRate"]', '7.2');
    expect((await json()).pool.obligors[1]!.asset.rentals.rate.annualRate).to.equal(0.072);
    await valid();
    // A trust loan's rate and principal are cells of the same table.
    await page.goto(`${t.baseUrl}/deals/xinxin-factoring-2023-1/edit?lang=en`);
    await valid();
    expect(await page.locator('input[data-path="pool.obligors.0.asset.rate.annualRate"]').inputValue()).to.equal('3.9');
    expect(await page.locator('input[data-role="obligor-amount"][data-index="0"]').count()).to.equal(1);
  });
});

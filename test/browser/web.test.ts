// Browser tests in headless Chromium (found by test/support/browser.ts, driven by playwright-core):
// the main pages as a user meets them, with screenshots saved to test-artifacts/ for review.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { YUHANG } from '../server/helpers.js';
import { projectRoot } from '../../server/config.js';
import { ARTIFACTS, axeOnPage, browserSuite } from '../support/browser-suite.js';

const SEED_DEALS = [YUHANG, 'futian-n-plus-1-2023', 'ningbo-ecny-2024'];

describe('web app in a browser (headless Chromium)', function () {
  this.timeout(30_000);
  const s = browserSuite({ maxConcurrentRuns: 2 });
  const shot = (name: string) => s.page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  it('opens the library and lists the Yuhang ABN with its size and coupon', async () => {
    await s.page.goto(`${s.app.baseUrl}/`);
    const row = s.page.locator(`#library tr[data-id="${YUHANG}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).to.contain('Yuhang exclusive-licence IP ABN');
    expect(text).to.contain('1.33亿 CNY');
    expect(text).to.contain('2.70%');
    expect(text).to.contain('差额支付承诺');
    await shot('library');
  });

  it('opens a deal: diagram, tranche table, schedule table and a stacked chart with data', async () => {
    await s.page.goto(`${s.app.baseUrl}/deals/${YUHANG}`);
    await s.page.locator('#schedule-chart[data-rendered]').waitFor();
    expect(Number(await s.page.locator('#schedule-chart').getAttribute('data-rendered'))).to.be.greaterThan(2);
    expect(await s.page.locator('svg.deal-diagram .party').count()).to.be.greaterThan(5);
    expect(await s.page.locator('svg.deal-diagram').innerHTML()).to.contain('ABN trust');
    expect(await s.page.locator('#tranches tbody tr').count()).to.equal(1);
    expect(await s.page.locator('#schedule tbody tr').count()).to.equal(5);
    expect(await s.page.locator('#schedule tbody tr').first().innerText()).to.contain('905,128.77');
    // The diagram must fit its box without its own scroll bar at this width.
    const fits = await s.page.locator('.diagram-wrap').evaluate((e) => e.scrollWidth <= e.clientWidth + 1);
    expect(fits).to.equal(true);
    await shot('deal');
  });

  it('starts a Monte Carlo run and watches the progress bar move to the results', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
    await s.page.fill('input[name=paths]', '60000');
    // Record every value the progress bar takes.
    await s.page.evaluate(() => {
      const g = globalThis as unknown as { seen: number[] };
      g.seen = [];
      const bar = document.getElementById('progress') as HTMLProgressElement;
      new MutationObserver(() => g.seen.push(bar.value)).observe(bar, { attributes: true });
      setInterval(() => g.seen.push(bar.value), 20);
    });
    await s.page.click('#run-start');
    await s.page.locator('#results:not(.hidden)').waitFor({ timeout: 25_000 });
    const seen = await s.page.evaluate(() => (globalThis as unknown as { seen: number[] }).seen);
    expect(seen.some((v) => v > 0 && v < 1), `intermediate progress values: ${JSON.stringify([...new Set(seen)])}`).to.equal(true);
    expect(seen[seen.length - 1]).to.equal(1);
    expect(await s.page.locator('#progress-text').innerText()).to.equal('Done: 60,000 paths');
    expect(await s.page.locator('#tranche-results tbody tr').first().innerText()).to.match(/^senior \(senior\)/);
    expect(await s.page.locator('#loss-histogram').getAttribute('data-rendered')).to.equal('1');
    expect(await s.page.locator('#tranche-el').getAttribute('data-rendered')).to.equal('1');
    expect(await s.page.locator('#alloc-table tbody tr').count()).to.be.greaterThan(3);
    expect(await s.page.locator('#dl-csv').getAttribute('href')).to.match(/^\/api\/runs\/run-[a-z0-9]+-[0-9a-f]{8}\/result\.csv$/);
    expect(await s.page.locator('#chain-section').getAttribute('class'), 'Yuhang has no servicer or offshore leg').to.contain('hidden');
    await shot('run');
  });

  it('shows the servicer\'s commingling loss and the +1 leg\'s chain on a Futian run', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=futian-n-plus-1-2023`);
    await s.page.fill('input[name=paths]', '20000');
    await s.page.click('#run-start');
    await s.page.locator('#results:not(.hidden)').waitFor({ timeout: 25_000 });
    await s.page.locator('#chain-section:not(.hidden)').waitFor({ timeout: 5_000 });
    const rows = await s.page.locator('#chain-table tbody tr').allInnerTexts();
    expect(rows).to.have.length(4);
    expect(rows[0]).to.match(/^servicer hti-microloan: commingling loss\t\d+\.\d{3}%\t[\d,]+\.\d\d\t[\d,]+\.\d\d$/);
    expect(rows[1]).to.match(/^plus-one: offshore investors/);
    await s.page.locator('#chain-section').scrollIntoViewIfNeeded();
    await shot('run-futian-chain');
  });

  it('cancels a long run from the page', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
    await s.page.fill('input[name=paths]', '200000');
    await s.page.click('#run-start');
    await s.page.waitForFunction(() => (document.getElementById('progress') as HTMLProgressElement).value > 0, undefined, { timeout: 15_000 });
    await s.page.click('#run-cancel');
    await s.page.waitForFunction(() => document.getElementById('progress-text')?.textContent === 'Cancelled', undefined, { timeout: 10_000 });
    expect(await s.page.locator('#results').getAttribute('class')).to.contain('hidden');
  });

  it('compares deals with both charts drawn from data (the three seed deals when they are all shipped)', async () => {
    const seeds = SEED_DEALS.filter((id) => existsSync(resolve(projectRoot, 'scenarios', `${id}.json`)));
    let ids = seeds;
    if (seeds.length < 2) {
      await fetch(`${s.app.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'yuhang-compare-copy', from: YUHANG }) });
      ids = [YUHANG, 'yuhang-compare-copy'];
    }
    await s.page.goto(`${s.app.baseUrl}/compare?ids=${ids.join(',')}`);
    await s.page.locator('#cost-chart[data-points]').waitFor();
    await s.page.locator('#enhancement-chart[data-points]').waitFor();
    expect(Number(await s.page.locator('#cost-chart').getAttribute('data-points'))).to.be.at.least(ids.length);
    expect(Number(await s.page.locator('#enhancement-chart').getAttribute('data-points'))).to.be.at.least(ids.length);
    expect(await s.page.locator('#compare-table thead th').count()).to.equal(ids.length + 1);
    // The page starts no run by itself: a deal never run says so, with a button (issue 14).
    const seniorRow = s.page.locator('#compare-table tbody tr', { hasText: 'Senior expected loss' });
    const runsNow = async () => ((await (await fetch(`${s.app.baseUrl}/api/runs`)).json()) as { runs: Array<{ dealId: string; state: string; stress: string | null }> }).runs;
    const before = await runsNow();
    const neverRun = ids.filter((id) => !before.some((r) => r.dealId === id && r.state === 'done' && r.stress === null));
    expect(neverRun.length, 'a seed deal not run by the tests above').to.be.greaterThan(0);
    await s.page.waitForTimeout(500);
    expect(await runsNow(), 'runs started by opening the compare page').to.have.length(before.length);
    const cells = await seniorRow.locator('td').allInnerTexts();
    ids.forEach((id, i) => {
      if (neverRun.includes(id)) expect(cells[i], id).to.match(/^no run yet\s+Run 20,000 paths$/);
      else expect(cells[i], id).to.match(/bp.*paths\)/);
    });
    // Its button runs it; the figure fills in when the run ends.
    for (const b of await s.page.locator('button.run-one').all()) await b.click();
    await s.page.waitForFunction(() => {
      const row = [...document.querySelectorAll('#compare-table tbody tr')].find((tr) => tr.textContent?.includes('Senior expected loss'));
      return !!row && [...row.querySelectorAll('td')].every((td) => /bp.*paths\)/.test(td.textContent ?? ''));
    }, undefined, { timeout: 30_000 });
    for (const cell of await seniorRow.locator('td').allInnerTexts()) expect(cell).to.match(/^[\d.]+ bp( ± [\d.]+ bp)? \([\d,]+ paths\)(\n≤ [\d.]+ bp \(0 losses\))?$|^0 bp/);
    expect(await runsNow()).to.have.length(before.length + neverRun.length);
    await shot('compare');
  });

  it('shows the validator\'s error in the editor for a broken deal and refuses to save it', async () => {
    await fetch(`${s.app.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'edit-me', from: YUHANG }) });
    await s.page.goto(`${s.app.baseUrl}/deals/edit-me/edit`);
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    // Rates are typed in percent: 2700 (%) is a coupon of 27, which the validator refuses.
    await s.page.fill('input[data-path="liabilities.tranches.0.coupon.rate"]', '2700');
    await s.page.locator('#problems li', { hasText: 'liabilities.tranches[0].coupon.rate: must be between 0 and 1, got 27' }).waitFor();
    expect(await s.page.locator('#valid-status').innerText()).to.equal('1 problem');
    await s.page.click('#save');
    await s.page.locator('#save-status.bad').waitFor();
    expect(await s.page.locator('#save-status').innerText()).to.match(/^Not saved: deal is not valid: liabilities\.tranches\[0\]\.coupon\.rate: must be between 0 and 1, got 27/);
    await shot('editor-error');
    // Fixing it clears the old "Not saved" at once (issue 14: it stayed after the cause was fixed).
    await s.page.fill('input[data-path="liabilities.tranches.0.coupon.rate"]', '2.5');
    expect(await s.page.locator('#save-status').innerText()).to.equal('');
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    await s.page.click('#save');
    await s.page.locator('#save-status.ok').waitFor();
    expect(await s.page.locator('#save-status').innerText()).to.equal('Saved edit-me version 2.');
    const saved = await (await fetch(`${s.app.baseUrl}/api/deals/edit-me`)).json() as { deal: { liabilities: { tranches: Array<{ coupon: { rate: number } }> } } };
    expect(saved.deal.liabilities.tranches[0]!.coupon.rate).to.equal(0.025);
  });

  it('edits the tranche split as a % of the deal, amounts with 万/亿, fees and obligors in the forms', async () => {
    await fetch(`${s.app.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'split-me', from: 'futian-n-plus-1-2023' }) });
    await s.page.goto(`${s.app.baseUrl}/deals/split-me/edit`);
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    const json = async () => JSON.parse(await s.page.locator('#json').inputValue()) as {
      liabilities: { tranches: Array<{ id: string; balance: number | string }> };
      fees: Array<{ basis: { annualRate?: number } }>;
      pool: { obligors: Array<{ asset: { principal?: number | string } }> };
      enhancements: Array<{ capacity?: number | string }>;
    };
    const balances = async () => (await json()).liabilities.tranches.map((x) => Number(x.balance));
    expect(await balances()).to.deep.equal([127_500_000, 15_000_000, 7_500_000]);
    // The mezzanine at 12% of the 1.5亿 deal: 1,800万; the subordinated tranche takes up the rest.
    const mezzShare = s.page.locator('#tranche-split input[data-role="share"][data-index="1"]');
    await mezzShare.fill('12');
    expect(await balances()).to.deep.equal([127_500_000, 18_000_000, 4_500_000]);
    // A new issue size in 亿: every tranche keeps its share, and the pool is scaled so the notes still add up to it.
    await s.page.fill('#split input[data-role="size"]', '3亿');
    expect(await balances()).to.deep.equal([255_000_000, 36_000_000, 9_000_000]);
    const poolTotal = async () => (await json()).pool.obligors.reduce((sum, o) => sum + Number(o.asset.principal), 0);
    expect(await poolTotal()).to.be.closeTo(300_000_000, 0.001);
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    // A running fee at 0.05% a year, the undertaking's capacity and a loan's principal in 万.
    await s.page.fill('input[data-path="fees.0.basis.annualRate"]', '0.05');
    expect((await json()).fees[0]!.basis.annualRate).to.equal(0.0005);
    await s.page.fill('input[data-path="enhancements.0.capacity"]', '2.4亿');
    expect(Number((await json()).enhancements[0]!.capacity)).to.equal(240_000_000);
    await s.page.fill('input[data-role="obligor-amount"][data-index="0"]', '250万');
    expect(Number((await json()).pool.obligors[0]!.asset.principal)).to.equal(2_500_000);
    // The notes follow the pool: they still add up to its funding, each tranche keeping its share.
    const after = await balances();
    expect(after.reduce((a, b) => a + b, 0)).to.be.closeTo(await poolTotal(), 0.001);
    expect(after[0]! / (await poolTotal())).to.be.closeTo(0.85, 1e-6);
    // Text that is not a number is named and never reaches the JSON.
    await s.page.fill('input[data-path="fees.0.basis.annualRate"]', '0.05x');
    expect(await s.page.locator('#field-errors').innerText()).to.contain('is not a percentage (e.g. 2.7 for 2.7%)');
    expect((await json()).fees[0]!.basis.annualRate).to.equal(0.0005);
    await s.page.fill('input[data-path="fees.0.basis.annualRate"]', '0.05');
    expect(await s.page.locator('#field-errors').innerText()).to.equal('');
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    await shot('editor-split');
  });

  it('asks before leaving the editor with unsaved changes, and not after saving', async () => {
    await fetch(`${s.app.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'leave-me', from: YUHANG }) });
    await s.page.goto(`${s.app.baseUrl}/deals/leave-me/edit`);
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    expect(await s.page.locator('#id-hint').innerText()).to.contain('lower-case letters, digits');
    await s.page.click('input[data-path="meta.name"]');
    await s.page.keyboard.type(' v2');
    const dialogs: string[] = [];
    s.page.on('dialog', (d) => { dialogs.push(d.type()); void d.dismiss(); });
    await s.page.goto(`${s.app.baseUrl}/`).catch(() => undefined);
    expect(dialogs).to.deep.equal(['beforeunload']);
    expect(s.page.url(), 'dismissed: still in the editor').to.contain('/deals/leave-me/edit');
    // Saved: leaving asks nothing.
    await s.page.click('#save');
    await s.page.locator('#save-status.ok').waitFor();
    await s.page.goto(`${s.app.baseUrl}/`);
    expect(dialogs).to.deep.equal(['beforeunload']);
    expect(new URL(s.page.url()).pathname).to.equal('/');
  });

  it('sizes the guarantee on the size page and shows the required amount and guarantor figures', async () => {
    await s.page.goto(`${s.app.baseUrl}/size?deal=${YUHANG}`);
    await s.page.selectOption('#size-what', 'undertaking');
    await s.page.fill('#size-form input[name=paths]', '2000');
    await s.page.click('#size-start');
    await s.page.locator('#size-results:not(.hidden)').waitFor({ timeout: 20_000 });
    expect(await s.page.locator('#size-message').innerText()).to.match(/shortfall-undertaking capacity|undertaking/);
    expect(Number(await s.page.locator('#size-chart').getAttribute('data-rendered'))).to.be.greaterThan(1);
    expect(await s.page.locator('#trial-table tbody tr').count()).to.be.greaterThan(1);
    await shot('size');
  });

  it('walks one period of cash on the learn page', async () => {
    await s.page.goto(`${s.app.baseUrl}/learn/exclusive-licence-abn`);
    expect(await s.page.locator('#walk li.step').count()).to.equal(6);
    expect(await s.page.locator('#walk').innerText()).to.contain('Note interest 支付利息');
    await shot('learn');
  });

  it('shows the N+1 offshore chain and the e-CNY rail where the shipped scenarios have them', async function () {
    if (!existsSync(resolve(projectRoot, 'scenarios', 'futian-n-plus-1-2023.json')) || !existsSync(resolve(projectRoot, 'scenarios', 'ningbo-ecny-2024.json'))) this.skip();
    await s.page.goto(`${s.app.baseUrl}/deals/futian-n-plus-1-2023`);
    const svg = await s.page.locator('svg.deal-diagram').innerHTML();
    expect(svg).to.contain('+1 firm 企业 (onshore)');
    expect(svg).to.contain('跨境反担保');
    await shot('deal-futian');
    await s.page.goto(`${s.app.baseUrl}/learn/n-plus-1-cross-border`);
    expect(await s.page.locator('#leg-plus-one').innerText()).to.contain('foreign debt 外债');
    await shot('learn-n-plus-1');
    await s.page.goto(`${s.app.baseUrl}/deals/ningbo-ecny-2024`);
    expect(await s.page.locator('svg.deal-diagram').innerHTML()).to.contain('e-CNY rail 数字人民币');
    await s.page.goto(`${s.app.baseUrl}/learn/e-cny-issuance`);
    expect(await s.page.locator('#rail-note').innerText()).to.contain('e-CNY was cash (M0)');
    await shot('learn-e-cny');
  });

  it('fits a phone screen: no page scrolls sideways at 390 px (wide tables and the diagram scroll inside their boxes)', async function () {
    this.timeout(90_000);
    await s.page.setViewportSize({ width: 390, height: 844 });
    const wide: string[] = [];
    for (const path of ['/', `/deals/${YUHANG}`, '/deals/futian-n-plus-1-2023', `/deals/${YUHANG}/edit`, '/runs', '/size', `/compare?ids=${SEED_DEALS.join(',')}`, '/learn', '/learn/e-cny-issuance', '/learn/glossary', '/learn/calendar?year=2024&calendar=CN-EX', '/learn/rating', '/design', '/api', '/deals/futian-n-plus-1-2023/report']) {
      await s.page.goto(`${s.app.baseUrl}${path}`);
      await s.page.waitForLoadState('networkidle');
      const over = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 0) wide.push(`${path}: ${over} px too wide`);
    }
    expect(wide).to.deep.equal([]);
    await shot('phone-compare');
  });

  it('has no WCAG 2.1 A/AA violations that axe-core can find on the main pages, a finished run included', async function () {
    this.timeout(90_000);
    // axe-core is injected as a script, which the app's Content-Security-Policy rightly forbids: a
    // separate context bypasses CSP for the checker only.
    const ctx = await s.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    const problems: string[] = [];
    try {
      for (const path of ['/', `/deals/${YUHANG}`, `/deals/${YUHANG}/edit`, '/size', `/compare?ids=${SEED_DEALS.join(',')}`, '/learn', '/learn/exclusive-licence-abn', '/learn/glossary', '/learn/calendar', '/learn/rating', '/design', '/api', `/deals/${YUHANG}/report`]) {
        await p.goto(`${s.app.baseUrl}${path}`);
        await p.waitForLoadState('networkidle');
        problems.push(...(await axeOnPage(p, path)));
      }
      await p.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
      await p.fill('input[name=paths]', '5000');
      await p.click('#run-start');
      await p.locator('#results:not(.hidden)').waitFor({ timeout: 25_000 });
      problems.push(...(await axeOnPage(p, '/runs (results)')));
    } finally {
      await ctx.close();
    }
    expect(problems).to.deep.equal([]);
  });
});

// The Rating 评级 section and the Learn page on TDR/BDR in headless Chromium: what a structurer sees
// on a deal page, after estimating the target default rates by Monte Carlo, on the run page and
// on the compare page; screenshots in test-artifacts/.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { ARTIFACTS, axeViolations, browserSuite } from '../support/browser-suite.js';

const FUTIAN = 'futian-n-plus-1-2023';

describe('domestic rating in a browser (headless Chromium)', function () {
  this.timeout(60_000);
  const s = browserSuite({ maxConcurrentRuns: 2 });

  it('the deal page shows each tranche\'s rating and a chart of BDR per scenario against the TDR lines; estimating the TDR by Monte Carlo replaces the provisional one', async () => {
    await s.page.goto(`${s.app.baseUrl}/deals/${FUTIAN}`);
    const box = s.page.locator('#rating-box[data-state="provisional"]');
    await box.waitFor();
    const rows = s.page.locator('#rating-table tbody tr');
    expect(await rows.count()).to.equal(3);
    expect(await rows.nth(0).innerText()).to.match(/senior\s+15\.00%\s+16\.0\d%\s+recovery-zero/);
    const chart = s.page.locator('#rating-chart');
    // 23 scenarios × 3 tranches of bars, and one TDR line per grade.
    expect(Number(await chart.getAttribute('data-points'))).to.equal(69);
    expect(Number(await chart.getAttribute('data-lines'))).to.equal(11);
    expect(await s.page.locator('#tdr-source').innerText()).to.contain('No Monte Carlo run of this pool yet');
    await s.page.locator('#rating').screenshot({ path: resolve(ARTIFACTS, 'rating-deal-provisional.png') });

    await s.page.click('#rating-estimate');
    await s.page.locator('#rating-box[data-state="simulated"]').waitFor({ timeout: 45_000 });
    expect(await s.page.locator('#tdr-source').innerText()).to.match(/Target default rates from Monte Carlo run run-\S+ \(20,000 paths, seed 1\)/);
    const senior = await s.page.locator('#rating-table tbody tr').nth(0).innerText();
    expect(senior).to.contain('AAA(sf)');
    expect(senior).to.contain('credit substitution');
    // The details: every scenario with its BDRs and words, the TDR table with Monte Carlo intervals.
    await s.page.click('#rating-details summary');
    expect(await s.page.locator('#bdr-table tbody tr').count()).to.be.at.least(20);
    expect(await s.page.locator('#bdr-table').innerText()).to.contain('20% of defaults moved into the first period + recoveries 30% lower');
    expect(await s.page.locator('#tdr-table tbody tr').nth(0).innerText()).to.match(/AAA\(sf\)\s+0\.100%\s+5\.00\s+\d+\.\d\d% \(\d+\.\d\d%–\d+\.\d\d%\)/);
    expect(await s.page.locator('#support-list').innerText()).to.contain('hti-undertaking');
    await s.page.locator('#rating').screenshot({ path: resolve(ARTIFACTS, 'rating-deal-simulated.png') });
  });

  it('the Chinese deal page names each enhancement\'s kind in the market\'s term in the credit-substitution list, never by its English id', async () => {
    await s.page.goto(`${s.app.baseUrl}/deals/${FUTIAN}?lang=zh`);
    await s.page.locator('#rating-box[data-state]').waitFor();
    // The list sits in the closed details: read its text, not what is painted.
    const support = await s.page.locator('#support-list').evaluate((e) => e.textContent ?? '');
    expect(support).to.contain('senior：hti-undertaking（差额支付承诺）');
    expect(support).to.contain('mezzanine：hti-undertaking（差额支付承诺）');
    expect(support).to.not.contain('shortfall-undertaking');
    // The same words in the editor's enhancement headings.
    await s.page.goto(`${s.app.baseUrl}/deals/yuhang-abn-2023/edit?lang=zh`);
    const editor = s.page.locator('main');
    await editor.getByText('Two-tier guarantee of the undertaking (担保)').waitFor();
    const text = await editor.innerText();
    expect(text).to.contain('Shortfall-payment undertaking (差额支付承诺)');
    expect(text).to.not.match(/\((shortfall-undertaking|guarantee)\)/);
  });

  it('the deal page answers one break-even question: the mezzanine\'s BDR under a scenario as the table has it, and the senior\'s break-even recovery at a default rate typed in', async () => {
    await s.page.goto(`${s.app.baseUrl}/deals/${FUTIAN}`);
    await s.page.locator('#rating-box[data-state]').waitFor();
    const api = await s.page.evaluate(async (id) => (await fetch(`/api/deals/${id}/rating`)).json(), FUTIAN) as { rating: { tranches: Array<{ id: string; bdrByScenario: Record<string, number> }> } };
    const mezz = api.rating.tranches.find((x) => x.id === 'mezzanine')!.bdrByScenario['severe-combined']!;
    await s.page.click('#breakeven-ask summary');
    // The default rate is only asked for when something else is solved for.
    expect(await s.page.locator('label[for="breakeven-default-rate"]').isVisible()).to.equal(false);
    await s.page.selectOption('#breakeven-tranche', 'mezzanine');
    await s.page.selectOption('#breakeven-scenario', 'severe-combined');
    await s.page.click('#breakeven-form button[type=submit]');
    await s.page.locator('#breakeven-value').waitFor();
    expect(await s.page.locator('#breakeven-value').innerText()).to.contain(`BDR ${(mezz * 100).toFixed(2)}%: paid in full and on time up to this default rate`);
    expect(await s.page.locator('#breakeven-periods tbody tr').count()).to.equal(4);
    await s.page.selectOption('#breakeven-tranche', 'senior');
    await s.page.selectOption('#breakeven-vary', 'recovery');
    await s.page.selectOption('#breakeven-scenario', 'base');
    await s.page.fill('#breakeven-default-rate', '150');
    await s.page.click('#breakeven-form button[type=submit]');
    expect(await s.page.locator('#breakeven-answer [role=alert]').innerText()).to.contain('must be a percentage between 0 and 100, got "150"');
    await s.page.fill('#breakeven-default-rate', '20');
    await s.page.click('#breakeven-form button[type=submit]');
    await s.page.locator('#breakeven-value:has-text("recovery")').waitFor();
    expect(await s.page.locator('#breakeven-answer').innerText()).to.contain('Default rate held at 20.00% of the pool');
    expect(await s.page.locator('#breakeven-value').innerText()).to.match(/Break-even recovery \d+\.\d\d%: paid in full with at least this recovery/);
    await s.page.locator('#rating').screenshot({ path: resolve(ARTIFACTS, 'rating-deal-breakeven.png') });
  });

  it('keeps the break-even default rate\'s "%" on its input\'s line, on a desktop and on a 390 px phone', async () => {
    for (const [width, height] of [[1280, 900], [390, 844]] as const) {
      await s.page.setViewportSize({ width, height });
      await s.page.goto(`${s.app.baseUrl}/deals/${FUTIAN}?lang=zh`);
      await s.page.locator('#rating-box[data-state]').waitFor();
      await s.page.click('#breakeven-ask summary');
      await s.page.selectOption('#breakeven-vary', 'recovery');
      const at = await s.page.locator('#breakeven-default-rate').evaluate((input) => {
        const unit = input.nextSibling!;
        const r = document.createRange();
        r.selectNodeContents(unit);
        const u = r.getBoundingClientRect();
        const i = input.getBoundingClientRect();
        return { unit: unit.textContent, middle: (u.top + u.bottom) / 2, top: i.top, bottom: i.bottom, gap: u.left - i.right };
      });
      expect(at.unit, `${width} px`).to.equal('%');
      expect(at.middle, `${width} px: the % beside the box, not below it`).to.be.within(at.top, at.bottom);
      expect(at.gap, `${width} px`).to.be.within(0, 12);
      await s.page.locator('#breakeven-form').screenshot({ path: resolve(ARTIFACTS, `rating-breakeven-form-${width}.png`) });
    }
  });

  it('the run page shows the rating of a finished base-case run, and the compare page each senior\'s rating and cushion', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${FUTIAN}`);
    await s.page.fill('input[name=paths]', '5000');
    await s.page.click('#run-start');
    await s.page.locator('#run-rating-section:not(.hidden) #rating-table').waitFor({ timeout: 45_000 });
    expect(await s.page.locator('#run-rating #tdr-source').innerText()).to.match(/5,000 paths/);
    await s.page.goto(`${s.app.baseUrl}/compare?ids=${FUTIAN},yuhang-abn-2023`);
    const row = s.page.locator('#compare-table tbody tr', { hasText: 'Senior domestic rating' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).to.contain('AAA(sf) (credit substitution; stand-alone');
    expect(await s.page.locator('#compare-table tbody tr', { hasText: 'Senior cushion' }).innerText()).to.match(/-?\d+\.\d\d% \(\d+\.\d\d% − \d+\.\d\d%\)/);
  });

  it('the Learn page works Futian\'s senior tranche through, in English and in Chinese, and fits a phone', async () => {
    await s.page.goto(`${s.app.baseUrl}/learn/rating`);
    expect(await s.page.locator('#rating-steps li').count()).to.equal(5);
    expect(await s.page.locator('#learn-breakeven tbody tr').count()).to.equal(4);
    expect(await s.page.locator('#learn-result').innerText()).to.match(/Domestic rating of the tranche: AAA\(sf\) \(credit substitution\)/);
    await s.page.screenshot({ path: resolve(ARTIFACTS, 'rating-learn.png'), fullPage: true });
    await s.page.goto(`${s.app.baseUrl}/learn/rating?lang=zh`);
    expect(await s.page.locator('h1').innerText()).to.equal('境内评级：目标违约率与临界违约率');
    await s.page.setViewportSize({ width: 390, height: 844 });
    await s.page.goto(`${s.app.baseUrl}/learn/rating`);
    const wide = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wide, 'sideways scrolling at 390 px').to.be.at.most(0);
  });

  it('has no WCAG 2.1 A/AA violations that axe-core can find on the Learn page and the deal page\'s rating', async () => {
    // On the deal page, the Rating section (the rest of the page is the web tests' business).
    const problems = [
      ...await axeViolations(s.browser, `${s.app.baseUrl}/learn/rating`, '#learn-result'),
      ...await axeViolations(s.browser, `${s.app.baseUrl}/deals/${FUTIAN}`, '#rating-table', '#rating'),
    ];
    expect(problems).to.deep.equal([]);
  });
});

// The Design 设计 page in headless Chromium: a structurer picks Futian, turns three levers, runs the
// optimizer in the queue, reads the best design beside the shipped one and the frontier charts,
// and saves the best design as a new deal; screenshots in test-artifacts/.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { ARTIFACTS, axeOnPage, browserSuite } from '../support/browser-suite.js';

describe('the Design page in a browser (headless Chromium)', function () {
  this.timeout(180_000);
  // bypassCSP: axe-core is injected into the page the optimization finished in (the app's CSP allows only its own scripts).
  const s = browserSuite({ maxConcurrentRuns: 1 }, { viewport: { width: 1280, height: 1000 }, bypassCSP: true });

  it('optimizes Futian, shows the best design beside the shipped one and the frontier, and saves it as a new deal', async () => {
    await s.page.goto(`${s.app.baseUrl}/design?deal=futian-n-plus-1-2023&lang=en`);
    await s.page.locator('#lever-table tbody tr[data-lever="senior-share"]').waitFor();
    expect(await s.page.locator('#lever-table tbody tr').count()).to.equal(5);
    expect(await s.page.locator('#lever-table tbody tr[data-lever="senior-share"]').innerText()).to.contain('85.00%');
    await s.page.uncheck('input[name="on-mezzanine-split"]');
    await s.page.fill('input[name="min-senior-share"]', '80');
    await s.page.fill('input[name="max-senior-share"]', '90');
    await s.page.fill('input[name="min-undertaking"]', '1.2亿');
    await s.page.fill('#design-form input[name=paths]', '2000');
    await s.page.fill('#design-form input[name=points]', '2');
    await s.page.fill('#design-form input[name=refine]', '1');
    await s.page.click('#design-start');
    await s.page.locator('#design-results:not(.hidden), #design-error:not(.hidden)').first().waitFor({ timeout: 170_000 });
    expect(await s.page.locator('#design-error').getAttribute('class')).to.contain('hidden');
    expect(await s.page.locator('#design-message').innerText()).to.match(/^Best design: firms' cost \d+\.\d{3}% after subsidy, against \d+\.\d{3}% for the shipped design/);
    // The progress line and the result count the same candidates.
    const evaluated = /^(\d+) candidates evaluated$/.exec(await s.page.locator('#design-bar-text').innerText());
    expect(evaluated, 'progress line').to.not.equal(null);
    expect(await s.page.locator('#design-message').innerText()).to.contain(`(${evaluated![1]} candidates,`);
    const compare = await s.page.locator('#design-compare').innerText();
    expect(compare.match(/senior share/g)).to.have.length(1);
    expect(compare).to.contain('senior domestic rating');
    expect(compare).to.contain('AAA(sf)');
    expect(Number(await s.page.locator('#frontier-share').getAttribute('data-rendered'))).to.be.greaterThan(0);
    expect(Number(await s.page.locator('#frontier-capacity').getAttribute('data-rendered'))).to.be.greaterThan(0);
    await s.page.screenshot({ path: resolve(ARTIFACTS, 'design-futian.png'), fullPage: true });
    expect(await axeOnPage(s.page, '/design (results)', { tags: ['wcag2a', 'wcag2aa'], impacts: ['critical', 'serious'] })).to.deep.equal([]);

    await s.page.fill('#design-save-id', 'futian-designed');
    await s.page.click('#design-save-btn');
    await s.page.locator('#design-saved a').waitFor();
    await s.page.click('#design-saved a');
    await s.page.waitForURL(/\/deals\/futian-designed$/);
    expect(await s.page.locator('h1').innerText()).to.contain('optimized design');
  });

  it('is in Chinese with ?lang=zh, and refuses a range the user typed wrong before sending anything', async () => {
    await s.page.goto(`${s.app.baseUrl}/design?deal=yuhang-abn-2023&lang=zh`);
    await s.page.locator('#lever-table tbody tr[data-lever="guarantee"]').waitFor();
    expect(await s.page.locator('h1').innerText()).to.contain('结构设计');
    await s.page.fill('input[name="min-guarantee"]', 'abc');
    await s.page.click('#design-start');
    expect(await s.page.locator('#design-error').innerText()).to.contain('担保额度，下限：须为数字');
    await s.page.fill('input[name="min-guarantee"]', '2亿');
    await s.page.fill('input[name="max-guarantee"]', '1亿');
    await s.page.click('#design-start');
    // Checked in the page, in the page's language, before anything is sent.
    expect(await s.page.locator('#design-error').innerText()).to.match(/^担保额度：下限 2(\.00)?亿元? 高于上限 1(\.00)?亿元?$/);

    await s.page.screenshot({ path: resolve(ARTIFACTS, 'design-yuhang-zh.png'), fullPage: true });
  });
});

// The API reference page (/api) in a browser, in both languages: axe-core finds no WCAG 2.1 A/AA
// violation in the whole document; screenshots in test-artifacts/.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { ARTIFACTS, axeOnPage, browserSuite } from '../support/browser-suite.js';

describe('the API reference page in a browser (headless Chromium)', function () {
  this.timeout(120_000);
  // bypassCSP: axe-core is injected into the page itself (the app's CSP allows only its own scripts).
  const s = browserSuite({}, { bypassCSP: true });

  for (const [lang, heading] of [['en', 'Status codes'], ['zh', '状态码']] as const) {
    it(`${lang}: reads as a reference with its headings in ${lang}, and axe finds no WCAG 2.1 A/AA violation`, async () => {
      await s.page.goto(`${s.app.baseUrl}/api?lang=${lang}`);
      await s.page.locator('#status-codes').waitFor();
      expect(await s.page.locator('#status-codes').innerText()).to.equal(heading);
      expect(await s.page.locator('html').getAttribute('lang')).to.equal(lang === 'zh' ? 'zh-CN' : 'en');
      await s.page.screenshot({ path: resolve(ARTIFACTS, `api-docs-${lang}.png`) });
      await s.page.locator('#status-codes').scrollIntoViewIfNeeded();
      await s.page.evaluate(() => document.getElementById('status-codes')?.scrollIntoView());
      await s.page.screenshot({ path: resolve(ARTIFACTS, `api-docs-${lang}-status.png`) });
      expect(await axeOnPage(s.page, `/api?lang=${lang}`)).to.deep.equal([]);
    });
  }
});

// Browser checks of issue 10 (the firms' cost follows the structure): the editor warns as you type
// when the base case relies on enhancement, and the deal page shows both facts.
import { expect } from 'chai';
import { YUHANG } from '../server/helpers.js';
import { resolve } from 'node:path';
import { ARTIFACTS, browserSuite } from '../support/browser-suite.js';

describe('firms\' cost and self-funding in a browser (headless Chromium)', function () {
  this.timeout(30_000);
  const s = browserSuite();
  const shot = (name: string) => s.page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  it('the editor warns as you type that a 10% coupon relies on enhancement, and saving still works', async () => {
    await fetch(`${s.app.baseUrl}/api/deals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'ten-percent', from: YUHANG }) });
    await s.page.goto(`${s.app.baseUrl}/deals/ten-percent/edit`);
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    expect(await s.page.locator('#warnings li').count()).to.equal(0);
    // Rates are typed in percent in the editor's form.
    await s.page.fill('input[data-path="liabilities.tranches.0.coupon.rate"]', '10');
    await s.page.locator('#warnings li', { hasText: 'relies on enhancement in the base case: 8,877,749.99' }).waitFor();
    expect(await s.page.locator('#valid-status').innerText()).to.equal('Valid ✓ with 1 warning(s)');
    expect(await s.page.locator('#problems li').count()).to.equal(0);
    await shot('editor-warning');
    await s.page.click('#save');
    await s.page.locator('#save-status.ok').waitFor();
    await s.page.goto(`${s.app.baseUrl}/deals/ten-percent`);
    expect(await s.page.locator('#badge-reconciled').innerText()).to.equal('cash reconciled to the fen');
    expect(await s.page.locator('#badge-self-funding').innerText()).to.equal('relies on enhancement in the base case: 8,877,749.99');
    expect(await s.page.locator('#base-case-warnings').innerText()).to.contain('period 2 2023-09-18: undertaking 2,246,971.23');
    await shot('deal-relies-on-enhancement');
    // Back to 2.7%: the warning goes away as you type.
    await s.page.goto(`${s.app.baseUrl}/deals/ten-percent/edit`);
    await s.page.locator('#warnings li').first().waitFor();
    await s.page.fill('input[data-path="liabilities.tranches.0.coupon.rate"]', '2.7');
    await s.page.waitForFunction(() => document.getElementById('valid-status')?.textContent === 'Valid ✓');
    expect(await s.page.locator('#warnings li').count()).to.equal(0);
  });

  it('the compare page labels every cost before or after subsidy, baseline included, and says what separates firms and issuer', async () => {
    await s.page.goto(`${s.app.baseUrl}/compare?ids=futian-n-plus-1-2023,${YUHANG}`);
    await s.page.locator('#compare-table tbody tr').first().waitFor();
    await s.page.locator('#cost-chart[data-points]').waitFor();
    const rows = await s.page.locator('#compare-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
    const row = (label: string) => rows.find((r) => r[0] === label);
    expect(row('Pricing of the assets')![1]).to.equal('cost-plus: 4.2056% a year, the notes\' break-even 2.7556% + 145 bp margin (7 firm(s) pay a spread on top)');
    expect(row('Pricing of the assets')![2]).to.equal('fixed: the rates, rentals, licence fees or prices the deal gives');
    expect(row('Cost to the firms (all-in), before subsidy')!.slice(1)).to.deep.equal(['5.88%', '4.29%']);
    expect(row('Cost to the firms (all-in), after subsidy')!.slice(1)).to.deep.equal(['1.82%', '4.29%']);
    expect(row('Cost to the issuer (the notes, with their fees)')!.slice(1)).to.deep.equal(['5.16% (no subsidy applies)', '4.20% (no subsidy applies)']);
    // Futian's bank loan is subsidised too: 2.31% is after subsidy, 7.96% before (it is not below the LPR).
    expect(row('Bank-loan baseline (the firms\' alternative), before subsidy')!.slice(1)).to.deep.equal(['7.96%', '6.43% (assumed baseline)']);
    expect(row('Bank-loan baseline (the firms\' alternative), after subsidy')!.slice(1)).to.deep.equal(['2.31%', '6.43% (no subsidy applies)']);
    expect(row('What separates them')![1]).to.match(/^the firms pay the trust at cost-plus: .*; 144\.6 bp a year of that is excess spread returned to the subordinated holder; .*the subsidy takes 389\.6 bp a year off the firms\.$/);
    const costLabels = rows.map((r) => r[0] ?? '').filter((l) => /cost|baseline|saving/i.test(l) && !/issuer|Tranche|Senior/.test(l));
    expect(costLabels).to.have.length(6);
    for (const l of costLabels) expect(l).to.match(/, (before|after) subsidy$/);
    await shot('compare-costs');
  });
});

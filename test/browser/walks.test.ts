// The three users' main tasks walked in a real browser, in English and in Chinese, with a screenshot
// of every step in test-artifacts/walks/ (issue 14): the structurer (a deal from a template, its
// split in %, a pool uploaded from an XLSX, the schedule CSV with its BOM, a PDF report, a Monte
// Carlo run, a comparison, a rename), the guarantor (sizing with the figures at the current and the
// required capacity) and the student (a walkthrough, the glossary, the calendar). Then axe-core and a
// 390 px phone on the Chinese pages, as the English ones are checked in web.test.ts.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ARTIFACTS, axeViolations, browserSuite } from '../support/browser-suite.js';
import { pdfText } from '../support/pdf-text.js';
import { YUHANG } from '../server/helpers.js';

const WALKS = resolve(ARTIFACTS, 'walks');
const LANGS = ['en', 'zh'] as const;
type L = (typeof LANGS)[number];
/** What a step must show, in each language. */
const say = (lang: L, en: string, zh: string) => (lang === 'zh' ? zh : en);

describe('users\' main tasks in a browser, in English and in Chinese', function () {
  this.timeout(150_000);
  const s = browserSuite();
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-walks-'));
  before(() => mkdirSync(WALKS, { recursive: true }));
  const shot = (page: Page, name: string) => page.screenshot({ path: resolve(WALKS, `${name}.png`), fullPage: true });
  const url = (path: string) => `${s.app.baseUrl}${path}`;

  /** A two-firm pool tape as a structurer fills it in Excel (amounts in 万/亿 and yuan, rates in %), paying in time for the Futian notes. */
  async function tape(file: string): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pool');
    ws.addRow(['name', 'sector', 'asset type', 'amount (CNY)', 'rate (%)', 'start date', 'term (months)', 'payment frequency', 'licence', 'appraised IP value (CNY)', 'invention patents', 'utility-model patents', 'annual PD (%)', 'recovery (%)', 'recovery std. dev. (%)', 'recovery lag (months)']);
    ws.addRow(['Xihu Photonics', '光电', 'licence royalty', '8000万', 3.4, new Date(Date.UTC(2023, 7, 20)), 12, 'quarterly', 'exclusive', '1.1亿', 12, 20, 1, 30, 15, 12]);
    ws.addRow(['Qiantang Biotech', 'biomedicine', '许可费', 53_000_000, '3.4%', new Date(Date.UTC(2023, 7, 20)), 12, '按季', '独占许可', 70_000_000, 9, 4, 1.5, 30, 15, 12]);
    const path = join(dir, file);
    await wb.xlsx.writeFile(path);
    return path;
  }

  for (const lang of LANGS) {
    it(`structurer (${lang}): a deal from a template, its split in %, a pool from an XLSX, the CSV, a PDF report, a run, a comparison, a rename`, async () => {
      const page = s.page;
      const id = `walk-${lang}`;
      // The library, and a new deal from the Futian template.
      await page.goto(url(`/?lang=${lang}`));
      await page.locator(`#library tr[data-id="futian-n-plus-1-2023"]`).waitFor();
      expect(await page.locator('h1').innerText()).to.contain(say(lang, 'Deal library', '交易库'));
      expect(await page.locator('#library tr[data-id="futian-n-plus-1-2023"]').innerText()).to.contain(say(lang, '1.5亿 CNY', '1.5亿元'));
      await shot(page, `${lang}-structurer-1-library`);
      await page.fill('#create-form input[name=id]', id);
      expect(await page.locator('#create-from option[value="futian-n-plus-1-2023"]').innerText()).to.contain(say(lang, 'Futian Shenzhen-Hong Kong', '福田区深港跨境'));
      await page.selectOption('#create-from', 'futian-n-plus-1-2023');
      await page.click('#create-form button[type=submit]');
      await page.waitForURL(url(`/deals/${id}/edit`));
      await page.waitForFunction((v) => document.getElementById('valid-status')?.textContent === v, say(lang, 'Valid ✓', '有效 ✓'));
      // The mezzanine at 12% of the deal; the balances follow.
      await page.locator('#tranche-split input[data-role="share"][data-index="1"]').fill('12');
      await page.waitForFunction((v) => document.getElementById('valid-status')?.textContent === v, say(lang, 'Valid ✓', '有效 ✓'));
      await page.click('#save');
      await page.locator('#save-status.ok').waitFor();
      expect(await page.locator('#save-status').innerText()).to.equal(say(lang, `Saved ${id} version 2.`, `已保存 ${id} 版本 2。`));
      await shot(page, `${lang}-structurer-2-editor`);
      // The deal page: the diagram, the schedule and its CSV with a BOM for Excel, headers in the language.
      await page.goto(url(`/deals/${id}`));
      await page.locator('#schedule-chart[data-rendered]').waitFor();
      expect(await page.locator('#tranches tbody tr').nth(1).innerText()).to.contain(say(lang, '18,000,000.00 (1800万)', '1800万元'));
      expect(await page.locator('svg.deal-diagram').innerHTML()).to.contain(say(lang, 'Mezzanine 中间级: 1800万', '中间级：1800万'));
      expect(await page.locator('#schedule thead th').first().innerText()).to.equal(say(lang, 'period', '期次'));
      const csv = await page.evaluate(async (path) => [...new Uint8Array(await (await fetch(path)).arrayBuffer())], `/api/deals/${id}/schedule.csv`);
      expect(csv.slice(0, 3), 'UTF-8 BOM').to.deep.equal([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(Uint8Array.from(csv.slice(3)))).to.match(lang === 'zh' ? /^期次,日期,回收款,费用,senior 利息/ : /^period,date,collections,fees,senior interest/);
      await shot(page, `${lang}-structurer-3-deal`);
      // A pool uploaded from an XLSX made here: checked, then saved as a new deal.
      await page.setInputFiles('#tape-file', await tape(`two-firms-${lang}.xlsx`));
      await page.click('#tape-check');
      await page.locator('#tape-summary[data-state="checked"]').waitFor();
      // The notes follow the pool's 1.33亿, each tranche keeping its share of the deal.
      expect(await page.locator('#tape-result').innerText()).to.contain(say(lang, 'mezzanine: 18,000,000.00 → 15,960,000.00', 'mezzanine：18,000,000.00 → 15,960,000.00'));
      await page.fill('#tape-save-as', `${id}-tape`);
      await page.click('#tape-import');
      await page.locator('#tape-summary[data-state="saved"]').waitFor();
      await page.locator('#pool-tape').screenshot({ path: resolve(WALKS, `${lang}-structurer-4-pool-tape.png`) });
      expect((await (await fetch(url(`/api/deals/${id}-tape`))).json() as { deal: { pool: { obligors: unknown[] } } }).deal.pool.obligors).to.have.length(2);
      // The report as a PDF whose text carries the deal's own figures.
      const pdf = await page.evaluate(async (path) => [...new Uint8Array(await (await fetch(path)).arrayBuffer())], `/api/deals/${id}/report.pdf`);
      const { text } = await pdfText(Uint8Array.from(pdf));
      expect(text).to.contain(say(lang, 'Deal report', '交易报告'));
      expect(text).to.contain('874,160.96'); // the senior's first interest, to the fen
      // A Monte Carlo run whose loss allocation adds up.
      await page.goto(url(`/runs?deal=${id}`));
      await page.fill('input[name=paths]', '5000');
      await page.click('#run-start');
      await page.locator('#results:not(.hidden)').waitFor({ timeout: 60_000 });
      expect(await page.locator('#progress-text').innerText()).to.equal(say(lang, 'Done: 5,000 paths', '已完成：5,000 条路径'));
      const totals = await page.locator('#alloc-table tr.total td.num:nth-child(2)').allInnerTexts();
      expect(totals).to.have.length(2);
      expect(totals[0], 'what the trust lacked = what the bearers bore').to.equal(totals[1]);
      const borne = await page.locator('#alloc-table tbody tr').evaluateAll((rows) => {
        let inBearers = false; let sum = 0;
        for (const r of rows) {
          if (r.classList.contains('group')) { inBearers = r.textContent !== rows[0]!.textContent; continue; }
          if (inBearers && !r.classList.contains('total')) sum += Number(r.children[1]!.textContent!.replace(/,/g, ''));
        }
        return sum;
      });
      expect(borne).to.be.closeTo(Number(totals[1]!.replace(/,/g, '')), 0.05 * 8);
      await shot(page, `${lang}-structurer-5-run`);
      // A comparison with Yuhang that starts nothing until asked: a deal never run offers a button.
      const runsNow = async () => ((await (await fetch(url('/api/runs'))).json()) as { runs: unknown[] }).runs.length;
      const before = await runsNow();
      await page.goto(url(`/compare?ids=${id},${YUHANG}`));
      await page.locator('#compare-table tbody tr').first().waitFor();
      await page.waitForTimeout(300);
      expect(await runsNow(), 'runs started by opening the page').to.equal(before);
      const seniorLabel = say(lang, 'Senior expected loss', '优先级预期损失');
      for (const button of await page.locator('button.run-one').all()) {
        expect(await button.innerText()).to.equal(say(lang, 'Run 20,000 paths', '模拟 20,000 条路径'));
        await button.click();
      }
      await page.waitForFunction((label) => {
        const row = [...document.querySelectorAll('#compare-table tbody tr')].find((tr) => tr.textContent?.includes(label));
        return !!row && [...row.querySelectorAll('td')].every((td) => / bp/.test(td.textContent ?? ''));
      }, seniorLabel, { timeout: 60_000 });
      await shot(page, `${lang}-structurer-6-compare`);
      // Renamed: a new name and id, the history kept.
      await page.goto(url(`/deals/${id}`));
      await page.fill('#rename-form input[name=name]', say(lang, 'Futian walk, renamed', '福田演练（改名）'));
      await page.fill('#rename-form input[name=id]', `${id}-renamed`);
      await page.click('#rename-form button[type=submit]');
      await page.waitForURL(url(`/deals/${id}-renamed`));
      expect(await page.locator('h1').innerText()).to.equal(say(lang, 'Futian walk, renamed', '福田演练（改名）'));
      const hist = await (await fetch(url(`/api/deals/${id}-renamed/history`))).json() as { versions: unknown[] };
      expect(hist.versions).to.have.length(3);
      await shot(page, `${lang}-structurer-7-renamed`);
    });

    it(`guarantor (${lang}): sizes a guarantee and reads its figures at the required and at the current capacity`, async () => {
      const page = s.page;
      await page.goto(url(`/size?deal=${YUHANG}&lang=${lang}`));
      expect(await page.locator('#size-form input[name=paths]').inputValue()).to.equal('20000');
      await page.selectOption('#size-what', 'undertaking');
      await page.selectOption('#size-target-kind', 'probability-of-loss');
      await page.fill('#size-form input[name=maxPct]', '2');
      await page.fill('#size-form input[name=paths]', '3000');
      await page.fill('#size-form input[name=tolerance]', '5万');
      await page.click('#size-start');
      await page.locator('#size-results:not(.hidden)').waitFor({ timeout: 90_000 });
      const summary = await page.locator('#size-summary').innerText();
      expect(summary).to.contain(say(lang, 'senior probability of loss at the required amount', '所需规模下senior 发生损失的概率'));
      // The fee basis and the recoveries, then where the load goes.
      const g = await page.locator('#guarantor-table').innerText();
      expect(g).to.contain(say(lang, 'the scheduled balance of senior', '按 senior 的计划余额'));
      expect(g).to.contain(say(lang, 'not counted: the fee is a floor', '未计入：该费率为下限'));
      expect(await page.locator('#guarantor-table thead th').last().innerText()).to.contain(say(lang, 'At the deal\'s current 140,000,000.00 (1.4亿)', '交易当前 1.4亿元 下'));
      expect(await page.locator('#layers').innerText()).to.contain(say(lang, 'Sizing shortfall-undertaking capacity moves load onto other layers', '测算差额支付承诺额度会把损失转移到其他层'));
      await shot(page, `${lang}-guarantor-1-undertaking`);
      // A guarantee no cap can take to Aaa: unreachable, with the figures at the current cap (issue 14).
      await page.goto(url('/size?deal=ningbo-ecny-2024'));
      await page.selectOption('#size-what', 'bank-guarantee');
      await page.selectOption('select[name=rating]', 'Aaa');
      // The page's 20,000 paths: the senior's loss floor (the bank failing with the pool) is ~0.003%,
      // six times the Aaa target; a 5,000-path sample can hold too few senior losses to show it.
      await page.click('#size-start');
      await page.locator('#size-results:not(.hidden)').waitFor({ timeout: 90_000 });
      expect(await page.locator('#size-message').innerText()).to.match(lang === 'zh' ? /^无法达到目标/ : /^target unreachable/);
      expect(await page.locator('#guarantor-note').innerText()).to.contain(say(lang, 'figures below are at the deal\'s current amount', '以下为交易当前金额下的数据'));
      expect(await page.locator('#guarantor-table').innerText()).to.not.contain(say(lang, 'only for a capacity lever', '仅适用于额度类增信'));
      await shot(page, `${lang}-guarantor-2-unreachable`);
      // Subordination for the mezzanine: named as the mezzanine's, and unreachable (not "met" at 0.01 yuan).
      await page.goto(url('/size?deal=futian-n-plus-1-2023'));
      await page.selectOption('#size-what', 'mezzanine');
      await page.selectOption('select[name=rating]', 'Aaa');
      await page.fill('#size-form input[name=paths]', '5000');
      await page.click('#size-start');
      await page.locator('#size-results:not(.hidden)').waitFor({ timeout: 90_000 });
      const sub = await page.locator('#size-summary').innerText();
      expect(sub).to.contain(say(lang, 'mezzanine expected loss at the largest amount tried', '最大试算金额下mezzanine 的预期损失'));
      expect(sub).to.not.match(/Senior expected loss/i);
      expect(sub).to.contain(say(lang, 'unreachable', '无法达到'));
      await shot(page, `${lang}-guarantor-3-mezzanine`);
    });

    it(`student (${lang}): a structure walked through one period, the glossary and the calendar`, async () => {
      const page = s.page;
      await page.goto(url(`/learn?lang=${lang}`));
      await shot(page, `${lang}-student-1-learn`);
      await page.click('a[href="/learn/exclusive-licence-abn"]');
      await page.locator('#walk li.step').first().waitFor();
      expect(await page.locator('#walk').innerText()).to.contain(say(lang, 'Note interest 支付利息', '支付利息'));
      expect(await page.locator('#walk').innerText()).to.contain('133,000,000.00 × 2.70% × 92/365 = 905,128.77');
      await page.click('nav.periods a:text("2")');
      await page.waitForURL(/period=2/);
      expect(await page.locator('body').innerText()).to.contain(say(lang, 'period 2 of 4', '第 2 期（共 4 期）'));
      await shot(page, `${lang}-student-2-walkthrough`);
      await page.goto(url('/learn/glossary'));
      expect(await page.locator('#glossary').innerText()).to.contain(say(lang, 'A promise to pay whatever the trust lacks', '承诺在兑付日补足信托不足以支付'));
      await shot(page, `${lang}-student-3-glossary`);
      await page.goto(url('/learn/calendar?year=2024&calendar=CN-EX'));
      expect(await page.locator('#calendar-table').innerText()).to.contain(say(lang, 'makeup-workday', '调休上班'));
      await shot(page, `${lang}-student-4-calendar`);
    });
  }

  const PAGES = ['/', `/deals/${YUHANG}`, '/deals/futian-n-plus-1-2023', `/deals/${YUHANG}/edit`, '/runs', '/size', `/compare?ids=${YUHANG},futian-n-plus-1-2023,ningbo-ecny-2024`, '/learn', '/learn/exclusive-licence-abn', '/learn/e-cny-issuance', '/learn/glossary', '/learn/calendar?year=2024&calendar=CN-EX', '/learn/rating', '/design', '/api', '/deals/futian-n-plus-1-2023/report'];
  /** What to wait for and what to check: the report is a whole document of its own, with no <main>. */
  const axeScope = (path: string): [string, string] => (path.endsWith('/report') ? ['#report-title', 'body'] : ['main', 'main']);

  it('has no WCAG 2.1 A/AA violations that axe-core can find on the Chinese pages', async () => {
    const problems: string[] = [];
    for (const path of PAGES) problems.push(...await axeViolations(s.browser, url(`${path}${path.includes('?') ? '&' : '?'}lang=zh`), ...axeScope(path)));
    expect(problems).to.deep.equal([]);
  });

  it('fits a 390 px phone in Chinese: no page scrolls sideways', async () => {
    const page = s.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/?lang=zh'));
    const wide: string[] = [];
    for (const path of PAGES) {
      await page.goto(url(path));
      await page.waitForLoadState('networkidle');
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 0) wide.push(`${path}: ${over} px too wide`);
    }
    expect(wide).to.deep.equal([]);
    await page.goto(url('/deals/futian-n-plus-1-2023'));
    await shot(page, 'zh-phone-deal');
  });
});

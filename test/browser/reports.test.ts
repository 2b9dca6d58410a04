// Browser tests of the reports area (headless Chromium): the run page's custom stress and
// sensitivity grid, runs kept across a restart, the pool tape upload and the PDF report.
import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, YUHANG, type Listening } from '../server/helpers.js';
import { pdfText } from '../support/pdf-text.js';
import { ARTIFACTS, browserSuite } from '../support/browser-suite.js';

describe('reports in a browser: run page extras', function () {
  this.timeout(60_000);
  const s = browserSuite({ maxConcurrentRuns: 2 });
  const shot = (name: string) => s.page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  it('runs a custom stress written as the CLI takes it (pd=3x,recovery=0.5x)', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
    await s.page.fill('input[name=paths]', '2000');
    await s.page.selectOption('#run-stress', { label: 'custom…' });
    await s.page.locator('#custom-stress-box:not(.hidden)').waitFor();
    await s.page.fill('#custom-stress', 'pd=3x,recovery=0.5x');
    await s.page.click('#run-start');
    await s.page.locator('#results:not(.hidden)').waitFor({ timeout: 25_000 });
    expect(await s.page.locator('#pool-table tbody tr').first().innerText()).to.contain('2,000 / 1 / pd=3x,recovery=0.5x');
    expect(s.page.url()).to.match(/run=run-/);
  });

  it('says what is wrong with a custom stress and starts nothing', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
    await s.page.selectOption('#run-stress', { label: 'custom…' });
    await s.page.fill('#custom-stress', 'pd=2x,lgd=3x');
    await s.page.click('#run-start');
    await s.page.locator('#run-error:not(.hidden)').waitFor();
    expect(await s.page.locator('#run-error').innerText()).to.equal('stress: unknown stress setting "lgd=3x" (allowed: pd=<multiplier>x, recovery=<multiplier>x, rho=<+/-shift>)');
  });

  it('computes the sensitivity grid with progress and shows every cell with its interval', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}`);
    await s.page.locator('#sens-tranche option').first().waitFor({ state: 'attached' });
    await s.page.fill('#sens-form input[name=pd]', '1,3');
    await s.page.fill('#sens-form input[name=rho]', '0.1,0.4');
    await s.page.fill('#sens-form input[name=paths]', '1000');
    await s.page.click('#sens-start');
    await s.page.locator('#sens-results:not(.hidden)').waitFor({ timeout: 30_000 });
    expect(await s.page.locator('#sens-text').innerText()).to.equal('Done: 4,000 paths');
    const cells = await s.page.locator('#sens-grid tbody td').allInnerTexts();
    expect(cells).to.have.length(4);
    for (const c of cells) expect(c).to.match(/^[\d.]+ bp ± [\d.]+ bp$/);
    const pool = await s.page.locator('#sens-pool tbody td[data-pd="3"][data-rho="0.4"]').getAttribute('data-value');
    const poolLow = await s.page.locator('#sens-pool tbody td[data-pd="1"][data-rho="0.4"]').getAttribute('data-value');
    expect(Number(pool)).to.be.greaterThan(Number(poolLow));
    expect(await s.page.locator('#sens-grid caption').innerText()).to.equal('Expected loss of tranche senior (± 95%), 1,000 paths per cell, seed 1');
    await s.page.locator('#sensitivity').screenshot({ path: resolve(ARTIFACTS, 'run-sensitivity.png') });
    // The grid can be reopened from its address.
    const url = s.page.url();
    expect(url).to.match(/grid=run-/);
    await s.page.goto(url);
    await s.page.locator('#sens-results:not(.hidden)').waitFor({ timeout: 10_000 });
    expect(await s.page.locator('#sens-grid tbody td').count()).to.equal(4);
  });

  it('shows the run page in Chinese with the grid and custom stress labels translated', async () => {
    await s.page.goto(`${s.app.baseUrl}/runs?deal=${YUHANG}&lang=zh`);
    expect(await s.page.locator('#sens-title').innerText()).to.equal('敏感性分析');
    expect(await s.page.locator('#run-stress option[data-custom]').innerText()).to.equal('自定义…');
    await shot('run-extras-zh');
  });
});

describe('reports in a browser: pool tape upload on the deal page', function () {
  this.timeout(60_000);
  const s = browserSuite();
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-tape-browser-'));

  /** A pool tape as a user would build it in Excel: English headers, two licence-fee firms. */
  async function makeTape(file: string, edit: (ws: ExcelJS.Worksheet) => void = () => undefined): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Pool');
    ws.addRow(['name', 'sector', 'asset type', 'amount (CNY)', 'rate (%)', 'start date', 'term (months)', 'payment frequency', 'licence', 'appraised IP value (CNY)', 'invention patents', 'utility-model patents', 'annual PD (%)', 'recovery (%)', 'recovery std. dev. (%)', 'recovery lag (months)']);
    ws.addRow(['Xihu Photonics', '光电', 'licence royalty', '8000万', 3.4, new Date(Date.UTC(2023, 2, 1)), 12, 'quarterly', 'exclusive', '1.1亿', 12, 20, 1, 30, 15, 12]);
    ws.addRow(['Qiantang Biotech', 'biomedicine', '许可费', 53_000_000, '3.4%', new Date(Date.UTC(2023, 2, 1)), 12, '按季', '独占许可', 70_000_000, 9, 4, 1.5, 30, 15, 12]);
    edit(ws);
    const path = join(dir, file);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('uploads a pool from an XLSX made in the test: checks it, saves it as a new deal, and the deal shows the new pool', async () => {
    const tape = await makeTape('two-firms.xlsx');
    await s.page.goto(`${s.app.baseUrl}/deals/${YUHANG}`);
    await s.page.setInputFiles('#tape-file', tape);
    await s.page.click('#tape-check');
    await s.page.locator('#tape-summary[data-state="checked"]').waitFor();
    // 8000万 + 53,000,000 = Yuhang's 133,000,000: the senior note keeps its size.
    expect(await s.page.locator('#tape-summary').innerText()).to.equal('The tape is valid: 2 firms or assets; the trust would pay 133,000,000.00 CNY for the pool. Nothing was saved.');
    await s.page.fill('#tape-save-as', 'yuhang-two-firms');
    await s.page.click('#tape-import');
    await s.page.locator('#tape-summary[data-state="saved"]').waitFor();
    expect(await s.page.locator('#tape-summary').innerText()).to.contain('Imported 2 firms or assets into yuhang-two-firms (version 1)');
    await s.page.locator('#pool-tape').screenshot({ path: resolve(ARTIFACTS, 'pool-tape-upload.png') });
    await s.page.click('#tape-open');
    await s.page.waitForURL(`${s.app.baseUrl}/deals/yuhang-two-firms`);
    const deal = await (await fetch(`${s.app.baseUrl}/api/deals/yuhang-two-firms`)).json() as { deal: { pool: { obligors: Array<{ name: string; sector: string; asset: { payments: Array<{ amount: number }> } }> } } };
    expect(deal.deal.pool.obligors.map((o) => [o.name, o.sector])).to.deep.equal([['Xihu Photonics', 'photonics 光电'], ['Qiantang Biotech', 'biomedicine 生物医药']]);
    // 80,000,000 × 3.4% / 4 = 680,000 a quarter; the purchase price comes back with the last fee.
    expect(deal.deal.pool.obligors[0]!.asset.payments.map((p) => p.amount)).to.deep.equal([680000, 680000, 680000, 80680000]);
    expect(await s.page.locator('#schedule tbody tr').count()).to.be.greaterThan(1);
  });

  it('lists every bad cell of an uploaded XLSX in Chinese and saves nothing', async () => {
    const tape = await makeTape('bad.xlsx', (ws) => {
      ws.getCell('D2').value = -80_000_000;
      ws.getCell('D3').value = { formula: 'D2*0.5', result: -40_000_000 };
      ws.getCell('B3').value = '太空旅游';
    });
    await s.page.goto(`${s.app.baseUrl}/deals/${YUHANG}?lang=zh`);
    await s.page.setInputFiles('#tape-file', tape);
    await s.page.fill('#tape-save-as', 'never-saved');
    await s.page.click('#tape-import');
    await s.page.locator('#tape-summary[data-state="refused"]').waitFor();
    const items = await s.page.locator('#tape-problems li').allInnerTexts();
    expect(items[0]).to.equal('Pool!D2: 金额（元）不得为负数，实为 -80000000');
    expect(items[1]).to.equal('Pool!D3: 公式（=D2*0.5）（请填写数值本身：复制后“选择性粘贴 → 数值”）');
    expect(items[2]).to.match(/^Pool!B3: 行业：未知行业“太空旅游”（允许：智能物联、/);
    expect(items).to.have.length(3);
    await s.page.locator('#pool-tape').screenshot({ path: resolve(ARTIFACTS, 'pool-tape-problems-zh.png') });
    expect((await fetch(`${s.app.baseUrl}/api/deals/never-saved`)).status).to.equal(404);
  });
});

describe('reports in a browser: the deal report', function () {
  this.timeout(90_000);
  let t: Listening;
  let browser: Browser;
  before(async () => {
    t = await listen();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.dispose();
  });

  it('opens the report from the deal page and downloads the same report as a PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    await page.goto(`${t.baseUrl}/deals/${YUHANG}?lang=zh`);
    await page.click('#report-links a:first-child');
    await page.locator('#report-title').waitFor();
    expect(await page.locator('#report-schedule tbody tr').first().innerText()).to.contain('905,128.77');
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-zh.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-pdf')]);
    expect(download.suggestedFilename()).to.equal(`${YUHANG}-report-zh.pdf`);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const { text } = await pdfText(bytes);
    expect(text).to.contain('交易报告');
    expect(text).to.contain('905,128.77');
    await page.close();
  });
});

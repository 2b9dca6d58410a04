// A shared (team-mode) server in a real browser: sign in, save as an editor, be refused as a viewer.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { listen, YUHANG, type Listening } from '../server/helpers.js';
import { TEAM, writeAccounts } from '../support/accounts.js';
import { projectRoot } from '../../server/config.js';

const ARTIFACTS = resolve(projectRoot, 'test-artifacts');

describe('team mode in a browser (headless Chromium)', function () {
  this.timeout(60_000);
  let t: Listening;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await listen({ team: true });
    await writeAccounts(t.dataDir, TEAM);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.dispose();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });
  const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  async function signIn(name: string, password: string, lang = 'en'): Promise<void> {
    await page.goto(`${t.baseUrl}/?lang=${lang}`);
    await page.waitForURL(/\/login\?next=/);
    await page.fill('#login-name', name);
    await page.fill('#login-password', password);
    await page.click('#login-submit');
  }

  it('shows the login page in Chinese and says so when the password is wrong', async () => {
    await signIn('eve', 'not-the-password', 'zh');
    await page.locator('#login-error:not(.hidden)').waitFor();
    expect(await page.locator('#login-error').innerText()).to.equal('账户名或密码错误。');
    expect(await page.locator('h1').innerText()).to.equal('登录');
    expect(await page.locator('html').getAttribute('lang')).to.equal('zh-CN');
    await shot('team-login-zh');
  });

  it('signs in as an editor, creates and saves a deal, and signs out', async () => {
    await signIn('eve', 'editor-pass-1');
    await page.waitForURL(`${t.baseUrl}/?lang=en`);
    await page.locator(`#library tr[data-id="${YUHANG}"]`).waitFor();
    expect(await page.locator('.account-bar').innerText()).to.match(/Signed in as eve\s+\(editor\)/);
    await page.fill('#create-form input[name=id]', 'team-abn');
    await page.selectOption('#create-from', YUHANG);
    await page.click('#create-form button[type=submit]');
    await page.waitForURL(`${t.baseUrl}/deals/team-abn/edit`);
    await page.locator('#valid-status.ok').waitFor();
    await page.click('#save');
    await page.locator('#save-status.ok').waitFor();
    expect(await page.locator('#save-status').innerText()).to.equal('Saved team-abn version 2.');
    await page.locator('#history li', { hasText: 'v2' }).waitFor();
    expect(await page.locator('#history').innerText()).to.contain('saved by eve');
    await shot('team-editor-saved');
    await page.click('#sign-out');
    await page.waitForURL(/\/login/);
    const after = await page.request.get(`${t.baseUrl}/api/deals`);
    expect(after.status()).to.equal(401);
  });

  it('signs in as a viewer, who can open the deal but is refused when saving it', async () => {
    await signIn('vic', 'viewer-pass-1');
    await page.waitForURL(`${t.baseUrl}/?lang=en`);
    await page.goto(`${t.baseUrl}/deals/team-abn/edit`);
    await page.locator('#valid-status.ok').waitFor();
    await page.click('#save');
    await page.locator('#save-status.bad').waitFor();
    expect(await page.locator('#save-status').innerText()).to.equal('Not saved: role: saving needs the editor role; vic is a viewer');
    await shot('team-viewer-refused');
    const hist = await page.request.get(`${t.baseUrl}/api/deals/team-abn/history`);
    expect(((await hist.json()) as { versions: unknown[] }).versions).to.have.length(2);
  });
});

// A shared (team-mode) server in a real browser: sign in, save as an editor, be refused as a viewer.
import { expect } from 'chai';
import { resolve } from 'node:path';
import { YUHANG } from '../server/helpers.js';
import { TEAM, writeAccounts } from '../support/accounts.js';
import { ARTIFACTS, browserSuite } from '../support/browser-suite.js';

describe('team mode in a browser (headless Chromium)', function () {
  this.timeout(60_000);
  const s = browserSuite({ team: true });
  // Registered after browserSuite's hooks, so it runs once the server is listening.
  before(() => writeAccounts(s.app.dataDir, TEAM));
  const shot = (name: string) => s.page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });

  async function signIn(name: string, password: string, lang = 'en'): Promise<void> {
    await s.page.goto(`${s.app.baseUrl}/?lang=${lang}`);
    await s.page.waitForURL(/\/login\?next=/);
    await s.page.fill('#login-name', name);
    await s.page.fill('#login-password', password);
    await s.page.click('#login-submit');
  }

  it('shows the login page in Chinese and says so when the password is wrong', async () => {
    await signIn('eve', 'not-the-password', 'zh');
    await s.page.locator('#login-error:not(.hidden)').waitFor();
    expect(await s.page.locator('#login-error').innerText()).to.equal('账户名或密码错误。');
    expect(await s.page.locator('h1').innerText()).to.equal('登录');
    expect(await s.page.locator('html').getAttribute('lang')).to.equal('zh-CN');
    await shot('team-login-zh');
  });

  it('signs in as an editor, creates and saves a deal, and signs out', async () => {
    await signIn('eve', 'editor-pass-1');
    await s.page.waitForURL(`${s.app.baseUrl}/?lang=en`);
    await s.page.locator(`#library tr[data-id="${YUHANG}"]`).waitFor();
    expect(await s.page.locator('.account-bar').innerText()).to.match(/Signed in as eve\s+\(editor\)/);
    await s.page.fill('#create-form input[name=id]', 'team-abn');
    await s.page.selectOption('#create-from', YUHANG);
    await s.page.click('#create-form button[type=submit]');
    await s.page.waitForURL(`${s.app.baseUrl}/deals/team-abn/edit`);
    await s.page.locator('#valid-status.ok').waitFor();
    await s.page.click('#save');
    await s.page.locator('#save-status.ok').waitFor();
    expect(await s.page.locator('#save-status').innerText()).to.equal('Saved team-abn version 2.');
    await s.page.locator('#history li', { hasText: 'v2' }).waitFor();
    expect(await s.page.locator('#history').innerText()).to.contain('saved by eve');
    await shot('team-editor-saved');
    await s.page.click('#sign-out');
    await s.page.waitForURL(/\/login/);
    const after = await s.page.request.get(`${s.app.baseUrl}/api/deals`);
    expect(after.status()).to.equal(401);
  });

  it('signs in as a viewer, who can open the deal but is refused when saving it', async () => {
    await signIn('vic', 'viewer-pass-1');
    await s.page.waitForURL(`${s.app.baseUrl}/?lang=en`);
    await s.page.goto(`${s.app.baseUrl}/deals/team-abn/edit`);
    await s.page.locator('#valid-status.ok').waitFor();
    await s.page.click('#save');
    await s.page.locator('#save-status.bad').waitFor();
    expect(await s.page.locator('#save-status').innerText()).to.equal('Not saved: role: saving needs the editor role; vic is a viewer');
    await shot('team-viewer-refused');
    const hist = await s.page.request.get(`${s.app.baseUrl}/api/deals/team-abn/history`);
    expect(((await hist.json()) as { versions: unknown[] }).versions).to.have.length(2);
  });
});

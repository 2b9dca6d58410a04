// Mocha hooks every browser suite repeats: a server on a fresh data folder, one Chromium, a fresh
// page per test that fails the test on an uncaught page error; and the axe-core WCAG check.
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { listen, type Listening } from '../server/helpers.js';
import { projectRoot, type ConfigOverrides } from '../../server/config.js';

export const ARTIFACTS = resolve(projectRoot, 'test-artifacts');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface BrowserSuite { app: Listening; browser: Browser; page: Page }

/** Register the hooks in the calling describe(); the returned object is filled in before each test. */
export function browserSuite(overrides: ConfigOverrides = {}): BrowserSuite {
  const s = {} as BrowserSuite;
  const pageErrors: string[] = [];
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    s.app = await listen(overrides);
    s.browser = await launchChromium();
  });
  after(async () => {
    await s.browser?.close();
    await s.app?.dispose();
  });
  beforeEach(async () => {
    s.page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    s.page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await s.page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });
  return s;
}

/**
 * WCAG 2.1 A/AA violations axe-core finds in `scope` of the page at `url` once `ready` shows. axe is
 * injected as a script, which the app's Content-Security-Policy rightly forbids: a separate
 * context bypasses CSP for the checker only.
 */
export async function axeViolations(browser: Browser, url: string, ready: string, scope = 'main'): Promise<string[]> {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  try {
    const p = await ctx.newPage();
    await p.goto(url);
    await p.locator(ready).waitFor();
    await p.addScriptTag({ path: AXE });
    const found = await p.evaluate(async (within) => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const r = await axe.run(within, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.impact} ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }, scope);
    return found.map((f) => `${url}: ${f}`);
  } finally {
    await ctx.close();
  }
}

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

/** How each test's page is opened: a desktop (1280 × 900) unless a suite needs another size, and
 *  with the app's Content-Security-Policy, unless a suite injects axe-core into that very page. */
export interface SuitePage { viewport?: { width: number; height: number }; bypassCSP?: boolean }

/** Register the hooks in the calling describe(); the returned object is filled in before each test. */
export function browserSuite(overrides: ConfigOverrides = {}, pageOptions: SuitePage = {}): BrowserSuite {
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
    s.page = await s.browser.newPage({ viewport: pageOptions.viewport ?? { width: 1280, height: 900 }, bypassCSP: pageOptions.bypassCSP ?? false });
    s.page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterEach(async () => {
    await s.page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });
  return s;
}

/** What axe-core checks: WCAG 2.1 A/AA rules of every impact in the whole document, unless narrowed. */
export interface AxeOptions {
  /** A selector of the part to check. */
  scope?: string;
  tags?: readonly string[];
  /** Only violations of these impacts count ('critical', 'serious', …). */
  impacts?: readonly string[];
}

/**
 * The violations axe-core finds in `page` as it stands, each `label: impact rule at targets`. axe is
 * injected as a script, which the app's Content-Security-Policy rightly forbids: the page must be
 * one opened with bypassCSP (a context of its own, or a suite's SuitePage.bypassCSP).
 */
export async function axeOnPage(page: Page, label: string, o: AxeOptions = {}): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async ({ scope, tags, impacts }) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(scope ?? globalThis.document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.filter((v) => impacts === null || impacts.includes(v.impact))
      .map((v) => `${v.impact} ${v.id} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, { scope: o.scope ?? null, tags: [...(o.tags ?? ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])], impacts: o.impacts ? [...o.impacts] : null });
  return found.map((f) => `${label}: ${f}`);
}

/** WCAG 2.1 A/AA violations axe-core finds in `scope` of the page at `url` once `ready` shows, in a context that bypasses CSP for the checker only. */
export async function axeViolations(browser: Browser, url: string, ready: string, scope = 'main'): Promise<string[]> {
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  try {
    const p = await ctx.newPage();
    await p.goto(url);
    await p.locator(ready).waitFor();
    return await axeOnPage(p, url, { scope });
  } finally {
    await ctx.close();
  }
}

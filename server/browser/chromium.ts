// The headless Chromium the server prints reports with (and the browser tests drive), found
// without root: CHROMIUM_PATH if set, else a system Chromium (Debian's /usr/bin/chromium) when one
// is installed, else the build inside the npm package @sparticuz/chromium (an optional dependency:
// it unpacks to the temp folder on first use, ~2-6 s). playwright-core drives whichever is found.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
// Flags for a closed network: without them Chromium keeps trying to reach Google's services.
const QUIET = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface FoundChromium { executablePath: string; args: string[]; source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium' }

export class ChromiumMissing extends Error {}

export async function findChromium(): Promise<FoundChromium> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new ChromiumMissing(`CHROMIUM_PATH: no file at ${fromEnv} (unset it to use the Chromium from npm)`);
    return { executablePath: fromEnv, args: QUIET, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: QUIET, source: 'system' };
  let packaged;
  try {
    ({ default: packaged } = await import('@sparticuz/chromium'));
  } catch {
    throw new ChromiumMissing('no Chromium found: set CHROMIUM_PATH, install chromium, or npm install @sparticuz/chromium');
  }
  const executablePath = await packaged.executablePath();
  // Its args are made for AWS Lambda: --single-process ends the browser when a page closes.
  const args = packaged.args.filter((a) => a !== '--single-process' && a !== '--no-zygote');
  return { executablePath, args: [...args, '--disable-background-networking', '--disable-component-update', '--disable-sync'], source: '@sparticuz/chromium' };
}

export async function launchChromium(): Promise<Browser> {
  const found = await findChromium();
  return chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true });
}

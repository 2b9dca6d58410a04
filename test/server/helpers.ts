// Shared set-up for the server tests: an app on a fresh temporary data folder, optionally
// listening on an ephemeral loopback port.
import { expect } from 'chai';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type IpabsApp } from '../../server/app.js';
import { projectRoot, type ConfigOverrides } from '../../server/config.js';
import type { RunInfo } from '../../server/runs/manager.js';

export const YUHANG = 'yuhang-abn-2023';
export const steppedSimulate = resolve(projectRoot, 'test/server/fixtures/stepped-simulate.ts');

export function yuhangJson(): Record<string, unknown> & { meta: Record<string, unknown> } {
  return JSON.parse(readFileSync(resolve(projectRoot, 'scenarios', `${YUHANG}.json`), 'utf8')) as Record<string, unknown> & { meta: Record<string, unknown> };
}

/** The Yuhang deal under a new id (and optionally other meta fields). */
export function yuhangAs(id: string, meta: Record<string, unknown> = {}): Record<string, unknown> {
  const d = yuhangJson();
  d.meta = { ...d.meta, id, ...meta };
  return d;
}

export interface TestApp extends IpabsApp {
  dataDir: string;
  logs: string[];
  dispose(): Promise<void>;
}

export function makeApp(overrides: ConfigOverrides = {}): TestApp {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipabs-test-'));
  const logs: string[] = [];
  const a = createApp({ dataDir, ...overrides }, (m) => logs.push(m));
  return {
    ...a, dataDir, logs,
    dispose: async () => {
      await a.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Listening extends TestApp {
  server: Server;
  baseUrl: string;
}

export async function listen(overrides: ConfigOverrides = {}): Promise<Listening> {
  const t = makeApp(overrides);
  const server = createServer(t.app);
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const { port } = server.address() as AddressInfo;
  return {
    ...t, server, baseUrl: `http://127.0.0.1:${port}`,
    dispose: async () => {
      await t.close();
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      rmSync(t.dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until fn() returns a value (not undefined) or the time is up. */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 8000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Read a server-sent event stream to its end: [event, data] pairs. */
export async function readEvents(url: string, init: RequestInit = {}): Promise<Array<[string, RunInfo]>> {
  const res = await fetch(url, init);
  expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.startsWith('event:')).map((block) => {
    const ev = /^event: (.+)$/m.exec(block)?.[1] ?? '';
    const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null') as RunInfo;
    return [ev, data];
  });
}

// The compiled JavaScript in dist/ (what `ipabs`, `npm start` and their worker threads run) is
// built from the current source and works on its own: no TypeScript is compiled at start-up and
// views, scenarios and static files are found from the build. `npm test` builds first (its
// `pretest` script); the freshness check below fails if a test run ever meets an older build.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectRoot } from '../server/config.js';
import { ipabs } from './support/cli.js';

const BUILT_FOLDERS = ['models', 'server', 'cli', 'bench'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('the build (dist/)', () => {
  it('has a compiled file, no older than its source, for every TypeScript file', () => {
    const stale: string[] = [];
    for (const folder of BUILT_FOLDERS) {
      for (const src of sourceFiles(join(projectRoot, folder))) {
        const rel = relative(projectRoot, src);
        const built = join(projectRoot, 'dist', rel.replace(/\.ts$/, '.js'));
        if (!existsSync(built)) stale.push(`${rel} (not built)`);
        else if (statSync(built).mtimeMs < statSync(src).mtimeMs) stale.push(`${rel} (changed after the build)`);
      }
    }
    expect(stale, 'run `npm run build` (npm test does it first)').to.deep.equal([]);
  });

  it('runs the command line from the build with plain node and prints what the source prints', async function () {
    this.timeout(30_000);
    const file = join(projectRoot, 'scenarios', 'yuhang-abn-2023.json');
    const built = spawnSync(process.execPath, [join(projectRoot, 'bin', 'ipabs.js'), 'schedule', file, '--json'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(built.stderr).to.equal('');
    expect(built.status).to.equal(0);
    const here = await ipabs('schedule', file, '--json');
    expect(built.stdout.trim()).to.equal(here.out.trim());
  });

  it('runs a Monte Carlo simulation on two worker threads from the build, same numbers as the source', async function () {
    this.timeout(60_000);
    const file = join(projectRoot, 'scenarios', 'yuhang-abn-2023.json');
    const args = ['simulate', file, '--paths', '9000', '--seed', '5', '--json'];
    const built = spawnSync(process.execPath, [join(projectRoot, 'bin', 'ipabs.js'), ...args, '--threads', '2'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(built.stderr).to.equal('');
    expect(built.status).to.equal(0);
    const here = await ipabs(...args);
    const withoutThreads = (s: string) => { const r = JSON.parse(s) as { run: Record<string, unknown> }; delete r.run.threads; return r; };
    expect(withoutThreads(built.stdout)).to.deep.equal(withoutThreads(here.out));
  });

  it('serves pages, static files and a finished Monte Carlo run from the build (npm start)', async function () {
    this.timeout(60_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'ipabs-build-'));
    const server = spawn(process.execPath, [join(projectRoot, 'dist', 'server', 'main.js')], {
      env: { ...process.env, NODE_OPTIONS: '', PORT: '0', IPABS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const m = /http:\/\/localhost:(\d+)\//.exec(out);
          if (m) resolve(`http://127.0.0.1:${m[1]}`);
        });
        server.on('exit', (code) => reject(new Error(`server exited with code ${code}`)));
      });
      const page = await fetch(`${base}/deals/yuhang-abn-2023`);
      expect(page.status).to.equal(200);
      expect(await page.text()).to.include('Yuhang');
      expect((await fetch(`${base}/static/js/run.js`)).status).to.equal(200);
      const post = await fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dealId: 'yuhang-abn-2023', paths: 5000, seed: 3 }) });
      expect(post.status).to.equal(202);
      const { run } = (await post.json()) as { run: { id: string } };
      let state = '';
      let body: { run: { state: string; error: string | null }; result: { pool: { expectedLossRate: number } } | null } | null = null;
      for (let k = 0; k < 300 && state !== 'done' && state !== 'failed'; k++) {
        await new Promise((r) => setTimeout(r, 100));
        body = (await (await fetch(`${base}/api/runs/${run.id}`)).json()) as typeof body;
        state = body!.run.state;
      }
      expect(body!.run.error).to.equal(null);
      expect(state).to.equal('done');
      const here = JSON.parse((await ipabs('simulate', join(projectRoot, 'scenarios', 'yuhang-abn-2023.json'), '--paths', '5000', '--seed', '3', '--json')).out) as { pool: { expectedLossRate: number } };
      expect(body!.result!.pool.expectedLossRate).to.equal(here.pool.expectedLossRate);
    } finally {
      // Let it finish writing its run records before the folder goes.
      if (server.exitCode === null) await new Promise((resolve) => { server.once('exit', resolve); server.kill(); });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// Where `npm start` listens (issue 16, "a server that is safe to share"): on 127.0.0.1 unless
// IPABS_HOST opens it, and then only in team mode, which refuses to start without an account.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, projectRoot } from '../../server/config.js';

const MAIN = join(projectRoot, 'dist', 'server', 'main.js');

/** Whether a TCP connection to host:port is accepted. */
const connects = (host: string, port: number) => new Promise<boolean>((resolve) => {
  const s = createConnection({ host, port });
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});

describe('where the server listens (npm start)', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'ipabs-listen-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads IPABS_HOST: unset is 127.0.0.1 without sign-in; set is that address in team mode', () => {
    expect([configFromEnv({}).host, configFromEnv({}).team]).to.deep.equal(['127.0.0.1', false]);
    expect([configFromEnv({ IPABS_HOST: '0.0.0.0' }).host, configFromEnv({ IPABS_HOST: '0.0.0.0' }).team]).to.deep.equal(['0.0.0.0', true]);
    expect(() => configFromEnv({ IPABS_HOST: 'a b' })).to.throw(/^IPABS_HOST: must be an address or host name to listen on .*got "a b"$/);
  });

  it('by default answers on loopback only: another address of this machine is refused', async () => {
    const server = spawn(process.execPath, [MAIN], { env: { ...process.env, NODE_OPTIONS: '', PORT: '0', IPABS_DATA_DIR: dataDir, IPABS_HOST: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const m = /http:\/\/localhost:(\d+)\/ \(local mode: 127\.0\.0\.1 only, no sign-in/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        server.once('exit', (code) => reject(new Error(`server exited with code ${code}`)));
      });
      expect(await connects('127.0.0.1', port)).to.equal(true);
      const other = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4');
      if (other) expect(await connects(other.address, port), `connection to ${other.address}:${port}`).to.equal(false);
    } finally {
      if (server.exitCode === null) await new Promise((resolve) => { server.once('exit', resolve); server.kill(); });
    }
  });

  it('with IPABS_HOST set and no account, refuses to start and says how to make the first one', () => {
    const r = spawnSync(process.execPath, [MAIN], { env: { ...process.env, NODE_OPTIONS: '', PORT: '0', IPABS_DATA_DIR: dataDir, IPABS_HOST: '127.0.0.1' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain(`IPABS_HOST is set, so everyone must sign in, but ${dataDir} has no account yet.`);
    expect(r.stderr).to.contain(`npx ipabs user add NAME --role admin --data-dir ${dataDir}`);
  });
});

import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';
import { AccountStore } from '../../models/store/accounts.js';
import { projectRoot } from '../../server/config.js';

/** Run `ipabs …` in-process, answering password prompts from `secrets`. */
async function ipabsWith(secrets: string[], ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: () => undefined, writeBytes: () => undefined, readSecret: async (p) => { prompts.push(p); return secrets.shift() ?? ''; } };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), prompts };
}

describe('ipabs user (accounts of a team-mode server)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipabs-user-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds, lists, re-roles, changes the password of and removes accounts in the data folder', async () => {
    const add = await ipabsWith(['admin-secret-1'], 'user', 'add', 'ada', '--role', 'admin', '--data-dir', dir, '--lang', 'en');
    expect(add.code, add.err).to.equal(0);
    expect(add.prompts).to.deep.equal(['Password for ada: ']);
    expect(add.out).to.equal(`added ada (admin) to ${join(dir, 'auth', 'accounts.json')}`);
    await ipabsWith(['viewer-secret-1'], 'user', 'add', 'vic', '--role', 'viewer', '--data-dir', dir);
    const list = await ipabsWith([], 'user', 'list', '--data-dir', dir, '--json');
    expect((JSON.parse(list.out) as Array<{ name: string; role: string }>).map((a) => `${a.name}:${a.role}`)).to.deep.equal(['ada:admin', 'vic:viewer']);
    const role = await ipabsWith([], 'user', 'role', 'vic', 'editor', '--data-dir', dir, '--lang', 'zh');
    expect(role.out).to.equal('vic 现为 editor');
    const store = new AccountStore(dir);
    const epoch = (await store.get('vic'))?.epoch;
    const pw = await ipabsWith(['viewer-secret-2'], 'user', 'passwd', 'vic', '--data-dir', dir, '--lang', 'en');
    expect(pw.out).to.equal('changed the password of vic; their open sessions have ended');
    expect((await store.get('vic'))?.epoch).to.equal((epoch ?? 0) + 1);
    expect(await store.verify('vic', 'viewer-secret-2')).to.not.equal(null);
    const rm = await ipabsWith([], 'user', 'remove', 'vic', '--data-dir', dir, '--lang', 'en');
    expect([rm.code, rm.out]).to.deep.equal([0, `removed vic from ${join(dir, 'auth', 'accounts.json')}`]);
  });

  it('exits 1 with the field named for a bad name, role, password or a missing account', async () => {
    const cases: Array<[string[], string[], string]> = [
      [['admin-secret-1'], ['add', 'Ada Lovelace', '--role', 'admin'], 'ipabs user: name: must be lower-case letters'],
      [['admin-secret-1'], ['add', 'ada', '--role', 'owner'], 'ipabs user: --role: must be one of viewer, editor, admin, got "owner"'],
      [['admin-secret-1'], ['add', 'ada'], 'ipabs user: --role: is required (viewer, editor, admin)'],
      [['short'], ['add', 'ada', '--role', 'admin'], 'ipabs user: password: must be at least 8 characters'],
      [[''], ['add', 'ada', '--role', 'admin', '--lang', 'en'], 'ipabs user: no password given'],
      [['whatever-1'], ['passwd', 'nobody'], 'ipabs user: name: no account "nobody"'],
      [[], ['frobnicate'], 'ipabs user: usage: ipabs user add NAME'],
    ];
    for (const [secrets, argv, message] of cases) {
      const r = await ipabsWith(secrets, 'user', ...argv, '--data-dir', dir);
      expect(r.code, argv.join(' ')).to.equal(1);
      expect(r.err, argv.join(' ')).to.contain(message);
    }
  });

  it('reads the password from a pipe when run as a program', () => {
    const r = spawnSync(process.execPath, [resolve(projectRoot, 'bin/ipabs.js'), 'user', 'add', 'piped', '--role', 'editor', '--data-dir', dir, '--lang', 'en'], { input: 'piped-password-1\n', encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('added piped (editor)');
    return new AccountStore(dir).verify('piped', 'piped-password-1').then((a) => expect(a?.role).to.equal('editor'));
  });
});

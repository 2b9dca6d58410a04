import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountError, AccountStore, roleAtLeast } from '../../../models/store/accounts.js';
import { hashPassword, passwordProblem, SCRYPT_PARAMS, verifyPassword } from '../../../models/store/password.js';
import { CHEAP_SCRYPT } from '../../support/accounts.js';

describe('passwords (models/store/password): scrypt', () => {
  it('hashes with the documented memory-hard parameters and a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).to.match(/^scrypt\$65536\$8\$2\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).to.not.equal(b);
    expect(128 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r).to.equal(64 * 1024 * 1024);
    expect(await verifyPassword('correct horse battery', a)).to.equal(true);
    expect(await verifyPassword('correct horse batterY', a)).to.equal(false);
  });

  it('verifies with the parameters stored in the hash, and refuses malformed or absurd ones', async () => {
    const cheap = await hashPassword('pass-word-1', CHEAP_SCRYPT);
    expect(cheap.startsWith('scrypt$1024$8$1$')).to.equal(true);
    expect(await verifyPassword('pass-word-1', cheap)).to.equal(true);
    const parts = cheap.split('$');
    for (const bad of ['', 'plain', `scrypt$${2 ** 24}$8$1$${parts[4]}$${parts[5]}`, `scrypt$1000$8$1$${parts[4]}$${parts[5]}`, `bcrypt$1024$8$1$${parts[4]}$${parts[5]}`]) {
      expect(await verifyPassword('pass-word-1', bad), bad).to.equal(false);
    }
  });

  it('says what is wrong with a new password', () => {
    expect(passwordProblem('short', 'ann')).to.equal('must be at least 8 characters');
    expect(passwordProblem('x'.repeat(257), 'ann')).to.equal('must be at most 256 characters');
    expect(passwordProblem('annabelle', 'AnnaBelle')).to.equal('must not be the account name');
    expect(passwordProblem('密码足够长了吧八个', 'ann')).to.equal(null);
  });
});

describe('accounts (models/store/accounts)', () => {
  let dir: string;
  let store: AccountStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipabs-accounts-'));
    store = new AccountStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('orders roles viewer < editor < admin', () => {
    expect(roleAtLeast('admin', 'editor')).to.equal(true);
    expect(roleAtLeast('editor', 'editor')).to.equal(true);
    expect(roleAtLeast('viewer', 'editor')).to.equal(false);
  });

  it('adds accounts to an owner-only file holding hashes, never passwords', async () => {
    await store.add('ada', 'first-password', 'admin');
    const file = join(dir, 'auth', 'accounts.json');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).to.not.contain('first-password');
    expect((await store.verify('ada', 'first-password'))?.role).to.equal('admin');
    expect(await store.verify('ada', 'wrong-password')).to.equal(null);
    expect(await store.verify('nobody', 'first-password')).to.equal(null);
  });

  it('refuses bad names, roles, passwords and duplicates with the field named', async () => {
    const fails = async (p: Promise<unknown>, code: AccountError['code'], message: string) => {
      try { await p; expect.fail('should refuse'); } catch (err) {
        expect((err as AccountError).code).to.equal(code);
        expect((err as Error).message).to.equal(message);
      }
    };
    await fails(store.add('Bad Name', 'long-enough-1', 'viewer'), 'invalid', 'name: must be lower-case letters, digits, \'.\', \'_\' or \'-\', 1-32 characters, starting with a letter or digit, got "Bad Name"');
    await fails(store.add('bob', 'long-enough-1', 'owner' as 'viewer'), 'invalid', 'role: must be one of viewer, editor, admin, got "owner"');
    await fails(store.add('bob', 'short', 'viewer'), 'invalid', 'password: must be at least 8 characters');
    await store.add('bob', 'long-enough-1', 'viewer');
    await fails(store.add('bob', 'long-enough-2', 'editor'), 'exists', 'name: an account "bob" already exists');
    await fails(store.remove('carl'), 'not-found', 'name: no account "carl"');
  });

  it('moves the epoch on a password change (ending sessions) and keeps one admin', async () => {
    await store.add('ada', 'first-password', 'admin');
    await store.add('bob', 'bobs-password', 'editor');
    const before = (await store.get('bob'))?.epoch;
    await store.setPassword('bob', 'bobs-new-password');
    expect((await store.get('bob'))?.epoch).to.equal((before ?? 0) + 1);
    expect(await store.verify('bob', 'bobs-password')).to.equal(null);
    try { await store.remove('ada'); expect.fail('should refuse'); } catch (err) { expect((err as AccountError).code).to.equal('last-admin'); }
    try { await store.setRole('ada', 'editor'); expect.fail('should refuse'); } catch (err) { expect((err as AccountError).code).to.equal('last-admin'); }
    await store.setRole('bob', 'admin');
    await store.remove('ada');
    expect((await store.all()).map((a) => `${a.name}:${a.role}`)).to.deep.equal(['bob:admin']);
  });

  it('sees changes another process made to the file (the CLI while a server runs)', async () => {
    await store.add('ada', 'first-password', 'admin');
    expect((await store.all()).length).to.equal(1);
    await new AccountStore(dir).add('cli-made', 'second-password', 'viewer');
    expect((await store.all()).map((a) => a.name)).to.deep.equal(['ada', 'cli-made']);
  });
});

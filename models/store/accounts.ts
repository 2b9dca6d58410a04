// Accounts of the team mode (团队模式): who may sign in to a shared server and with which role.
// Kept in <dataDir>/auth/accounts.json (written atomically, readable by the owner only), managed by
// `ipabs user …` and by admins through the API. Passwords are stored only as scrypt hashes
// (password.ts). Each account has an epoch that changes with its password, which ends every session
// signed before the change.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './deal-store.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** viewer: read and run; editor: also save deals; admin: also manage accounts and cancel any run. */
export const roleAtLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);
export const isRole = (x: unknown): x is Role => typeof x === 'string' && (ROLES as readonly string[]).includes(x);

export const ACCOUNT_NAME_RE = /^[a-z0-9][a-z0-9._-]{0,31}$/;
export const accountNameRule = "lower-case letters, digits, '.', '_' or '-', 1-32 characters, starting with a letter or digit";

export interface Account {
  name: string;
  role: Role;
  /** scrypt$N$r$p$salt$key */
  hash: string;
  /** Changes whenever the password changes: sessions carry it and end when it differs. */
  epoch: number;
  createdAt: string;
  updatedAt: string;
}

/** What may be shown of an account. */
export type AccountInfo = Omit<Account, 'hash' | 'epoch'>;

export class AccountError extends Error {
  constructor(readonly code: 'invalid' | 'exists' | 'not-found' | 'last-admin', message: string) {
    super(message);
  }
}

interface AccountsFile { format: 1; accounts: Account[] }

export const info = (a: Account): AccountInfo => ({ name: a.name, role: a.role, createdAt: a.createdAt, updatedAt: a.updatedAt });

export class AccountStore {
  readonly file: string;
  private cache: { mtimeMs: number; size: number; accounts: Account[] } | null = null;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'auth', 'accounts.json');
  }

  /** Every account, re-read whenever the file changes (the CLI may edit it while a server runs). */
  async all(): Promise<Account[]> {
    let st;
    try {
      st = await stat(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    if (this.cache && this.cache.mtimeMs === st.mtimeMs && this.cache.size === st.size) return this.cache.accounts;
    const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<AccountsFile>;
    if (parsed.format !== 1 || !Array.isArray(parsed.accounts)) throw new Error(`${this.file}: not an ipabs accounts file (format 1)`);
    this.cache = { mtimeMs: st.mtimeMs, size: st.size, accounts: parsed.accounts };
    return parsed.accounts;
  }

  async get(name: string): Promise<Account | null> {
    return (await this.all()).find((a) => a.name === name) ?? null;
  }

  /** The account if the password is right, else null. */
  async verify(name: string, password: string): Promise<Account | null> {
    const a = await this.get(name);
    if (!a) return null;
    return (await verifyPassword(password, a.hash)) ? a : null;
  }

  async add(name: string, password: string, role: Role): Promise<AccountInfo> {
    checkName(name);
    checkRole(role);
    checkPassword(password, name);
    const hash = await hashPassword(password);
    return this.change((accounts) => {
      if (accounts.some((a) => a.name === name)) throw new AccountError('exists', `name: an account "${name}" already exists`);
      const now = new Date().toISOString();
      const a: Account = { name, role, hash, epoch: 1, createdAt: now, updatedAt: now };
      return { accounts: [...accounts, a].sort((x, y) => x.name.localeCompare(y.name)), out: info(a) };
    });
  }

  async remove(name: string): Promise<void> {
    await this.change((accounts) => {
      const a = find(accounts, name);
      if (a.role === 'admin' && accounts.filter((x) => x.role === 'admin').length === 1 && accounts.length > 1) {
        throw new AccountError('last-admin', `name: "${name}" is the last admin; make another account admin first`);
      }
      return { accounts: accounts.filter((x) => x !== a), out: undefined };
    });
  }

  async setPassword(name: string, password: string): Promise<AccountInfo> {
    checkPassword(password, name);
    const hash = await hashPassword(password);
    return this.change((accounts) => {
      const a = find(accounts, name);
      const b: Account = { ...a, hash, epoch: a.epoch + 1, updatedAt: new Date().toISOString() };
      return { accounts: accounts.map((x) => (x === a ? b : x)), out: info(b) };
    });
  }

  async setRole(name: string, role: Role): Promise<AccountInfo> {
    checkRole(role);
    return this.change((accounts) => {
      const a = find(accounts, name);
      if (a.role === 'admin' && role !== 'admin' && accounts.filter((x) => x.role === 'admin').length === 1) {
        throw new AccountError('last-admin', `role: "${name}" is the last admin; make another account admin first`);
      }
      const b: Account = { ...a, role, updatedAt: new Date().toISOString() };
      return { accounts: accounts.map((x) => (x === a ? b : x)), out: info(b) };
    });
  }

  /** Read-modify-write under a lock, written atomically with owner-only permissions. */
  private change<T>(fn: (accounts: Account[]) => { accounts: Account[]; out: T }): Promise<T> {
    const run = async (): Promise<T> => {
      this.cache = null;
      const { accounts, out } = fn(await this.all());
      await mkdir(join(this.dataDir, 'auth'), { recursive: true, mode: 0o700 });
      const file: AccountsFile = { format: 1, accounts };
      await writeFileAtomic(this.file, `${JSON.stringify(file, null, 2)}\n`, 0o600);
      this.cache = null;
      return out;
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }
}

function find(accounts: Account[], name: string): Account {
  const a = accounts.find((x) => x.name === name);
  if (!a) throw new AccountError('not-found', `name: no account "${name}"`);
  return a;
}

export function checkName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !ACCOUNT_NAME_RE.test(name)) {
    throw new AccountError('invalid', `name: must be ${accountNameRule}, got ${JSON.stringify(String(name).slice(0, 40))}`);
  }
}

function checkRole(role: unknown): asserts role is Role {
  if (!isRole(role)) throw new AccountError('invalid', `role: must be one of ${ROLES.join(', ')}, got ${JSON.stringify(String(role).slice(0, 40))}`);
}

function checkPassword(password: string, name: string): void {
  const p = passwordProblem(password, name);
  if (p) throw new AccountError('invalid', `password: ${p}`);
}

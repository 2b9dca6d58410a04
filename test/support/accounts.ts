// Accounts for team-mode tests, written straight into <dataDir>/auth/accounts.json in the store's
// own format. Their hashes use cheap scrypt parameters (stored in each hash, as any hash's are) so
// that a test can sign in many times; the server and CLI always hash with SCRYPT_PARAMS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Account, Role } from '../../models/store/accounts.js';
import { hashPassword } from '../../models/store/password.js';

export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keyLength: 32, saltLength: 16 };

export async function writeAccounts(dataDir: string, users: Array<{ name: string; password: string; role: Role }>): Promise<void> {
  const now = new Date().toISOString();
  const accounts: Account[] = [];
  for (const u of users) accounts.push({ name: u.name, role: u.role, hash: await hashPassword(u.password, CHEAP_SCRYPT), epoch: 1, createdAt: now, updatedAt: now });
  mkdirSync(join(dataDir, 'auth'), { recursive: true });
  writeFileSync(join(dataDir, 'auth', 'accounts.json'), `${JSON.stringify({ format: 1, accounts }, null, 2)}\n`, { mode: 0o600 });
}

/** The team used by the server and browser tests. */
export const TEAM = [
  { name: 'ada', password: 'admin-pass-1', role: 'admin' as const },
  { name: 'eve', password: 'editor-pass-1', role: 'editor' as const },
  { name: 'vic', password: 'viewer-pass-1', role: 'viewer' as const },
  { name: 'val', password: 'viewer-pass-2', role: 'viewer' as const },
];

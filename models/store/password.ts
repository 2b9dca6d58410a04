// Password hashing with scrypt (node:crypto), a memory-hard key-derivation function: each guess
// costs an attacker 64 MiB of memory and a fraction of a second, so a stolen accounts file cannot
// be searched quickly on GPUs. Parameters (RFC 7914 notation), stored with every hash so they can
// be raised later without invalidating old hashes:
//   N = 2^16 (CPU/memory cost), r = 8 (block size), p = 2 (parallelism) → 128·N·r = 64 MiB,
//   a 16-byte random salt per password, a 32-byte derived key.
// OWASP's Password Storage Cheat Sheet asks for scrypt at N=2^17, r=8, p=1 or an equivalent
// trade of memory for passes; N=2^16, r=8, p=2 is one it lists, and halves the memory a login
// holds (0.2-1 s per hash on a small 2-core server).
// Format: scrypt$<N>$<r>$<p>$<salt, base64url>$<key, base64url>
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams { N: number; r: number; p: number; keyLength: number; saltLength: number }

export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 16, r: 8, p: 2, keyLength: 32, saltLength: 16 };

/** The longest password accepted (the KDF takes any length; this only bounds the work per request). */
export const PASSWORD_MAX = 256;
export const PASSWORD_MIN = 8;

function derive(password: string, salt: Buffer, keyLength: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: twice what the parameters need (node's default of 32 MiB is just too small for them).
    scrypt(password.normalize('NFC'), salt, keyLength, { ...opts, maxmem: 256 * (opts.N ?? 0) * (opts.r ?? 0) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `params` other than the default only for test fixtures (the server and CLI always use the default). */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const { N, r, p, keyLength, saltLength } = params;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, keyLength, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  // Refuse parameters no hash of ours would have (a tampered file must not make us allocate GBs).
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || r < 1 || r > 32 || p < 1 || p > 16 || key.length < 16 || salt.length < 8) return false;
  const got = await derive(password, salt, key.length, { N, r, p });
  return timingSafeEqual(got, key);
}

/** What is wrong with a new password, or null if it is acceptable. */
export function passwordProblem(password: unknown, name: string): string | null {
  if (typeof password !== 'string') return 'must be text';
  if ([...password].length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (password.toLowerCase() === name.toLowerCase()) return 'must not be the account name';
  return null;
}

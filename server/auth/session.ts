// Signed session cookies and CSRF tokens. A session is `<payload>.<signature>`: the payload (account
// name, the account's password epoch, a random session id, the expiry) in base64url JSON, signed
// with HMAC-SHA-256 under a secret kept in the data folder. Nothing secret is in the cookie and it
// cannot be forged or altered without the secret; a password change (new epoch) or a logout
// (revoked id) ends it before it expires. The CSRF token is an HMAC of the session id, so it
// matches one session only and needs no storage.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SESSION_COOKIE = 'ipabs_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Session {
  user: string;
  epoch: number;
  sid: string;
  /** Expiry, ms since 1970. */
  exp: number;
}

/** The server's signing secret: <dataDir>/auth/session-secret, made on first use (owner-only). */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const dir = join(dataDir, 'auth');
  const file = join(dir, 'session-secret');
  try {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64,}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch { /* none yet */ }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${secret.toString('hex')}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return secret;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export class Sessions {
  /** Logged-out session ids until they would have expired (lost on restart: see docs/security.md). */
  private readonly revoked = new Map<string, number>();

  constructor(private readonly secret: Buffer, readonly lifetimeMs: number) {}

  issue(user: string, epoch: number, now = Date.now()): { token: string; session: Session } {
    const session: Session = { user, epoch, sid: randomBytes(16).toString('base64url'), exp: now + this.lifetimeMs };
    const payload = b64(JSON.stringify(session));
    return { token: `${payload}.${this.sign(`session.${payload}`)}`, session };
  }

  /** The session a cookie value carries, or null if it is forged, altered, expired or revoked. */
  read(token: string | undefined, now = Date.now()): Session | null {
    if (!token || token.length > 1024) return null;
    const dot = token.indexOf('.');
    if (dot < 1) return null;
    const payload = token.slice(0, dot);
    if (!this.same(token.slice(dot + 1), this.sign(`session.${payload}`))) return null;
    let s: Partial<Session>;
    try {
      s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Session>;
    } catch {
      return null;
    }
    if (typeof s.user !== 'string' || typeof s.epoch !== 'number' || typeof s.sid !== 'string' || typeof s.exp !== 'number') return null;
    if (s.exp <= now || this.revoked.has(s.sid)) return null;
    return s as Session;
  }

  revoke(s: Session, now = Date.now()): void {
    this.revoked.set(s.sid, s.exp);
    for (const [sid, exp] of this.revoked) if (exp <= now) this.revoked.delete(sid);
  }

  csrfToken(s: Session): string {
    return this.sign(`csrf.${s.sid}`);
  }

  checkCsrf(s: Session, token: unknown): boolean {
    return typeof token === 'string' && this.same(token, this.csrfToken(s));
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

/** The value of one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

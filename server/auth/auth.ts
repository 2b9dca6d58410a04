// Who is asking, and may they? Two modes (docs/security.md):
// - local (no IPABS_HOST): the server listens on 127.0.0.1 only and trusts whoever reaches it, as a
//   desktop tool does; no login. Requests naming another host are refused (DNS rebinding).
// - team (IPABS_HOST set): every page and API route needs a signed-in account (except the login
//   page, POST /api/login and /api/health); every state-changing request needs the session's CSRF
//   token and a same-site Origin; each route needs a role (policy below); per-user limits apply.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AccountStore, roleAtLeast, type Role } from '../../models/store/accounts.js';
import { HttpError } from '../http-errors.js';
import { cookieValue, CSRF_HEADER, loadOrCreateSecret, SESSION_COOKIE, Sessions, type Session } from './session.js';
import { checkStorage, LoginThrottle, SaveRate, type UserLimits } from './limits.js';

export interface CurrentUser { name: string; role: Role; session: Session }

export interface AuthOptions {
  team: boolean;
  dataDir: string;
  sessionHours: number;
  userLimits: UserLimits;
}

/** State-changing routes a viewer may use (they read or run; they do not save). Others need an editor. */
const POLICY: Array<{ method: string; path: RegExp; role: Role; action: string }> = [
  { method: 'POST', path: /^\/api\/validate$/, role: 'viewer', action: 'validating' },
  { method: 'POST', path: /^\/api\/runs$/, role: 'viewer', action: 'starting a run' },
  { method: 'DELETE', path: /^\/api\/runs\/[^/]+$/, role: 'viewer', action: 'cancelling a run' },
  { method: 'POST', path: /^\/api\/size$/, role: 'viewer', action: 'starting a sizing search' },
  { method: 'POST', path: /^\/api\/design$/, role: 'viewer', action: 'starting a design optimization' },
  { method: 'POST', path: /^\/api\/sensitivity$/, role: 'viewer', action: 'starting a sensitivity grid' },
  { method: 'POST', path: /^\/api\/deals\/[^/]+\/rating$/, role: 'viewer', action: 'starting a rating run' },
  { method: 'POST', path: /^\/api\/logout$/, role: 'viewer', action: 'signing out' },
  { method: 'POST', path: /^\/api\/me\/password$/, role: 'viewer', action: 'changing your password' },
  { method: '*', path: /^\/api\/users(\/|$)/, role: 'admin', action: 'managing accounts' },
];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Reachable without signing in (static files are served before this middleware). */
const PUBLIC: Array<{ method: string; path: string }> = [
  { method: 'GET', path: '/login' }, { method: 'POST', path: '/api/login' },
  { method: 'GET', path: '/api/health' }, { method: 'GET', path: '/api/me' },
];

export function requiredRole(method: string, path: string): { role: Role; action: string } {
  const rule = POLICY.find((p) => (p.method === '*' || p.method === method) && p.path.test(path));
  if (rule) return rule;
  return SAFE.has(method) ? { role: 'viewer', action: 'reading' } : { role: 'editor', action: 'saving' };
}

const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|\[::1\]|[a-z0-9.-]+\.localhost)(:\d+)?$/i;

export class Auth {
  readonly team: boolean;
  readonly accounts: AccountStore;
  readonly sessions: Sessions | null;
  readonly limits: UserLimits;
  readonly logins = new LoginThrottle();
  private readonly saveRate: SaveRate;
  /** At most two password hashes at once: each holds 64 MiB (models/store/password.ts). */
  private hashing = 0;
  private readonly hashQueue: Array<() => void> = [];

  constructor(opts: AuthOptions) {
    this.team = opts.team;
    this.accounts = new AccountStore(opts.dataDir);
    this.sessions = opts.team ? new Sessions(loadOrCreateSecret(opts.dataDir), opts.sessionHours * 3600_000) : null;
    this.limits = opts.userLimits;
    this.saveRate = new SaveRate(opts.userLimits.savesPerMinute);
  }

  /** Sets res.locals.user / csrfToken / teamMode; refuses what the mode and the role do not allow. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      res.locals.teamMode = this.team;
      res.locals.user = null;
      res.locals.csrfToken = null;
      if (!this.team) {
        const host = req.headers.host ?? '';
        if (!LOCAL_HOSTS.test(host)) {
          next(new HttpError(403, `host: this server runs in local mode and answers only for localhost, got ${JSON.stringify(host.slice(0, 80))} (set IPABS_HOST to share it; see docs/security.md)`));
          return;
        }
        next();
        return;
      }
      void this.identify(req, res).then(() => this.admit(req, res)).then((verdict) => {
        if (verdict === 'login') res.redirect(303, `/login?next=${encodeURIComponent(safeNext(req.originalUrl))}`);
        else next();
      }, next);
    };
  }

  /** The signed-in account of this request (null in local mode or when signed out). */
  user(res: Response): CurrentUser | null {
    return (res.locals.user as CurrentUser | null) ?? null;
  }

  /** Who to record as saver or starter: the account name in team mode, null in local mode. */
  actor(res: Response): string | null {
    return this.user(res)?.name ?? null;
  }

  /**
   * Before a save of `bytes` by the request's account: 429 past the saves-per-minute limit, 413
   * past the storage limit. Returns the function that gives the save back if it then fails.
   */
  async beforeSave(res: Response, bytes: number, usedBytes: (user: string) => Promise<number>): Promise<() => void> {
    const u = this.user(res);
    if (!u) return () => undefined;
    checkStorage(u.name, await usedBytes(u.name), bytes, this.limits.storageBytes);
    return this.saveRate.take(u.name);
  }

  /** 403 unless the request's account started the run or is an admin (anyone in local mode). */
  checkCancel(res: Response, runId: string, startedBy: string | null): void {
    const u = this.user(res);
    if (!u || u.role === 'admin' || startedBy === u.name) return;
    throw new HttpError(403, `runId: run ${runId} was started by ${startedBy ?? 'nobody signed in'}; only they or an admin can cancel it`);
  }

  /** Run a password hash with at most two at once (memory), in arrival order. */
  async hashSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.hashing >= 2) await new Promise<void>((r) => this.hashQueue.push(r));
    this.hashing++;
    try {
      return await fn();
    } finally {
      this.hashing--;
      this.hashQueue.shift()?.();
    }
  }

  private async identify(req: Request, res: Response): Promise<void> {
    const s = this.sessions?.read(cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!s) return;
    const a = await this.accounts.get(s.user);
    // A removed account or a changed password ends the session.
    if (!a || a.epoch !== s.epoch) return;
    res.locals.user = { name: a.name, role: a.role, session: s } satisfies CurrentUser;
    res.locals.csrfToken = this.sessions?.csrfToken(s) ?? null;
  }

  /** 'ok', or 'login' for a page asked for while signed out; throws the refusal otherwise. */
  private admit(req: Request, res: Response): 'ok' | 'login' {
    const method = req.method.toUpperCase();
    const isPublic = PUBLIC.some((p) => p.method === method && p.path === req.path);
    if (!SAFE.has(method) && !sameOrigin(req)) {
      throw new HttpError(403, 'origin: a cross-site request cannot change anything here (the Origin header names another site)');
    }
    if (isPublic) return 'ok';
    const u = this.user(res);
    if (!u) {
      if (req.path.startsWith('/api/') || method !== 'GET') throw new HttpError(401, 'login: sign in first (POST /api/login with { name, password }, or the page /login)');
      return 'login';
    }
    if (!SAFE.has(method) && !this.sessions?.checkCsrf(u.session, req.headers[CSRF_HEADER])) {
      throw new HttpError(403, `csrf: missing or wrong ${CSRF_HEADER} header (send the token from GET /api/me, or the page's csrf-token meta tag)`);
    }
    const need = requiredRole(method, req.path);
    if (!roleAtLeast(u.role, need.role)) {
      throw new HttpError(403, `role: ${need.action} needs the ${need.role} role; ${u.name} is a${u.role === 'admin' ? 'n' : ''} ${u.role}`);
    }
    return 'ok';
  }
}

/** True unless the browser says the request comes from another site (non-browser clients send no Origin). */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** A path inside this site to return to after login (never another site: no open redirect). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') && raw.length <= 2000 ? raw : '/';
}

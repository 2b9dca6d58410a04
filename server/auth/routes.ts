// Signing in and out, the current account, and account management for admins:
//   GET /login (page) · POST /api/login · POST /api/logout · GET /api/me · POST /api/me/password
//   GET|POST /api/users · PATCH|DELETE /api/users/:name (admin)
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { AccountError, info, isRole, type Role } from '../../models/store/accounts.js';
import { hashPassword, PASSWORD_MAX, verifyPassword } from '../../models/store/password.js';
import { SESSION_COOKIE } from './session.js';
import { safeNext } from './auth.js';

const ACCOUNT_ERROR_STATUS: Record<AccountError['code'], number> = { invalid: 400, exists: 409, 'not-found': 404, 'last-admin': 409 };

function accountCall<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    if (err instanceof AccountError) throw new HttpError(ACCOUNT_ERROR_STATUS[err.code], err.message);
    throw err;
  });
}

const text = (body: Record<string, unknown>, field: string, max: number): string => {
  const v = body[field];
  if (typeof v !== 'string' || v.length === 0) throw new HttpError(400, `${field}: is required (text)`);
  if (v.length > max) throw new HttpError(400, `${field}: must be at most ${max} characters`);
  return v;
};

export function authApi(ctx: AppContext): Router {
  const r = Router();
  const { auth } = ctx;
  // A password check for a name with no account costs as much as one for a real account, so the
  // time taken does not tell which names exist.
  let dummyHash: Promise<string> | null = null;

  const startSession = (req: Request, res: Response, name: string, role: Role, epoch: number) => {
    const sessions = auth.sessions as NonNullable<typeof auth.sessions>;
    const { token, session } = sessions.issue(name, epoch);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: sessions.lifetimeMs });
    return { user: { name, role }, csrf: sessions.csrfToken(session) };
  };

  const needTeam = () => {
    if (!auth.team) throw new HttpError(400, 'login: this server runs in local mode (no IPABS_HOST), where nobody signs in');
  };

  r.get('/me', (_req, res) => {
    const u = auth.user(res);
    res.json({ mode: auth.team ? 'team' : 'local', user: u ? { name: u.name, role: u.role } : null, csrf: res.locals.csrfToken ?? null, limits: auth.team ? auth.limits : null });
  });

  r.post('/login', handle(async (req, res) => {
    needTeam();
    const body = jsonBody(req);
    onlyFields(body, ['name', 'password']);
    const name = text(body, 'name', 64);
    const password = text(body, 'password', PASSWORD_MAX);
    const keys = [`name:${name}`, `ip:${req.ip ?? ''}`];
    auth.logins.check(keys);
    const account = await accountCall(auth.accounts.get(name));
    const ok = await auth.hashSlot(async () => {
      if (account) return verifyPassword(password, account.hash);
      dummyHash ??= hashPassword('not the password of anyone');
      await verifyPassword(password, await dummyHash);
      return false;
    });
    if (!account || !ok) {
      auth.logins.fail(keys);
      throw new HttpError(401, 'login: wrong account name or password');
    }
    auth.logins.succeed(keys[0] as string);
    res.json(startSession(req, res, account.name, account.role, account.epoch));
  }));

  r.post('/logout', handle((_req, res) => {
    needTeam();
    const u = auth.user(res);
    if (u) auth.sessions?.revoke(u.session);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.json({ ok: true });
  }));

  r.post('/me/password', handle(async (req, res) => {
    needTeam();
    const u = auth.user(res) as NonNullable<ReturnType<typeof auth.user>>;
    const body = jsonBody(req);
    onlyFields(body, ['current', 'password']);
    const current = text(body, 'current', PASSWORD_MAX);
    const password = text(body, 'password', PASSWORD_MAX);
    const right = await auth.hashSlot(() => auth.accounts.verify(u.name, current));
    if (!right) throw new HttpError(403, 'current: is not your current password');
    await auth.hashSlot(() => accountCall(auth.accounts.setPassword(u.name, password)));
    const a = await auth.accounts.get(u.name);
    // The change ends every session of the account, this one included: start a new one.
    res.json(startSession(req, res, u.name, u.role, a?.epoch ?? 0));
  }));

  r.get('/users', handle(async (_req, res) => {
    needTeam();
    res.json({ users: (await auth.accounts.all()).map(info).sort((a, b) => a.name.localeCompare(b.name)) });
  }));

  r.post('/users', handle(async (req, res) => {
    needTeam();
    const body = jsonBody(req);
    onlyFields(body, ['name', 'password', 'role']);
    const role = body.role ?? 'viewer';
    if (!isRole(role)) throw new HttpError(400, `role: must be one of viewer, editor, admin, got ${JSON.stringify(String(role).slice(0, 40))}`);
    const added = await auth.hashSlot(() => accountCall(auth.accounts.add(text(body, 'name', 64), text(body, 'password', PASSWORD_MAX), role)));
    res.status(201).json({ user: added });
  }));

  r.patch('/users/:name', handle(async (req, res) => {
    needTeam();
    const name = String(req.params.name ?? '');
    const body = jsonBody(req);
    onlyFields(body, ['role', 'password']);
    if (body.role === undefined && body.password === undefined) throw new HttpError(400, 'body: give role, password or both');
    if (body.role !== undefined) {
      if (!isRole(body.role)) throw new HttpError(400, `role: must be one of viewer, editor, admin, got ${JSON.stringify(String(body.role).slice(0, 40))}`);
      await accountCall(auth.accounts.setRole(name, body.role));
    }
    if (body.password !== undefined) await auth.hashSlot(() => accountCall(auth.accounts.setPassword(name, text(body, 'password', PASSWORD_MAX))));
    const a = await auth.accounts.get(name);
    if (!a) throw new HttpError(404, `name: no account "${name.slice(0, 40)}"`);
    res.json({ user: info(a) });
  }));

  r.delete('/users/:name', handle(async (req, res) => {
    needTeam();
    const name = String(req.params.name ?? '');
    await accountCall(auth.accounts.remove(name));
    res.json({ removed: name });
  }));

  return r;
}

/** The login page (team mode); in local mode there is nothing to sign in to. */
export function authPages(ctx: AppContext): Router {
  const r = Router();
  r.get('/login', (req, res) => {
    const next = safeNext(req.query.next);
    if (!ctx.auth.team || ctx.auth.user(res)) {
      res.redirect(303, next);
      return;
    }
    res.render('login', { title: res.locals.t('auth.login.title'), nav: '', next });
  });
  return r;
}

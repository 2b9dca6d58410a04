import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cookieValue, loadOrCreateSecret, Sessions } from '../../../server/auth/session.js';
import { requiredRole, safeNext } from '../../../server/auth/auth.js';

describe('sessions and CSRF tokens (server/auth/session)', () => {
  const secret = Buffer.alloc(32, 7);
  const hour = 3600_000;

  it('reads back the session it signed, and nothing else', () => {
    const s = new Sessions(secret, hour);
    const { token, session } = s.issue('eve', 3, 1_000);
    expect(s.read(token, 2_000)).to.deep.equal(session);
    expect(new Sessions(Buffer.alloc(32, 8), hour).read(token, 2_000), 'another secret').to.equal(null);
    const [payload, sig] = token.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ ...session, user: 'ada' })).toString('base64url');
    expect(s.read(`${altered}.${sig}`, 2_000)).to.equal(null);
    expect(s.read(`${payload}.`, 2_000)).to.equal(null);
    expect(s.read('garbage', 2_000)).to.equal(null);
    expect(s.read(undefined, 2_000)).to.equal(null);
  });

  it('ends a session at its expiry and when revoked', () => {
    const s = new Sessions(secret, hour);
    const { token, session } = s.issue('eve', 1, 0);
    expect(s.read(token, hour - 1)).to.not.equal(null);
    expect(s.read(token, hour)).to.equal(null);
    s.revoke(session, 10);
    expect(s.read(token, 20)).to.equal(null);
  });

  it('ties each CSRF token to one session', () => {
    const s = new Sessions(secret, hour);
    const a = s.issue('eve', 1).session;
    const b = s.issue('eve', 1).session;
    expect(s.checkCsrf(a, s.csrfToken(a))).to.equal(true);
    expect(s.checkCsrf(a, s.csrfToken(b))).to.equal(false);
    expect(s.checkCsrf(a, undefined)).to.equal(false);
  });

  it('keeps its signing secret in the data folder, owner-only, the same across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipabs-secret-'));
    try {
      const first = loadOrCreateSecret(dir);
      expect(first.length).to.equal(32);
      expect(loadOrCreateSecret(dir).equals(first)).to.equal(true);
      expect(statSync(join(dir, 'auth', 'session-secret')).mode & 0o777).to.equal(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a cookie among others', () => {
    expect(cookieValue('ipabs_lang=zh; ipabs_session=abc.def; x=1', 'ipabs_session')).to.equal('abc.def');
    expect(cookieValue(undefined, 'ipabs_session')).to.equal(undefined);
  });

  it('asks an editor for saving by default, a viewer for reading and running, an admin for accounts', () => {
    expect(requiredRole('GET', '/api/deals').role).to.equal('viewer');
    expect(requiredRole('PUT', '/api/deals/x').role).to.equal('editor');
    expect(requiredRole('POST', '/api/deals').role).to.equal('editor');
    expect(requiredRole('POST', '/api/some-new-upload').role, 'routes added later are refused to viewers').to.equal('editor');
    expect(requiredRole('POST', '/api/runs').role).to.equal('viewer');
    expect(requiredRole('POST', '/api/sensitivity').role).to.equal('viewer');
    expect(requiredRole('POST', '/api/deals/yuhang-abn-2023/rating').role).to.equal('viewer');
    expect(requiredRole('POST', '/api/deals/yuhang-abn-2023/pool').role, 'a pool import saves a deal').to.equal('editor');
    expect(requiredRole('DELETE', '/api/runs/run-abc-12345678').role).to.equal('viewer');
    expect(requiredRole('GET', '/api/users').role).to.equal('admin');
  });

  it('returns to a path on this site only after login', () => {
    expect(safeNext('/runs?deal=x')).to.equal('/runs?deal=x');
    for (const bad of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 42, undefined]) expect(safeNext(bad)).to.equal('/');
  });
});

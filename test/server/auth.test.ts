// Team mode (IPABS_HOST set): sign-in, sessions, CSRF, roles, run ownership, per-user limits.
import { expect } from 'chai';
import request from 'supertest';
import type { Response } from 'superagent';
import { makeApp, steppedSimulate, waitFor, yuhangAs, YUHANG, type TestApp } from './helpers.js';
import { TEAM, writeAccounts } from '../support/accounts.js';
import type { ConfigOverrides } from '../../server/config.js';
import { defaultUserLimits } from '../../server/auth/limits.js';

type Agent = ReturnType<typeof request.agent>;

async function team(overrides: ConfigOverrides = {}): Promise<TestApp> {
  const t = makeApp({ team: true, simulateModule: steppedSimulate, ...overrides });
  await writeAccounts(t.dataDir, TEAM);
  return t;
}

/** Sign in through the API; returns the agent (keeps the cookie) and the CSRF token. */
async function signIn(t: TestApp, name: string): Promise<{ agent: Agent; csrf: string; res: Response }> {
  const agent = request.agent(t.app);
  const password = TEAM.find((u) => u.name === name)?.password ?? '';
  const res = await agent.post('/api/login').send({ name, password }).expect(200);
  return { agent, csrf: res.body.csrf as string, res };
}

describe('team mode: accounts, sessions, CSRF and roles', function () {
  this.timeout(20_000);
  let t: TestApp;
  beforeEach(async () => { t = await team(); });
  afterEach(() => t.dispose());

  it('asks for a sign-in everywhere but the login page, /api/health and static files', async () => {
    const api = await request(t.app).get('/api/deals').expect(401);
    expect(api.body.error).to.equal('login: sign in first (POST /api/login with { name, password }, or the page /login)');
    const page = await request(t.app).get('/deals/yuhang-abn-2023?lang=zh').expect(303);
    expect(page.headers.location).to.equal('/login?next=%2Fdeals%2Fyuhang-abn-2023%3Flang%3Dzh');
    await request(t.app).put('/api/deals/x').send(yuhangAs('x')).expect(401);
    await request(t.app).get('/api/health').expect(200);
    await request(t.app).get('/static/js/api.js').expect(200);
    const login = await request(t.app).get('/login?next=/runs&lang=zh').expect(200);
    expect(login.text).to.contain('id="login-form"').and.contain('data-next="/runs"').and.contain('账户名');
    const me = await request(t.app).get('/api/me').expect(200);
    expect(me.body).to.deep.include({ mode: 'team', user: null, csrf: null });
  });

  it('refuses a wrong password or an unknown name with the same 401, and signs in with the right one', async () => {
    const wrong = await request(t.app).post('/api/login').send({ name: 'eve', password: 'not-it-at-all' }).expect(401);
    const nobody = await request(t.app).post('/api/login').send({ name: 'zed', password: 'editor-pass-1' }).expect(401);
    expect(wrong.body.error).to.equal('login: wrong account name or password');
    expect(nobody.body.error).to.equal(wrong.body.error);
    const { agent, res } = await signIn(t, 'eve');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).to.match(/^ipabs_session=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Max-Age=43200; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    expect(res.body.user).to.deep.equal({ name: 'eve', role: 'editor' });
    const me = await agent.get('/api/me').expect(200);
    expect(me.body.user).to.deep.equal({ name: 'eve', role: 'editor' });
    expect(me.body.csrf).to.equal(res.body.csrf);
    await agent.get('/api/deals').expect(200);
  });

  it('refuses a forged or altered session cookie', async () => {
    const { res } = await signIn(t, 'vic');
    const token = String(res.headers['set-cookie']).split(';')[0]!.slice('ipabs_session='.length);
    const [payload, sig] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const admin = Buffer.from(JSON.stringify({ ...claims, user: 'ada' })).toString('base64url');
    await request(t.app).get('/api/deals').set('Cookie', `ipabs_session=${admin}.${sig}`).expect(401);
    await request(t.app).get('/api/deals').set('Cookie', `ipabs_session=${payload}.${sig.slice(0, -2)}xx`).expect(401);
    await request(t.app).get('/api/deals').set('Cookie', `ipabs_session=${token}`).expect(200);
  });

  it('needs the session\'s CSRF token and a same-site Origin on every state-changing request', async () => {
    const { agent, csrf } = await signIn(t, 'eve');
    const none = await agent.put('/api/deals/mine').send(yuhangAs('mine')).expect(403);
    expect(none.body.error).to.match(/^csrf: missing or wrong x-csrf-token header/);
    await agent.put('/api/deals/mine').set('X-CSRF-Token', `${csrf}x`).send(yuhangAs('mine')).expect(403);
    await agent.post('/api/validate').send({ text: '{}' }).expect(403);
    const cross = await agent.put('/api/deals/mine').set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example').send(yuhangAs('mine')).expect(403);
    expect(cross.body.error).to.match(/^origin: a cross-site request cannot change anything/);
    await agent.put('/api/deals/mine').set('X-CSRF-Token', csrf).send(yuhangAs('mine')).expect(201);
    // Another session's token is no good either.
    const other = await signIn(t, 'eve');
    await agent.put('/api/deals/mine').set('X-CSRF-Token', other.csrf).send(yuhangAs('mine')).expect(403);
  });

  it('lets a viewer read, validate and run, but not save (403 naming the role)', async () => {
    const { agent, csrf } = await signIn(t, 'vic');
    await agent.get(`/api/deals/${YUHANG}/schedule`).expect(200);
    await agent.post('/api/validate').set('X-CSRF-Token', csrf).send({ text: '{}' }).expect(200);
    const save = await agent.put('/api/deals/vics-deal').set('X-CSRF-Token', csrf).send(yuhangAs('vics-deal')).expect(403);
    expect(save.body.error).to.equal('role: saving needs the editor role; vic is a viewer');
    const create = await agent.post('/api/deals').set('X-CSRF-Token', csrf).send({ id: 'vics-copy', from: YUHANG }).expect(403);
    expect(create.body.error).to.equal(save.body.error);
    const run = await agent.post('/api/runs').set('X-CSRF-Token', csrf).send({ dealId: YUHANG, paths: 1000 }).expect(202);
    expect(run.body.run.startedBy).to.equal('vic');
    await agent.get('/api/users').expect(403);
    await request(t.app).get(`/api/deals/vics-deal`).expect(401);
  });

  it('records who saved each version, in the history and the library', async () => {
    const eve = await signIn(t, 'eve');
    await eve.agent.post('/api/deals').set('X-CSRF-Token', eve.csrf).send({ id: 'team-deal', from: YUHANG }).expect(201);
    const ada = await signIn(t, 'ada');
    const v2 = await ada.agent.put('/api/deals/team-deal').set('X-CSRF-Token', ada.csrf).send(yuhangAs('team-deal', { name: 'Second' })).expect(200);
    expect(v2.body).to.include({ version: 2, savedBy: 'ada' });
    const hist = await eve.agent.get('/api/deals/team-deal/history').expect(200);
    expect(hist.body.versions.map((v: { version: number; savedBy: string }) => [v.version, v.savedBy])).to.deep.equal([[1, 'eve'], [2, 'ada']]);
    const lib = await eve.agent.get('/api/deals?q=team-deal').expect(200);
    expect(lib.body.deals[0]).to.include({ id: 'team-deal', version: 2, savedBy: 'ada' });
  });

  it('lets only the run\'s starter or an admin cancel it', async () => {
    const vic = await signIn(t, 'vic');
    const started = await vic.agent.post('/api/runs').set('X-CSRF-Token', vic.csrf).send({ dealId: YUHANG, paths: 100_000 }).expect(202);
    const id = started.body.run.id as string;
    const val = await signIn(t, 'val');
    const refused = await val.agent.delete(`/api/runs/${id}`).set('X-CSRF-Token', val.csrf).expect(403);
    expect(refused.body.error).to.equal(`runId: run ${id} was started by vic; only they or an admin can cancel it`);
    const eve = await signIn(t, 'eve');
    await eve.agent.delete(`/api/runs/${id}`).set('X-CSRF-Token', eve.csrf).expect(403);
    const ada = await signIn(t, 'ada');
    await ada.agent.delete(`/api/runs/${id}`).set('X-CSRF-Token', ada.csrf).expect(202);
    const second = await vic.agent.post('/api/runs').set('X-CSRF-Token', vic.csrf).send({ dealId: YUHANG, paths: 100_000 }).expect(202);
    await vic.agent.delete(`/api/runs/${second.body.run.id as string}`).set('X-CSRF-Token', vic.csrf).expect(202);
    await waitFor(async () => ((await vic.agent.get(`/api/runs/${second.body.run.id as string}`)).body.run.state === 'cancelled' ? true : undefined));
  });

  it('ends a session at sign-out and every session of an account when its password changes', async () => {
    const first = await signIn(t, 'eve');
    const second = await signIn(t, 'eve');
    await first.agent.post('/api/logout').set('X-CSRF-Token', first.csrf).expect(200);
    await first.agent.get('/api/deals').expect(401);
    await second.agent.get('/api/deals').expect(200);
    const third = await signIn(t, 'eve');
    const changed = await third.agent.post('/api/me/password').set('X-CSRF-Token', third.csrf).send({ current: 'editor-pass-1', password: 'a-new-passphrase' }).expect(200);
    expect(changed.body.user).to.deep.equal({ name: 'eve', role: 'editor' });
    await second.agent.get('/api/deals').expect(401);
    await third.agent.get('/api/deals').expect(200); // given a fresh session
    await request(t.app).post('/api/login').send({ name: 'eve', password: 'editor-pass-1' }).expect(401);
    await request(t.app).post('/api/login').send({ name: 'eve', password: 'a-new-passphrase' }).expect(200);
  });

  it('lets an admin manage accounts, keeping at least one admin', async () => {
    const ada = await signIn(t, 'ada');
    const list = await ada.agent.get('/api/users').expect(200);
    expect(list.body.users.map((u: { name: string; role: string }) => `${u.name}:${u.role}`)).to.deep.equal(['ada:admin', 'eve:editor', 'val:viewer', 'vic:viewer']);
    expect(JSON.stringify(list.body)).to.not.match(/scrypt|hash|epoch/);
    const bad = await ada.agent.post('/api/users').set('X-CSRF-Token', ada.csrf).send({ name: 'newbie', password: 'short', role: 'viewer' }).expect(400);
    expect(bad.body.error).to.equal('password: must be at least 8 characters');
    await ada.agent.post('/api/users').set('X-CSRF-Token', ada.csrf).send({ name: 'newbie', password: 'long enough pass', role: 'editor' }).expect(201);
    await ada.agent.post('/api/users').set('X-CSRF-Token', ada.csrf).send({ name: 'newbie', password: 'long enough pass', role: 'editor' }).expect(409);
    await request(t.app).post('/api/login').send({ name: 'newbie', password: 'long enough pass' }).expect(200);
    const demote = await ada.agent.patch('/api/users/ada').set('X-CSRF-Token', ada.csrf).send({ role: 'viewer' }).expect(409);
    expect(demote.body.error).to.equal('role: "ada" is the last admin; make another account admin first');
    await ada.agent.patch('/api/users/vic').set('X-CSRF-Token', ada.csrf).send({ role: 'editor' }).expect(200);
    // The new role applies at once, to the session already open.
    const vic = await signIn(t, 'vic');
    await vic.agent.put('/api/deals/now-allowed').set('X-CSRF-Token', vic.csrf).send(yuhangAs('now-allowed')).expect(201);
    await ada.agent.delete('/api/users/vic').set('X-CSRF-Token', ada.csrf).expect(200);
    await vic.agent.get('/api/deals').expect(401);
  });

  it('slows password guessing: 10 failures on an account give 429 even with the right password', async () => {
    for (let i = 0; i < 10; i++) await request(t.app).post('/api/login').send({ name: 'vic', password: `guess-${i}-guess` }).expect(401);
    const res = await request(t.app).post('/api/login').send({ name: 'vic', password: 'viewer-pass-1' }).expect(429);
    expect(res.body.error).to.match(/^login: too many failed sign-ins \(10 in 15 minutes\) — try again in 15 min$/);
  });
});

describe('team mode: per-user limits', function () {
  this.timeout(20_000);
  let t: TestApp;
  afterEach(() => t.dispose());

  it('refuses the save past the per-minute limit with 429 naming the limit', async () => {
    t = await team({ userLimits: { ...defaultUserLimits, savesPerMinute: 2 } });
    const eve = await signIn(t, 'eve');
    for (const id of ['s-1', 's-2']) await eve.agent.put(`/api/deals/${id}`).set('X-CSRF-Token', eve.csrf).send(yuhangAs(id)).expect(201);
    const third = await eve.agent.put('/api/deals/s-3').set('X-CSRF-Token', eve.csrf).send(yuhangAs('s-3')).expect(429);
    expect(third.body.error).to.match(/^saves: eve has saved 2 times in the last minute; the limit is 2 saves a minute per user \(IPABS_USER_SAVES_PER_MINUTE\) — try again in \d+ s$/);
    // Another account has its own count; a refused save (invalid deal) does not use one up.
    const ada = await signIn(t, 'ada');
    await ada.agent.put('/api/deals/bad').set('X-CSRF-Token', ada.csrf).send(yuhangAs('bad', { maturityDate: '2020-01-01' })).expect(422);
    await ada.agent.put('/api/deals/a-1').set('X-CSRF-Token', ada.csrf).send(yuhangAs('a-1')).expect(201);
    await ada.agent.put('/api/deals/a-1').set('X-CSRF-Token', ada.csrf).send(yuhangAs('a-1')).expect(200);
  });

  it('refuses the save that would pass the storage limit with 413 naming the limit', async () => {
    const oneDeal = Buffer.byteLength(`${JSON.stringify(yuhangAs('st-1'), null, 2)}\n`);
    t = await team({ userLimits: { ...defaultUserLimits, storageBytes: Math.floor(oneDeal * 2.5) } });
    const eve = await signIn(t, 'eve');
    await eve.agent.put('/api/deals/st-1').set('X-CSRF-Token', eve.csrf).send(yuhangAs('st-1')).expect(201);
    await eve.agent.put('/api/deals/st-1').set('X-CSRF-Token', eve.csrf).send(yuhangAs('st-1')).expect(200);
    const full = await eve.agent.post('/api/deals').set('X-CSRF-Token', eve.csrf).send({ id: 'st-2', from: YUHANG }).expect(413);
    expect(full.body.error).to.match(/^storage: this version \(0\.0 MB\) would take the deals eve has saved to 0\.1 MB; the limit is 0\.1 MB per user \(IPABS_USER_STORAGE_MB\)/);
    const ada = await signIn(t, 'ada');
    await ada.agent.post('/api/deals').set('X-CSRF-Token', ada.csrf).send({ id: 'st-2', from: YUHANG }).expect(201);
  });

  it('refuses a run past the per-user limit of queued and running runs with 429 naming the limit', async () => {
    t = await team({ userLimits: { ...defaultUserLimits, activeRuns: 1 } });
    const vic = await signIn(t, 'vic');
    await vic.agent.post('/api/runs').set('X-CSRF-Token', vic.csrf).send({ dealId: YUHANG, paths: 100_000 }).expect(202);
    const second = await vic.agent.post('/api/runs').set('X-CSRF-Token', vic.csrf).send({ dealId: YUHANG, paths: 100_000 }).expect(429);
    expect(second.body.error).to.equal('runs: vic has 1 runs queued or running; the limit is 1 per user (IPABS_USER_RUNS) — wait for one to finish or cancel one');
    const val = await signIn(t, 'val');
    await val.agent.post('/api/runs').set('X-CSRF-Token', val.csrf).send({ dealId: YUHANG, paths: 100_000 }).expect(202);
  });
});

describe('local mode (no IPABS_HOST)', () => {
  let t: TestApp;
  beforeEach(() => { t = makeApp(); });
  afterEach(() => t.dispose());

  it('needs no sign-in and records no account', async () => {
    const me = await request(t.app).get('/api/me').expect(200);
    expect(me.body).to.deep.include({ mode: 'local', user: null });
    const saved = await request(t.app).put('/api/deals/local-1').send(yuhangAs('local-1')).expect(201);
    expect(saved.body.savedBy).to.equal(null);
    const login = await request(t.app).post('/api/login').send({ name: 'a', password: 'b' }).expect(400);
    expect(login.body.error).to.equal('login: this server runs in local mode (no IPABS_HOST), where nobody signs in');
    await request(t.app).get('/login').expect(303);
  });

  it('answers only requests addressed to localhost (a DNS-rebinding page gets 403)', async () => {
    const res = await request(t.app).get('/api/deals').set('Host', 'attacker.example:3000').expect(403);
    expect(res.body.error).to.match(/^host: this server runs in local mode and answers only for localhost, got "attacker.example:3000"/);
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'ipabs.localhost']) await request(t.app).get('/api/health').set('Host', host).expect(200);
  });
});

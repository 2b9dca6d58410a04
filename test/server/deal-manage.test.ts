// Deals are renamed and deleted without losing their history, and copies get distinct names (issue 14).
import { expect } from 'chai';
import request from 'supertest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeApp, YUHANG, type TestApp } from './helpers.js';

describe('renaming, deleting and copying deals', () => {
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());
  const copy = (id: string, from = YUHANG) => request(t.app).post('/api/deals').send({ id, from });

  it('names copies "(copy)", then "(copy 2)", "(copy 3)" so they can be told apart', async () => {
    await copy('c1').expect(201);
    await copy('c2').expect(201);
    await copy('c3', 'c1').expect(201);
    const names = await Promise.all(['c1', 'c2', 'c3'].map(async (id) => (await request(t.app).get(`/api/deals/${id}`)).body.deal.meta.name as string));
    expect(names).to.deep.equal(['Yuhang exclusive-licence IP ABN, first issue (2023) (copy)', 'Yuhang exclusive-licence IP ABN, first issue (2023) (copy 2)', 'Yuhang exclusive-licence IP ABN, first issue (2023) (copy 3)']);
    // The Chinese name too, so copies differ on Chinese pages.
    const zh = await Promise.all(['c1', 'c2'].map(async (id) => (await request(t.app).get(`/api/deals/${id}`)).body.deal.meta.nameZh as string));
    expect(zh).to.deep.equal(['余杭区知识产权独占许可资产支持票据（2023年度第一期）（副本）', '余杭区知识产权独占许可资产支持票据（2023年度第一期）（副本 2）']);
  });

  it('renames a deal: a new name is a new version, a new id moves the whole history', async () => {
    await copy('old-id').expect(201);
    await request(t.app).post('/api/deals/old-id/rename').send({ name: 'Second name' }).expect(200);
    const r = await request(t.app).post('/api/deals/old-id/rename').send({ id: 'new-id', name: 'Third name' }).expect(200);
    expect(r.body).to.include({ id: 'new-id', from: 'old-id', version: 3 });
    await request(t.app).get('/api/deals/old-id').expect(404);
    const now = await request(t.app).get('/api/deals/new-id').expect(200);
    expect(now.body.deal.meta).to.include({ id: 'new-id', name: 'Third name' });
    const hist = await request(t.app).get('/api/deals/new-id/history').expect(200);
    expect(hist.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2, 3]);
    const v2 = await request(t.app).get('/api/deals/new-id/versions/2').expect(200);
    expect(v2.body.deal.meta.name).to.equal('Second name');
  });

  it('refuses a rename onto an existing deal or scenario, of a scenario, or with nothing to change', async () => {
    await copy('taken').expect(201);
    await copy('mover').expect(201);
    expect((await request(t.app).post('/api/deals/mover/rename').send({ id: 'taken' }).expect(409)).body.error).to.match(/^id: a deal "taken" already exists/);
    expect((await request(t.app).post('/api/deals/mover/rename').send({ id: YUHANG }).expect(409)).body.error).to.match(/shipped scenario/);
    expect((await request(t.app).post(`/api/deals/${YUHANG}/rename`).send({ name: 'x' }).expect(409)).body.error).to.match(/cannot be renamed/);
    expect((await request(t.app).post('/api/deals/mover/rename').send({}).expect(400)).body.error).to.match(/^body: give a new id, a new name or both/);
    expect((await request(t.app).post('/api/deals/mover/rename').send({ id: '../x' }).expect(400)).body.error).to.match(/^id: must be a deal id/);
    // Nothing moved.
    expect((await request(t.app).get('/api/deals/mover/history')).body.versions).to.have.length(1);
  });

  it('deletes a deal only when the id is confirmed, and keeps its versions under deleted/', async () => {
    await copy('bye').expect(201);
    await request(t.app).post('/api/deals/bye/rename').send({ name: 'Bye v2' }).expect(200);
    expect((await request(t.app).delete('/api/deals/bye').expect(400)).body.error).to.match(/^confirm: repeat the deal id/);
    await request(t.app).get('/api/deals/bye').expect(200);
    const r = await request(t.app).delete('/api/deals/bye?confirm=bye').expect(200);
    expect(r.body).to.include({ id: 'bye', deleted: true, versions: 2 });
    await request(t.app).get('/api/deals/bye').expect(404);
    const kept = join(t.dataDir, r.body.keptAs as string);
    expect(readdirSync(kept).sort()).to.deep.equal(['v000001.json', 'v000002.json']);
    expect(JSON.parse(readFileSync(join(kept, 'v000002.json'), 'utf8')).meta.name).to.equal('Bye v2');
    expect(existsSync(join(t.dataDir, 'deals', 'bye'))).to.equal(false);
    await request(t.app).delete(`/api/deals/${YUHANG}?confirm=${YUHANG}`).expect(409);
    await request(t.app).delete('/api/deals/ghost?confirm=ghost').expect(404);
  });
});

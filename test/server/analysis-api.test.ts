import { expect } from 'chai';
import request from 'supertest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { makeApp, YUHANG, type TestApp } from './helpers.js';
import { projectRoot } from '../../server/config.js';

describe('analysis API (/api/compare, /api/learn, /api/glossary, /api/calendar, /api/health)', () => {
  let t: TestApp;
  before(async () => {
    t = makeApp();
    await request(t.app).post('/api/deals').send({ id: 'yuhang-copy', from: YUHANG, name: 'Yuhang copy' }).expect(201);
  });
  after(() => t.dispose());

  describe('GET /api/compare', () => {
    it('puts two deals side by side with coupons, structure and base-case totals', async () => {
      const res = await request(t.app).get(`/api/compare?ids=${YUHANG},yuhang-copy`).expect(200);
      expect(res.body.deals.map((d: { id: string }) => d.id)).to.deep.equal([YUHANG, 'yuhang-copy']);
      const y = res.body.deals[0];
      expect(y.glance.tranches[0].couponRate).to.equal(0.027);
      expect(y.baseCase.interest).to.equal(3_591_000);
      expect(y.baseCase.upfrontFees).to.equal(855_650);
      expect(y.baseCase.netToFirms).to.equal(132_144_350);
      expect(y.baseCase.reconciled).to.equal(true);
    });
    it('includes the cost comparison of the deals, in the order asked', async () => {
      const res = await request(t.app).get(`/api/compare?ids=${YUHANG},yuhang-copy`).expect(200);
      expect(res.body.costUnavailable).to.equal(null);
      expect(res.body.cost.deals.map((d: { deal: { id: string } }) => d.deal.id)).to.deep.equal([YUHANG, 'yuhang-copy']);
    });
    it('needs 2 to 4 different deals (400 otherwise) and known ids (404)', async () => {
      const one = await request(t.app).get(`/api/compare?ids=${YUHANG}`).expect(400);
      expect(one.body.error).to.equal('ids: must name 2 to 4 different deals separated by commas, got 1');
      const dup = await request(t.app).get(`/api/compare?ids=${YUHANG},${YUHANG}`).expect(400);
      expect(dup.body.error).to.match(/got 1$/);
      await request(t.app).get('/api/compare?ids=a,b,c,d,e').expect(400);
      await request(t.app).get(`/api/compare?ids=${YUHANG},ghost`).expect(404);
      const trav = await request(t.app).get(`/api/compare?ids=${YUHANG},..%2F..%2Fetc%2Fpasswd`).expect(400);
      expect(trav.body.error).to.match(/^ids: must be a deal id/);
    });
  });

  describe('GET /api/learn/:structure', () => {
    it('walks Yuhang period 1 in waterfall order with the engine amounts, ending with the cash kept', async () => {
      const res = await request(t.app).get('/api/learn/exclusive-licence-abn').expect(200);
      const steps = res.body.steps as Array<{ title: string; titleZh: string; change: number; cashAfter: number; text: string }>;
      expect(steps.map((s) => s.title)).to.deep.equal(['Collections arrive', 'Shortfall check', 'Fees', 'Note interest', 'Note principal', 'Residual']);
      expect(steps.map((s) => s.change)).to.deep.equal([1_130_500, 0, -25_142.46, -905_128.77, 0, 0]);
      expect(steps.map((s) => s.cashAfter)).to.deep.equal([1_130_500, 1_130_500, 1_105_357.54, 200_228.77, 200_228.77, 200_228.77]);
      expect(steps[3]?.text).to.contain('Senior notes: 133,000,000.00 × 2.70% × 92/365 = 905,128.77.');
      expect(steps[1]?.titleZh).to.equal('差额支付 / 增信提款');
      expect(res.body.cashLeft).to.equal(200_228.77);
      expect(res.body.reconciled).to.equal(true);
    });
    it('walks the final period, where the principal is repaid and the residual released', async () => {
      const res = await request(t.app).get('/api/learn/exclusive-licence-abn?period=4').expect(200);
      const byTitle = Object.fromEntries((res.body.steps as Array<{ title: string; change: number }>).map((s) => [s.title, s.change]));
      expect(byTitle['Cash held from earlier periods']).to.equal(610_797.95);
      expect(byTitle['Note principal']).to.equal(-133_000_000);
      expect(byTitle.Residual).to.equal(-831_250.01);
      expect(res.body.cashLeft).to.equal(0);
      expect(res.body.reconciled).to.equal(true);
    });
    it('answers 400 for a period out of range and 404 for an unknown structure', async () => {
      const r = await request(t.app).get('/api/learn/exclusive-licence-abn?period=9').expect(400);
      expect(r.body.error).to.equal('period: must be a whole number between 1 and 4, got "9"');
      await request(t.app).get('/api/learn/exclusive-licence-abn?period=-1').expect(400);
      const nf = await request(t.app).get('/api/learn/<script>').expect(404);
      expect(nf.body.error).to.match(/^structure: no learn page/);
    });
    it('lists the structures: the three deals of the brief, then pledged-IP micro-loans, finance leases and trust loans', async () => {
      const res = await request(t.app).get('/api/learn').expect(200);
      expect(res.body.structures.map((s: { slug: string }) => s.slug)).to.deep.equal(['exclusive-licence-abn', 'n-plus-1-cross-border', 'e-cny-issuance', 'pledged-ip-micro-loans', 'ip-finance-lease', 'trust-loan-abn']);
    });
  });

  describe('the N+1 and e-CNY learn pages on their real scenarios', () => {
    const costModule = existsSync(resolve(projectRoot, 'models/cost/compare.ts'));
    it('walks a Futian period through its three tranches and explains the +1 leg from the deal data', async () => {
      const res = await request(t.app).get('/api/learn/n-plus-1-cross-border').expect(200);
      expect(res.body.reconciled).to.equal(true);
      expect(res.body.steps.filter((s: { title: string }) => s.title === 'Note interest')).to.have.length(2);
      const leg = res.body.legs[0];
      expect(leg.draws.map((d: { date: string; amount: number }) => [d.date, d.amount])).to.deep.equal([['2023-09-20', 1_200_000], ['2023-12-20', 800_000]]);
      expect(leg).to.include({ currency: 'CNH', facility: 2_000_000, couponRate: 0.039 });
      expect(leg.chain.onshoreBank).to.match(/ICBC Shenzhen/);
      if (costModule) {
        expect(leg.cost.chainFeeRate).to.be.within(0, 0.05);
        // Net assets 8 M CNY × 2 × 1.5 = 24 M CNY of quota; the 1.2 M batch for a year or less counts 1.5×.
        expect(leg.draws[0].quota).to.equal(24_000_000);
        expect(leg.draws[0].quotaAfter).to.equal(1_800_000);
      }
      const page = await request(t.app).get('/learn/n-plus-1-cross-border').expect(200);
      expect(page.text).to.contain('cross-border counter-guarantee 跨境反担保');
    });
    it('says on the e-CNY page that cash in wallets earned nothing before 2026', async () => {
      const res = await request(t.app).get('/api/learn/e-cny-issuance').expect(200);
      expect(res.body.reconciled).to.equal(true);
      expect(res.body.railNote.amount).to.equal(0);
      expect(res.body.railNote.text).to.match(/real-name e-CNY wallets .* before 2026-01-01 e-CNY was cash \(M0\) and earned no interest\.$/);
    });
    it('compares the three seed deals with the cost model: all-in before and after subsidy against the baseline', async function () {
      if (!costModule) this.skip();
      const ids = ['yuhang-abn-2023', 'futian-n-plus-1-2023', 'ningbo-ecny-2024'];
      const res = await request(t.app).get(`/api/compare?ids=${ids.join(',')}`).expect(200);
      expect(res.body.costUnavailable).to.equal(null);
      const byId = Object.fromEntries(res.body.cost.deals.map((d: { deal: { id: string } }) => [d.deal.id, d]));
      for (const id of ids) {
        const c = byId[id] as { allInCostRate: number; subsidyAdjustedCostRate: number; baselineCostRate: number; savingVsBaseline: number };
        expect(c.allInCostRate, id).to.be.within(0.005, 0.2);
        expect(c.subsidyAdjustedCostRate, id).to.be.at.most(c.allInCostRate);
      }
      // Futian's 70% subsidy brings its cost down a long way; Yuhang has no subsidy.
      expect(byId['futian-n-plus-1-2023'].subsidyAdjustedCostRate).to.be.below(byId['futian-n-plus-1-2023'].allInCostRate - 0.02);
      expect(byId['yuhang-abn-2023'].subsidyAdjustedCostRate).to.equal(byId['yuhang-abn-2023'].allInCostRate);
      const lib = await request(t.app).get('/api/deals').expect(200);
      const y = lib.body.deals.find((d: { id: string }) => d.id === 'yuhang-abn-2023');
      expect(y.cost.allInCostRate).to.equal(byId['yuhang-abn-2023'].allInCostRate);
    });
  });

  it('GET /api/glossary pairs English with Chinese terms', async () => {
    const res = await request(t.app).get('/api/glossary').expect(200);
    const g = res.body.glossary as Array<{ en: string; zh: string }>;
    expect(g.find((x) => x.en === 'shortfall-payment undertaking')?.zh).to.equal('差额支付承诺');
    expect(g).to.have.length(18);
  });

  describe('GET /api/calendar/:when', () => {
    it('gives a year of the exchange calendar: 242 trading days in 2024, the Spring Festival Eve closed', async () => {
      const res = await request(t.app).get('/api/calendar/2024?calendar=CN-EX').expect(200);
      expect(res.body).to.include({ year: 2024, calendar: 'CN-EX', businessDays: 242 });
      expect(res.body.exceptions.find((d: { date: string }) => d.date === '2024-02-09')).to.include({ open: false, kind: 'exchange-closure' });
      expect(res.body.notice.docNo).to.equal('国办发明电〔2023〕7号');
    });

    it('describes one date and where each roll moves it (interbank by default)', async () => {
      const res = await request(t.app).get('/api/calendar/2024-10-01').expect(200);
      expect(res.body).to.include({ calendar: 'CN-IB', open: false, kind: 'holiday' });
      expect(res.body.rolled['modified-following']).to.equal('2024-10-08');
    });

    it('answers 400 with the allowed values for a year outside the data, an unknown calendar or anything else', async () => {
      expect((await request(t.app).get('/api/calendar/2031').expect(400)).body.error).to.equal('year: the CN-IB data covers 2019 to 2027, got 2031');
      expect((await request(t.app).get('/api/calendar/2024?calendar=SSE').expect(400)).body.error).to.equal('calendar: must be one of CN-IB, CN-EX, HK, CN-IB+HK, NONE, got "SSE"');
      expect((await request(t.app).get('/api/calendar/2023-02-29').expect(400)).body.error).to.equal('date: must be a real date as YYYY-MM-DD, got "2023-02-29"');
      expect((await request(t.app).get('/api/calendar/soon').expect(400)).body.error).to.equal('when: must be a year (YYYY) or a date (YYYY-MM-DD), got "soon"');
    });
  });

  it('GET /api/health reports runs and limits', async () => {
    const res = await request(t.app).get('/api/health').expect(200);
    expect(res.body.ok).to.equal(true);
    expect(res.body.limits.maxPaths).to.equal(200_000);
    expect(res.body.runs).to.include({ running: 0, queued: 0 });
  });
});

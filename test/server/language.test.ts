// Every page is answered in the visitor's language: ?lang= (remembered in a cookie), else the
// cookie, else Accept-Language, else English; the page says which in <html lang> and offers both.
import { expect } from 'chai';
import request from 'supertest';
import { makeApp, type TestApp } from './helpers.js';
import { withLang } from '../../server/language.js';

describe('page language (语言)', () => {
  let t: TestApp;
  before(() => { t = makeApp(); });
  after(() => t.dispose());

  it('answers in English by default, with a switch to Chinese', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).to.contain('<html lang="en">');
    expect(res.text).to.match(/<a href="\/\?lang=zh"[^>]*data-lang="zh"/);
    expect(res.text).to.contain('>Deals</a>');
  });

  it('follows the browser\'s Accept-Language', async () => {
    const res = await request(t.app).get('/learn').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5').expect(200);
    expect(res.text).to.contain('<html lang="zh-CN">');
    expect(res.text).to.contain('>交易</a>');
  });

  it('remembers ?lang=zh in a cookie that outranks Accept-Language', async () => {
    const first = await request(t.app).get('/learn?lang=zh').set('Accept-Language', 'en').expect(200);
    const cookie = first.headers['set-cookie'];
    expect(String(cookie)).to.match(/ipabs_lang=zh/);
    const again = await request(t.app).get('/compare').set('Cookie', 'ipabs_lang=zh').set('Accept-Language', 'en').expect(200);
    expect(again.text).to.contain('<html lang="zh-CN">');
  });

  it('ignores a language it does not have', async () => {
    const res = await request(t.app).get('/learn?lang=fr').set('Cookie', 'ipabs_lang=xx').expect(200);
    expect(res.text).to.contain('<html lang="en">');
    expect(res.headers['set-cookie']).to.equal(undefined);
  });

  it('keeps the rest of the query when switching', () => {
    expect(withLang('/compare?ids=a,b&lang=en', 'zh')).to.equal('/compare?ids=a%2Cb&lang=zh');
  });
});

// The zh/en catalogue is complete both ways: every key in both languages, the same placeholders,
// no empty text; the language negotiation reads browsers' and shells' locale strings.
import { expect } from 'chai';
import { LANGS, messagesFor, negotiateLang, placeholdersOf, translate, interpolate } from '../../../models/i18n/index.js';

describe('i18n catalogue (消息目录)', () => {
  const en = messagesFor('en');
  const zh = messagesFor('zh');

  it('has every English key in Chinese and every Chinese key in English', () => {
    const missingInZh = Object.keys(en).filter((k) => !(k in zh));
    const missingInEn = Object.keys(zh).filter((k) => !(k in en));
    expect(missingInZh, 'keys missing in zh').to.deep.equal([]);
    expect(missingInEn, 'keys missing in en').to.deep.equal([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter((k) => {
      const a = placeholdersOf(en[k as keyof typeof en]);
      const b = placeholdersOf(zh[k as keyof typeof zh] ?? '');
      return a.join(',') !== b.join(',');
    });
    expect(mismatched).to.deep.equal([]);
  });

  it('has no empty message in any language', () => {
    for (const lang of LANGS) {
      const empty = Object.entries(messagesFor(lang)).filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty, `empty in ${lang}`).to.deep.equal([]);
    }
  });

  it('translates a key and fills its placeholders, leaving unknown ones visible', () => {
    expect(translate('en', 'nav.deals')).to.equal('Deals');
    expect(translate('zh', 'nav.deals')).to.equal('交易');
    expect(interpolate('{field}: must be between 0 and 1, got {got}', { field: 'tranches[1].coupon', got: 27 })).to.equal('tranches[1].coupon: must be between 0 and 1, got 27');
    expect(interpolate('{a} and {b}', { a: 1 })).to.equal('1 and {b}');
  });

  it('picks the language from Accept-Language and POSIX locales', () => {
    expect(negotiateLang('zh-CN,zh;q=0.9,en;q=0.8')).to.equal('zh');
    expect(negotiateLang('en-US,en;q=0.9,zh-CN;q=0.8')).to.equal('en');
    expect(negotiateLang('fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4')).to.equal('zh');
    expect(negotiateLang('de;q=1, en;q=0')).to.equal('en'); // nothing usable → default
    expect(negotiateLang('zh_CN.UTF-8')).to.equal('zh');
    expect(negotiateLang('C.UTF-8')).to.equal('en');
    expect(negotiateLang(undefined)).to.equal('en');
  });
});

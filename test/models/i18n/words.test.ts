// Words the model gives as data, in both languages: every registered enhancement kind has its
// catalogue entry (the Chinese one the registry's own labelZh), and the grade below the table.
import { expect } from 'chai';
import { enhancementKinds } from '../../../models/enhancements/registry.js';
import { BELOW_LOWEST_RATING } from '../../../models/ratings/idealized-loss.js';
import { kindWord, translate, translator, type MessageKey } from '../../../models/i18n/index.js';
import { FESTIVAL_NAMES } from '../../../models/calendar/holidays-cn.js';
import { describeDay } from '../../../models/calendar/business-days.js';
import { dayNameIn } from '../../../models/calendar/day-name.js';

describe('i18n: words the model gives as data', () => {
  it('names every registered enhancement kind: its id in English, the registry\'s Chinese label in Chinese', () => {
    for (const k of enhancementKinds) {
      const key = `words.kind.${k.kind}` as MessageKey;
      expect(translate('en', key), k.kind).to.equal(k.kind);
      expect(translate('zh', key), k.kind).to.equal(k.labelZh);
      // kindWord, which the CLI and the server's tables use, says the same.
      expect(kindWord(translator('en'), k.kind)).to.equal(k.kind);
      expect(kindWord(translator('zh'), k.kind)).to.equal(k.labelZh);
    }
    expect(kindWord(translator('zh'), 'shortfall-undertaking')).to.equal('差额支付承诺');
    expect(kindWord(translator('zh'), 'no-such-kind'), 'a kind the catalogue lacks').to.equal('no-such-kind');
  });

  it('says the grade below the idealized table as the model writes it, and in Chinese', () => {
    expect(translate('en', 'words.belowLowest')).to.equal(BELOW_LOWEST_RATING);
    expect(translate('zh', 'words.belowLowest')).to.equal('Caa 及以下');
  });

  it('names holidays: the model\'s bilingual name in English, the Chinese alone in Chinese', () => {
    for (const [id, name] of Object.entries(FESTIVAL_NAMES)) {
      expect(translate('en', `words.festival.${id}` as MessageKey)).to.equal(name);
      expect(name.startsWith(translate('zh', `words.festival.${id}` as MessageKey))).to.equal(true);
    }
    const day = describeDay('2024-02-04', 'CN-IB');
    expect(day.festival).to.equal('spring-festival');
    expect(dayNameIn(day, translator('en'))).to.equal(day.name);
    expect(dayNameIn(day, translator('zh'))).to.equal('调休上班日（春节）');
    expect(dayNameIn(describeDay('2024-10-01', 'CN-EX'), translator('zh'))).to.equal('国庆节');
  });
});

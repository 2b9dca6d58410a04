// Words the model gives as data, in both languages: every registered enhancement kind has its
// catalogue entry (the Chinese one the registry's own labelZh), and the grade below the table.
import { expect } from 'chai';
import { enhancementKinds } from '../../../models/enhancements/registry.js';
import { BELOW_LOWEST_RATING } from '../../../models/ratings/idealized-loss.js';
import { translate, type MessageKey } from '../../../models/i18n/index.js';

describe('i18n: words the model gives as data', () => {
  it('names every registered enhancement kind: its id in English, the registry\'s Chinese label in Chinese', () => {
    for (const k of enhancementKinds) {
      const key = `words.kind.${k.kind}` as MessageKey;
      expect(translate('en', key), k.kind).to.equal(k.kind);
      expect(translate('zh', key), k.kind).to.equal(k.labelZh);
    }
  });

  it('says the grade below the idealized table as the model writes it, and in Chinese', () => {
    expect(translate('en', 'words.belowLowest')).to.equal(BELOW_LOWEST_RATING);
    expect(translate('zh', 'words.belowLowest')).to.equal('Caa 及以下');
  });
});

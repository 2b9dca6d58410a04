// A holiday's or make-up day's name in the reader's language: the model's bilingual name
// ("春节 Spring Festival") in English as always, the Chinese alone on Chinese pages and output.
import type { MessageKey, Translate } from '../i18n/index.js';
import type { DayInfo } from './business-days.js';

export function dayNameIn(d: Pick<DayInfo, 'kind' | 'name' | 'festival'>, t: Translate): string {
  if (!d.festival) return d.name ?? '';
  const festival = t(`words.festival.${d.festival}` as MessageKey);
  return d.kind === 'makeup-workday' ? t('words.makeupOf', { festival }) : festival;
}

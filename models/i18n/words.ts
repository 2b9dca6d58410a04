// Words the model gives as data, said in the reader's language through the catalogue's `words.`
// namespace — one place for the pages' presenters and the CLI alike.
import type { MessageKey, Translate } from './catalogue.js';

/**
 * An enhancement's kind as the reader's market says it: its id in English, as the output always
 * said it; 差额支付承诺, 担保, 超额覆盖 … in Chinese (the registry's labelZh; test/models/i18n/words.test.ts
 * ties the two for every registered kind). A kind the catalogue lacks is shown as its id.
 */
export const kindWord = (t: Translate, kind: string): string => t(`words.kind.${kind}` as MessageKey) ?? kind;

// What models/i18n exposes: the zh/en catalogue and the functions that read it.
export { LANGS, DEFAULT_LANG, isLang, messagesFor, interpolate, translate, translator, placeholdersOf, negotiateLang } from './catalogue.js';
export type { Lang, MessageKey, Messages, MessageParams, Translate } from './catalogue.js';
export type { Translation } from './types.js';
export { structureProblem, problemMessageIn, errorLineIn, formatProblemIn, type StructuredProblem } from './problems.js';
export { kindWord } from './words.js';

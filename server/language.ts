// Which language a request is answered in: ?lang=zh|en (remembered in a cookie), else the cookie,
// else the browser's Accept-Language, else English. Views get `lang`, `t` and the catalogue.
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANG, isLang, messagesFor, negotiateLang, translator, type Lang, type MessageKey, type Messages } from '../models/i18n/index.js';
import { languageHelpers } from './present/view-helpers.js';

export const LANG_COOKIE = 'ipabs_lang';

function cookieLang(header: string | undefined): Lang | null {
  for (const part of (header ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === LANG_COOKIE && isLang(v)) return v;
  }
  return null;
}

export function requestLang(req: Request): Lang {
  const q = req.query.lang;
  if (isLang(q)) return q;
  return cookieLang(req.headers.cookie) ?? negotiateLang(req.headers['accept-language']);
}

/** The language this request is answered in (set by the middleware below). */
export const langOf = (res: Response): Lang => (isLang(res.locals.lang) ? res.locals.lang : DEFAULT_LANG);

/** The same page in another language: the URL with its lang query replaced. */
export function withLang(url: string, lang: Lang): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** Sets res.locals.lang / t / messages; a ?lang= choice is remembered for a year. */
export function language(req: Request, res: Response, next: NextFunction): void {
  const lang = requestLang(req);
  if (isLang(req.query.lang)) {
    res.cookie(LANG_COOKIE, lang, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: false, path: '/' });
  }
  res.locals.lang = lang;
  res.locals.t = translator(lang);
  res.locals.messages = browserMessages(lang);
  Object.assign(res.locals, languageHelpers(lang));
  res.locals.langHref = { en: withLang(req.originalUrl, 'en'), zh: withLang(req.originalUrl, 'zh') };
  next();
}

/**
 * The part of the catalogue a page embeds for its scripts: the page's language, and on English
 * pages the Chinese terms too (public/js/i18n.js shows them beside the English, as tz() does on the
 * server). Text only the server renders (learn pages, glossary, CLI) is left out to keep pages small.
 */
const SERVER_ONLY = /^(learn|glossary|cli|calendar|api)\./;
const cache = new Map<Lang, Record<string, unknown>>();
export function browserMessages(lang: Lang): Record<string, unknown> {
  let hit = cache.get(lang);
  if (!hit) {
    const pick = (m: Messages) => Object.fromEntries(Object.entries(m).filter(([k]) => !SERVER_ONLY.test(k))) as Partial<Record<MessageKey, string>>;
    hit = lang === 'zh' ? pick(messagesFor('zh')) : { ...pick(messagesFor('en')), '$zh': pick(messagesFor('zh')) };
    cache.set(lang, hit);
  }
  return hit;
}

// Which language a request is answered in: ?lang=zh|en (remembered in a cookie), else the cookie,
// else the browser's Accept-Language, else English. Views get `lang`, `t` and the catalogue.
import type { NextFunction, Request, Response } from 'express';
import { isLang, messagesFor, negotiateLang, translator, type Lang } from '../models/i18n/index.js';

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
  res.locals.messages = messagesFor(lang);
  res.locals.langHref = { en: withLang(req.originalUrl, 'en'), zh: withLang(req.originalUrl, 'zh') };
  next();
}

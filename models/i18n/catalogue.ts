// The zh/en message catalogue (消息目录): one catalogue per language, split into namespaces
// (en/*.ts, zh/*.ts). Keys are flat dotted strings; placeholders are {name}. The Chinese side is
// typed against the English one, so a key missing in either language fails the type-check, and
// test/models/i18n/catalogue.test.ts checks keys and placeholders match.
import { en } from './en/index.js';
import { zh } from './zh/index.js';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, zh: zh satisfies Messages };

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && (LANGS as readonly string[]).includes(x);

export function messagesFor(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** Fill {name} placeholders; a placeholder with no value is left visible rather than blanked. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  return interpolate(CATALOGUES[lang][key], params);
}

/** A translate function bound to one language, for views and CLI commands. */
export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** The placeholders a message uses, e.g. "{field}: {got}" → ["field", "got"]. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]!).sort();
}

/**
 * The language from an HTTP Accept-Language header ("zh-CN,zh;q=0.9,en;q=0.8") or a POSIX locale
 * (LANG=zh_CN.UTF-8): the first supported language by quality, else the default.
 */
export function negotiateLang(header: string | undefined | null): Lang {
  if (!header) return DEFAULT_LANG;
  const ranked = header.split(',').map((part, i) => {
    const [tag = '', ...attrs] = part.trim().split(';');
    const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    return { base: tag.trim().toLowerCase().split(/[-_.]/)[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, i };
  }).filter((x) => x.quality > 0).sort((a, b) => b.quality - a.quality || a.i - b.i);
  return ranked.map((x) => x.base).find(isLang) ?? DEFAULT_LANG;
}

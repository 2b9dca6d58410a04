// The page's message catalogue (embedded by views/partials/head.ejs in the page's language) and
// t(key, params), the same lookup as models/i18n/catalogue.ts on the server.
const node = typeof document !== 'undefined' ? document.getElementById('i18n-messages') : null;
const messages = node ? JSON.parse(node.textContent || '{}') : {};

/** 'en' or 'zh': the language the server rendered the page in. */
export const lang = node?.dataset.lang === 'zh' ? 'zh' : 'en';

/** The message for `key` with {name} placeholders filled; the key itself if it is missing. */
export function t(key, params) {
  const template = messages[key] ?? key;
  if (!params) return template;
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// The page's message catalogue (embedded by views/partials/head.ejs in the page's language) and
// t(key, params), the same lookup as models/i18n/catalogue.ts on the server; tz() the market's
// Chinese term beside the English on English pages, as the server's tz() does.
const node = typeof document !== 'undefined' ? document.getElementById('i18n-messages') : null;
const messages = node ? JSON.parse(node.textContent || '{}') : {};
const zhTerms = messages.$zh ?? {};

/** 'en' or 'zh': the language the server rendered the page in. */
export const lang = node?.dataset.lang === 'zh' ? 'zh' : 'en';

const fill = (template, params) => (params ? template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole)) : template);

/** The message for `key` with {name} placeholders filled; the key itself if it is missing. */
export function t(key, params) {
  return fill(messages[key] ?? key, params);
}

/** Plain text: "fees 费用" on English pages, "费用" on Chinese ones (chart labels, titles). */
export function tzText(key, params) {
  return lang === 'zh' || !(key in zhTerms) ? t(key, params) : `${t(key, params)} ${fill(zhTerms[key], params)}`;
}

/** Nodes for el(): the English text and a <span lang="zh-CN" class="zh"> with the Chinese term; the Chinese alone on Chinese pages. */
export function tz(key, params, cls = 'zh') {
  if (lang === 'zh' || !(key in zhTerms)) return [t(key, params)];
  const span = document.createElement('span');
  span.className = cls;
  span.lang = 'zh-CN';
  span.textContent = fill(zhTerms[key], params);
  return [t(key, params), ' ', span];
}

/** A counted message: `${base}.one` for 1, else `${base}.other`, with {n} filled (Chinese has one form in both keys). */
export function tn(base, n, params) {
  return t(`${base}.${n === 1 ? 'one' : 'other'}`, { n, ...params });
}

/** An implied rating as the model gives it, its "Caa or below" in the page's language. */
export const impliedText = (r) => (r === 'Caa or below' ? t('words.belowLowest') : r);

/** An enhancement's kind in the page's language (差额支付承诺, 担保 …; the id on English pages), as kindWord() on the server; an unknown kind (a deal still being edited) as typed. */
export const kindText = (kind) => messages[`words.kind.${kind}`] ?? String(kind);

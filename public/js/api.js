// fetch() wrapper for the JSON API: resolves to the body, or throws an Error carrying the
// server's `error` message and `problems`. On a shared (team-mode) server every request that
// changes something carries the page's CSRF token (docs/security.md).
const csrf = typeof document !== 'undefined' ? document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') : null;

export async function api(path, opts = {}) {
  const init = { ...opts, headers: { Accept: 'application/json', ...(opts.headers ?? {}) } };
  const method = (opts.method ?? 'GET').toUpperCase();
  if (csrf && method !== 'GET' && method !== 'HEAD') init.headers['X-CSRF-Token'] = csrf;
  if (opts.json !== undefined) {
    init.body = JSON.stringify(opts.json);
    init.headers['Content-Type'] = 'application/json';
    delete init.json;
  }
  const res = await fetch(path, init);
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) {
    const err = new Error(body && body.error ? body.error : `HTTP ${res.status}`);
    err.status = res.status;
    err.problems = body && body.problems ? body.problems : [];
    throw err;
  }
  return body;
}

/** Build an element: el('td', { class: 'num' }, 'text', child…). Text is always set as text. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** An input and its unit ("%") kept on one line, however narrow the form (style.css .with-unit). */
export function withUnit(input, unit) {
  return el('span', { class: 'with-unit' }, input, unit);
}

export function showError(node, message) {
  node.textContent = message;
  node.classList.remove('hidden');
}

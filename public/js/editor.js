// The deal editor: a form for common fields and the JSON text for the rest, kept in step; the
// server validates as you type (same messages as `ipabs validate`) and saves new versions.
import { api, el } from './api.js';
import { t } from './i18n.js';

const root = document.querySelector('.editor');
const textarea = document.getElementById('json');
const form = document.getElementById('common');
const statusEl = document.getElementById('valid-status');
const problemsEl = document.getElementById('problems');
const saveBtn = document.getElementById('save');
const saveStatus = document.getElementById('save-status');
const trancheBox = document.getElementById('tranche-fields');
let current = null; // last parsed JSON
let seq = 0;

const getPath = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  const last = keys[keys.length - 1];
  if (value === '' || value === undefined) delete o[last];
  else o[last] = value;
}

function fillForm() {
  if (!current || typeof current !== 'object') return;
  for (const input of form.querySelectorAll('[data-path]')) {
    if (input === document.activeElement) continue;
    const v = getPath(current, input.dataset.path);
    input.value = v === undefined || v === null ? '' : String(v);
  }
  renderTranches();
}

function renderTranches() {
  const ts = current && current.liabilities && Array.isArray(current.liabilities.tranches) ? current.liabilities.tranches : [];
  if (trancheBox.contains(document.activeElement)) return;
  trancheBox.replaceChildren(el('h3', {}, 'Tranches 分层'), ...ts.map((t, i) => {
    const row = el('div', { class: 'tranche-row' },
      el('strong', {}, `${t.id ?? `#${i}`} (${t.class ?? '?'})`),
      el('label', {}, 'balance ', el('input', { type: 'number', step: '0.01', 'data-path': `liabilities.tranches.${i}.balance`, 'data-num': '1', value: t.balance ?? '' })));
    if (t.coupon && t.coupon.type === 'fixed') {
      row.append(el('label', {}, 'coupon rate ', el('input', { type: 'number', step: '0.0001', 'data-path': `liabilities.tranches.${i}.coupon.rate`, 'data-num': '1', value: t.coupon.rate ?? '' })));
    }
    return row;
  }));
}

function onFormInput(ev) {
  const input = ev.target;
  if (!input.dataset || !input.dataset.path || !current) return;
  let v = input.value;
  if (input.dataset.num) v = v === '' ? '' : Number(v);
  setPath(current, input.dataset.path, v);
  textarea.value = JSON.stringify(current, null, 2);
  scheduleValidate();
}

let timer = null;
function scheduleValidate() {
  clearTimeout(timer);
  timer = setTimeout(validate, 250);
}

async function validate() {
  const mine = ++seq;
  const text = textarea.value;
  try { current = JSON.parse(text); fillForm(); } catch { /* the server names the syntax error */ }
  try {
    const r = await api('/api/validate', { method: 'POST', json: { text } });
    if (mine !== seq) return;
    problemsEl.replaceChildren(...r.messages.map((m) => el('li', {}, m)));
    statusEl.textContent = r.valid ? 'Valid ✓' : `${r.messages.length} problem${r.messages.length === 1 ? '' : 's'}`;
    statusEl.className = r.valid ? 'ok' : 'bad';
    root.dataset.valid = String(r.valid);
  } catch (e) {
    if (mine !== seq) return;
    statusEl.textContent = `Could not validate: ${e.message}`;
    statusEl.className = 'bad';
  }
}

async function save() {
  saveStatus.textContent = '';
  saveStatus.className = '';
  let deal;
  try { deal = JSON.parse(textarea.value); } catch (e) {
    saveStatus.textContent = `Not saved: the JSON does not parse (${e.message})`;
    saveStatus.className = 'bad';
    return;
  }
  const id = deal && deal.meta && typeof deal.meta.id === 'string' ? deal.meta.id : '';
  try {
    const r = await api(`/api/deals/${encodeURIComponent(id || '-')}`, { method: 'PUT', json: deal });
    saveStatus.textContent = `Saved ${r.id} version ${r.version}.`;
    saveStatus.className = 'ok';
    if (r.id !== root.dataset.id) {
      history.replaceState(null, '', `/deals/${encodeURIComponent(r.id)}/edit`);
      root.dataset.id = r.id;
    }
    loadHistory();
  } catch (e) {
    saveStatus.textContent = `Not saved: ${e.message}`;
    saveStatus.className = 'bad';
    if (e.problems && e.problems.length) problemsEl.replaceChildren(...e.problems.map((p) => el('li', {}, `${p.path || '(deal)'}: ${p.message}`)));
  }
}

async function loadHistory() {
  const list = document.getElementById('history');
  try {
    const r = await api(`/api/deals/${encodeURIComponent(root.dataset.id)}/history`);
    if (!r.versions.length) { list.replaceChildren(el('li', { class: 'muted' }, r.source === 'scenario' ? 'shipped scenario: no saved versions' : 'none yet')); return; }
    list.replaceChildren(...r.versions.slice().reverse().map((v) => {
      const btn = el('button', { type: 'button', class: 'link' }, 'load');
      btn.addEventListener('click', async () => {
        const ver = await api(`/api/deals/${encodeURIComponent(root.dataset.id)}/versions/${v.version}`);
        textarea.value = JSON.stringify(ver.deal, null, 2);
        validate();
      });
      return el('li', {}, `v${v.version} — ${new Date(v.savedAt).toLocaleString()}${v.savedBy ? ` · ${t('auth.library.savedBy', { name: v.savedBy })}` : ''} `, btn);
    }));
  } catch {
    list.replaceChildren(el('li', { class: 'muted' }, 'not saved yet'));
  }
}

form.addEventListener('input', onFormInput);
form.addEventListener('change', onFormInput);
form.addEventListener('submit', (ev) => ev.preventDefault());
textarea.addEventListener('input', scheduleValidate);
saveBtn.addEventListener('click', save);
validate();
loadHistory();

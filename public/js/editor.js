// The deal editor: forms for the common fields, the issue size and tranche split (as a % of the
// deal; balances follow), fees, enhancements and pool obligors — amounts as people write them
// (1.33亿, 200万, 133000000) and rates in % (2.7 means 2.7%) — kept in step with the JSON text for
// the rest. The server validates as you type (same messages as `ipabs validate`) and saves versions.
import { api, el } from './api.js';
import { amountText, parseAmount, parsePercent, pct, percentText } from './fmt.js';
import { kindText, t, tn, lang } from './i18n.js';

const root = document.querySelector('.editor');
const textarea = document.getElementById('json');
const statusEl = document.getElementById('valid-status');
const fieldErrors = document.getElementById('field-errors');
const problemsEl = document.getElementById('problems');
const warningsEl = document.getElementById('warnings');
const saveBtn = document.getElementById('save');
const saveStatus = document.getElementById('save-status');
const dirtyBadge = document.getElementById('dirty');
const forms = {
  common: document.getElementById('common'),
  split: document.getElementById('split'),
  fees: document.getElementById('fees-form'),
  enh: document.getElementById('enh-form'),
  pool: document.getElementById('pool-form'),
};
/** Obligors shown in the form (a large pool is edited in the JSON). */
const MAX_OBLIGOR_ROWS = 200;
let current = null; // last parsed JSON
let seq = 0;
let dirty = false;

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

// ---- numbers in the forms ----
const toNumber = (v) => (typeof v === 'string' ? Number(v) : v);
const fen = (x) => Math.round(x * 100) / 100;
/** An amount as the form shows it: "1.33亿" on Chinese pages, "133,000,000" on English ones. */
const showAmount = (v) => {
  if (v === 'unlimited') return 'unlimited';
  const x = toNumber(v);
  if (typeof x !== 'number' || !Number.isFinite(x)) return v === undefined || v === null ? '' : String(v);
  return lang === 'zh' ? amountText(x) : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
};
const showPercent = (v) => (typeof v === 'number' ? percentText(v) : v === undefined || v === null ? '' : String(v));
/** Money back into the JSON in the deal's own style: a decimal string if it used one, else a number. */
const asMoney = (like, x) => (typeof like === 'string' ? x.toFixed(2) : fen(x));

function readInput(input) {
  const kind = input.dataset.kind;
  const text = input.value;
  if (kind === 'percent') return parsePercent(text);
  if (kind === 'amount') return parseAmount(text);
  if (kind === 'capacity') return text.trim().toLowerCase() === 'unlimited' || text.trim() === '不设上限' ? { ok: true, value: 'unlimited' } : parseAmount(text);
  if (input.dataset.num) return text === '' ? { ok: true, value: '' } : { ok: true, value: Number(text) };
  return { ok: true, value: text };
}

const fieldName = (input) => input.dataset.label || input.closest('label')?.firstChild?.textContent?.trim() || input.dataset.path;

function markInput(input, ok) {
  if (ok) input.removeAttribute('aria-invalid');
  else input.setAttribute('aria-invalid', 'true');
  const bad = [...document.querySelectorAll('.editor-forms [aria-invalid="true"]')];
  fieldErrors.textContent = bad.map((i) => t('editor.badNumber', { field: fieldName(i), text: JSON.stringify(i.value), what: t(`editor.what.${i.dataset.kind}`) })).join(' · ');
}

// ---- rendering the forms from the JSON ----
const tr = (...cells) => el('tr', {}, ...cells);
const inputCell = (path, kind, value, label, extra = {}) => el('td', { class: 'num' }, el('input', {
  'data-path': path, 'data-kind': kind, 'data-label': label, 'aria-label': label, value, inputmode: 'decimal', class: 'num-input', ...extra,
}));

function fillCommon() {
  for (const input of forms.common.querySelectorAll('[data-path]')) {
    if (input === document.activeElement) continue;
    const v = getPath(current, input.dataset.path);
    input.value = v === undefined || v === null ? '' : String(v);
  }
}

function tranchesOf(d) {
  return d && d.liabilities && Array.isArray(d.liabilities.tranches) ? d.liabilities.tranches : [];
}
const issueSize = (ts) => ts.reduce((s, x) => s + (toNumber(x.balance) || 0), 0);

function renderSplit() {
  const ts = tranchesOf(current);
  const size = issueSize(ts);
  const shares = ts.map((x) => (size > 0 ? (toNumber(x.balance) || 0) / size : 0));
  forms.split.replaceChildren(
    el('h2', {}, t('editor.split')),
    el('label', {}, t('editor.issueSize'), el('input', { 'data-role': 'size', 'data-kind': 'amount', 'data-label': t('editor.issueSize'), value: showAmount(size), inputmode: 'decimal' })),
    el('p', { class: 'muted small' }, t('editor.issueSizeNote')),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'tranche-split' },
      el('thead', {}, tr(el('th', {}, t('editor.col.tranche')), el('th', { class: 'num' }, t('editor.col.share')), el('th', { class: 'num' }, t('editor.col.balance')), el('th', { class: 'num' }, t('editor.col.coupon')))),
      el('tbody', {}, ...ts.map((x, i) => {
        const name = `${x.id ?? `#${i}`} (${x.class ? t(`class.${x.class}`) : '?'})`;
        return tr(
          el('th', { scope: 'row' }, name),
          inputCell(`liabilities.tranches.${i}.balance`, 'percent', percentText(shares[i]), `${name} ${t('editor.col.share')}`, { 'data-role': 'share', 'data-index': String(i) }),
          inputCell(`liabilities.tranches.${i}.balance`, 'amount', showAmount(x.balance), `${name} ${t('editor.col.balance')}`),
          x.coupon && x.coupon.type === 'fixed'
            ? inputCell(`liabilities.tranches.${i}.coupon.rate`, 'percent', showPercent(x.coupon.rate), `${name} ${t('editor.col.coupon')}`)
            : el('td', { class: 'num muted' }, x.coupon && x.coupon.type === 'none' ? t('coupon.residualShort') : x.coupon ? `${x.coupon.benchmark ?? ''} ${x.coupon.spread !== undefined ? `+${Math.round(x.coupon.spread * 1e4)} bp` : ''}` : '—'));
      })))),
    el('p', { class: 'muted small', id: 'shares-total' }, t('editor.sharesTotal', { pct: pct(shares.reduce((s, x) => s + x, 0), 2) })),
  );
}

function renderFees() {
  const fees = current && Array.isArray(current.fees) ? current.fees : [];
  forms.fees.replaceChildren(el('h2', {}, t('editor.fees')), fees.length === 0 ? el('p', { class: 'muted' }, '—') : el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'fee-table' },
    el('thead', {}, tr(el('th', {}, t('editor.col.fee')), el('th', {}, t('editor.col.timing')), el('th', { class: 'num' }, t('editor.col.basis')), el('th', {}, ''))),
    el('tbody', {}, ...fees.map((f, i) => {
      const name = f.name || f.id || `#${i}`;
      const rate = f.basis && f.basis.type === 'rate';
      return tr(
        el('th', { scope: 'row' }, name),
        el('td', {}, f.timing === 'upfront' ? t('editor.timing.upfront') : t('editor.timing.running')),
        rate ? inputCell(`fees.${i}.basis.annualRate`, 'percent', showPercent(f.basis.annualRate), `${name} ${t('editor.field.annualRate')}`)
          : inputCell(`fees.${i}.basis.amount`, 'amount', showAmount(f.basis && f.basis.amount), `${name} ${t('editor.field.amount')}`),
        el('td', { class: 'muted small' }, rate ? t('editor.feeOn', { base: f.basis.on }) : t('editor.feeFixed')));
    })))));
}

/** Editable leaves of an enhancement: amounts (capacity, caps) and rates (shares, PDs, fees), wherever they sit. */
const AMOUNT_KEYS = new Set(['perLoanCap', 'maxLoanSize', 'amount']);
const PERCENT_KEYS = new Set(['share', 'annualDefaultProbability', 'annualRate']);
function editableLeaves(obj, path, owner, out, depth = 0) {
  if (!obj || typeof obj !== 'object' || depth > 4) return out;
  const who = typeof obj.name === 'string' ? obj.name : owner;
  for (const [k, v] of Object.entries(obj)) {
    const p = `${path}.${k}`;
    if (v && typeof v === 'object') editableLeaves(v, p, who, out, depth + 1);
    else if (k === 'capacity') out.push({ path: p, kind: 'capacity', key: k, owner: who, value: v });
    else if (AMOUNT_KEYS.has(k) && (typeof v === 'number' || typeof v === 'string')) out.push({ path: p, kind: 'amount', key: k, owner: who, value: v });
    else if ((PERCENT_KEYS.has(k) || path.endsWith('.shares')) && typeof v === 'number') out.push({ path: p, kind: 'percent', key: PERCENT_KEYS.has(k) ? k : 'share', owner: path.endsWith('.shares') ? `${who} · ${k}` : who, value: v });
  }
  return out;
}

function renderEnhancements() {
  const list = current && Array.isArray(current.enhancements) ? current.enhancements : [];
  const size = issueSize(tranchesOf(current));
  forms.enh.replaceChildren(el('h2', {}, t('editor.enhancements')), ...(list.length === 0 ? [el('p', { class: 'muted' }, '—')] : list.map((e, i) => {
    const leaves = editableLeaves(e, `enhancements.${i}`, null, []);
    const title = `${e.name || e.id} (${kindText(e.kind)})`;
    return el('fieldset', { class: 'enh' }, el('legend', {}, title), ...(leaves.length === 0 ? [el('p', { class: 'muted small' }, t('editor.jsonNote'))] : leaves.map((l) => {
      const label = `${l.owner && l.owner !== e.name ? `${l.owner} — ` : ''}${t(`editor.field.${l.key}`)}`;
      const shown = l.kind === 'percent' ? showPercent(l.value) : showAmount(l.value);
      const capShare = l.kind !== 'percent' && size > 0 && l.value !== 'unlimited' && Number.isFinite(toNumber(l.value)) ? t('editor.pctOfDeal', { pct: pct(toNumber(l.value) / size, 1) }) : '';
      return el('label', { class: 'field-row' }, label,
        el('input', { 'data-path': l.path, 'data-kind': l.kind, 'data-label': `${title}: ${label}`, value: shown, inputmode: 'decimal', title: l.kind === 'capacity' ? t('editor.unlimitedHint') : null }),
        capShare ? el('span', { class: 'muted small' }, capShare) : null);
    })));
  })));
}

/** A fixed rate's field, inside the asset, or null (an LPR-based rate is edited in the JSON). */
const fixedRateAt = (rate, at) => (rate && rate.type === 'fixed' ? at : null);

/** A loan's principal and fixed rate (an entrusted or trust loan's too). */
const LOAN_FORM = {
  amount: () => 'principal',
  rate: (a) => fixedRateAt(a.rate, 'rate.annualRate'),
  price: (a) => a.purchasePrice ?? a.principal,
  scale: (a, ratio) => scaleFields(a, ratio, ['purchasePrice']),
};

/**
 * What the pool form edits for each asset kind (the kinds of models/pool/asset-registry.ts): the
 * amount field, the fixed-rate field, what the trust pays for the asset (null: the form cannot
 * tell), and the fields that scale with the amount so the asset stays consistent.
 */
const ASSET_FORMS = {
  'loan': LOAN_FORM,
  'licence-royalty': {
    amount: () => 'purchasePrice',
    rate: () => null,
    price: (a) => a.purchasePrice,
    scale: (a, ratio) => { if (Array.isArray(a.payments)) for (const p of a.payments) p.amount = asMoney(p.amount, fen(toNumber(p.amount) * ratio)); },
  },
  'finance-lease': {
    amount: () => 'financedAmount',
    rate: (a) => (a.rentals && a.rentals.method !== 'schedule' ? fixedRateAt(a.rentals.rate, 'rentals.rate.annualRate') : null),
    price: (a) => a.purchasePrice ?? a.financedAmount,
    // A rental table's principal parts must still add up to the financed amount: the last takes the fen left over.
    scale: (a, ratio) => {
      scaleFields(a, ratio, ['purchasePrice', 'deposit', 'handlingFee']);
      const rows = a.rentals && a.rentals.method === 'schedule' && Array.isArray(a.rentals.payments) ? a.rentals.payments : [];
      let given = 0;
      rows.forEach((p, k) => {
        const principal = k === rows.length - 1 ? fen(toNumber(a.financedAmount) - given) : fen(toNumber(p.principal) * ratio);
        given += principal;
        p.principal = asMoney(p.principal, principal);
        p.interest = asMoney(p.interest, fen(toNumber(p.interest) * ratio));
      });
    },
  },
  // The agent's terms are edited in the JSON; the loan itself is a loan's.
  'entrusted-loan': LOAN_FORM,
  'factoring': {
    // An agreed price is the amount; a discount-rate price follows the receivables and the rate.
    amount: (a) => (a.price && a.price.type === 'fixed' ? 'price.amount' : null),
    rate: (a) => (a.price && a.price.type === 'discount-rate' ? 'price.annualRate' : null),
    price: (a) => (a.price && a.price.type === 'fixed' ? a.price.amount : null),
    scale: (a, ratio) => { if (Array.isArray(a.receivables)) for (const r of a.receivables) r.face = asMoney(r.face, fen(toNumber(r.face) * ratio)); },
  },
};
const assetForm = (a) => (a && ASSET_FORMS[a.kind]) || null;

/** Money fields of `a` that are present, times `ratio`, to the fen. */
function scaleFields(a, ratio, keys) {
  for (const k of keys) if (a[k] !== undefined) a[k] = asMoney(a[k], fen(toNumber(a[k]) * ratio));
}

/** What an obligor brings to the pool, as its kind says: a loan's principal, a lease's financed amount, a price. */
function obligorAmountPath(o, i) {
  const f = assetForm(o && o.asset);
  const at = f && f.amount(o.asset);
  return at ? `pool.obligors.${i}.asset.${at}` : null;
}

function renderPool() {
  const obligors = current && current.pool && Array.isArray(current.pool.obligors) ? current.pool.obligors : [];
  const amounts = obligors.map((o) => fundingOf(o) ?? 0);
  const total = amounts.reduce((s, x) => s + x, 0);
  const shown = obligors.slice(0, MAX_OBLIGOR_ROWS);
  forms.pool.replaceChildren(
    el('h2', {}, t('editor.obligors')),
    el('p', { class: 'muted small' }, t('editor.obligorsNote')),
    ...(obligors.length > MAX_OBLIGOR_ROWS ? [el('p', { class: 'note small' }, t('editor.obligorsMore', { shown: MAX_OBLIGOR_ROWS, n: obligors.length }))] : []),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'obligor-table' },
      el('thead', {}, tr(...['obligor', 'sector', 'amount', 'ofPool', 'rate', 'appraised', 'pd', 'recovery'].map((k, c) => el('th', { class: c > 1 ? 'num' : null }, t(`editor.col.${k}`))))),
      el('tbody', {}, ...shown.map((o, i) => {
        const name = o.name || o.id || `#${i}`;
        const f = assetForm(o.asset);
        const rateAt = f && f.rate(o.asset);
        return tr(
          el('th', { scope: 'row' }, name),
          el('td', {}, el('input', { 'data-path': `pool.obligors.${i}.sector`, 'data-kind': 'text', 'aria-label': `${name} ${t('editor.col.sector')}`, value: o.sector ?? '', class: 'text-input' })),
          obligorAmountPath(o, i) ? inputCell(obligorAmountPath(o, i), 'amount', showAmount(toNumber(getPath(current, obligorAmountPath(o, i)))), `${name} ${t('editor.col.amount')}`, { 'data-role': 'obligor-amount', 'data-index': String(i) }) : el('td', { class: 'num muted' }, o.asset ? o.asset.kind : '—'),
          el('td', { class: 'num' }, total > 0 ? pct(amounts[i] / total, 1) : '—'),
          rateAt ? inputCell(`pool.obligors.${i}.asset.${rateAt}`, 'percent', showPercent(getPath(o.asset, rateAt)), `${name} ${t('editor.col.rate')}`) : el('td', { class: 'num muted' }, '—'),
          inputCell(`pool.obligors.${i}.ip.appraisedValue`, 'amount', showAmount(o.ip && o.ip.appraisedValue), `${name} ${t('editor.col.appraised')}`),
          inputCell(`pool.obligors.${i}.credit.annualDefaultProbability`, 'percent', showPercent(o.credit && o.credit.annualDefaultProbability), `${name} ${t('editor.col.pd')}`),
          inputCell(`pool.obligors.${i}.credit.recovery.mean`, 'percent', showPercent(o.credit && o.credit.recovery && o.credit.recovery.mean), `${name} ${t('editor.col.recovery')}`));
      })))),
  );
}

function renderForms() {
  if (!current || typeof current !== 'object') return;
  fillCommon();
  // A form the user is typing in is left alone; the others follow the JSON.
  for (const [key, render] of [['split', renderSplit], ['fees', renderFees], ['enh', renderEnhancements], ['pool', renderPool]]) {
    if (!forms[key].contains(document.activeElement)) render();
  }
}

// ---- edits in the forms → the JSON ----
/** Balances of the tranches for a new issue size, each keeping its share; the most junior takes the fen left over. */
function rescale(ts, newSize) {
  const size = issueSize(ts);
  const junior = juniorIndex(ts, -1);
  let given = 0;
  ts.forEach((x, i) => {
    if (i === junior) return;
    const b = size > 0 ? fen((newSize * (toNumber(x.balance) || 0)) / size) : 0;
    given += b;
    x.balance = asMoney(x.balance, b);
  });
  if (junior >= 0) ts[junior].balance = asMoney(ts[junior].balance, fen(newSize - given));
}

/** The tranche that takes up the rest: the most junior (highest seniority number) other than `except`. */
function juniorIndex(ts, except) {
  let j = -1;
  ts.forEach((x, i) => { if (i !== except && (j < 0 || (x.seniority ?? 0) >= (ts[j].seniority ?? 0))) j = i; });
  return j;
}

/** What the trust pays for an obligor's asset (the pool's funding, which the notes must add up to); null when the form cannot tell. */
function fundingOf(o) {
  const f = assetForm(o && o.asset);
  const price = f ? f.price(o.asset) : null;
  return price === null || price === undefined ? null : toNumber(price);
}

/** Scale every obligor so the pool's funding is `total` (the last one takes the fen left over); false if some asset cannot be scaled here. */
function scalePool(total) {
  const obligors = current.pool.obligors;
  const before = obligors.map(fundingOf);
  if (before.some((x) => x === null || !(x > 0))) return false;
  const sum = before.reduce((s, x) => s + x, 0);
  let given = 0;
  obligors.forEach((o, i) => {
    const target = i === obligors.length - 1 ? fen(total - given) : fen((before[i] * total) / sum);
    given += target;
    setObligorFunding(i, target);
  });
  return true;
}

/** Set what the trust pays for obligor i: the amount follows (a loan's principal under its price, a lease's financed amount). */
function setObligorFunding(i, value) {
  const a = current.pool.obligors[i].asset;
  const at = assetForm(a) && assetForm(a).amount(a);
  const price = fundingOf(current.pool.obligors[i]);
  const amount = at ? toNumber(getPath(a, at)) : null;
  if (a.purchasePrice !== undefined && at !== 'purchasePrice' && price > 0 && amount !== null) {
    // The price is set exactly; the amount (and what scales with it) keeps its ratio to the price.
    setObligorAmount(i, fen((amount * value) / price));
    a.purchasePrice = asMoney(a.purchasePrice, value);
  } else setObligorAmount(i, value);
}

/** An obligor's new amount; what its kind scales with the amount (price, fee schedule, rentals, faces) keeps its proportion. */
function setObligorAmount(i, value) {
  const a = current.pool.obligors[i].asset;
  const f = assetForm(a);
  const at = f && f.amount(a);
  if (!at) return;
  const before = toNumber(getPath(a, at));
  setPath(a, at, asMoney(getPath(a, at), value));
  if (before > 0) f.scale(a, value / before);
}

function onFormInput(ev) {
  const input = ev.target;
  if (!input.dataset || !current || !(input.dataset.path || input.dataset.role)) return;
  const r = readInput(input);
  markInput(input, r.ok);
  if (!r.ok) return;
  const role = input.dataset.role;
  const ts = tranchesOf(current);
  if (role === 'size') {
    // The notes add up to the pool's funding: a new size scales the pool too, and the tranches keep their shares.
    scalePool(r.value);
    rescale(ts, r.value);
  } else if (role === 'share') {
    const i = Number(input.dataset.index);
    const size = issueSize(ts);
    const j = juniorIndex(ts, i);
    ts[i].balance = asMoney(ts[i].balance, fen(size * r.value));
    if (j >= 0) {
      const others = ts.reduce((s, x, k) => s + (k === j ? 0 : toNumber(x.balance) || 0), 0);
      ts[j].balance = asMoney(ts[j].balance, fen(size - others));
    }
  } else if (role === 'obligor-amount') {
    // The pool's funding changes by what this obligor's price changes by; the tranches follow, keeping their shares.
    const i = Number(input.dataset.index);
    const before = fundingOf(current.pool.obligors[i]);
    setObligorAmount(i, r.value);
    const after = fundingOf(current.pool.obligors[i]);
    if (before !== null && after !== null) rescale(ts, fen(issueSize(ts) + after - before));
  } else {
    const like = getPath(current, input.dataset.path);
    const value = input.dataset.kind === 'amount' || (input.dataset.kind === 'capacity' && r.value !== 'unlimited') ? asMoney(like, r.value) : r.value;
    setPath(current, input.dataset.path, value);
  }
  textarea.value = JSON.stringify(current, null, 2);
  changed();
  // The other forms show what this edit moved (the split's balances, the pool's shares).
  for (const [key, render] of [['split', renderSplit], ['enh', renderEnhancements], ['pool', renderPool]]) {
    if (!forms[key].contains(input)) render();
  }
  if (forms.split.contains(input)) refreshSplitReadouts();
  if (forms.pool.contains(input)) refreshPoolShares();
}

/** While typing in the split table, update its other cells without replacing the input being typed in. */
function refreshSplitReadouts() {
  const ts = tranchesOf(current);
  const size = issueSize(ts);
  for (const input of forms.split.querySelectorAll('input')) {
    if (input === document.activeElement) continue;
    if (input.dataset.role === 'size') input.value = showAmount(size);
    else if (input.dataset.role === 'share') input.value = percentText(size > 0 ? (toNumber(ts[Number(input.dataset.index)].balance) || 0) / size : 0);
    else if (input.dataset.kind === 'amount') input.value = showAmount(getPath(current, input.dataset.path));
  }
  const total = document.getElementById('shares-total');
  if (total) total.textContent = t('editor.sharesTotal', { pct: pct(size > 0 ? ts.reduce((s, x) => s + (toNumber(x.balance) || 0), 0) / size : 0, 2) });
}

function refreshPoolShares() {
  const obligors = current.pool.obligors;
  const amounts = obligors.map((o) => fundingOf(o) ?? 0);
  const total = amounts.reduce((s, x) => s + x, 0);
  forms.pool.querySelectorAll('tbody tr').forEach((row, i) => { row.children[3].textContent = total > 0 ? pct(amounts[i] / total, 1) : '—'; });
}

// ---- validation, saving, history ----
/** Anything typed: the deal differs from what was saved, and old save messages no longer apply. */
function changed() {
  dirty = true;
  dirtyBadge.classList.remove('hidden');
  statusEl.textContent = t('editor.checking');
  statusEl.className = 'muted';
  saveStatus.textContent = '';
  saveStatus.className = '';
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
  try { current = JSON.parse(text); renderForms(); } catch { /* the server names the syntax error */ }
  try {
    const r = await api('/api/validate', { method: 'POST', json: { text } });
    if (mine !== seq) return;
    problemsEl.replaceChildren(...r.messages.map((m) => el('li', {}, m)));
    // Warnings (e.g. a base case that relies on enhancement) do not make the deal invalid.
    const warnings = r.warningMessages || [];
    warningsEl.replaceChildren(...warnings.map((m) => el('li', {}, m)));
    statusEl.textContent = r.valid
      ? (warnings.length ? t('pricing.editor.validWithWarnings', { n: warnings.length }) : t('editor.valid'))
      : tn('editor.problems', r.messages.length);
    statusEl.className = r.valid ? (warnings.length ? 'warn' : 'ok') : 'bad';
    root.dataset.warnings = String(warnings.length);
    root.dataset.valid = String(r.valid);
  } catch (e) {
    if (mine !== seq) return;
    statusEl.textContent = t('editor.cannotValidate', { error: e.message });
    statusEl.className = 'bad';
  }
}

async function save() {
  saveStatus.textContent = '';
  saveStatus.className = '';
  let deal;
  try { deal = JSON.parse(textarea.value); } catch (e) {
    saveStatus.textContent = t('editor.notSavedParse', { error: e.message });
    saveStatus.className = 'bad';
    return;
  }
  const id = deal && deal.meta && typeof deal.meta.id === 'string' ? deal.meta.id : '';
  try {
    const r = await api(`/api/deals/${encodeURIComponent(id || '-')}`, { method: 'PUT', json: deal });
    saveStatus.textContent = t('editor.saved', { id: r.id, version: r.version });
    saveStatus.className = 'ok';
    dirty = false;
    dirtyBadge.classList.add('hidden');
    if (r.id !== root.dataset.id) {
      history.replaceState(null, '', `/deals/${encodeURIComponent(r.id)}/edit`);
      root.dataset.id = r.id;
    }
    loadHistory();
  } catch (e) {
    saveStatus.textContent = t('editor.notSaved', { error: e.message });
    saveStatus.className = 'bad';
    if (e.problems && e.problems.length) problemsEl.replaceChildren(...e.problems.map((p) => el('li', {}, `${p.path || t('common.dealScope')}: ${p.text ?? p.message}`)));
  }
}

async function loadHistory() {
  const list = document.getElementById('history');
  try {
    const r = await api(`/api/deals/${encodeURIComponent(root.dataset.id)}/history`);
    if (!r.versions.length) { list.replaceChildren(el('li', { class: 'muted' }, r.source === 'scenario' ? t('editor.historyScenario') : t('editor.historyNone'))); return; }
    list.replaceChildren(...r.versions.slice().reverse().map((v) => {
      const btn = el('button', { type: 'button', class: 'link' }, t('editor.load'));
      btn.addEventListener('click', async () => {
        const ver = await api(`/api/deals/${encodeURIComponent(root.dataset.id)}/versions/${v.version}`);
        textarea.value = JSON.stringify(ver.deal, null, 2);
        changed();
      });
      return el('li', {}, `v${v.version} — ${new Date(v.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}${v.savedBy ? ` · ${t('auth.library.savedBy', { name: v.savedBy })}` : ''} `, btn);
    }));
  } catch {
    list.replaceChildren(el('li', { class: 'muted' }, t('editor.historyNotSaved')));
  }
}

for (const form of Object.values(forms)) {
  form.addEventListener('input', onFormInput);
  form.addEventListener('change', (ev) => { if (ev.target.tagName === 'SELECT') onFormInput(ev); });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  // Leaving a field shows its value the way the form writes it (1.33亿, 2.7).
  form.addEventListener('focusout', () => setTimeout(() => { if (!form.contains(document.activeElement) && !form.querySelector('[aria-invalid="true"]')) renderForms(); }, 0));
}
textarea.addEventListener('input', changed);
saveBtn.addEventListener('click', save);
// Leaving with unsaved changes asks first (the browser shows its own wording).
window.addEventListener('beforeunload', (ev) => {
  if (!dirty) return;
  ev.preventDefault();
  ev.returnValue = t('editor.leave');
});
validate();
loadHistory();

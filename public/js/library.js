import { api, el, showError } from './api.js';
import { formatChineseAmount, pct, sizeText } from './fmt.js';
import { t, tn, tz, lang } from './i18n.js';

/** Deals per page (GET /api/deals pages through the deal index; the server allows up to 500). */
const PAGE = 100;
let offset = 0;
let query = '';
/** The shipped scenarios, offered as templates whatever page is shown. */
let templates = [];

const status = document.getElementById('library-status');
const table = document.getElementById('library');
const tbody = table.querySelector('tbody');
const compareBtn = document.getElementById('compare-selected');
const fromSel = document.getElementById('create-from');

function updateCompare() {
  const n = tbody.querySelectorAll('input[type=checkbox]:checked').length;
  compareBtn.disabled = n < 2 || n > 4;
}

function row(d) {
  const g = d.glance;
  const check = el('input', { type: 'checkbox', value: d.id, 'aria-label': t('library.selectToCompare', { id: d.id }), disabled: !d.valid });
  check.addEventListener('change', updateCompare);
  // Chinese pages lead with the deal's Chinese name when it has one; the English name keeps its lang.
  const zhFirst = lang === 'zh' && g && g.nameZh;
  const link = el('a', { href: `/deals/${encodeURIComponent(d.id)}`, lang: g && !zhFirst && lang === 'zh' ? 'en' : null }, zhFirst ? g.nameZh : g ? g.name : d.id);
  const badge = el('span', { class: `badge ${d.source}`, title: d.savedBy ? t('auth.library.savedBy', { name: d.savedBy }) : null }, d.source === 'scenario' ? t('library.badge.scenario') : t('library.badge.saved', { version: d.version }));
  if (!g && d.valid === null) {
    return el('tr', { class: 'pending', dataset: { id: d.id } },
      el('td', {}, check),
      el('td', {}, link, ' ', badge),
      el('td', { colspan: 8, class: 'muted' }, t('auth.library.pending')));
  }
  if (!g) {
    return el('tr', { class: 'invalid', dataset: { id: d.id } },
      el('td', {}, check),
      el('td', {}, link, ' ', badge, el('div', { class: 'muted small' }, t('library.invalidProblems', { n: d.problemCount ?? d.problems.length, first: d.problems[0] ?? '' }))),
      el('td', { colspan: 7 }, t('library.invalidNote')),
      el('td', {}, el('a', { href: `/deals/${encodeURIComponent(d.id)}/edit` }, t('library.edit'))));
  }
  const tranches = g.tranches.map((x) => `${t(`class.${x.class}`)} ${formatChineseAmount(x.balance)}`).join(' / ');
  const enh = [
    ...g.enhancements.map((e) => (lang === 'zh' ? e.labelZh : `${e.label} ${e.labelZh}`)),
    g.subordinationShare > 0 ? t('library.subordination', { pct: pct(g.subordinationShare, 1) }) : null,
    g.reserveShare > 0 ? t('library.reserve', { pct: pct(g.reserveShare, 1) }) : null,
  ].filter(Boolean);
  const label = (key) => ({ 'data-label': t(key) });
  return el('tr', { dataset: { id: d.id } },
    el('td', {}, check),
    el('td', {}, link, ' ', badge, zhFirst ? el('div', { class: 'small muted', lang: 'en' }, g.name) : g.nameZh ? el('div', { class: 'zh small', lang: 'zh-CN' }, g.nameZh) : null),
    el('td', label('library.col.market'), lang === 'zh' ? g.marketLabelZh : [g.marketLabel, el('div', { class: 'zh small', lang: 'zh-CN' }, g.marketLabelZh)],
      g.rail === 'e-cny' ? el('span', { class: 'badge rail' }, tz('library.badge.ecny', undefined, '')) : null,
      g.offshoreLegs > 0 ? el('span', { class: 'badge offshore' }, tz('library.badge.offshore', { n: g.offshoreLegs }, '')) : null),
    el('td', { class: 'num', ...label('library.col.size') }, sizeText(g.size, g.currency), el('div', { class: 'muted small' }, tn('library.firms', g.obligors))),
    el('td', label('library.col.term'), t('common.years', { n: g.termYears }), el('div', { class: 'muted small' }, g.issueDate)),
    el('td', label('library.col.tranches'), tranches),
    el('td', { class: 'small', ...label('library.col.enhancement') }, enh.length ? enh.join('; ') : '—'),
    el('td', { class: 'num', ...label('library.col.coupon') }, pct(g.weightedCoupon)),
    el('td', { class: 'num', title: d.costProblem ?? '', ...label('library.col.cost') }, d.cost ? pct(d.cost.subsidyAdjustedCostRate) : '—',
      d.cost ? el('div', { class: 'muted small' }, t('library.saves', { pct: pct(d.cost.savingVsBaseline, 0) })) : null),
    el('td', { class: 'actions' }, el('a', { href: `/deals/${encodeURIComponent(d.id)}/edit` }, t('library.edit')), ' ', el('a', { href: `/runs?deal=${encodeURIComponent(d.id)}` }, t('library.run'))));
}

// The library grouped by asset model (licence fees, pledged-IP micro-loans, finance leases, …),
// each deal with the sources its facts come from.
const MODEL_ORDER = ['licence', 'pledged-loan', 'finance-lease', 'entrusted-loan', 'factoring', 'mixed'];
function groupedRows(deals) {
  const modelOf = (d) => (d.glance ? d.glance.assetModel : 'invalid');
  const models = [...new Set(deals.map(modelOf))].sort((a, b) => (MODEL_ORDER.indexOf(a) + 1 || 99) - (MODEL_ORDER.indexOf(b) + 1 || 99));
  return models.flatMap((m) => {
    const group = deals.filter((d) => modelOf(d) === m);
    const head = el('tr', { class: 'group-head', dataset: { model: m } },
      el('th', { colspan: 10, scope: 'rowgroup' }, `${t(`assets.model.${m}`)} · ${group.length}`));
    return [head, ...group.map((d) => {
      const tr = row(d);
      const sources = d.glance ? d.glance.sources : [];
      if (sources.length) tr.children[1].append(el('div', { class: 'muted small source' }, t('assets.library.source', { sources: sources.join('; ') })));
      return tr;
    })];
  });
}

async function load() {
  try {
    const page = await api(`/api/deals?offset=${offset}&limit=${PAGE}${query ? `&q=${encodeURIComponent(query)}` : ''}`);
    const { deals, total } = page;
    if (offset === 0 && !query) templates = deals.filter((d) => d.source === 'scenario' && d.valid);
    tbody.replaceChildren(...groupedRows(deals));
    const copies = deals.filter((d) => d.valid && d.source === 'user');
    fromSel.replaceChildren(...[...templates, ...copies].map((d) => el('option', { value: d.id }, t(d.source === 'scenario' ? 'library.fromTemplate' : 'library.fromCopy', { name: lang === 'zh' && d.glance.nameZh ? d.glance.nameZh : d.glance.name }))));
    status.textContent = total === 0 ? t('auth.library.page.none') : t('auth.library.page.showing', { from: Math.min(offset + 1, total), to: offset + deals.length, total: total.toLocaleString() });
    document.getElementById('page-prev').classList.toggle('hidden', offset === 0);
    document.getElementById('page-next').classList.toggle('hidden', offset + deals.length >= total);
    table.classList.remove('hidden');
    updateCompare();
  } catch (e) {
    showError(status, t('library.loadFailed', { error: e.message }));
  }
}

document.getElementById('page-prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
document.getElementById('page-next').addEventListener('click', () => { offset += PAGE; load(); });
let searchTimer = 0;
document.getElementById('library-q').addEventListener('input', (ev) => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { query = ev.target.value.trim(); offset = 0; load(); }, 250);
});
document.getElementById('library-search').addEventListener('submit', (ev) => ev.preventDefault());

compareBtn.addEventListener('click', () => {
  const ids = [...tbody.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
  location.href = `/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
});

// An old error ("already exists") goes as soon as the form is changed.
document.getElementById('create-form').addEventListener('input', () => document.getElementById('create-error').classList.add('hidden'));

document.getElementById('create-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = { id: String(f.get('id') ?? '').trim(), from: String(f.get('from') ?? '') };
  const name = String(f.get('name') ?? '').trim();
  if (name) body.name = name;
  const errBox = document.getElementById('create-error');
  errBox.classList.add('hidden');
  try {
    const r = await api('/api/deals', { method: 'POST', json: body });
    location.href = `/deals/${encodeURIComponent(r.id)}/edit`;
  } catch (e) {
    showError(errBox, e.message);
  }
});

load();

import { api, el, showError } from './api.js';
import { formatChineseAmount, pct } from './fmt.js';
import { t } from './i18n.js';

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
  const check = el('input', { type: 'checkbox', value: d.id, 'aria-label': `select ${d.id} to compare`, disabled: !d.valid });
  check.addEventListener('change', updateCompare);
  const link = el('a', { href: `/deals/${encodeURIComponent(d.id)}` }, g ? g.name : d.id);
  const badge = el('span', { class: `badge ${d.source}` }, d.source === 'scenario' ? 'scenario' : `saved v${d.version}`);
  if (!g) {
    return el('tr', { class: 'invalid', dataset: { id: d.id } },
      el('td', {}, check),
      el('td', {}, link, ' ', badge, el('div', { class: 'muted small' }, `${d.problems.length} problem(s): ${d.problems[0] ?? ''}`)),
      el('td', { colspan: 7 }, 'not valid — open it in the editor to fix'),
      el('td', {}, el('a', { href: `/deals/${encodeURIComponent(d.id)}/edit` }, 'edit')));
  }
  const tranches = g.tranches.map((t) => `${t.class} ${formatChineseAmount(t.balance)}`).join(' / ');
  const enh = [
    ...g.enhancements.map((e) => `${e.label} ${e.labelZh}`),
    g.subordinationShare > 0 ? `subordination ${pct(g.subordinationShare, 1)}` : null,
    g.reserveShare > 0 ? `reserve ${pct(g.reserveShare, 1)}` : null,
  ].filter(Boolean);
  return el('tr', { dataset: { id: d.id } },
    el('td', {}, check),
    el('td', {}, link, ' ', badge, g.nameZh ? el('div', { class: 'zh small' }, g.nameZh) : null),
    el('td', {}, g.marketLabel, el('div', { class: 'zh small' }, g.marketLabelZh),
      g.rail === 'e-cny' ? el('span', { class: 'badge rail' }, 'e-CNY 数字人民币') : null,
      g.offshoreLegs > 0 ? el('span', { class: 'badge offshore' }, `+${g.offshoreLegs} offshore 跨境`) : null),
    el('td', { class: 'num' }, `${formatChineseAmount(g.size)} ${g.currency}`, el('div', { class: 'muted small' }, `${g.obligors} firm${g.obligors === 1 ? '' : 's'}`)),
    el('td', {}, `${g.termYears} y`, el('div', { class: 'muted small' }, g.issueDate)),
    el('td', {}, tranches),
    el('td', { class: 'small' }, enh.length ? enh.join('; ') : '—'),
    el('td', { class: 'num' }, pct(g.weightedCoupon)),
    el('td', { class: 'num', title: d.costProblem ?? '' }, d.cost ? pct(d.cost.subsidyAdjustedCostRate) : '—',
      d.cost ? el('div', { class: 'muted small' }, `saves ${pct(d.cost.savingVsBaseline, 0)} vs bank loan`) : null),
    el('td', { class: 'actions' }, el('a', { href: `/deals/${encodeURIComponent(d.id)}/edit` }, 'edit'), ' ', el('a', { href: `/runs?deal=${encodeURIComponent(d.id)}` }, 'run')));
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
    const { deals } = await api('/api/deals');
    tbody.replaceChildren(...groupedRows(deals));
    fromSel.replaceChildren(...deals.filter((d) => d.valid).map((d) => el('option', { value: d.id }, `${d.source === 'scenario' ? 'template' : 'copy'}: ${d.glance.name}`)));
    status.textContent = `${deals.length} deal${deals.length === 1 ? '' : 's'}`;
    table.classList.remove('hidden');
  } catch (e) {
    showError(status, `Could not load the deals: ${e.message}`);
  }
}

compareBtn.addEventListener('click', () => {
  const ids = [...tbody.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
  location.href = `/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
});

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

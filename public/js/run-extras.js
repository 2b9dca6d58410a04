// Run page extras: a custom stress written as the CLI takes it (pd=2x,recovery=0.5x,rho=+0.1) and
// the sensitivity grid of `ipabs sensitivity`, run in the server's queue with its progress.
import { api, el, showError } from './api.js';
import { pct } from './fmt.js';
import { follow, showProgress } from './follow.js';
import { lang, t } from './i18n.js';

const CUSTOM = '__custom__';
const runForm = document.getElementById('run-form');
const dealSel = document.getElementById('run-deal');
const stressSel = document.getElementById('run-stress');
const box = document.getElementById('custom-stress-box');
const input = document.getElementById('custom-stress');

// ---- custom stress: an extra choice in the stress list whose value is the text typed ----
runForm.after(box);
function addCustomOption() {
  if (stressSel.querySelector('option[data-custom]')) return;
  stressSel.append(el('option', { value: input.value.trim() || CUSTOM, 'data-custom': '1' }, t('runx.stress.custom')));
}
function syncCustom() {
  const opt = stressSel.querySelector('option[data-custom]');
  if (opt) opt.value = input.value.trim() || CUSTOM;
  box.classList.toggle('hidden', !(opt && opt.selected));
}
addCustomOption();
// run.js fills the stress list (on load and when the deal changes): add the custom choice back.
new MutationObserver(() => { addCustomOption(); syncCustom(); }).observe(stressSel, { childList: true });
stressSel.addEventListener('change', syncCustom);
input.addEventListener('input', syncCustom);
syncCustom();

// ---- sensitivity grid ----
const form = document.getElementById('sens-form');
const trancheSel = document.getElementById('sens-tranche');
const startBtn = document.getElementById('sens-start');
const cancelBtn = document.getElementById('sens-cancel');
const progressBox = document.getElementById('sens-progress');
const bar = document.getElementById('sens-bar');
const barText = document.getElementById('sens-text');
const errBox = document.getElementById('sens-error');
const results = document.getElementById('sens-results');
let current = null;
let source = null;
const baseNote = document.getElementById('sens-base');

async function loadTranches() {
  try {
    const d = await api(`/api/deals/${encodeURIComponent(dealSel.value)}`);
    const sim = d.deal.simulation;
    const rho = sim ? (sim.copula === 'sector' ? (sim.sectorCorrelation?.inter ?? sim.rho) : sim.rho) : 0;
    baseNote.textContent = t('sens.base', { rho });
    const tranches = [...d.deal.liabilities.tranches].sort((a, b) => a.seniority - b.seniority);
    trancheSel.replaceChildren(...tranches.map((tr) => el('option', { value: tr.id }, `${tr.id} (${lang === 'zh' ? t(`classTitle.${tr.class}`) : tr.class})`)));
  } catch { /* the deal list on the page only holds valid deals; a failure leaves the list empty */ }
}
dealSel.addEventListener('change', loadTranches);

function showState(run) {
  progressBox.classList.remove('hidden');
  progressBox.dataset.state = run.state;
  showProgress(bar, barText, run);
  const active = run.state === 'queued' || run.state === 'running';
  cancelBtn.disabled = !active;
  startBtn.disabled = active;
  if (run.state === 'failed') showError(errBox, run.error || 'failed');
}

function watch(runId) {
  if (source) source.close();
  current = runId;
  errBox.classList.add('hidden');
  results.classList.add('hidden');
  source = follow(runId, {
    onState: showState,
    onEnd: (run) => { source = null; if (run.state === 'done') showGrid(runId); },
    onLost: () => showError(errBox, t('sens.lost')),
  });
}

const bp = (x) => (x === 0 ? '0 bp' : `${Number((x * 1e4).toPrecision(3))} bp`);

async function showGrid(runId) {
  const { run, request, result } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!result || !result.cells) return;
  const tranche = request?.tranche ?? result.cells[0]?.tranches[0]?.id;
  const cell = (pd, rho) => result.cells.find((c) => c.pdMultiplier === pd && c.rho === rho);
  const head = el('tr', {}, el('th', { scope: 'col' }, t('sens.corner')), ...result.rhos.map((rho) => el('th', { scope: 'col', class: 'num' }, t('sens.colHead', { rho }))));
  const table = (id, pick, fmt) => {
    const tbl = document.getElementById(id);
    tbl.querySelector('thead').replaceChildren(head.cloneNode(true));
    tbl.querySelector('tbody').replaceChildren(...result.pdMultipliers.map((pd) => el('tr', {},
      el('th', { scope: 'row' }, t('sens.rowHead', { pd })),
      ...result.rhos.map((rho) => {
        const [mean, se] = pick(cell(pd, rho));
        return el('td', { class: 'num', dataset: { pd: String(pd), rho: String(rho), value: String(mean) } }, `${fmt(mean)} ± ${fmt(1.96 * se)}`);
      }))));
  };
  table('sens-grid', (c) => { const x = c.tranches.find((y) => y.id === tranche); return [x.expectedLossRate, x.expectedLossRateStdErr]; }, bp);
  table('sens-pool', (c) => [c.poolExpectedLossRate, c.poolExpectedLossRateStdErr], (x) => pct(x, 3));
  document.querySelector('#sens-grid caption').textContent = t('sens.caption', { tranche, paths: run.paths.toLocaleString('en-US'), seed: run.seed });
  document.getElementById('sens-dl').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  document.getElementById('sens-dl-xlsx').href = `/api/runs/${encodeURIComponent(runId)}/result.xlsx`;
  results.classList.remove('hidden');
  results.dataset.runId = runId;
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const body = { dealId: dealSel.value, pd: String(f.get('pd')), rho: String(f.get('rho')), tranche: String(f.get('tranche') ?? ''), paths: Number(f.get('paths')), seed: Number(f.get('seed')) };
  errBox.classList.add('hidden');
  startBtn.disabled = true;
  try {
    const r = await api('/api/sensitivity', { method: 'POST', json: body });
    const u = new URL(location.href);
    u.searchParams.set('deal', body.dealId);
    u.searchParams.set('grid', r.run.id);
    history.replaceState(null, '', `${u.pathname}${u.search}`);
    showState(r.run);
    watch(r.run.id);
  } catch (e) {
    progressBox.classList.remove('hidden');
    showError(errBox, e.message);
    startBtn.disabled = false;
  }
});

cancelBtn.addEventListener('click', async () => {
  if (!current) return;
  cancelBtn.disabled = true;
  try { await api(`/api/runs/${encodeURIComponent(current)}`, { method: 'DELETE' }); } catch (e) { showError(errBox, e.message); }
});

loadTranches();
const gridQ = new URLSearchParams(location.search).get('grid');
if (gridQ && /^run-[a-z0-9-]{1,40}$/.test(gridQ)) watch(gridQ);

// ---- results as an Excel workbook (tables, not a field/value dump), beside the CSV download ----
const csvLink = document.getElementById('dl-csv');
if (csvLink) {
  const xlsx = el('a', { class: 'button secondary', id: 'dl-xlsx', download: true }, t('runx.xlsx'));
  csvLink.after(' ', xlsx);
  const sync = () => { const h = csvLink.getAttribute('href'); if (h) xlsx.setAttribute('href', h.replace(/result\.csv$/, 'result.xlsx')); };
  new MutationObserver(sync).observe(csvLink, { attributes: true, attributeFilter: ['href'] });
  sync();
}

// Size page: start a sizing search (POST /api/size), follow it like a run, show the SizingResult.
import { api, el, showError } from './api.js';
import { formatChineseAmount, formatMoney, money, pct } from './fmt.js';
import { follow, showProgress } from './follow.js';

const cfg = JSON.parse(document.getElementById('size-config').textContent);
const form = document.getElementById('size-form');
const dealSel = document.getElementById('size-deal');
const whatSel = document.getElementById('size-what');
const stressSel = document.getElementById('size-stress');
const kindSel = document.getElementById('size-target-kind');
const startBtn = document.getElementById('size-start');
const cancelBtn = document.getElementById('size-cancel');
const box = document.getElementById('size-progress');
const bar = document.getElementById('size-bar');
const barText = document.getElementById('size-bar-text');
const errBox = document.getElementById('size-error');
const results = document.getElementById('size-results');
let current = null;
let chart = null;

function fillDeal() {
  const c = cfg.choices.find((x) => x.id === dealSel.value);
  whatSel.replaceChildren(...(c ? c.sizable : []).map((s) => el('option', { value: s.id }, s.label)));
  stressSel.replaceChildren(el('option', { value: '' }, 'base case'), ...(c ? c.stresses : []).map((s) => el('option', { value: s.name }, s.name)));
}
dealSel.addEventListener('change', fillDeal);
fillDeal();
kindSel.addEventListener('change', () => {
  const rating = kindSel.value === 'rating';
  document.getElementById('rating-field').classList.toggle('hidden', !rating);
  document.getElementById('pol-field').classList.toggle('hidden', rating);
});

function onState(run) {
  box.classList.remove('hidden');
  showProgress(bar, barText, run);
  const active = run.state === 'queued' || run.state === 'running';
  cancelBtn.disabled = !active;
  startBtn.disabled = active || form.dataset.disabled === '1';
  if (run.state === 'failed') showError(errBox, run.error || 'the search failed');
}

function watch(runId) {
  current = runId;
  errBox.classList.add('hidden');
  results.classList.add('hidden');
  follow(runId, { onState, onEnd: (run) => { if (run.state === 'done') show(runId); }, onLost: () => showError(errBox, 'lost the connection') });
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const target = f.get('targetKind') === 'rating'
    ? { kind: 'rating', rating: String(f.get('rating')) }
    : { kind: 'probability-of-loss', max: Number(f.get('maxPct')) / 100 };
  const body = { dealId: String(f.get('dealId')), enhancement: String(f.get('enhancement')), target, paths: Number(f.get('paths')), seed: Number(f.get('seed')), tolerance: Number(f.get('tolerance')) };
  const stress = String(f.get('stress') ?? '');
  if (stress) body.stress = stress;
  errBox.classList.add('hidden');
  try {
    startBtn.disabled = true;
    const r = await api('/api/size', { method: 'POST', json: body });
    history.replaceState(null, '', `/size?deal=${encodeURIComponent(body.dealId)}&run=${encodeURIComponent(r.run.id)}`);
    onState(r.run);
    watch(r.run.id);
  } catch (e) {
    box.classList.remove('hidden');
    showError(errBox, e.message);
    startBtn.disabled = false;
  }
});

cancelBtn.addEventListener('click', async () => {
  if (!current) return;
  cancelBtn.disabled = true;
  try { await api(`/api/runs/${encodeURIComponent(current)}`, { method: 'DELETE' }); } catch (e) { showError(errBox, e.message); }
});

const row = (k, v) => el('tr', {}, el('th', {}, k), el('td', {}, v));

async function show(runId) {
  const { result: r } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!r) return;
  document.getElementById('size-dl-json').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  document.getElementById('size-dl-csv').href = `/api/runs/${encodeURIComponent(runId)}/result.csv`;
  document.getElementById('size-message').textContent = r.message;
  const measure = r.target.kind === 'rating' ? 'expected loss' : 'probability of loss';
  const a = r.atRequired;
  document.querySelector('#size-summary tbody').replaceChildren(
    row('Lever', `${r.lever.label} (${r.lever.id})`),
    row('Target', r.target.description),
    row('Status', r.status),
    row('Required amount 所需规模', r.requiredAmount === null ? 'not reachable' : money(r.requiredAmount)),
    ...(r.requiredShare !== undefined && r.requiredShare !== null ? [row('as a share of the notes', pct(r.requiredShare))] : []),
    row('95% range of the required amount', `${r.uncertainty.lowAmount === null ? '—' : money(r.uncertainty.lowAmount)} to ${r.uncertainty.highAmount === null ? 'beyond the largest amount tried' : money(r.uncertainty.highAmount)}`),
    row('Amount in the deal now', money(r.lever.currentAmount)),
    row(`Senior ${measure} at the required amount`, `${pct(a.value, 4)} ± ${pct(1.96 * a.stdErr, 4)} (target ${pct(a.threshold, 4)})`),
    row('Implied rating there', a.impliedRating),
    row('Paths per trial / seed / stress', `${r.run.paths.toLocaleString('en-US')} / ${r.run.seed} / ${r.run.stress}`),
  );
  const g = r.guarantor;
  document.querySelector('#guarantor-table tbody').replaceChildren(...(g ? [
    row('Expected draw 预期代偿', `${money(g.expectedDraw)} ± ${formatMoney(1.96 * g.expectedDrawStdErr)}`),
    row('99% draw (95% CI)', `${money(g.draw99)} (${formatMoney(g.draw99CI95[0])} to ${formatMoney(g.draw99CI95[1])})`),
    row('99.9% draw (95% CI)', `${money(g.draw999)} (${formatMoney(g.draw999CI95[0])} to ${formatMoney(g.draw999CI95[1])})`),
    row('Probability the capacity is used up', `${pct(g.exhaustionProbability, 3)} ± ${pct(1.96 * g.exhaustionProbabilityStdErr, 3)}`),
    row('Break-even fee 盈亏平衡费率 (a year)', `${pct(g.breakEvenFee.annualRate, 4)} ± ${pct(1.96 * g.breakEvenFee.annualRateStdErr, 4)}`),
    row('Fee the deal states', g.statedFee === null ? '—' : pct(g.statedFee, 3)),
  ] : [row('Guarantor figures', 'only for a capacity lever (a guarantee or undertaking)')]));
  document.querySelector('#party-table tbody').replaceChildren(...(g ? g.parties : []).map((p) => el('tr', {},
    el('td', {}, p.name), el('td', { class: 'num' }, p.capacity === null ? 'unlimited' : money(p.capacity)),
    el('td', { class: 'num' }, formatMoney(p.expectedPaid)), el('td', { class: 'num' }, pct(p.defaultProbability, 3)))));
  document.querySelector('#trial-table tbody').replaceChildren(...r.trials.map((t) => el('tr', {},
    el('td', { class: 'num' }, formatMoney(t.amount)), el('td', { class: 'num' }, `${pct(t.value, 4)} ± ${pct(1.96 * t.stdErr, 4)}`),
    el('td', { class: 'num' }, pct(t.threshold, 4)), el('td', { class: 'num' }, `${t.walYears.toFixed(2)} y`), el('td', {}, t.meets ? 'yes' : 'no'))));
  // A log amount axis: the search brackets from 0 to a large cap, then narrows near the answer.
  const tried = r.trials.filter((t) => t.amount > 0);
  const pts = tried.map((t) => ({ x: t.amount, y: t.value * 100 }));
  if (chart) chart.destroy();
  // eslint-disable-next-line no-undef
  chart = new Chart(document.getElementById('size-chart'), {
    type: 'scatter',
    data: { datasets: [
      { label: `senior ${measure}, %`, data: pts, backgroundColor: '#1f5fa8', showLine: true, borderColor: '#8cc2ee' },
      { label: 'target, %', data: tried.map((t) => ({ x: t.amount, y: t.threshold * 100 })), backgroundColor: '#b3261e', pointRadius: 1.5, showLine: true, borderColor: '#b3261e', borderDash: [5, 4] },
    ] },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: `Senior ${measure} against the amount tried` }, legend: { position: 'bottom', labels: { usePointStyle: true } } }, scales: { x: { type: 'logarithmic', title: { display: true, text: 'amount tried, CNY (log scale; 0 not shown)' }, ticks: { callback: (v) => (Number.isInteger(Math.log10(Number(v))) ? formatChineseAmount(Number(v)) : '') } }, y: { beginAtZero: true, title: { display: true, text: '%' } } } },
  });
  document.getElementById('size-chart').dataset.rendered = String(pts.length);
  results.classList.remove('hidden');
}

if (cfg.runId) watch(cfg.runId);

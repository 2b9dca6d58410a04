// Run page: start a run, follow its progress over server-sent events, cancel it, show results.
import { api, el, showError } from './api.js';
import { formatChineseAmount, formatMoney, money, pct } from './fmt.js';
import { follow as followJob, showProgress } from './follow.js';
import { t } from './i18n.js';
import { mountRating } from './rating.js';

const cfg = JSON.parse(document.getElementById('run-choices').textContent);
const form = document.getElementById('run-form');
const dealSel = document.getElementById('run-deal');
const stressSel = document.getElementById('run-stress');
const startBtn = document.getElementById('run-start');
const cancelBtn = document.getElementById('run-cancel');
const progressBox = document.getElementById('run-progress');
const bar = document.getElementById('progress');
const barText = document.getElementById('progress-text');
const errBox = document.getElementById('run-error');
const results = document.getElementById('results');
let source = null;
let currentRun = null;
const charts = {};

function fillStresses() {
  const c = cfg.choices.find((x) => x.id === dealSel.value);
  stressSel.replaceChildren(el('option', { value: '' }, 'base case'), ...(c ? c.stresses : []).map((s) => el('option', { value: s.name, title: s.description }, `${s.name}${s.description ? ` — ${s.description}` : ''}`)));
}
dealSel.addEventListener('change', fillStresses);
fillStresses();

function showState(run) {
  progressBox.classList.remove('hidden');
  progressBox.dataset.state = run.state;
  showProgress(bar, barText, run);
  const active = run.state === 'queued' || run.state === 'running';
  cancelBtn.disabled = !active;
  startBtn.disabled = active || form.dataset.disabled === '1';
  if (run.state === 'failed') showError(errBox, run.error || 'the run failed');
}

function follow(runId) {
  if (source) source.close();
  currentRun = runId;
  errBox.classList.add('hidden');
  results.classList.add('hidden');
  source = followJob(runId, {
    onState: showState,
    onEnd: (run) => {
      source = null;
      loadRecent();
      if (run.state === 'done') showResult(runId);
    },
    onLost: () => showError(errBox, 'lost the connection to the run'),
  });
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const body = { dealId: String(f.get('dealId')), paths: Number(f.get('paths')), seed: Number(f.get('seed')) };
  const stress = String(f.get('stress') ?? '');
  if (stress) body.stress = stress;
  errBox.classList.add('hidden');
  try {
    startBtn.disabled = true;
    const r = await api('/api/runs', { method: 'POST', json: body });
    history.replaceState(null, '', `/runs?deal=${encodeURIComponent(body.dealId)}&run=${encodeURIComponent(r.run.id)}`);
    showState(r.run);
    follow(r.run.id);
  } catch (e) {
    progressBox.classList.remove('hidden');
    showError(errBox, e.message);
    startBtn.disabled = false;
  }
});

cancelBtn.addEventListener('click', async () => {
  if (!currentRun) return;
  cancelBtn.disabled = true;
  try { await api(`/api/runs/${encodeURIComponent(currentRun)}`, { method: 'DELETE' }); } catch (e) { showError(errBox, e.message); }
});

// Error bars: a whisker from lo to hi on each bar, from dataset.errorBars [[lo, hi], …].
const errorBarPlugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    chart.data.datasets.forEach((ds, di) => {
      if (!ds.errorBars) return;
      const meta = chart.getDatasetMeta(di);
      const y = chart.scales.y;
      meta.data.forEach((barEl, i) => {
        const eb = ds.errorBars[i];
        if (!eb) return;
        const x = barEl.x;
        const top = y.getPixelForValue(eb[1]);
        const bot = y.getPixelForValue(eb[0]);
        ctx.save();
        ctx.strokeStyle = '#222';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.moveTo(x, top); ctx.lineTo(x, bot);
        ctx.moveTo(x - 6, top); ctx.lineTo(x + 6, top);
        ctx.moveTo(x - 6, bot); ctx.lineTo(x + 6, bot);
        ctx.stroke();
        ctx.restore();
      });
    });
  },
};

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  // eslint-disable-next-line no-undef
  charts[id] = new Chart(document.getElementById(id), config);
  document.getElementById(id).dataset.rendered = '1';
}

const pm = (mean, se, f = pct) => `${f(mean)} ± ${f(1.96 * se)}`;
/** Expected losses of senior notes are tiny: show them in bp with three significant digits. */
const bp = (x) => (x === 0 ? '0 bp' : `${Number((x * 1e4).toPrecision(3))} bp`);
const maxOf = (pairs) => Math.max(0, ...pairs.map((p) => p[1]));

async function showResult(runId) {
  const { run, result } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!result || !result.pool) return;
  document.getElementById('dl-json').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  document.getElementById('dl-csv').href = `/api/runs/${encodeURIComponent(runId)}/result.csv`;
  const p = result.pool;
  const q = p.lossRateQuantiles;
  document.querySelector('#pool-table tbody').replaceChildren(
    el('tr', {}, el('th', {}, 'Paths / seed / stress'), el('td', { class: 'num' }, `${run.paths.toLocaleString('en-US')} / ${run.seed} / ${run.stress ?? 'base'}`)),
    el('tr', {}, el('th', {}, 'Expected loss rate 预期损失率 (± 95%)'), el('td', { class: 'num' }, pm(p.expectedLossRate, p.expectedLossRateStdErr, (x) => pct(x, 3)))),
    el('tr', {}, el('th', {}, 'Mean default rate 违约率'), el('td', { class: 'num' }, pm(p.defaultRateMean, p.defaultRateMeanStdErr, (x) => pct(x, 3)))),
    el('tr', {}, el('th', {}, 'P(any pool loss)'), el('td', { class: 'num' }, pm(p.probabilityOfLoss, p.probabilityOfLossStdErr))),
    ...Object.entries(q).map(([k, v]) => el('tr', {}, el('th', {}, `${pct(Number(k), 1)} quantile of loss (95% CI)`), el('td', { class: 'num' }, `${pct(v, 2)} (${pct(p.lossRateQuantileCI95[k][0], 2)}–${pct(p.lossRateQuantileCI95[k][1], 2)})`))),
    el('tr', {}, el('th', {}, 'Expected pool loss'), el('td', { class: 'num' }, `${formatMoney(result.lossAllocation.poolLoss.mean)} (${formatChineseAmount(result.lossAllocation.poolLoss.mean)})`)),
  );
  const h = p.histogram;
  const labels = h.probabilities.map((_, i) => (i === 0 ? 'no loss' : `${pct(h.binEdges[i], 1)}–${pct(h.binEdges[i + 1] ?? h.binEdges[i], 1)}`));
  chart('loss-histogram', {
    type: 'bar',
    data: { labels, datasets: [{ label: 'probability', data: h.probabilities.map((x) => x * 100), backgroundColor: '#4f9bd9' }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: 'Pool loss rate distribution (probability, %)' } }, scales: { y: { type: 'logarithmic', title: { display: true, text: '% of paths (log)' }, ticks: { callback: (v) => (Number.isInteger(Math.log10(Number(v))) ? `${Number(v)}%` : '') } }, x: { ticks: { maxRotation: 60, autoSkip: true } } } },
  });

  document.querySelector('#tranche-results tbody').replaceChildren(...result.tranches.map((t) => el('tr', {},
    el('td', {}, `${t.id} (${t.class})`),
    el('td', { class: 'num' }, pm(t.expectedLossRate, t.expectedLossRateStdErr, bp)),
    el('td', { class: 'num' }, pm(t.probabilityOfLoss, t.probabilityOfLossStdErr, (x) => pct(x, 3))),
    el('td', { class: 'num' }, `${t.walYears.toFixed(3)} ± ${(1.96 * t.walYearsStdErr).toFixed(3)} y`),
    el('td', {}, t.impliedRating))));
  chart('tranche-el', {
    type: 'bar',
    data: { labels: result.tranches.map((t) => t.id), datasets: [{ label: 'expected loss (bp)', data: result.tranches.map((t) => t.expectedLossRate * 1e4), errorBars: result.tranches.map((t) => t.expectedLossRateCI95.map((x) => x * 1e4)), backgroundColor: '#1f5fa8', maxBarThickness: 90 }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: 'Tranche expected loss, bp, with 95% error bars' } }, scales: { y: { beginAtZero: true, suggestedMax: maxOf(result.tranches.map((t) => t.expectedLossRateCI95.map((x) => x * 1e4))) * 1.1, title: { display: true, text: 'bp' } } } },
    plugins: [errorBarPlugin],
  });

  document.querySelector('#enh-results tbody').replaceChildren(...result.enhancements.map((e) => el('tr', {},
    el('td', {}, `${e.id} (${e.kind})`),
    el('td', { class: 'num' }, `${formatMoney(e.expectedDraw)} ± ${formatMoney(1.96 * e.expectedDrawStdErr)}`),
    el('td', { class: 'num' }, money(e.drawQuantiles['0.99']), el('div', { class: 'muted small' }, `95% CI ${formatMoney(e.drawQuantileCI95['0.99'][0])} to ${formatMoney(e.drawQuantileCI95['0.99'][1])}`)),
    el('td', { class: 'num' }, money(e.drawQuantiles['0.999']), el('div', { class: 'muted small' }, `95% CI ${formatMoney(e.drawQuantileCI95['0.999'][0])} to ${formatMoney(e.drawQuantileCI95['0.999'][1])}`)),
    el('td', { class: 'num' }, pm(e.exhaustionProbability, e.exhaustionProbabilityStdErr, (x) => pct(x, 3))))));

  // Commingling and the +k legs' guarantee chains (absent on deals without a servicer or legs).
  const chainRows = [];
  const lossRow = (label, probability, e) => el('tr', {}, el('td', {}, label), el('td', { class: 'num' }, pct(probability, 3)), el('td', { class: 'num' }, formatMoney(e.mean)), el('td', { class: 'num' }, formatMoney(e.stdErr)));
  if (result.servicer) chainRows.push(lossRow(`servicer ${result.servicer.id}: commingling loss`, result.servicer.probabilityOfComminglingLoss, result.servicer.comminglingLoss));
  for (const a of result.assetAgents || []) chainRows.push(lossRow(t('assets.agent.row', { id: a.id }), a.probabilityOfLoss, a.heldCashLoss));
  for (const l of result.offshoreLegs || []) {
    chainRows.push(
      lossRow(`${l.id}: offshore investors`, l.probabilityOfInvestorLoss, l.investorLoss),
      lossRow(`${l.id}: Hong Kong guarantor (chain called)`, l.probabilityChainCalled, l.hkGuarantorLoss),
      lossRow(`${l.id}: onshore bank (chain called)`, l.probabilityChainCalled, l.onshoreBankLoss));
  }
  document.querySelector('#chain-table tbody').replaceChildren(...chainRows);
  document.querySelector('#chain-section').classList.toggle('hidden', chainRows.length === 0);

  const la = result.lossAllocation;
  const partyName = (id) => (result.parties.find((x) => x.id === id) || { name: id }).name;
  const rows = [
    ...Object.entries(la.tranches).map(([id, e]) => [`investors: ${id}`, e]),
    ...Object.entries(la.parties).map(([id, e]) => [partyName(id), e]),
    ['originator / residual holder (less residual)', la.residualReduction],
    ['recoveries after the final date', la.lateRecoveries],
  ];
  document.querySelector('#alloc-table tbody').replaceChildren(
    el('tr', { class: 'total' }, el('td', {}, 'Pool loss'), el('td', { class: 'num' }, formatMoney(la.poolLoss.mean)), el('td', { class: 'num' }, formatMoney(la.poolLoss.stdErr))),
    ...rows.map(([name, e]) => el('tr', {}, el('td', {}, name), el('td', { class: 'num' }, formatMoney(e.mean)), el('td', { class: 'num' }, formatMoney(e.stdErr)))));
  chart('alloc-chart', {
    type: 'bar',
    data: { labels: rows.map((r) => r[0].length > 28 ? `${r[0].slice(0, 27)}…` : r[0]), datasets: [{ label: 'expected CNY', data: rows.map((r) => r[1].mean), errorBars: rows.map((r) => [r[1].mean - 1.96 * r[1].stdErr, r[1].mean + 1.96 * r[1].stdErr]), backgroundColor: '#c2772e' }] },
    options: { indexAxis: 'x', animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: 'Who bears the expected loss (CNY)' } }, scales: { y: { ticks: { callback: (v) => formatChineseAmount(Number(v)) } }, x: { ticks: { autoSkip: false, maxRotation: 40 } } } },
    plugins: [errorBarPlugin],
  });
  results.classList.remove('hidden');
  results.dataset.runId = runId;
  // The domestic rating reads its target default rates off a base-case run (a stressed run's pool is not the deal's).
  const ratingSection = document.getElementById('run-rating-section');
  ratingSection.classList.toggle('hidden', run.stress !== null);
  if (run.stress === null) await mountRating(document.getElementById('run-rating'), { dealId: run.dealId, runId, canEstimate: false });
}

async function loadRecent() {
  try {
    const { runs } = await api('/api/runs');
    document.querySelector('#recent-runs tbody').replaceChildren(...runs.slice(0, 15).map((r) => el('tr', {},
      el('td', {}, el('a', { href: r.task === 'size' ? `/size?run=${encodeURIComponent(r.id)}` : `/runs?deal=${encodeURIComponent(r.dealId)}&${r.task === 'sensitivity' ? 'grid' : 'run'}=${encodeURIComponent(r.id)}` }, r.id), r.task === 'size' ? ' (sizing)' : r.task === 'sensitivity' ? ` (${t('sens.title')})` : ''),
      el('td', {}, r.dealName),
      el('td', { class: 'num' }, r.paths.toLocaleString('en-US')),
      el('td', {}, r.stress ?? 'base'),
      el('td', {}, r.state === 'queued' ? `queued (#${r.position})` : r.state))));
  } catch { /* the list is a convenience */ }
}

loadRecent();
if (cfg.runId) follow(cfg.runId);

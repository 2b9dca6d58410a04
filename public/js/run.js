// Run page: start a run, follow its progress over server-sent events, cancel it, show results.
import { api, el, showError } from './api.js';
import { formatChineseAmount, formatMoney, money, pct } from './fmt.js';
import { follow as followJob, showProgress } from './follow.js';
import { impliedText, kindText, t } from './i18n.js';
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
  stressSel.replaceChildren(el('option', { value: '' }, t('common.baseCase')), ...(c ? c.stresses : []).map((s) => el('option', { value: s.name, title: s.description }, `${s.name}${s.description ? ` — ${s.description}` : ''}`)));
}
dealSel.addEventListener('change', fillStresses);
fillStresses();

function showState(run) {
  progressBox.classList.remove('hidden');
  progressBox.dataset.state = run.state;
  showProgress(bar, barText, run);
  const active = run.state === 'queued' || run.state === 'running';
  cancelBtn.disabled = !active;
  startBtn.disabled = active;
  if (run.state === 'failed') showError(errBox, run.error || t('run.failed'));
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
    onLost: () => showError(errBox, t('run.lost')),
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
const num = (x) => Math.round(x).toLocaleString('en-US');
const maxOf = (pairs) => Math.max(0, ...pairs.map((p) => p[1]));

async function showResult(runId) {
  const { run, result } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!result || !result.pool) return;
  document.getElementById('dl-json').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  document.getElementById('dl-csv').href = `/api/runs/${encodeURIComponent(runId)}/result.csv`;
  const p = result.pool;
  const q = p.lossRateQuantiles;
  document.querySelector('#pool-table tbody').replaceChildren(
    el('tr', {}, el('th', {}, t('run.pool.pathsSeedStress')), el('td', { class: 'num' }, `${num(run.paths)} / ${run.seed} / ${run.stress ?? t('common.base')}`)),
    el('tr', {}, el('th', {}, t('run.pool.el')), el('td', { class: 'num' }, pm(p.expectedLossRate, p.expectedLossRateStdErr, (x) => pct(x, 3)))),
    el('tr', {}, el('th', {}, t('run.pool.dr')), el('td', { class: 'num' }, pm(p.defaultRateMean, p.defaultRateMeanStdErr, (x) => pct(x, 3)))),
    el('tr', {}, el('th', {}, t('run.pool.pl')), el('td', { class: 'num' }, pm(p.probabilityOfLoss, p.probabilityOfLossStdErr))),
    ...Object.entries(q).map(([k, v]) => el('tr', {}, el('th', {}, t('run.pool.quantile', { q: pct(Number(k), 1) })), el('td', { class: 'num' }, `${pct(v, 2)} (${pct(p.lossRateQuantileCI95[k][0], 2)}–${pct(p.lossRateQuantileCI95[k][1], 2)})`))),
    el('tr', {}, el('th', {}, t('run.pool.expected')), el('td', { class: 'num' }, money(result.lossAllocation.poolLoss.mean))),
  );
  const h = p.histogram;
  const labels = h.probabilities.map((_, i) => (i === 0 ? t('run.hist.noLoss') : `${pct(h.binEdges[i], 1)}–${pct(h.binEdges[i + 1] ?? h.binEdges[i], 1)}`));
  chart('loss-histogram', {
    type: 'bar',
    data: { labels, datasets: [{ label: t('run.hist.probability'), data: h.probabilities.map((x) => x * 100), backgroundColor: '#4f9bd9' }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: t('run.hist.title') } }, scales: { y: { type: 'logarithmic', title: { display: true, text: t('run.hist.axis') }, ticks: { callback: (v) => (Number.isInteger(Math.log10(Number(v))) ? `${Number(v)}%` : '') } }, x: { ticks: { maxRotation: 60, autoSkip: true } } } },
  });

  // A tranche that lost on no path shows the rule-of-three bound and the rating it supports, not a bare "0 bp, Aaa".
  const zeroBound = (tr) => (tr.zeroLossBound ? el('div', { class: 'muted small' }, t('run.zeroLosses', { paths: num(tr.zeroLossBound.paths), bound: bp(tr.zeroLossBound.upperBound) })) : null);
  document.querySelector('#tranche-results tbody').replaceChildren(...result.tranches.map((tr) => el('tr', {},
    el('td', {}, `${tr.id} (${t(`class.${tr.class}`)})`),
    el('td', { class: 'num' }, pm(tr.expectedLossRate, tr.expectedLossRateStdErr, bp), zeroBound(tr)),
    el('td', { class: 'num' }, pm(tr.probabilityOfLoss, tr.probabilityOfLossStdErr, (x) => pct(x, 3))),
    el('td', { class: 'num' }, t('run.years', { n: `${tr.walYears.toFixed(3)} ± ${(1.96 * tr.walYearsStdErr).toFixed(3)}` })),
    el('td', {}, tr.zeroLossBound ? t('run.ratingAtMost', { rating: tr.zeroLossBound.ratingAtLeast }) : impliedText(tr.impliedRating)))));
  const bounded = result.tranches.find((tr) => tr.zeroLossBound);
  const zeroNote = document.getElementById('zero-loss-note');
  zeroNote.textContent = bounded ? t('run.ratingNote', { bound: bp(bounded.zeroLossBound.upperBound) }) : '';
  zeroNote.classList.toggle('hidden', !bounded);
  chart('tranche-el', {
    type: 'bar',
    data: { labels: result.tranches.map((t) => t.id), datasets: [{ label: t('run.elChart.label'), data: result.tranches.map((tr) => tr.expectedLossRate * 1e4), errorBars: result.tranches.map((tr) => tr.expectedLossRateCI95.map((x) => x * 1e4)), backgroundColor: '#1f5fa8', maxBarThickness: 90 }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: t('run.elChart.title') } }, scales: { y: { beginAtZero: true, suggestedMax: maxOf(result.tranches.map((tr) => tr.expectedLossRateCI95.map((x) => x * 1e4))) * 1.1, title: { display: true, text: 'bp' } } } },
    plugins: [errorBarPlugin],
  });

  document.querySelector('#enh-results tbody').replaceChildren(...result.enhancements.map((e) => el('tr', {},
    el('td', {}, `${e.id} (${kindText(e.kind)})`),
    el('td', { class: 'num' }, `${formatMoney(e.expectedDraw)} ± ${formatMoney(1.96 * e.expectedDrawStdErr)}`),
    el('td', { class: 'num' }, money(e.drawQuantiles['0.99']), el('div', { class: 'muted small' }, t('common.ci95', { lo: formatMoney(e.drawQuantileCI95['0.99'][0]), hi: formatMoney(e.drawQuantileCI95['0.99'][1]) }))),
    el('td', { class: 'num' }, money(e.drawQuantiles['0.999']), el('div', { class: 'muted small' }, t('common.ci95', { lo: formatMoney(e.drawQuantileCI95['0.999'][0]), hi: formatMoney(e.drawQuantileCI95['0.999'][1]) }))),
    el('td', { class: 'num' }, pm(e.exhaustionProbability, e.exhaustionProbabilityStdErr, (x) => pct(x, 3))))));

  // Commingling and the +k legs' guarantee chains (absent on deals without a servicer or legs).
  const chainRows = [];
  const lossRow = (label, probability, e) => el('tr', {}, el('td', {}, label), el('td', { class: 'num' }, pct(probability, 3)), el('td', { class: 'num' }, formatMoney(e.mean)), el('td', { class: 'num' }, formatMoney(e.stdErr)));
  if (result.servicer) chainRows.push(lossRow(t('run.chain.servicer', { id: result.servicer.id }), result.servicer.probabilityOfComminglingLoss, result.servicer.comminglingLoss));
  for (const a of result.assetAgents || []) chainRows.push(lossRow(t('assets.agent.row', { id: a.id }), a.probabilityOfLoss, a.heldCashLoss));
  for (const l of result.offshoreLegs || []) {
    chainRows.push(
      lossRow(t('run.chain.investors', { id: l.id }), l.probabilityOfInvestorLoss, l.investorLoss),
      lossRow(t('run.chain.hk', { id: l.id }), l.probabilityChainCalled, l.hkGuarantorLoss),
      lossRow(t('run.chain.onshore', { id: l.id }), l.probabilityChainCalled, l.onshoreBankLoss));
  }
  document.querySelector('#chain-table tbody').replaceChildren(...chainRows);
  document.querySelector('#chain-section').classList.toggle('hidden', chainRows.length === 0);

  // Revolving deals and status events: each event's probability, the purchases, the clean-up call.
  const never = t('assets.sim.never', { bound: pct(Math.min(1, -Math.log(0.05) / result.run.paths), 3) });
  const pOf = (p, se) => (p > 0 ? `${pct(p, 3)} ± ${pct(se, 3)}` : never);
  const statusRows = [
    ...(result.statusEvents || []).map((e) => el('tr', {}, el('td', {}, t('assets.run.event', { id: e.id, effect: t(`assets.sim.effect.${e.effect}`) })), el('td', { class: 'num' }, pOf(e.probability, e.probabilityStdErr)), el('td', {}), el('td', {}))),
    ...(result.revolving ? [el('tr', {}, el('td', {}, t('assets.run.purchases', { rate: pct(result.revolving.purchaseRate, 0) })), el('td', {}), el('td', { class: 'num' }, formatMoney(result.revolving.expectedPurchases.mean)), el('td', { class: 'num' }, formatMoney(result.revolving.expectedPurchases.stdErr)))] : []),
    ...(result.cleanUpCall ? [el('tr', {}, el('td', {}, t('assets.run.call')), el('td', { class: 'num' }, pOf(result.cleanUpCall.probability, result.cleanUpCall.probabilityStdErr)), el('td', {}), el('td', {}))] : []),
  ];
  document.querySelector('#status-table tbody').replaceChildren(...statusRows);
  document.querySelector('#status-section').classList.toggle('hidden', statusRows.length === 0);

  // The pool's loss as the cash the trust lacked, then who bore that cash: the two parts add up.
  const la = result.lossAllocation;
  const partyName = (id) => (result.parties.find((x) => x.id === id) || { name: id }).name;
  const commingling = result.servicer ? result.servicer.comminglingLoss : null;
  const agents = (result.assetAgents || []).filter((a) => a.heldCashLoss.mean > 0);
  const lostInterest = la.cashShortfall.mean - la.poolLoss.mean - la.lateRecoveries.mean - (commingling ? commingling.mean : 0) - agents.reduce((s, a) => s + a.heldCashLoss.mean, 0);
  const lacked = [
    [t('run.alloc.poolLoss'), la.poolLoss],
    // A revolving pool's remainder also holds the bought assets' losses and the income of those not bought after an event.
    [t(result.revolving ? 'assets.run.lostRevolving' : 'run.alloc.lostInterest'), { mean: lostInterest, stdErr: null }],
    [t('run.alloc.late'), la.lateRecoveries],
    ...(commingling ? [[t('run.alloc.commingling'), commingling]] : []),
    ...agents.map((a) => [t('assets.agent.row', { id: a.id }), a.heldCashLoss]),
  ];
  const rows = [
    ...Object.entries(la.tranches).map(([id, e]) => [t('run.alloc.investors', { id }), e]),
    ...Object.entries(la.parties).map(([id, e]) => [partyName(id), e]),
    ...(la.feeShortfall.mean >= 0.005 ? [[t('run.alloc.fees'), la.feeShortfall]] : []),
    [t('run.alloc.originator'), la.residualReduction],
    ...(Math.abs(la.unattributed) >= 0.005 ? [[t('run.alloc.unattributed'), { mean: la.unattributed, stdErr: null }]] : []),
  ];
  const se = (e) => (e.stdErr === null ? '—' : formatMoney(e.stdErr));
  const line = ([name, e], cls) => el('tr', { class: cls }, el('td', {}, name), el('td', { class: 'num' }, formatMoney(e.mean)), el('td', { class: 'num' }, se(e)));
  const group = (title) => el('tr', { class: 'group' }, el('th', { colspan: 3, scope: 'rowgroup' }, title));
  document.querySelector('#alloc-table tbody').replaceChildren(
    group(t('run.col.whatLacked')),
    ...lacked.map((r) => line(r)),
    line([t('run.alloc.shortfall'), la.cashShortfall], 'total'),
    group(t('run.col.whoBears')),
    ...rows.map((r) => line(r)),
    line([t('run.alloc.total'), la.cashShortfall], 'total'));
  chart('alloc-chart', {
    type: 'bar',
    data: { labels: rows.map((r) => r[0].length > 28 ? `${r[0].slice(0, 27)}…` : r[0]), datasets: [{ label: t('run.allocChart.label'), data: rows.map((r) => r[1].mean), errorBars: rows.map((r) => (r[1].stdErr === null ? null : [r[1].mean - 1.96 * r[1].stdErr, r[1].mean + 1.96 * r[1].stdErr])), backgroundColor: '#c2772e' }] },
    options: { indexAxis: 'x', animation: false, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: true, text: t('run.allocChart.title') } }, scales: { y: { ticks: { callback: (v) => formatChineseAmount(Number(v)) } }, x: { ticks: { autoSkip: false, maxRotation: 40 } } } },
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
      el('td', {}, el('a', { href: r.task === 'size' ? `/size?run=${encodeURIComponent(r.id)}` : `/runs?deal=${encodeURIComponent(r.dealId)}&${r.task === 'sensitivity' ? 'grid' : 'run'}=${encodeURIComponent(r.id)}` }, r.id), r.task === 'size' ? t('run.sizing') : r.task === 'sensitivity' ? ` (${t('sens.title')})` : ''),
      el('td', {}, r.dealName),
      el('td', { class: 'num' }, num(r.paths)),
      el('td', {}, r.stress ?? t('common.base')),
      el('td', {}, r.state === 'queued' ? t('run.queuedAt', { n: r.position }) : t(`run.state.${r.state}`)))));
  } catch { /* the list is a convenience */ }
}

loadRecent();
if (cfg.runId) follow(cfg.runId);

// Size page: start a sizing search (POST /api/size), follow it like a run, show the SizingResult.
import { api, el, showError } from './api.js';
import { formatChineseAmount, formatMoney, money, parseAmount, pct } from './fmt.js';
import { cancelJob, follow, showProgress, submitJob } from './follow.js';
import { impliedText, t, tz, lang } from './i18n.js';

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
  stressSel.replaceChildren(el('option', { value: '' }, t('common.baseCase')), ...(c ? c.stresses : []).map((s) => el('option', { value: s.name }, s.name)));
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
  startBtn.disabled = active;
  if (run.state === 'failed') showError(errBox, run.error || t('size.failed'));
}

function watch(runId) {
  current = runId;
  errBox.classList.add('hidden');
  results.classList.add('hidden');
  follow(runId, { onState, onEnd: (run) => { if (run.state === 'done') show(runId); }, onLost: () => showError(errBox, t('common.lostConnection')) });
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const target = f.get('targetKind') === 'rating'
    ? { kind: 'rating', rating: String(f.get('rating')) }
    : { kind: 'probability-of-loss', max: Number(f.get('maxPct')) / 100 };
  // The tolerance is an amount as people write it: 10000, 1万, 0.5万 (yuan).
  const tol = parseAmount(String(f.get('tolerance') ?? ''));
  if (!tol.ok) { box.classList.remove('hidden'); showError(errBox, t('size.invalidTolerance', { got: JSON.stringify(String(f.get('tolerance') ?? '')) })); return; }
  const body = { dealId: String(f.get('dealId')), enhancement: String(f.get('enhancement')), target, paths: Number(f.get('paths')), seed: Number(f.get('seed')), tolerance: tol.value };
  const stress = String(f.get('stress') ?? '');
  if (stress) body.stress = stress;
  await submitJob({ url: '/api/size', body, page: `/size?deal=${encodeURIComponent(body.dealId)}`, startBtn, box, errBox, onState, watch });
});

cancelBtn.addEventListener('click', () => { void cancelJob(current, cancelBtn, errBox); });

const row = (k, v) => el('tr', {}, el('th', {}, k), el('td', {}, v));
const num = (x) => Math.round(x).toLocaleString('en-US');
const ci = (lo, hi) => `(${formatMoney(lo)} ${lang === 'zh' ? '至' : 'to'} ${formatMoney(hi)})`;

/** The guarantor's figures as rows, one column per amount (at the required size, at the deal's current one). */
function guarantorRows(cols) {
  const line = (label, f) => el('tr', {}, el('th', {}, ...label), ...cols.map((g) => el('td', { class: 'num' }, f(g))));
  const first = cols[0];
  const covered = first.breakEvenFee.coveredTranches.join(', ');
  return [
    line(tz('size.g.expectedDraw'), (g) => `${money(g.expectedDraw)} ± ${formatMoney(1.96 * g.expectedDrawStdErr)}`),
    line([t('size.g.draw99')], (g) => `${money(g.draw99)} ${ci(g.draw99CI95[0], g.draw99CI95[1])}`),
    line([t('size.g.draw999')], (g) => `${money(g.draw999)} ${ci(g.draw999CI95[0], g.draw999CI95[1])}`),
    line([t('size.g.exhausted')], (g) => `${pct(g.exhaustionProbability, 3)} ± ${pct(1.96 * g.exhaustionProbabilityStdErr, 3)}`),
    line(tz('size.g.fee'), (g) => `${pct(g.breakEvenFee.annualRate, 4)} ± ${pct(1.96 * g.breakEvenFee.annualRateStdErr, 4)}`),
    line([t('size.g.feeBase')], () => t('size.g.feeBaseValue', { tranches: covered, rate: pct(first.breakEvenFee.discountRate, 2) })),
    line([t('size.g.recoveries')], () => t('size.g.recoveriesValue')),
    line([t('size.g.stated')], (g) => (g.statedFee === null ? '—' : pct(g.statedFee, 3))),
  ];
}

/** Other layers whose expected burden the answer changes by more than a yuan and 1%: where sizing this one moves the load. */
function layerLines(r, lever) {
  const moved = (r.otherLayers || []).filter((x) => Math.abs(x.atAnswer - x.atCurrent) > Math.max(1, 0.01 * Math.max(x.atAnswer, x.atCurrent)));
  const box = document.getElementById('layers');
  if (!moved.length) { box.replaceChildren(el('p', {}, t('size.layers.none'))); return; }
  const more = moved.filter((x) => x.atAnswer > x.atCurrent);
  const less = moved.filter((x) => x.atAnswer <= x.atCurrent);
  const says = (x) => t(x.kind === 'party' ? 'size.layers.party' : 'size.layers.tranche', { name: x.name, after: money(x.atAnswer), before: money(x.atCurrent) });
  box.replaceChildren(
    ...(more.length ? [el('p', { class: 'note', id: 'layers-moved' }, t('size.layers.moves', { lever }), el('ul', {}, ...more.map((x) => el('li', {}, says(x)))))] : []),
    ...(less.length ? [el('ul', { class: 'muted' }, ...less.map((x) => el('li', {}, t('size.layers.less', { name: x.name, after: money(x.atAnswer), before: money(x.atCurrent) }))))] : []),
  );
}

async function show(runId) {
  const { result: r, text } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!r) return;
  document.getElementById('size-dl-json').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  document.getElementById('size-dl-csv').href = `/api/runs/${encodeURIComponent(runId)}/result.csv`;
  document.getElementById('size-message').textContent = text ? text.message : r.message;
  const measure = t(`size.measure.${r.target.kind}`, { tranche: r.target.tranche });
  const lever = t(`size.lever.${r.lever.what}`, { junior: r.lever.juniorTranche ?? '' });
  const a = r.atRequired;
  const u = r.uncertainty;
  const wide = document.getElementById('size-wide');
  const zb = a.zeroLossBound;
  const zeroNote = zb && zb.upperBound > a.threshold ? t('size.zeroLoss', { paths: num(zb.paths), bound: pct(zb.upperBound, 3), threshold: pct(a.threshold, 4), rating: zb.ratingAtLeast }) : '';
  wide.textContent = r.rangeWide ? (zeroNote || t('size.wide', { lo: u.lowAmount === null ? '—' : money(u.lowAmount), hi: u.highAmount === null ? t('size.beyondLargest') : money(u.highAmount), max: num(cfg.maxPaths) })) : '';
  wide.classList.toggle('hidden', !r.rangeWide);
  document.querySelector('#size-summary tbody').replaceChildren(
    row(t('size.row.lever'), `${lever} (${r.lever.id})`),
    row(t('size.row.target'), text ? text.target : r.target.description),
    row(t('size.row.status'), t(`size.status.${r.status}`)),
    row(tz('size.row.required'), r.requiredAmount === null ? t('size.notReachable') : money(r.requiredAmount)),
    ...(r.requiredShare !== undefined && r.requiredShare !== null ? [row(t('size.row.share'), pct(r.requiredShare))] : []),
    row(t('size.row.range'), t('common.to', { lo: u.lowAmount === null ? '—' : money(u.lowAmount), hi: u.highAmount === null ? t('size.beyondLargest') : money(u.highAmount) })),
    row(t('size.row.current'), money(r.lever.currentAmount)),
    row(t(r.status === 'unreachable' ? 'size.row.measureAtLargest' : 'size.row.measureAt', { measure }), t('size.row.measureValue', { value: pct(a.value, 4), se: pct(1.96 * a.stdErr, 4), threshold: pct(a.threshold, 4) })),
    row(t('size.row.rating'), zb ? t('run.ratingAtMost', { rating: zb.ratingAtLeast }) : impliedText(a.impliedRating)),
    row(t('size.row.run'), `${num(r.run.paths)} / ${r.run.seed} / ${r.run.stress}`),
  );
  // The guarantor at the required size and at the deal's current size (a capacity lever), whatever the answer.
  const cols = [];
  const heads = [];
  if (r.guarantor) { cols.push(r.guarantor); heads.push(t('size.col.atRequired', { amount: money(r.requiredAmount) })); }
  if (r.guarantorAtCurrent) { cols.push(r.guarantorAtCurrent); heads.push(t('size.col.atCurrent', { amount: money(r.lever.currentAmount) })); }
  const gNote = document.getElementById('guarantor-note');
  const notes = [];
  if (!r.guarantor && r.guarantorAtCurrent) notes.push(r.status === 'met-at-zero' ? t('size.g.noneRequired', { lever }) : t('size.g.unreachable'));
  if (r.status === 'unreachable' && r.lever.kind === 'capacity' && r.guarantorAtCurrent) {
    const pd = Math.max(...r.guarantorAtCurrent.parties.map((p) => p.defaultProbability));
    if (pd > 0) notes.push(t('size.g.unreachableWhy', { pd: pct(pd, 3) }));
  }
  gNote.textContent = notes.join(' ');
  gNote.classList.toggle('hidden', notes.length === 0);
  document.querySelector('#guarantor-table thead').replaceChildren(...(cols.length ? [el('tr', {}, el('th', {}, t('size.col.figure')), ...heads.map((h) => el('th', { class: 'num' }, h)))] : []));
  document.querySelector('#guarantor-table tbody').replaceChildren(...(cols.length ? guarantorRows(cols) : [row(t('size.guarantor'), t('size.g.onlyCapacity'))]));
  const g = r.guarantor ?? r.guarantorAtCurrent;
  document.getElementById('party-capacity-head').textContent = r.guarantor ? t('size.col.capacity') : t('size.col.capacityNow');
  document.querySelector('#party-table tbody').replaceChildren(...(g ? g.parties : []).map((p) => el('tr', {},
    el('td', {}, p.name), el('td', { class: 'num' }, p.capacity === null ? t('common.unlimited') : money(p.capacity)),
    el('td', { class: 'num' }, formatMoney(p.expectedPaid)), el('td', { class: 'num' }, pct(p.defaultProbability, 3)))));
  layerLines(r, lever);
  document.querySelector('#trial-table tbody').replaceChildren(...r.trials.map((x) => el('tr', {},
    el('td', { class: 'num' }, formatMoney(x.amount)), el('td', { class: 'num' }, `${pct(x.value, 4)} ± ${pct(1.96 * x.stdErr, 4)}`),
    el('td', { class: 'num' }, pct(x.threshold, 4)), el('td', { class: 'num' }, t('common.years', { n: x.walYears.toFixed(2) })), el('td', {}, t(x.meets ? 'common.yes' : 'common.no')))));
  // A log amount axis: the search brackets from 0 to a large cap, then narrows near the answer.
  const tried = r.trials.filter((x) => x.amount > 0);
  const pts = tried.map((x) => ({ x: x.amount, y: x.value * 100 }));
  if (chart) chart.destroy();
  // eslint-disable-next-line no-undef
  chart = new Chart(document.getElementById('size-chart'), {
    type: 'scatter',
    data: { datasets: [
      { label: `${measure}, %`, data: pts, backgroundColor: '#1f5fa8', showLine: true, borderColor: '#8cc2ee' },
      { label: t('size.chart.target'), data: tried.map((x) => ({ x: x.amount, y: x.threshold * 100 })), backgroundColor: '#b3261e', pointRadius: 1.5, showLine: true, borderColor: '#b3261e', borderDash: [5, 4] },
    ] },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: t('size.chart.title', { measure }) }, legend: { position: 'bottom', labels: { usePointStyle: true } } }, scales: { x: { type: 'logarithmic', title: { display: true, text: t('size.chart.x') }, ticks: { callback: (v) => (Number.isInteger(Math.log10(Number(v))) ? formatChineseAmount(Number(v)) : '') } }, y: { beginAtZero: true, title: { display: true, text: '%' } } } },
  });
  document.getElementById('size-chart').dataset.rendered = String(pts.length);
  results.classList.remove('hidden');
}

if (cfg.runId) watch(cfg.runId);

// Compare page: /api/compare for 2–4 deals, as a table and two charts. It starts no Monte Carlo
// run by itself: a deal without a finished base-case run says so, with a button to run it.
import { api, el, showError } from './api.js';
import { formatMoney, pct, sizeText } from './fmt.js';
import { follow } from './follow.js';
import { t, lang } from './i18n.js';

const cfg = JSON.parse(document.getElementById('compare-config').textContent);
const form = document.getElementById('compare-form');
const errBox = document.getElementById('compare-error');
const out = document.getElementById('compare-out');
const note = document.getElementById('cost-note');
const charts = {};
const COLORS = ['#1f5fa8', '#2e8b57', '#c2772e', '#7a5ca8'];
const bp = (x) => (x === 0 ? '0 bp' : `${Number((x * 1e4).toPrecision(3))} bp`);
const num = (x) => Math.round(x).toLocaleString('en-US');
// A deal with no finished run offers a quick one (in the server's run queue), started only on request.
const QUICK_PATHS = 20_000;
const estimating = new Set();
let lastIds = [];
let lastResult = null;

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  // eslint-disable-next-line no-undef
  charts[id] = new Chart(document.getElementById(id), config);
  const n = config.data.datasets.reduce((s, d) => s + d.data.filter((v) => typeof v === 'number' && Number.isFinite(v)).length, 0);
  document.getElementById(id).dataset.points = String(n);
}

/** Per deal, the cost figures the cost comparison reports (null when it could not cost the deals). */
function costFor(cost, id) {
  if (!cost || !Array.isArray(cost.deals)) return null;
  return cost.deals.find((d) => d.deal && d.deal.id === id) ?? null;
}

/** "AAA(sf)" with how it was reached: credit substitution, or provisional (no Monte Carlo run yet). */
function seniorRatingText(d) {
  const r = d.seniorRating;
  if (!r) return d.seniorRatingError ?? '—';
  const grade = r.domesticRating === 'below BB(sf)' ? t('rating.below-scale') : r.domesticRating;
  const notes = [];
  if (r.ratingBasis === 'credit-substitution') notes.push(t('rating.compare.substituted', { standAlone: r.standAloneRating === 'below BB(sf)' ? t('rating.below-scale') : r.standAloneRating }));
  if (r.source !== 'run') notes.push(t('rating.compare.provisional'));
  return notes.length ? `${grade} (${notes.join('; ')})` : grade;
}

function seniorCell(d) {
  const e = d.seniorExpectedLoss;
  if (e) {
    const text = `${bp(e.value)}${e.stdErr !== null ? ` ± ${bp(1.96 * e.stdErr)}` : ''} (${t('compare.paths', { n: num(e.paths) })})`;
    return e.zeroLossBound ? [text, el('div', { class: 'muted small' }, t('compare.zeroBound', { bound: bp(e.zeroLossBound.upperBound) }))] : text;
  }
  if (estimating.has(d.id)) return t('compare.estimating', { n: num(QUICK_PATHS) });
  const btn = el('button', { type: 'button', class: 'secondary small run-one', dataset: { id: d.id } }, t('compare.runOne', { n: num(QUICK_PATHS) }));
  btn.addEventListener('click', () => estimate([d.id]));
  return [el('span', { class: 'no-run' }, t('compare.noRun')), ' ', btn];
}

/** A rail effect in the page's language (its English words when the model names one it has no key for). */
const effectName = (k) => (k.key ? t(`compare.effect.${k.key}`) : k.effect);

function render(r) {
  lastResult = r;
  const ds = r.deals;
  const senior = (g) => g.tranches.reduce((a, x) => (x.seniority < a.seniority ? x : a), g.tranches[0]);
  const label = (e) => (lang === 'zh' ? e.labelZh : e.label);
  const ext = (g) => g.enhancements.map((e) => `${label(e)}: ${e.capacity === null ? t('compare.unlimited') : pct(e.capacity / g.size, 0)}`).join('; ') || '—';
  const rows = [
    [t('compare.row.market'), (d) => (lang === 'zh' ? d.glance.marketLabelZh : `${d.glance.marketLabel} ${d.glance.marketLabelZh}`)],
    [t('compare.row.size'), (d) => sizeText(d.glance.size, d.glance.currency)],
    [t('compare.row.term'), (d) => t('compare.row.termValue', { years: d.glance.termYears, issue: d.glance.issueDate })],
    [t('compare.row.firms'), (d) => String(d.glance.obligors)],
    [t('compare.row.seniorCoupon'), (d) => senior(d.glance).couponLabel],
    [t('compare.row.weightedCoupon'), (d) => pct(d.glance.weightedCoupon)],
  ];
  if (r.cost) {
    // Every cost says whether it is before or after subsidy; the firms' and the issuer's side by side.
    const c = (d) => costFor(r.cost, d.id);
    const text = (d) => (r.costText && r.costText[d.id]) || null;
    const before = t('pricing.label.beforeSubsidy');
    const after = t('pricing.label.afterSubsidy');
    const assumed = (d) => (c(d).baseline && c(d).baseline.assumed ? t('compare.assumedBaseline') : '');
    rows.push([t('pricing.rule.label'), (d) => (text(d) ? text(d).pricing : '—')]);
    rows.push([t('compare.row.trancheCost'), (d) => (c(d) ? c(d).tranches.map((x) => `${x.id}${x.offshore ? t('compare.offshore') : ''}: ${x.coupon === null ? t('compare.residual') : pct(x.coupon)} → ${pct(x.allInCostRate)}`).join('; ') : '—')]);
    rows.push([`${t('pricing.label.firms')}, ${before}`, (d) => (c(d) ? pct(c(d).allInCostRate) : '—')]);
    rows.push([`${t('pricing.label.firms')}, ${after}`, (d) => (c(d) ? pct(c(d).subsidyAdjustedCostRate) : '—')]);
    rows.push([t('pricing.label.issuer'), (d) => (c(d) ? `${pct(c(d).issuerCostRate)} (${t('pricing.label.notSubsidised')})` : '—')]);
    rows.push([t('pricing.label.gap'), (d) => (text(d) ? text(d).gap : '—')]);
    rows.push([`${t('pricing.label.baseline')}, ${before}`, (d) => (c(d) ? `${pct(c(d).baselineCostRate)}${assumed(d)}` : '—')]);
    rows.push([`${t('pricing.label.baseline')}, ${after}`, (d) => (c(d) ? (c(d).baseline && c(d).baseline.spec && c(d).baseline.spec.subsidised ? pct(c(d).baselineSubsidyAdjustedCostRate) : `${pct(c(d).baselineCostRate)} (${t('pricing.label.notSubsidised')})`) : '—')]);
    rows.push([`${t('pricing.label.saving')}, ${after}`, (d) => (c(d) ? pct(c(d).savingVsBaseline, 1) : '—')]);
    rows.push([`${t('pricing.label.saving')}, ${before}`, (d) => (c(d) ? pct(c(d).savingBeforeSubsidy, 1) : '—')]);
  }
  rows.push(
    [t('compare.row.subordination'), (d) => pct(d.glance.subordinationShare, 1)],
    [t('compare.row.reserve'), (d) => pct(d.glance.reserveShare, 2)],
    [t('compare.row.external'), (d) => ext(d.glance)],
    [t('compare.row.interest'), (d) => formatMoney(d.baseCase.interest)],
    [t('compare.row.fees'), (d) => formatMoney(d.baseCase.fees + d.baseCase.upfrontFees)],
    [t('compare.row.net'), (d) => formatMoney(d.baseCase.netToFirms)],
    [t('compare.row.seniorEl'), seniorCell],
    [t('rating.compare.senior'), (d) => seniorRatingText(d)],
    [t('rating.compare.cushion'), (d) => (d.seniorRating && d.seniorRating.cushionAtRating !== null
      ? `${pct(d.seniorRating.cushionAtRating)} (${pct(d.seniorRating.bdr)} − ${pct(d.seniorRating.tdrAtRating)})`
      : '—')],
  );
  const dealTitle = (d) => (lang === 'zh' && d.glance.nameZh ? d.glance.nameZh : d.glance.name);
  const thead = document.querySelector('#compare-table thead');
  thead.replaceChildren(el('tr', {}, el('th', {}, ''), ...ds.map((d) => el('th', {}, el('a', { href: `/deals/${encodeURIComponent(d.id)}` }, dealTitle(d))))));
  document.querySelector('#compare-table tbody').replaceChildren(...rows.map(([rowLabel, f]) => el('tr', {}, el('th', {}, rowLabel), ...ds.map((d) => el('td', {}, f(d))))));
  const missing = ds.filter((d) => !d.seniorExpectedLoss && !estimating.has(d.id));
  const runAll = document.getElementById('run-missing');
  runAll.textContent = t('compare.runAll', { n: num(QUICK_PATHS) });
  runAll.classList.toggle('hidden', missing.length < 2);

  const labels = ds.map((d) => d.id);
  const costSets = [
    { label: t('compare.chart.seniorCoupon'), data: ds.map((d) => (senior(d.glance).couponRate ?? NaN) * 100) },
    { label: t('compare.chart.weightedCoupon'), data: ds.map((d) => (d.glance.weightedCoupon ?? NaN) * 100) },
  ];
  if (r.cost) {
    const series = (label, f) => ({ label, data: ds.map((d) => { const c = costFor(r.cost, d.id); return c ? f(c) * 100 : NaN; }) });
    const before = t('pricing.label.beforeSubsidy');
    const after = t('pricing.label.afterSubsidy');
    costSets.splice(1, costSets.length - 1,
      series(`${t('pricing.label.firms')}, ${before}`, (c) => c.allInCostRate),
      series(`${t('pricing.label.firms')}, ${after}`, (c) => c.subsidyAdjustedCostRate),
      series(t('pricing.label.issuer'), (c) => c.issuerCostRate),
      series(`${t('pricing.label.baseline')}, ${before}`, (c) => c.baselineCostRate),
      series(`${t('pricing.label.baseline')}, ${after}`, (c) => c.baselineSubsidyAdjustedCostRate));
  }
  chart('cost-chart', {
    type: 'bar',
    data: { labels, datasets: costSets.map((x, i) => ({ ...x, backgroundColor: ['#1f5fa8', '#2e8b57', '#8cc2ee', '#7a5ca8', '#c2772e', '#e8b071'][i] })) },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: r.cost ? t('compare.chart.costTitle') : t('compare.chart.couponTitle') }, legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } },
  });
  // Stacked enhancements (a guarantee behind an undertaking) back the same notes: show the largest
  // single capacity rather than a sum that would count the same protection twice.
  const extShare = (d) => Math.max(0, ...d.glance.enhancements.map((e) => (e.capacity === null ? 0 : e.capacity))) / d.glance.size * 100;
  chart('enhancement-chart', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: t('compare.chart.subordination'), data: ds.map((d) => d.glance.subordinationShare * 100), backgroundColor: COLORS[0] },
        { label: t('compare.chart.reserve'), data: ds.map((d) => d.glance.reserveShare * 100), backgroundColor: COLORS[1] },
        { label: t('compare.chart.external'), data: ds.map(extShare), backgroundColor: COLORS[2] },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: t('compare.chart.enhTitle') }, legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: t('compare.chart.ofNotes') } } } },
  });
  const diffs = r.cost && Array.isArray(r.cost.differences) ? r.cost.differences : [];
  const diffBox = document.getElementById('rail-differences');
  diffBox.replaceChildren(...diffs.map((x) => el('div', { class: 'card' },
    el('h3', {}, t('compare.railTitle', { a: x.a, b: x.b })),
    el('p', {}, t('compare.railExplain', { a: x.a, b: x.b, diff: (x.allInCostRate * 1e4).toFixed(1), explained: (x.components.reduce((s, k) => s + k.annualRate, 0) * 1e4).toFixed(1), list: x.components.map((k) => `${effectName(k)} ${(k.annualRate * 1e4).toFixed(1)} bp`).join(lang === 'zh' ? '，' : ', ') })),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' }, el('thead', {}, el('tr', {}, el('th', {}, t('compare.col.effect')), el('th', { class: 'num' }, t('compare.col.cny')), el('th', { class: 'num' }, t('compare.col.bp')))),
      el('tbody', {}, ...x.components.map((k) => el('tr', {}, el('td', {}, effectName(k)), el('td', { class: 'num' }, formatMoney(k.amount)), el('td', { class: 'num' }, (k.annualRate * 1e4).toFixed(1))))))))));
  note.classList.toggle('hidden', !r.costUnavailable);
  note.textContent = r.costUnavailable ? t('compare.costNote', { reason: r.costUnavailable }) : '';
  out.classList.remove('hidden');
}

/** On request: a quick base-case run for each of these deals; the page refreshes as each ends. */
async function estimate(ids) {
  const waits = [];
  for (const id of ids) {
    if (estimating.has(id)) continue;
    try {
      const r = await api('/api/runs', { method: 'POST', json: { dealId: id, paths: QUICK_PATHS, seed: 1 } });
      estimating.add(id);
      waits.push(new Promise((resolve) => follow(r.run.id, {
        onState: () => undefined,
        onEnd: (run) => { if (run.state !== 'done') showError(errBox, t('compare.runFailed', { id, error: run.error ?? t(`run.state.${run.state}`) })); resolve(); },
        onLost: resolve,
      })).then(async () => {
        estimating.delete(id);
        render(await api(urlFor(lastIds)));
      }));
    } catch (e) {
      showError(errBox, t('compare.runFailed', { id, error: e.message }));
    }
  }
  if (lastResult) render(lastResult);
  await Promise.all(waits);
}

const urlFor = (ids) => `/api/compare?ids=${ids.map(encodeURIComponent).join(',')}`;

async function run(ids) {
  errBox.classList.add('hidden');
  lastIds = ids;
  try {
    render(await api(urlFor(ids)));
  } catch (e) {
    out.classList.add('hidden');
    showError(errBox, e.message);
  }
}

document.getElementById('run-missing').addEventListener('click', () => {
  if (lastResult) estimate(lastResult.deals.filter((d) => !d.seniorExpectedLoss).map((d) => d.id));
});

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const ids = [...form.querySelectorAll('input[name=ids]:checked')].map((c) => c.value);
  history.replaceState(null, '', `/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  run(ids);
});

if (cfg.selected.length >= cfg.min) run(cfg.selected);

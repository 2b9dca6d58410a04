// Compare page: /api/compare for 2–4 deals, as a table and two charts.
import { api, el, showError } from './api.js';
import { formatChineseAmount, formatMoney, pct } from './fmt.js';
import { follow } from './follow.js';
import { t } from './i18n.js';

const cfg = JSON.parse(document.getElementById('compare-config').textContent);
const form = document.getElementById('compare-form');
const errBox = document.getElementById('compare-error');
const out = document.getElementById('compare-out');
const note = document.getElementById('cost-note');
const charts = {};
const COLORS = ['#1f5fa8', '#2e8b57', '#c2772e', '#7a5ca8'];
const bp = (x) => (x === 0 ? '0 bp' : `${Number((x * 1e4).toPrecision(3))} bp`);
// Deals with no finished run get a quick one (in the server's run queue) so the senior expected
// loss is there at a glance; each deal is asked for at most once per page.
const QUICK_PATHS = 20_000;
const estimating = new Set();
const asked = new Set();

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  // eslint-disable-next-line no-undef
  charts[id] = new Chart(document.getElementById(id), config);
  const n = config.data.datasets.reduce((s, d) => s + d.data.filter((v) => typeof v === 'number' && Number.isFinite(v)).length, 0);
  document.getElementById(id).dataset.points = String(n);
}

/** Per deal, the cost figures issue 6's comparison reports (null until it exists). */
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

function render(r) {
  const ds = r.deals;
  const senior = (g) => g.tranches.reduce((a, t) => (t.seniority < a.seniority ? t : a), g.tranches[0]);
  const ext = (g) => g.enhancements.map((e) => `${e.label}: ${e.capacity === null ? 'unlimited' : pct(e.capacity / g.size, 0)}`).join('; ') || '—';
  const rows = [
    ['Market', (d) => `${d.glance.marketLabel} ${d.glance.marketLabelZh}`],
    ['Issue size', (d) => `${formatChineseAmount(d.glance.size)} ${d.glance.currency}`],
    ['Term', (d) => `${d.glance.termYears} y (${d.glance.issueDate})`],
    ['Firms', (d) => String(d.glance.obligors)],
    ['Senior coupon 优先级票面利率', (d) => senior(d.glance).couponLabel],
    ['Weighted coupon', (d) => pct(d.glance.weightedCoupon)],
  ];
  if (r.cost) {
    const c = (d) => costFor(r.cost, d.id);
    rows.push(['Tranche coupons and cost to the issuer', (d) => (c(d) ? c(d).tranches.map((t) => `${t.id}${t.offshore ? ' (offshore)' : ''}: ${t.coupon === null ? 'residual' : pct(t.coupon)} → ${pct(t.allInCostRate)}`).join('; ') : '—')]);
    rows.push(['All-in cost to the firms 综合融资成本', (d) => (c(d) ? pct(c(d).allInCostRate) : '—')]);
    rows.push(['After subsidy 贴息后', (d) => (c(d) ? pct(c(d).subsidyAdjustedCostRate) : '—')]);
    rows.push(['Baseline: IP-pledge bank loan', (d) => (c(d) ? `${pct(c(d).baselineSubsidyAdjustedCostRate ?? c(d).baselineCostRate)}${c(d).baseline && c(d).baseline.assumed ? ' (assumed baseline)' : ''}` : '—')]);
    rows.push(['Saving vs baseline', (d) => (c(d) ? pct(c(d).savingVsBaseline, 1) : '—')]);
  }
  rows.push(
    ['Subordination 次级', (d) => pct(d.glance.subordinationShare, 1)],
    ['Reserve 储备', (d) => pct(d.glance.reserveShare, 2)],
    ['External enhancement (capacity / deal)', (d) => ext(d.glance)],
    ['Base-case interest, whole life', (d) => formatMoney(d.baseCase.interest)],
    ['Base-case fees (running + up-front)', (d) => formatMoney(d.baseCase.fees + d.baseCase.upfrontFees)],
    ['Net to firms at issue', (d) => formatMoney(d.baseCase.netToFirms)],
    ['Senior expected loss (latest base-case run, ± 95%)', (d) => (d.seniorExpectedLoss
      ? `${bp(d.seniorExpectedLoss.value)}${d.seniorExpectedLoss.stdErr !== null ? ` ± ${bp(1.96 * d.seniorExpectedLoss.stdErr)}` : ''} (${d.seniorExpectedLoss.paths.toLocaleString('en-US')} paths)`
      : estimating.has(d.id) ? `estimating… (${QUICK_PATHS.toLocaleString('en-US')} paths)` : 'no run yet')],
    [t('rating.compare.senior'), (d) => seniorRatingText(d)],
    [t('rating.compare.cushion'), (d) => (d.seniorRating && d.seniorRating.cushionAtRating !== null
      ? `${pct(d.seniorRating.cushionAtRating)} (${pct(d.seniorRating.bdr)} − ${pct(d.seniorRating.tdrAtRating)})`
      : '—')],
  );
  const thead = document.querySelector('#compare-table thead');
  thead.replaceChildren(el('tr', {}, el('th', {}, ''), ...ds.map((d) => el('th', {}, el('a', { href: `/deals/${encodeURIComponent(d.id)}` }, d.glance.name)))));
  document.querySelector('#compare-table tbody').replaceChildren(...rows.map(([label, f]) => el('tr', {}, el('th', {}, label), ...ds.map((d) => el('td', {}, f(d))))));

  const labels = ds.map((d) => d.id);
  const costSets = [
    { label: 'senior coupon', data: ds.map((d) => (senior(d.glance).couponRate ?? NaN) * 100) },
    { label: 'weighted coupon', data: ds.map((d) => (d.glance.weightedCoupon ?? NaN) * 100) },
  ];
  if (r.cost) {
    costSets.splice(1, 1);
    costSets.push({ label: 'all-in cost to firms', data: ds.map((d) => { const c = costFor(r.cost, d.id); return c ? c.allInCostRate * 100 : NaN; }) });
    costSets.push({ label: 'after subsidy', data: ds.map((d) => { const c = costFor(r.cost, d.id); return c ? c.subsidyAdjustedCostRate * 100 : NaN; }) });
    costSets.push({ label: 'bank-loan baseline', data: ds.map((d) => { const c = costFor(r.cost, d.id); return c ? (c.baselineSubsidyAdjustedCostRate ?? c.baselineCostRate) * 100 : NaN; }) });
  }
  chart('cost-chart', {
    type: 'bar',
    data: { labels, datasets: costSets.map((s, i) => ({ ...s, backgroundColor: ['#1f5fa8', '#8cc2ee', '#c2772e', '#2e8b57', '#999'][i] })) },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: r.cost ? 'Cost of funds, % a year' : 'Coupons, % a year' }, legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } },
  });
  // Stacked enhancements (a guarantee behind an undertaking) back the same notes: show the largest
  // single capacity rather than a sum that would count the same protection twice.
  const extShare = (d) => Math.max(0, ...d.glance.enhancements.map((e) => (e.capacity === null ? 0 : e.capacity))) / d.glance.size * 100;
  chart('enhancement-chart', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'subordination', data: ds.map((d) => d.glance.subordinationShare * 100), backgroundColor: COLORS[0] },
        { label: 'reserve', data: ds.map((d) => d.glance.reserveShare * 100), backgroundColor: COLORS[1] },
        { label: 'external (largest capacity)', data: ds.map(extShare), backgroundColor: COLORS[2] },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, plugins: { title: { display: true, text: 'Enhancement as % of the deal' }, legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, title: { display: true, text: '% of notes' } } } },
  });
  const diffs = r.cost && Array.isArray(r.cost.differences) ? r.cost.differences : [];
  const diffBox = document.getElementById('rail-differences');
  diffBox.replaceChildren(...diffs.map((x) => el('div', { class: 'card' },
    el('h3', {}, `Rail difference 结算通道差异: ${x.b} vs ${x.a}`),
    el('p', {}, x.explanation),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' }, el('thead', {}, el('tr', {}, el('th', {}, 'effect'), el('th', { class: 'num' }, 'CNY'), el('th', { class: 'num' }, 'bp of the pool a year'))),
      el('tbody', {}, ...x.components.map((k) => el('tr', {}, el('td', {}, k.effect), el('td', { class: 'num' }, formatMoney(k.amount)), el('td', { class: 'num' }, (k.annualRate * 1e4).toFixed(1))))))))));
  note.classList.toggle('hidden', !r.costUnavailable);
  note.textContent = r.costUnavailable ? `All-in cost, subsidy and baseline saving: ${r.costUnavailable}.` : '';
  out.classList.remove('hidden');
}

/** Start a quick base-case run for each deal that has none; resolve when they have all ended. */
async function estimateSeniorLoss(deals) {
  const missing = deals.filter((d) => !d.seniorExpectedLoss && !asked.has(d.id));
  const waits = [];
  for (const d of missing) {
    asked.add(d.id);
    try {
      const r = await api('/api/runs', { method: 'POST', json: { dealId: d.id, paths: QUICK_PATHS, seed: 1 } });
      estimating.add(d.id);
      waits.push(new Promise((resolve) => follow(r.run.id, { onState: () => undefined, onEnd: resolve, onLost: resolve })));
    } catch { /* queue full or engine unavailable: the cell keeps saying "no run yet" */ }
  }
  return waits;
}

async function run(ids) {
  errBox.classList.add('hidden');
  const url = `/api/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
  try {
    const r = await api(url);
    const waits = await estimateSeniorLoss(r.deals);
    render(r);
    if (waits.length) {
      await Promise.all(waits);
      for (const id of ids) estimating.delete(id);
      render(await api(url));
    }
  } catch (e) {
    out.classList.add('hidden');
    showError(errBox, e.message);
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const ids = [...form.querySelectorAll('input[name=ids]:checked')].map((c) => c.value);
  history.replaceState(null, '', `/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  run(ids);
});

if (cfg.selected.length >= cfg.min) run(cfg.selected);

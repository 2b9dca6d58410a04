// The Rating 评级 section (deal page and run page): the domestic rating of each tranche by the
// TDR/BDR test, a chart of the break-even default rate per scenario against the target default
// rate of each grade, and the tables behind them. Data: GET /api/deals/:id/rating; a Monte Carlo
// estimate of the TDR starts with POST /api/deals/:id/rating (a run in the server's queue).
import { api, el, withUnit } from './api.js';
import { formatMoney, parsePercent, pct } from './fmt.js';
import { follow, showProgress } from './follow.js';
import { kindText, lang, t } from './i18n.js';

const TRANCHE_COLORS = ['#1f5fa8', '#2e8b57', '#c2772e', '#7a5ca8', '#b3261e'];
// Grades drawn as lines from the start; the others can be switched on in the legend.
const SHOWN_GRADES = new Set(['AAA(sf)', 'AA(sf)', 'A(sf)', 'BBB(sf)', 'BB(sf)']);
// From the darkest red (AAA) to olive (BB): the higher the grade, the harder the line.
const GRADE_COLORS = ['#5c0f0f', '#7f1d1d', '#9b2c2c', '#b3431e', '#c2572e', '#c2772e', '#b8862b', '#a8922a', '#948f22', '#7e8b24', '#5f7f2a'];
const ESTIMATE_PATHS = 20_000;

const ratingText = (r) => (r === 'below BB(sf)' ? t('rating.below-scale') : r);

/** A data table in a scroll box that keyboard users can reach (it scrolls sideways on a phone). */
function table(head, rows, attrs = {}, label = '') {
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label || attrs.id }, el('table', { class: 'data', ...attrs },
    el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', { class: i > 0 && h.num !== false ? 'num' : undefined }, typeof h === 'string' ? h : h.text)))),
    el('tbody', {}, ...rows)));
}

function ratingsTable(r) {
  return table(
    [t('rating.col.tranche'), t('rating.col.subordination'), t('rating.col.bdr'), { text: t('rating.col.binding'), num: false }, { text: t('rating.col.stand-alone'), num: false }, { text: t('rating.col.domestic'), num: false }, { text: t('rating.web.col.basis'), num: false }, t('rating.col.cushion'), { text: t('rating.col.el-rating'), num: false }],
    r.tranches.map((x) => el('tr', { dataset: { tranche: x.id } },
      el('td', {}, x.id === x.class ? x.id : `${x.id} (${x.class})`),
      el('td', { class: 'num' }, pct(x.subordination)),
      el('td', { class: 'num' }, pct(x.bdr)),
      el('td', {}, x.bindingScenario),
      el('td', {}, ratingText(x.standAloneRating)),
      el('td', { class: 'rating-grade' }, el('strong', {}, ratingText(x.domesticRating))),
      el('td', {}, t(`rating.web.basis.${x.ratingBasis}`)),
      el('td', { class: 'num' }, x.cushionAtRating === null ? '—' : pct(x.cushionAtRating)),
      x.expectedLoss ? el('td', {}, `${x.expectedLoss.rating} (${pct(x.expectedLoss.expectedLossRate, 4)})`) : el('td', { title: t('rating.el-needs-run') }, '—'))),
    { id: 'rating-table' }, t('rating.table.ratings'),
  );
}

function bdrTable(r, descriptions) {
  return table(
    [t('rating.col.scenario'), { text: t('rating.web.col.description'), num: false }, ...r.tranches.map((x) => x.id)],
    r.scenarios.map((s) => el('tr', { class: s.inert ? 'muted' : undefined, title: s.inert ? t(s.inert) : (lang === 'zh' && s.reasonZh) || s.reason },
      el('td', {}, s.name),
      el('td', {}, descriptions[s.name] ?? ''),
      ...r.tranches.map((x) => {
        // 100%: paid even if the whole pool defaults; 0%: short even with no defaults.
        const status = x.statusByScenario[s.name];
        return el('td', { class: x.bindingScenario === s.name ? 'num binding' : 'num', title: status === 'found' ? undefined : t(`rating.status.${status}`) }, pct(x.bdrByScenario[s.name]));
      })),
    ),
    { id: 'bdr-table' }, t('rating.table.bdr'),
  );
}

function tdrTable(r) {
  const set = r.tdrSet;
  return table(
    [t('rating.col.grade'), t('rating.col.probability'), t('rating.col.multiplier'), t('rating.col.tdr-mc'), t('rating.col.tdr-lognormal'), t('rating.col.tdr-multiplier')],
    set.gradeTable.rows.map((g) => {
      const ci = set.monteCarlo?.ci95?.[g.grade];
      return el('tr', {},
        el('td', {}, g.grade),
        el('td', { class: 'num' }, pct(g.targetDefaultProbability, 3)),
        el('td', { class: 'num' }, g.stressMultiplier.toFixed(2)),
        el('td', { class: 'num' }, set.monteCarlo ? `${pct(set.monteCarlo.byGrade[g.grade])}${ci ? ` (${pct(ci[0])}–${pct(ci[1])})` : ''}` : '—'),
        el('td', { class: 'num' }, set.lognormal ? pct(set.lognormal.byGrade[g.grade]) : '—'),
        el('td', { class: 'num' }, pct(set.stressMultiplier.byGrade[g.grade])));
    }),
    { id: 'tdr-table' }, t('rating.table.tdr'),
  );
}

function supportList(r) {
  const items = [];
  for (const x of r.tranches) {
    for (const e of x.support?.enhancements ?? []) {
      items.push(el('li', {}, t('rating.support.line', {
        tranche: x.id, enhancement: e.id, kind: kindText(e.kind),
        cover: t(e.fullCover ? 'rating.support.full' : 'rating.support.partial'),
        providers: e.parties.map((p) => `${p.name} ${p.domesticRating ?? `(${t('rating.support.unrated')})`}`).join(', '),
        floor: e.floor ?? t('rating.support.no-floor'),
      })));
    }
  }
  return items.length ? [el('h4', {}, t('rating.support.title')), el('ul', { id: 'support-list' }, ...items)] : [];
}

/** One break-even question, as `ipabs breakeven` asks it: a tranche, what to vary, a scenario and the default rate held fixed. */
function askForm(r, opts) {
  const id = (s) => `breakeven-${s}`;
  const select = (name, options) => el('select', { id: id(name), name }, ...options.map(([value, text]) => el('option', { value }, text)));
  const tranche = select('tranche', r.tranches.map((x) => [x.id, x.id]));
  const vary = select('vary', ['default-rate', 'recovery', 'coupon'].map((v) => [v, t(`breakeven.what.${v}`)]));
  const scenario = select('scenario', r.scenarios.map((s) => [s.name, s.name]));
  const rate = el('input', { id: id('default-rate'), name: 'defaultRate', inputmode: 'decimal', size: '6', placeholder: (r.expectedDefaultRate * 100).toFixed(2), title: t('rating.ask.default-rate-hint', { rate: pct(r.expectedDefaultRate) }) });
  const rateLabel = el('label', { for: id('default-rate') }, t('rating.ask.default-rate'), ' ', withUnit(rate, '%'));
  const out = el('div', { id: id('answer'), 'aria-live': 'polite' });
  const button = el('button', { type: 'submit' }, t('rating.ask.solve'));
  const form = el('form', { id: id('form'), class: 'inline-form' },
    el('label', { for: id('tranche') }, t('rating.col.tranche'), ' ', tranche), ' ',
    el('label', { for: id('vary') }, t('rating.ask.vary'), ' ', vary), ' ',
    el('label', { for: id('scenario') }, t('rating.col.scenario'), ' ', scenario), ' ',
    rateLabel, ' ', button);
  const syncRate = () => { rateLabel.classList.toggle('hidden', vary.value === 'default-rate'); };
  vary.addEventListener('change', syncRate);
  syncRate();
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ tranche: tranche.value, vary: vary.value, scenario: scenario.value });
    if (vary.value !== 'default-rate' && rate.value.trim() !== '') {
      const p = parsePercent(rate.value);
      if (!p.ok || p.value > 1) { out.replaceChildren(el('p', { class: 'error-box', role: 'alert' }, t('rating.ask.bad-rate', { value: rate.value }))); return; }
      q.set('defaultRate', String(p.value));
    }
    button.disabled = true;
    try {
      const a = await api(`/api/deals/${encodeURIComponent(opts.dealId)}/breakeven?${q}`);
      out.replaceChildren(...answerView(a));
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error-box', role: 'alert' }, e.message));
    } finally {
      button.disabled = false;
    }
  });
  return el('details', { id: 'breakeven-ask' }, el('summary', {}, t('rating.ask.title')), el('p', { class: 'muted small' }, t('rating.ask.lead')), form, out);
}

function answerView(a) {
  const show = (x) => (a.vary === 'coupon' ? pct(x, 4) : pct(x));
  const lines = [t('breakeven.scenario', { name: a.scenario.name, description: a.description })];
  if (a.defaultRate !== null) lines.push(t('breakeven.fixed-default', { rate: pct(a.defaultRate) }));
  return [
    el('p', { class: 'muted small' }, lines.join('; ')),
    el('p', { id: 'breakeven-value' }, el('strong', {}, t(`breakeven.answer.${a.vary}.${a.status}`, { value: show(a.value), next: show(a.bracket[1]), current: a.currentCoupon === null ? '—' : pct(a.currentCoupon, 4) }))),
    table(
      [t('breakeven.col.period'), { text: t('breakeven.col.date'), num: false }, t('breakeven.col.collections'), t('breakeven.col.paid'), t('breakeven.col.collections-past'), t('breakeven.col.paid-past'), t('breakeven.col.short-past')],
      a.periods.map((p) => el('tr', {},
        el('td', {}, String(p.period)), el('td', {}, p.date),
        ...[p.collections[0], p.paid[0], p.collections[1], p.paid[1], p.shortfallPast].map((v) => el('td', { class: 'num' }, formatMoney(v))))),
      { id: 'breakeven-periods' }, t('breakeven.col.collections'),
    ),
  ];
}

let chartHandle = null;
function drawChart(canvas, r) {
  const labels = r.scenarios.map((s) => s.name);
  const bars = r.tranches.map((x, i) => ({
    type: 'bar', label: t('rating.web.bdr-of', { tranche: x.id }), data: labels.map((s) => x.bdrByScenario[s] * 100),
    backgroundColor: TRANCHE_COLORS[i % TRANCHE_COLORS.length], order: 2,
  }));
  const lines = Object.entries(r.tdr).map(([grade, v], i) => ({
    type: 'line', label: t('rating.web.tdr-line', { grade }), data: labels.map(() => v * 100), hidden: !SHOWN_GRADES.has(grade),
    borderColor: GRADE_COLORS[i % GRADE_COLORS.length], borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0, fill: false, order: 1,
  }));
  if (chartHandle) chartHandle.destroy();
  // eslint-disable-next-line no-undef
  chartHandle = new Chart(canvas, {
    data: { labels, datasets: [...bars, ...lines] },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: t('rating.web.chart-title') },
        legend: { position: 'bottom', labels: { boxWidth: 14 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y.toFixed(2)}%` } },
      },
      scales: { y: { beginAtZero: true, title: { display: true, text: t('rating.web.chart-y') } }, x: { ticks: { maxRotation: 70, autoSkip: false, font: { size: 10 } } } },
    },
  });
  canvas.dataset.points = String(bars.reduce((s, d) => s + d.data.length, 0));
  canvas.dataset.lines = String(lines.length);
}

function render(box, view, opts) {
  const r = view.rating;
  const src = view.tdrSource;
  const sourceLine = src.kind === 'run'
    ? el('p', { class: 'muted small', id: 'tdr-source' }, t('rating.web.from-run', { run: src.runId, paths: src.paths.toLocaleString('en-US'), seed: src.seed }))
    : el('p', { class: 'note', id: 'tdr-source' }, src.reason);
  const children = [sourceLine];
  if (src.kind !== 'run' && opts.canEstimate) {
    const btn = el('button', { type: 'button', id: 'rating-estimate' }, t('rating.web.estimate', { paths: ESTIMATE_PATHS.toLocaleString('en-US') }));
    const prog = el('div', { class: 'progress-line hidden' }, el('progress', { max: '1', value: '0' }), ' ', el('span', {}, ''));
    btn.addEventListener('click', () => estimate(box, opts, btn, prog));
    children.push(el('p', {}, btn), prog);
  }
  const canvas = el('canvas', { id: 'rating-chart', 'aria-label': t('rating.web.chart-title') });
  const allocation = `${t(`rating.allocation.${r.allocation}`)}`;
  children.push(
    ratingsTable(r),
    el('div', { class: 'chart-box' }, canvas),
    el('p', { class: 'muted small' }, t('rating.web.tolerance', { tolerance: pct(r.tolerance), allocation }), ' ', t('rating.scales')),
    el('details', { id: 'rating-details' },
      el('summary', {}, t('rating.web.details')),
      el('h4', {}, t('rating.table.bdr')), bdrTable(r, view.descriptions),
      el('p', { class: 'muted small' }, t('rating.web.inert-note')),
      el('h4', {}, t('rating.table.tdr')), tdrTable(r),
      el('p', { class: 'muted small' }, t('rating.grades.source', { source: view.gradeSource ?? r.tdrSet.gradeTable.source })),
      ...supportList(r)),
    askForm(r, opts),
    el('p', { class: 'small' }, el('a', { href: '/learn/rating' }, t('rating.web.learn'))),
  );
  box.replaceChildren(...children);
  box.dataset.state = src.kind === 'run' ? 'simulated' : 'provisional';
  drawChart(canvas, r);
}

async function estimate(box, opts, btn, prog) {
  btn.disabled = true;
  prog.classList.remove('hidden');
  const [bar, label] = [prog.querySelector('progress'), prog.querySelector('span')];
  label.textContent = t('rating.web.estimating');
  try {
    const out = await api(`/api/deals/${encodeURIComponent(opts.dealId)}/rating`, { method: 'POST', json: { paths: ESTIMATE_PATHS, seed: 1 } });
    if (out.rating && !out.run) { render(box, out, opts); return; }
    follow(out.run.id, {
      onState: (run) => showProgress(bar, label, run),
      onEnd: async (run) => {
        if (run.state === 'done') await mountRating(box, { ...opts, runId: run.id });
        else { btn.disabled = false; label.textContent = run.error || run.state; }
      },
      onLost: () => { btn.disabled = false; },
    });
  } catch (e) {
    btn.disabled = false;
    label.textContent = e.message;
  }
}

/** Fill `box` with the rating of a deal (TDR from `runId` if given, else the newest matching run). */
export async function mountRating(box, opts) {
  try {
    const q = opts.runId ? `?run=${encodeURIComponent(opts.runId)}` : '';
    const view = await api(`/api/deals/${encodeURIComponent(opts.dealId)}/rating${q}`);
    render(box, view, opts);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error-box', role: 'alert' }, t('rating.web.unavailable', { error: e.message })));
    box.dataset.state = 'error';
  }
}

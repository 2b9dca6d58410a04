// Design page (设计): pick a deal, set the levers' ranges and the constraints, run the optimizer
// in the worker queue (POST /api/design), follow it, then show the best design beside the shipped
// one, what binds, the frontier charts, and save the best design as a new deal.
import { api, el, showError, withUnit } from './api.js';
import { formatChineseAmount, money, parseAmount, pct } from './fmt.js';
import { cancelJob, follow, submitJob } from './follow.js';
import { kindText, t, tz, lang } from './i18n.js';

const cfg = JSON.parse(document.getElementById('design-config').textContent);
const form = document.getElementById('design-form');
const dealSel = document.getElementById('design-deal');
const leverBody = document.querySelector('#lever-table tbody');
const startBtn = document.getElementById('design-start');
const cancelBtn = document.getElementById('design-cancel');
const box = document.getElementById('design-progress');
const bar = document.getElementById('design-bar');
const barText = document.getElementById('design-bar-text');
const errBox = document.getElementById('design-error');
const results = document.getElementById('design-results');
const saveForm = document.getElementById('design-save');
let options = null;
let current = null;
const charts = {};

/** A lever's value as people read it: a share in %, an amount in yuan, a frequency by name. */
function leverText(unit, v) {
  if (v === null || v === undefined) return '—';
  if (unit === 'share') return pct(Number(v), 2);
  if (unit === 'yuan') return money(Number(v));
  return t(`design.freq.${v}`);
}
/** A domestic grade as the page's language writes it (below the scale: 低于 BB(sf) in Chinese). */
const gradeText = (g) => (g === 'below BB(sf)' ? t('rating.below-scale') : g || '—');
/** What the min/max inputs start with: a share in %, an amount as people write it (1.463亿, 200万). */
const inputValue = (unit, v) => (unit === 'share' ? String(+(Number(v) * 100).toFixed(4)) : Number(v) >= 1e4 ? formatChineseAmount(Number(v)) : String(v));

async function loadOptions() {
  leverBody.replaceChildren();
  options = null;
  if (!dealSel.value) return;
  try {
    options = await api(`/api/design/options?dealId=${encodeURIComponent(dealSel.value)}`);
  } catch (e) {
    box.classList.remove('hidden');
    showError(errBox, e.message);
    return;
  }
  for (const l of options.levers) {
    const on = l.name !== 'issue-size' && l.name !== 'frequency';
    const check = el('input', { type: 'checkbox', name: `on-${l.name}`, 'aria-label': t(`design.lever.${l.name}`), ...(on ? { checked: true } : {}) });
    let minCell;
    let maxCell;
    if (l.unit === 'frequency') {
      minCell = el('td', { colspan: '2' }, ...l.defaultRange.values.map((f) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: `freq-${f}`, value: f, ...(f === l.current ? { checked: true } : {}) }), ` ${t(`design.freq.${f}`)} `)));
      maxCell = null;
    } else {
      const attrs = (v) => ({ name: '', inputmode: 'decimal', value: inputValue(l.unit, v), size: '12', autocomplete: 'off' });
      const bound = (end, v) => {
        const input = el('input', { ...attrs(v), name: `${end}-${l.name}`, 'aria-label': `${t(`design.lever.${l.name}`)} ${t(`design.col.${end}`)}` });
        return el('td', {}, l.unit === 'share' ? withUnit(input, '%') : input);
      };
      minCell = bound('min', l.defaultRange.min);
      maxCell = bound('max', l.defaultRange.max);
    }
    leverBody.append(el('tr', { dataset: { lever: l.name, unit: l.unit } }, el('td', {}, check), el('td', {}, ...tz(`design.lever.${l.name}`)), el('td', { class: 'num' }, leverText(l.unit, l.current)), minCell, maxCell));
  }
}
dealSel.addEventListener('change', () => { void loadOptions(); });

/** The levers and constraints the form says, or an error naming the field. */
function readForm() {
  const f = new FormData(form);
  const levers = [];
  for (const row of leverBody.querySelectorAll('tr')) {
    const name = row.dataset.lever;
    const unit = row.dataset.unit;
    if (!row.querySelector(`input[name="on-${name}"]`).checked) continue;
    if (unit === 'frequency') {
      const values = [...row.querySelectorAll('input[name^="freq-"]:checked')].map((x) => x.value);
      if (!values.length) throw new Error(t('design.err.noFrequency'));
      levers.push({ name, values });
      continue;
    }
    const read = (which) => {
      const raw = String(f.get(`${which}-${name}`) ?? '');
      const r = parseAmount(raw);
      if (!r.ok) throw new Error(t('design.err.number', { lever: t(`design.lever.${name}`), which: t(`design.col.${which}`), got: JSON.stringify(raw) }));
      return unit === 'share' ? r.value / 100 : r.value;
    };
    const lo = read('min');
    const hi = read('max');
    if (lo > hi) throw new Error(t('design.err.minAboveMax', { lever: t(`design.lever.${name}`), min: leverText(unit, lo), max: leverText(unit, hi) }));
    levers.push({ name, min: lo, max: hi });
  }
  if (!levers.length) throw new Error(t('design.err.noLever'));
  const constraints = [];
  if (f.get('minRating')) constraints.push({ kind: 'senior-rating', min: String(f.get('minRating')) });
  if (f.get('minElRating')) constraints.push({ kind: 'senior-el-rating', min: String(f.get('minElRating')) });
  const draw = String(f.get('maxDraw999') ?? '').trim();
  if (draw) {
    const r = parseAmount(draw);
    if (!r.ok) throw new Error(t('design.err.amount', { field: t('design.c.maxDraw999'), got: JSON.stringify(draw) }));
    constraints.push({ kind: 'draw999', enhancement: null, max: r.value });
  }
  /** A percentage the user typed (0–100), or an error naming the field. */
  const percent = (field, key) => {
    const raw = String(f.get(field) ?? '').trim();
    if (!raw) return null;
    const x = Number(raw.replace(/%$/, ''));
    if (!Number.isFinite(x) || x < 0 || x > 100) throw new Error(t('design.err.percent', { field: t(key), got: JSON.stringify(raw) }));
    return x / 100;
  };
  const ex = percent('maxExhaustion', 'design.c.maxExhaustion');
  if (ex !== null) constraints.push({ kind: 'exhaustion', enhancement: null, max: ex });
  const cost = percent('maxCost', 'design.c.maxCost');
  if (cost !== null) constraints.push({ kind: 'firms-cost', max: cost });
  return { dealId: dealSel.value, levers, constraints, paths: Number(f.get('paths')), seed: Number(f.get('seed')), points: Number(f.get('points')), refine: Number(f.get('refine')) };
}

function label(run) {
  if (run.state === 'queued') return t('progress.queued', { n: run.position });
  if (run.state === 'running') return run.total ? t('design.progress', { done: run.done, total: run.total }) : t('progress.running');
  if (run.state === 'done') return t('design.progress.done', { n: run.done });
  return t(run.state === 'failed' ? 'progress.failed' : 'progress.cancelled');
}

function onState(run) {
  box.classList.remove('hidden');
  bar.value = run.state === 'done' ? 1 : run.total > 0 ? run.done / run.total : 0;
  barText.textContent = label(run);
  const active = run.state === 'queued' || run.state === 'running';
  cancelBtn.disabled = !active;
  startBtn.disabled = active;
  if (run.state === 'failed') showError(errBox, run.error || t('design.failed'));
}

function watch(runId) {
  current = runId;
  errBox.classList.add('hidden');
  results.classList.add('hidden');
  follow(runId, { onState, onEnd: (run) => { if (run.state === 'done') void show(runId); }, onLost: () => showError(errBox, t('common.lostConnection')) });
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  errBox.classList.add('hidden');
  let body;
  try { body = readForm(); } catch (e) { box.classList.remove('hidden'); showError(errBox, e.message); return; }
  await submitJob({ url: '/api/design', body, page: `/design?deal=${encodeURIComponent(body.dealId)}`, startBtn, box, errBox, onState, watch });
});

cancelBtn.addEventListener('click', () => { void cancelJob(current, cancelBtn, errBox); });

const elText = (c) => (c && c.seniorEl ? `${pct(c.seniorEl.value, 4)} ± ${pct(c.seniorEl.stdErr, 4)}` : '—');

/** What binds, in the page's language (the CLI's bindingText). */
function bindingText(b, r) {
  const val = (v, kind) => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : kind === 'draw999' ? money(v) : pct(v, 4));
  if (b.kind === 'bound') {
    const unit = (r.levers.find((l) => l.name === b.lever) || {}).unit || 'yuan';
    return t(`design.binding.bound.${b.end || 'lower'}`, { lever: t(`design.lever.${b.lever}`), value: leverText(unit, b.value) });
  }
  if (b.kind === 'market-price') return t('design.binding.market-price', { tranche: b.tranche || '', grade: gradeText(String(b.value || '')) });
  if (b.kind === 'invalid') return t('design.binding.invalid', { detail: b.detail });
  return t(`design.binding.${b.kind}`, { id: b.enhancement || '', value: val(b.value, b.kind), limit: val(b.limit, b.kind) });
}

function compareTable(r) {
  const other = r.best || r.closest;
  const head = document.querySelector('#design-compare thead');
  head.replaceChildren(el('tr', {}, el('th', {}, t('design.col.figure')), el('th', { class: 'num' }, t('design.col.shippedMarket')), el('th', { class: 'num' }, r.best ? t('design.col.best') : t('design.col.closest'))));
  const line = (key, f, params) => el('tr', {}, el('th', {}, t(key, params)), el('td', { class: 'num' }, f(r.shipped)), el('td', { class: 'num' }, other ? f(other) : '—'));
  const senior = (c) => c.tranches.find((x) => x.class === 'senior') || c.tranches[0];
  const rows = [
    line('design.row.firmsCost', (c) => pct(c.firmsCost, 3)),
    line('design.row.firmsCostBefore', (c) => pct(c.firmsCostBeforeSubsidy, 3)),
    line('design.row.issuerCost', (c) => pct(c.issuerCost, 3)),
    line('design.row.seniorShare', (c) => (senior(c) ? pct(senior(c).share, 2) : '—')),
    line('design.row.seniorGrade', (c) => gradeText(c.seniorGrade)),
    line('design.row.seniorEl', elText),
    // The senior share has its row above (from the notes); the other levers beside it.
    ...r.levers.filter((l) => l.name !== 'senior-share').map((l) => el('tr', {}, el('th', {}, t(`design.lever.${l.name}`)), el('td', { class: 'num' }, leverText(l.unit, l.current)), el('td', { class: 'num' }, leverText(l.unit, other ? other.design[l.name] : null)))),
    ...r.shipped.tranches.map((x) => line('design.row.coupon', (c) => { const y = c.tranches.find((z) => z.id === x.id); return y ? `${pct(y.coupon, 3)} · ${gradeText(y.grade)} · ${pct(y.share, 1)}` : '—'; }, { tranche: x.id })),
    ...r.shipped.enhancements.map((e) => line('design.row.enhancement', (c) => { const y = c.enhancements.find((z) => z.id === e.id); return y ? `${money(y.capacity ?? 0)} / ${money(y.draw999)} / ${pct(y.exhaustion, 3)}` : '—'; }, { id: e.id, kind: kindText(e.kind) })),
  ];
  document.querySelector('#design-compare tbody').replaceChildren(...rows);
}

function frontier(canvasId, tableId, rows, unit, leverName) {
  const table = document.getElementById(tableId);
  const canvas = document.getElementById(canvasId);
  if (charts[canvasId]) { charts[canvasId].destroy(); delete charts[canvasId]; }
  if (!rows) { canvas.parentElement.classList.add('hidden'); table.parentElement.classList.add('hidden'); return; }
  canvas.parentElement.classList.remove('hidden');
  table.parentElement.classList.remove('hidden');
  const lever = t(`design.lever.${leverName}`);
  table.querySelector('thead').replaceChildren(el('tr', {}, el('th', { class: 'num' }, lever), el('th', { class: 'num' }, t('design.col.firmsCost')), el('th', { class: 'num' }, t('design.col.tried'))));
  table.querySelector('tbody').replaceChildren(...rows.map((x) => el('tr', {}, el('td', { class: 'num' }, leverText(unit, x.value)), el('td', { class: 'num' }, x.firmsCost === null ? t('design.none') : pct(x.firmsCost, 3)), el('td', { class: 'num' }, String(x.tried)))));
  const pts = rows.filter((x) => x.firmsCost !== null).map((x) => ({ x: unit === 'share' ? x.value * 100 : x.value, y: x.firmsCost * 100 }));
  const none = rows.filter((x) => x.firmsCost === null).map((x) => ({ x: unit === 'share' ? x.value * 100 : x.value, y: null }));
  charts[canvasId] = new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [{ label: t('design.chart.cost'), data: pts, showLine: true, backgroundColor: '#1f5fa8', borderColor: '#8cc2ee' }] },
    options: {
      animation: false, maintainAspectRatio: false,
      plugins: { title: { display: true, text: t('design.chart.title', { lever }) }, legend: { position: 'bottom' } },
      scales: {
        x: { title: { display: true, text: unit === 'share' ? `${lever}, %` : lever }, ticks: unit === 'share' ? {} : { callback: (v) => formatChineseAmount(Number(v)) } },
        y: { title: { display: true, text: `${t('design.col.firmsCost')}, %` } },
      },
    },
  });
  canvas.dataset.rendered = String(pts.length);
  canvas.dataset.infeasible = String(none.length);
}

async function show(runId) {
  const { result: r } = await api(`/api/runs/${encodeURIComponent(runId)}`);
  if (!r) return;
  document.getElementById('design-dl-json').href = `/api/runs/${encodeURIComponent(runId)}/result.json`;
  const msg = document.getElementById('design-message');
  msg.textContent = r.status === 'optimal'
    ? t('design.msg.optimal', { best: pct(r.best.firmsCost, 3), shipped: pct(r.shipped.firmsCost, 3), n: r.evaluations.total, s: r.seconds.toFixed(1) })
    : t('design.msg.infeasible', { n: r.evaluations.total });
  msg.classList.toggle('error-box', r.status !== 'optimal');
  compareTable(r);
  document.getElementById('design-binding').replaceChildren(...(r.binding.length ? r.binding.map((b) => el('li', {}, bindingText(b, r))) : [el('li', {}, t('design.cli.noneBinding'))]));
  frontier('frontier-share', 'frontier-share-table', r.frontier.seniorShare, 'share', 'senior-share');
  frontier('frontier-capacity', 'frontier-capacity-table', r.frontier.capacity ? r.frontier.capacity.rows : null, 'yuan', r.frontier.capacity ? r.frontier.capacity.lever : 'guarantee');
  saveForm.classList.toggle('hidden', !r.bestDeal);
  document.getElementById('design-save-id').value = `${r.deal.id}-opt-${runId.slice(-4)}`.slice(0, 64);
  document.getElementById('design-saved').textContent = '';
  document.getElementById('design-saved').classList.add('hidden');
  results.classList.remove('hidden');
}

saveForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const id = document.getElementById('design-save-id').value.trim();
  const out = document.getElementById('design-saved');
  out.classList.remove('hidden');
  try {
    const r = await api(`/api/design/${encodeURIComponent(current)}/save`, { method: 'POST', json: { id } });
    out.replaceChildren(t('design.saved'), ' ', el('a', { href: `/deals/${encodeURIComponent(r.id)}` }, r.id));
  } catch (e) {
    out.textContent = e.message;
  }
});

void loadOptions().then(() => { if (cfg.runId) { current = cfg.runId; watch(cfg.runId); } });
void lang;

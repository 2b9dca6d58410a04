import { api, showError } from './api.js';
import { formatChineseAmount, formatMoney } from './fmt.js';
import { t, lang } from './i18n.js';

const canvas = document.getElementById('schedule-chart');
const PALETTE = ['#1f5fa8', '#4f9bd9', '#8cc2ee', '#2e8b57', '#7cc49a', '#b7e0c4', '#c2772e', '#e8b071', '#7a5ca8', '#b9a3d9'];

async function draw() {
  const id = canvas.dataset.id;
  const { report } = await api(`/api/deals/${encodeURIComponent(id)}/schedule`);
  const labels = report.periods.map((p) => `${p.period}: ${p.date}`);
  const ids = Object.keys(report.totals.tranches);
  const series = [{ label: t('deal.chart.fees'), data: report.periods.map((p) => p.fees) }];
  for (const id of ids) series.push({ label: t('deal.chart.interest', { tranche: id }), data: report.periods.map((p) => p.tranches[id].interest) });
  for (const id of ids) series.push({ label: t('deal.chart.principal', { tranche: id }), principal: true, data: report.periods.map((p) => p.tranches[id].principal) });
  series.push({ label: t('deal.chart.reserveTopUp'), data: report.periods.map((p) => p.reserveTopUp) });
  series.push({ label: t('deal.chart.residual'), data: report.periods.map((p) => p.residual) });
  series.push({ label: t('deal.chart.kept'), data: report.periods.map((p) => p.carriedForward) });
  const datasets = series
    .filter((s) => s.data.some((v) => v !== 0))
    .map((s, i) => ({ ...s, backgroundColor: PALETTE[i % PALETTE.length], stack: 'uses' }));
  // eslint-disable-next-line no-undef
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, title: { display: true, text: t('unit.yuan') }, ticks: { callback: (v) => formatChineseAmount(Number(v)) } },
      },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatMoney(c.parsed.y)}` } },
        legend: { position: 'bottom' },
        title: { display: true, text: t('deal.chart.title') },
      },
    },
  });
  canvas.dataset.rendered = String(datasets.length);
  // Principal at maturity dwarfs interest and fees; let the reader hide it to see the rest.
  const toggle = document.getElementById('hide-principal');
  if (toggle) {
    toggle.addEventListener('change', () => {
      chart.data.datasets.forEach((d, i) => { if (d.principal) chart.setDatasetVisibility(i, !toggle.checked); });
      chart.update();
    });
  }
}

draw().catch((e) => {
  canvas.replaceWith(Object.assign(document.createElement('p'), { className: 'error-box', textContent: t('deal.chart.unavailable', { error: e.message }) }));
});

// Rename (a new name, a new id with the whole history, or both) and delete (confirmed; versions kept).
const manage = document.getElementById('manage');
if (manage) {
  const errBox = document.getElementById('manage-error');
  const id = manage.dataset.id;
  const form = document.getElementById('rename-form');
  form.addEventListener('input', () => errBox.classList.add('hidden'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    const body = {};
    const name = String(f.get('name') ?? '').trim();
    const newId = String(f.get('id') ?? '').trim();
    // The name in the page's language: a Chinese page renames the deal's Chinese name.
    if (name) body[lang === 'zh' ? 'nameZh' : 'name'] = name;
    if (newId && newId !== id) body.id = newId;
    if (!body.name && !body.id) { showError(errBox, t('deal.manage.nothing')); return; }
    try {
      const r = await api(`/api/deals/${encodeURIComponent(id)}/rename`, { method: 'POST', json: body });
      location.href = `/deals/${encodeURIComponent(r.id)}`;
    } catch (e) {
      showError(errBox, e.message);
    }
  });
  document.getElementById('delete-deal').addEventListener('click', async () => {
    // eslint-disable-next-line no-alert
    if (!confirm(t('deal.manage.confirm', { name: manage.dataset.name, id }))) return;
    try {
      await api(`/api/deals/${encodeURIComponent(id)}?confirm=${encodeURIComponent(id)}`, { method: 'DELETE' });
      location.href = '/';
    } catch (e) {
      showError(errBox, e.message);
    }
  });
}

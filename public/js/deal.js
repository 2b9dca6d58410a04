import { api } from './api.js';
import { formatChineseAmount, formatMoney } from './fmt.js';
import { t } from './i18n.js';

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

import { api } from './api.js';
import { formatChineseAmount, formatMoney } from './fmt.js';

const canvas = document.getElementById('schedule-chart');
const PALETTE = ['#1f5fa8', '#4f9bd9', '#8cc2ee', '#2e8b57', '#7cc49a', '#b7e0c4', '#c2772e', '#e8b071', '#7a5ca8', '#b9a3d9'];

async function draw() {
  const id = canvas.dataset.id;
  const { report } = await api(`/api/deals/${encodeURIComponent(id)}/schedule`);
  const labels = report.periods.map((p) => `${p.period}: ${p.date}`);
  const ids = Object.keys(report.totals.tranches);
  const series = [{ label: 'fees 费用', data: report.periods.map((p) => p.fees) }];
  for (const t of ids) series.push({ label: `${t} interest 利息`, data: report.periods.map((p) => p.tranches[t].interest) });
  for (const t of ids) series.push({ label: `${t} principal 本金`, data: report.periods.map((p) => p.tranches[t].principal) });
  series.push({ label: 'reserve top-up', data: report.periods.map((p) => p.reserveTopUp) });
  series.push({ label: 'residual 剩余', data: report.periods.map((p) => p.residual) });
  series.push({ label: 'kept in trust 留存', data: report.periods.map((p) => p.carriedForward) });
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
        y: { stacked: true, title: { display: true, text: 'CNY' }, ticks: { callback: (v) => formatChineseAmount(Number(v)) } },
      },
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatMoney(c.parsed.y)}` } },
        legend: { position: 'bottom' },
        title: { display: true, text: 'Where each period\'s cash goes 每期现金流去向' },
      },
    },
  });
  canvas.dataset.rendered = String(datasets.length);
  // Principal at maturity dwarfs interest and fees; let the reader hide it to see the rest.
  const toggle = document.getElementById('hide-principal');
  if (toggle) {
    toggle.addEventListener('change', () => {
      chart.data.datasets.forEach((d, i) => { if (/principal/.test(d.label)) chart.setDatasetVisibility(i, !toggle.checked); });
      chart.update();
    });
  }
}

draw().catch((e) => {
  canvas.replaceWith(Object.assign(document.createElement('p'), { className: 'error-box', textContent: `Chart unavailable: ${e.message}` }));
});

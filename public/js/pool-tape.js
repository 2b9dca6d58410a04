// Deal page: upload a pool tape (XLSX or CSV) to check it or to replace the deal's pool. The file
// is the request body; every bad cell comes back as "sheet!A12: what is wrong (allowed)".
import { api, el } from './api.js';
import { formatMoney } from './fmt.js';
import { lang, t } from './i18n.js';

const box = document.getElementById('pool-tape');
const form = document.getElementById('tape-form');
const fileInput = document.getElementById('tape-file');
const saveAs = document.getElementById('tape-save-as');
const result = document.getElementById('tape-result');
const summary = document.getElementById('tape-summary');
const problems = document.getElementById('tape-problems');
const buttons = [document.getElementById('tape-import'), document.getElementById('tape-check')];

async function send(check) {
  const file = fileInput.files[0];
  if (!file) { fileInput.reportValidity(); return; }
  const q = new URLSearchParams({ file: file.name });
  if (check) q.set('check', '1');
  else if (saveAs.value.trim()) q.set('saveAs', saveAs.value.trim());
  buttons.forEach((b) => { b.disabled = true; });
  result.classList.remove('hidden');
  problems.classList.add('hidden');
  summary.textContent = t('ptape.reading', { file: file.name });
  try {
    const r = await api(`/api/deals/${encodeURIComponent(box.dataset.id)}/pool?${q}`, { method: 'POST', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
    const changes = r.tranches.filter((c) => c.from !== c.to).map((c) => t('ptape.tranche', { id: c.id, from: formatMoney(Number(c.from)), to: formatMoney(Number(c.to)) }));
    const text = t(r.saved ? 'ptape.saved' : 'ptape.checked', { n: r.obligors, funding: formatMoney(Number(r.funding)), id: r.id, version: r.version ?? '' });
    const dropped = r.droppedSpreads && r.droppedSpreads.length ? [' ', t('ptape.droppedSpreads', { ids: r.droppedSpreads.join(lang === 'zh' ? '、' : ', ') })] : [];
    summary.replaceChildren(text, ...(changes.length ? [' ', changes.join('; ')] : []), ...dropped,
      ...(r.saved ? [' ', el('a', { href: `/deals/${encodeURIComponent(r.id)}`, id: 'tape-open' }, t('ptape.open'))] : []));
    summary.dataset.state = r.saved ? 'saved' : 'checked';
  } catch (e) {
    summary.textContent = t('ptape.refused');
    summary.dataset.state = 'refused';
    const list = e.problems && e.problems.length ? e.problems.map((p) => `${p.path}: ${p.message}`) : [e.message];
    problems.replaceChildren(...list.map((m) => el('li', {}, m)));
    problems.classList.remove('hidden');
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

form.addEventListener('submit', (ev) => { ev.preventDefault(); send(false); });
document.getElementById('tape-check').addEventListener('click', () => send(true));
fileInput.addEventListener('change', () => { result.classList.add('hidden'); });

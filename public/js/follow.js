// Follow a queued job (Monte Carlo run or sizing search) over server-sent events and keep a
// progress bar and its label up to date. Calls onEnd(run) once the job is done, failed or cancelled.
import { t } from './i18n.js';
import { api, showError } from './api.js';

const TYPES = ['state', 'queued', 'started', 'progress', 'done', 'failed', 'cancelled'];
const TERMINAL = new Set(['done', 'failed', 'cancelled']);

export function progressLabel(run) {
  const n = (x) => Math.round(x).toLocaleString('en-US');
  if (run.state === 'queued') return t('progress.queued', { n: run.position });
  if (run.state === 'running') {
    if (!run.total) return t(run.task === 'size' ? 'progress.searching' : 'progress.running');
    return t('progress.paths', { done: n(run.done), total: n(run.total), pct: Math.floor((run.done / run.total) * 100) });
  }
  if (run.state === 'done') return run.task === 'size' ? t('progress.done') : t('progress.donePaths', { n: n(run.total) });
  return t(run.state === 'failed' ? 'progress.failed' : 'progress.cancelled');
}

/** Show a run's state on a <progress> (indeterminate while a job reports no progress). */
export function showProgress(bar, label, run) {
  if (run.state === 'running' && !run.total) bar.removeAttribute('value');
  else bar.value = run.state === 'done' ? 1 : run.total > 0 ? run.done / run.total : 0;
  label.textContent = progressLabel(run);
}

export function follow(runId, { onState, onEnd, onLost }) {
  const source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
  let ended = false;
  for (const type of TYPES) {
    source.addEventListener(type, (ev) => {
      const run = JSON.parse(ev.data);
      onState(run);
      if (TERMINAL.has(run.state) && !ended) {
        ended = true;
        source.close();
        onEnd(run);
      }
    });
  }
  source.onerror = () => {
    if (!ended && source.readyState === EventSource.CLOSED && onLost) onLost();
  };
  return { close: () => { ended = true; source.close(); } };
}

/**
 * Start a queued job from a page: POST `body` to `url`, put the run's id in the address (`page` +
 * `&run=`), show its state and follow it; on a refusal show the server's message and re-enable start.
 */
export async function submitJob({ url, body, page, startBtn, box, errBox, onState, watch }) {
  errBox.classList.add('hidden');
  try {
    startBtn.disabled = true;
    const r = await api(url, { method: 'POST', json: body });
    history.replaceState(null, '', `${page}&run=${encodeURIComponent(r.run.id)}`);
    onState(r.run);
    watch(r.run.id);
  } catch (e) {
    box.classList.remove('hidden');
    showError(errBox, e.message);
    startBtn.disabled = false;
  }
}

/** Cancel the run `runId` (DELETE /api/runs/:id); a refusal is shown in errBox. */
export async function cancelJob(runId, cancelBtn, errBox) {
  if (!runId) return;
  cancelBtn.disabled = true;
  try { await api(`/api/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' }); } catch (e) { showError(errBox, e.message); }
}

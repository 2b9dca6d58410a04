// Follow a queued job (Monte Carlo run or sizing search) over server-sent events and keep a
// progress bar and its label up to date. Calls onEnd(run) once the job is done, failed or cancelled.
import { t } from './i18n.js';

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

// Follow a queued job (Monte Carlo run or sizing search) over server-sent events and keep a
// progress bar and its label up to date. Calls onEnd(run) once the job is done, failed or cancelled.
const TYPES = ['state', 'queued', 'started', 'progress', 'done', 'failed', 'cancelled'];
const TERMINAL = new Set(['done', 'failed', 'cancelled']);

export function progressLabel(run) {
  const n = (x) => x.toLocaleString('en-US');
  if (run.state === 'queued') return `Queued: position ${run.position} in line`;
  if (run.state === 'running') {
    if (!run.total) return run.task === 'size' ? 'Running: searching for the required amount (many simulations on the same paths)…' : 'Running…';
    return `Running: ${n(run.done)} of ${n(run.total)} paths (${Math.floor((run.done / run.total) * 100)}%)`;
  }
  if (run.state === 'done') return run.task === 'size' ? 'Done' : `Done: ${n(run.total)} paths`;
  return run.state === 'failed' ? 'Failed' : 'Cancelled';
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

// /api/runs…: start a Monte Carlo run (queued, run in a worker), follow it as server-sent
// events, cancel it, download its result.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { jsonBody, onlyFields } from '../request-body.js';
import { checkPoolSize, readRunInputs } from './run-inputs.js';
import { isTerminal, QueueFullError, type RunEvent, type RunInfo, type StoredJob } from '../runs/manager.js';
import { toCsv } from '../../models/format.js';
import { flattenRows } from '../present/flatten.js';
import { withBom } from '../../models/sheets/csv.js';
import { resultWorkbook } from '../present/result-workbook.js';
import { describeTarget, sizingMessage, targetOf, type SizingResult } from '../../models/sizing/solve.js';
import { langOf } from '../language.js';
import type { Lang } from '../../models/i18n/index.js';

function sizingText(r: SizingResult, lang: Lang): { message: string; target: string } | null {
  try {
    const target = targetOf(r);
    return { message: sizingMessage(r, target, lang), target: describeTarget(target, r.target.tranche, lang) };
  } catch {
    return null; // a result from a stand-in engine in tests
  }
}

const RUN_ID_RE = /^run-[a-z0-9]{1,16}-[0-9a-f]{8}$/;

const runId = (req: Request): string => {
  const v = (req.params as Record<string, string | undefined>).runId ?? '';
  if (!RUN_ID_RE.test(v)) throw new HttpError(400, `runId: must look like "run-<time>-<8 hex digits>", got ${JSON.stringify(v.slice(0, 60))}`);
  return v;
};

export function runApi(ctx: AppContext): Router {
  const r = Router();
  const { runs, config } = ctx;
  const L = config.limits;

  const findRun = (req: Request) => {
    const id = runId(req);
    const run = runs.get(id);
    if (!run) throw new HttpError(404, `runId: no run "${id}" (finished runs are kept ${config.keptRunDays} days, at most the ${config.keptRuns} most recent)`);
    return run;
  };

  r.get('/runs', handle(async (_req, res) => {
    res.json({ runs: runs.list(), stats: runs.stats, limits: { minPaths: L.minPaths, maxPaths: L.maxPaths, maxPoolSize: L.maxPoolSize } });
  }));

  r.post('/runs', handle(async (req, res) => {
    const body = jsonBody(req);
    onlyFields(body, ['dealId', 'paths', 'seed', 'stress']);
    const { deal, paths, seed, stress: stressName } = await readRunInputs(ctx, body, { purpose: 'to simulate', defaultPaths: 10_000, maxPaths: L.maxPaths });
    checkPoolSize(ctx, deal);
    let info: RunInfo;
    try {
      info = runs.submit({
        dealId: deal.meta.id, dealName: deal.meta.name, stressName, startedBy: ctx.auth.actor(res),
        job: { task: 'simulate', module: config.simulateModule, deal, paths, seed, threads: config.threadsPerRun, stress: stressName },
      });
    } catch (err) {
      if (err instanceof QueueFullError) throw new HttpError(429, err.message);
      throw err;
    }
    res.status(202).location(`/api/runs/${info.id}`).json({ run: info, events: `/api/runs/${info.id}/events` });
  }));

  r.get('/runs/:runId', handle((req, res) => {
    const run = findRun(req);
    const result = run.info.state === 'done' ? run.result : null;
    // A sizing search's answer and target in the request's language (the result keeps the English the CLI prints).
    const text = result && run.info.task === 'size' ? sizingText(result as SizingResult, langOf(res)) : null;
    res.json({ run: run.info, request: runRequest(runs.inputs(run.info.id)), result, ...(text ? { text } : {}) });
  }));

  r.delete('/runs/:runId', handle((req, res) => {
    const id = runId(req);
    ctx.auth.checkCancel(res, id, runs.get(id)?.info.startedBy ?? null);
    const info = runs.cancel(id);
    if (!info) throw new HttpError(404, `runId: no run "${id}"`);
    res.status(isTerminal(info.state) && info.state !== 'cancelled' ? 409 : 202).json({ run: info });
  }));

  r.get('/runs/:runId/events', handle((req, res) => {
    const run = findRun(req);
    openEventStream(req, res, run.info, (fn) => runs.subscribe(run.info.id, fn));
  }));

  r.get('/runs/:runId/result.json', handle((req, res) => {
    const run = findRun(req);
    if (run.info.state !== 'done') throw new HttpError(409, `runId: run ${run.info.id} is ${run.info.state}; results exist only for finished runs`);
    res.attachment(`${run.info.dealId}-${run.info.id}.json`).json({ run: run.info, result: run.result });
  }));

  /** The inputs a run was started with: the deal exactly as it was run, paths, seed, stress or request. */
  r.get('/runs/:runId/inputs.json', handle((req, res) => {
    const run = findRun(req);
    res.attachment(`${run.info.dealId}-${run.info.id}-inputs.json`).json({ run: run.info, inputs: runs.inputs(run.info.id) });
  }));

  /** The results as an Excel workbook: a sheet per table (tranches, enhancements, …), real numbers, headers in the page's language. */
  r.get('/runs/:runId/result.xlsx', handle(async (req, res) => {
    const run = findRun(req);
    if (run.info.state !== 'done') throw new HttpError(409, `runId: run ${run.info.id} is ${run.info.state}; results exist only for finished runs`);
    const buf = await resultWorkbook(run.info, runs.inputs(run.info.id), run.result, res.locals.lang === 'zh' ? 'zh' : 'en');
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${run.info.dealId}-${run.info.id}.xlsx`).send(buf);
  }));

  r.get('/runs/:runId/result.csv', handle((req, res) => {
    const run = findRun(req);
    if (run.info.state !== 'done') throw new HttpError(409, `runId: run ${run.info.id} is ${run.info.state}; results exist only for finished runs`);
    const rows = [...flattenRows(run.info, 'run'), ...flattenRows(run.result, 'result')];
    res.type('text/csv; charset=utf-8').attachment(`${run.info.dealId}-${run.info.id}.csv`).send(withBom(toCsv(['field', 'value'], rows)));
  }));

  return r;
}

/** What was asked of a run, without the deal itself (that is at /api/runs/:runId/inputs.json). */
function runRequest(job: StoredJob | null): Record<string, unknown> | null {
  if (!job) return null;
  const { deal: _deal, ...rest } = job;
  return rest;
}

/** Server-sent events: the current state at once, then every change, closing after the last. */
function openEventStream(req: Request, res: Response, now: RunInfo, subscribe: (fn: (e: RunEvent) => void) => () => void): void {
  res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  const send = (type: string, run: RunInfo) => { res.write(`event: ${type}\ndata: ${JSON.stringify(run)}\n\n`); };
  send('state', now);
  if (isTerminal(now.state)) { res.end(); return; }
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  const stop = () => { clearInterval(heartbeat); unsubscribe(); };
  const unsubscribe = subscribe((e) => {
    send(e.type, e.run);
    if (isTerminal(e.run.state)) { stop(); res.end(); }
  });
  req.on('close', stop);
}

// The deal report: GET /deals/:id/report (the HTML, to read or print) and
// GET /api/deals/:id/report.pdf (the same HTML printed to A4 by the headless Chromium).
// ?run=<runId> picks the Monte Carlo run it reports (default: the latest finished base-case run of
// the deal, else its latest finished run); ?lang=zh|en its language.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import type { SimulationResult } from '../../models/montecarlo/results.js';
import type { DealCost } from '../../models/cost/compare.js';
import { buildReport, type ReportDomestic, type ReportModel, type ReportRun } from '../present/report.js';
import { ChromiumMissing, PdfBusy } from '../browser/pdf.js';

const langOf = (res: Response): Lang => (res.locals.lang === 'zh' ? 'zh' : 'en');
const idParam = (req: Request) => String((req.params as Record<string, string | undefined>).id ?? '');

/** The run a report shows: the one asked for (it must be a finished run of this deal), or the latest. */
function pickRun(ctx: AppContext, dealId: string, asked: unknown, currentDeal: unknown, t: ReturnType<typeof translator>): ReportRun | null {
  const withResult = (id: string): ReportRun | null => {
    const run = ctx.runs.get(id);
    if (!run || run.info.task !== 'simulate' || run.info.dealId !== dealId || run.info.state !== 'done' || !run.result) return null;
    const inputs = ctx.runs.inputs(id);
    const dealChanged = inputs !== null && JSON.stringify(inputs.deal) !== JSON.stringify(currentDeal);
    return { info: run.info, result: run.result as SimulationResult, dealChanged };
  };
  if (typeof asked === 'string' && asked !== '') {
    const r = withResult(asked);
    if (!r) throw new HttpError(400, t('rep.err.run', { id: asked.slice(0, 60), deal: dealId }));
    return r;
  }
  const done = ctx.runs.list().filter((i) => i.task === 'simulate' && i.dealId === dealId && i.state === 'done');
  const pick = done.find((i) => i.stress === null) ?? done[0];
  return pick ? withResult(pick.id) : null;
}

async function reportModel(ctx: AppContext, req: Request, res: Response): Promise<ReportModel> {
  const lang = langOf(res);
  const { loaded, report } = await ctx.deals.schedule(idParam(req));
  const run = pickRun(ctx, loaded.deal.meta.id, req.query.run, loaded.deal, translator(lang));
  let cost: DealCost | null = null;
  let costProblem: string | null = null;
  const summary = ctx.costs.summary(loaded);
  if (!summary.ok) costProblem = summary.error;
  else cost = ctx.costs.dealCost(loaded);
  // The domestic rating from the rating engine: with the report's run when it is a base-case run of
  // this pool, else the newest such run, else its provisional stress-multiplier rating.
  const t = translator(lang);
  let domestic: ReportDomestic;
  try {
    const useRun = run && run.info.stress === null && ctx.ratings.matchingRuns(loaded.deal).some((x) => x.id === run.info.id);
    domestic = { view: ctx.ratings.view(loaded, t, useRun && run ? { runId: run.info.id } : {}), problem: null };
  } catch (err) {
    domestic = { view: null, problem: (err as Error).message };
  }
  return buildReport({ deal: loaded.deal, report, version: loaded.stored.version, source: loaded.stored.source, lang, run, cost, costProblem, domestic });
}

function renderHtml(res: Response, model: ReportModel, pdfHref: string | null): Promise<string> {
  return new Promise((ok, fail) => {
    res.app.render('report', { r: model, pdfHref }, (err, html) => (err ? fail(err) : ok(html)));
  });
}

export function reportPages(ctx: AppContext): Router {
  const r = Router();
  r.get('/deals/:id/report', handle(async (req, res) => {
    const model = await reportModel(ctx, req, res);
    const q = new URLSearchParams({ lang: model.lang, ...(model.run ? { run: model.run.info.id } : {}) });
    res.type('html').send(await renderHtml(res, model, `/api/deals/${encodeURIComponent(model.deal.meta.id)}/report.pdf?${q}`));
  }));
  return r;
}

export function reportApi(ctx: AppContext): Router {
  const r = Router();
  r.get('/deals/:id/report.pdf', handle(async (req, res) => {
    const model = await reportModel(ctx, req, res);
    const html = await renderHtml(res, model, null);
    let pdf: Buffer;
    try {
      pdf = await ctx.pdf.print(html, { footer: model.t('rep.footer', { deal: model.deal.meta.name, date: model.generatedOn }) });
    } catch (err) {
      if (err instanceof PdfBusy) throw new HttpError(429, err.message);
      if (err instanceof ChromiumMissing || /Executable doesn't exist|Failed to launch|spawn/i.test((err as Error).message)) {
        throw new HttpError(503, model.t('rep.err.chromium', { detail: (err as Error).message.split('\n')[0]!.slice(0, 200) }));
      }
      throw err;
    }
    res.type('application/pdf').attachment(`${model.deal.meta.id}-report-${model.lang}.pdf`).send(pdf);
  }));
  return r;
}

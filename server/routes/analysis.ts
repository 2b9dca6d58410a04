// /api/compare, /api/size, /api/learn…, /api/glossary, /api/health: the analysis pages' data.
import { Router, type Request } from 'express';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { glanceOf, type DealGlance } from '../present/glance.js';
import { learnStructure, learnStructures, legLessons, walkPeriod, type LegLesson, type Walkthrough } from '../present/learn.js';
import type { ZeroLossBound } from '../../models/montecarlo/results.js';
import { glossary } from '../present/glossary.js';
import type { Lang } from '../../models/i18n/index.js';
import { checkCalendarId, lookUpCalendar } from '../../models/calendar/year-view.js';
import { costGapText, pricingText } from '../../models/cost/cost-gap-text.js';
import type { CompareResult as CostComparison } from '../../models/cost/compare.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { projectRoot } from '../config.js';
import { apiReferenceHtml } from '../present/api-docs.js';
import type { SeniorRating } from '../rating.js';
import { translator } from '../../models/i18n/index.js';
import { langOf, requestLang } from '../language.js';

/** The API reference page's HTML per language, made once (the docs do not change while the server runs). */
const apiDocsHtml = new Map<Lang, string>();

export interface CompareDeal {
  id: string;
  glance: DealGlance;
  /** Base-case totals from the exact engine. */
  baseCase: { interest: number; fees: number; upfrontFees: number; netToFirms: number; reconciled: boolean };
  /** Senior expected loss from the latest finished Monte Carlo run of this deal, if any. */
  seniorExpectedLoss: { value: number; stdErr: number | null; runId: string; paths: number; zeroLossBound: ZeroLossBound | null } | null;
  /** Senior domestic rating (TDR/BDR) and its cushion; null with the reason when it cannot be computed. */
  seniorRating: SeniorRating | null;
  seniorRatingError?: string;
}

export interface CompareResult {
  deals: CompareDeal[];
  /** Cost comparison from models/cost/compare.ts, or null with the reason (costUnavailable). */
  cost: CostComparison | null;
  /** Why the deals cannot be costed side by side (a deal the comparison cannot cost), else null. */
  costUnavailable: string | null;
  /** Per deal id, in the request's language: how its assets are priced and what separates the firms' cost from the issuer's. */
  costText: Record<string, { pricing: string; gap: string }>;
}

/** ?ids=a,b,c (or repeated ids=) → 2..4 distinct deal ids. */
export function compareIds(req: Request, min: number, max: number): string[] {
  const q = req.query.ids;
  const raw = (Array.isArray(q) ? q.join(',') : typeof q === 'string' ? q : '').split(',').map((s) => s.trim()).filter(Boolean);
  const ids = [...new Set(raw)];
  if (ids.length < min || ids.length > max) {
    throw new HttpError(400, `ids: must name ${min} to ${max} different deals separated by commas, got ${ids.length}`);
  }
  return ids;
}

function seniorEl(ctx: AppContext, dealId: string): CompareDeal['seniorExpectedLoss'] {
  for (const info of ctx.runs.list()) {
    if (info.dealId !== dealId || info.state !== 'done' || info.stress !== null) continue;
    const run = ctx.runs.get(info.id);
    const tranches = (run?.result as { tranches?: unknown } | undefined)?.tranches;
    if (!Array.isArray(tranches) || tranches.length === 0) continue;
    // The most senior tranche (lowest seniority number).
    const t = (tranches as Array<{ seniority?: unknown; expectedLossRate?: unknown; expectedLossRateStdErr?: unknown; zeroLossBound?: ZeroLossBound | null }>)
      .reduce((a, b) => (typeof b.seniority === 'number' && typeof a.seniority === 'number' && b.seniority < a.seniority ? b : a));
    if (typeof t.expectedLossRate !== 'number') continue;
    const se = typeof t.expectedLossRateStdErr === 'number' ? t.expectedLossRateStdErr : null;
    return { value: t.expectedLossRate, stdErr: se, runId: info.id, paths: info.paths, zeroLossBound: t.zeroLossBound ?? null };
  }
  return null;
}

export function analysisApi(ctx: AppContext): Router {
  const r = Router();
  const { deals, config } = ctx;

  // The API reference the footer links to: docs/api.md as a page for browsers, an index as JSON.
  r.get('/', handle(async (req, res) => {
    if (req.accepts(['json', 'html']) === 'html') {
      const lang = langOf(res);
      let html = apiDocsHtml.get(lang);
      if (html === undefined) {
        const doc = (name: string) => readFile(resolve(projectRoot, 'docs', name), 'utf8');
        html = apiReferenceHtml(await doc('api.md'), lang === 'zh' ? await doc('api.zh-CN.md') : '', lang, translator(lang));
        apiDocsHtml.set(lang, html);
      }
      res.render('api-docs', { title: res.locals.t('apiDocs.title'), nav: '', html });
      return;
    }
    res.json({ docs: 'docs/api.md', docsZh: 'docs/api.zh-CN.md', reference: '/api (as a page in a browser)', health: '/api/health', deals: '/api/deals', runs: '/api/runs', compare: '/api/compare', size: '/api/size', learn: '/api/learn', glossary: '/api/glossary', calendar: '/api/calendar/:year' });
  }));

  r.get('/health', handle(async (_req, res) => {
    res.json({ ok: true, runs: ctx.runs.stats, limits: config.limits });
  }));

  r.get('/compare', handle(async (req, res) => {
    const ids = compareIds(req, config.limits.minCompare, config.limits.maxCompare);
    const loaded = [];
    for (const id of ids) loaded.push(await deals.schedule(deals.checkId(id, 'ids')));
    const out: CompareResult = {
      deals: loaded.map(({ loaded: d, report }) => {
        let seniorRating: SeniorRating | null = null;
        let seniorRatingError: string | undefined;
        try { seniorRating = ctx.ratings.senior(d, translator(requestLang(req))); } catch (err) { seniorRatingError = (err as Error).message; }
        return {
          id: d.deal.meta.id,
          glance: glanceOf(d.deal),
          baseCase: { interest: report.totals.interest, fees: report.totals.fees, upfrontFees: report.issuance.upfrontFees, netToFirms: report.issuance.netToFirms, reconciled: report.reconciled },
          seniorExpectedLoss: seniorEl(ctx, d.deal.meta.id),
          seniorRating,
          ...(seniorRatingError ? { seniorRatingError } : {}),
        };
      }),
      cost: null,
      costUnavailable: null,
      costText: {},
    };
    try {
      const cost = ctx.costs.compare(loaded.map((l) => l.loaded));
      out.cost = cost;
      const t = translator(requestLang(req));
      for (const c of cost.deals) {
        if (c.costGap && c.pricing) out.costText[c.deal.id] = { pricing: pricingText(c.pricing, t), gap: costGapText(c.costGap, c.pricing, t) };
      }
    } catch (err) {
      // A deal it cannot cost: say why, keep the rest of the page.
      out.costUnavailable = `the cost comparison failed: ${(err as Error).message}`;
    }
    res.json(out);
  }));

  r.get('/learn', (_req, res) => {
    res.json({ structures: learnStructures(langOf(res)).map((s) => ({ slug: s.slug, title: s.title, titleZh: s.titleZh, scenarioId: s.scenarioId, deals: s.deals, summary: s.summary })) });
  });

  r.get('/learn/:structure', handle(async (req, res) => {
    res.json(await walkthroughFor(ctx, String(req.params.structure ?? ''), req.query.period, langOf(res), req.query.deal));
  }));

  r.get('/glossary', (_req, res) => {
    res.json({ glossary: glossary(langOf(res)) });
  });

  // A year of a business-day calendar (holidays, make-up working days, the notice), or one date.
  r.get('/calendar/:when', handle((req, res) => {
    const when = String(req.params.when ?? '');
    res.json(calendarView(when, req.query.calendar));
  }));

  return r;
}

/** The learn walkthrough for a structure slug, an optional ?period=n and ?deal=id (a shipped deal of that structure). */
export async function walkthroughFor(ctx: AppContext, slug: string, periodQuery: unknown, lang: Lang = 'en', dealQuery?: unknown): Promise<Walkthrough & { legs: LegLesson[] }> {
  const s = learnStructure(slug, lang);
  if (!s) throw new HttpError(404, `structure: no learn page "${slug.slice(0, 60)}" (structures: ${learnStructures().map((x) => x.slug).join(', ')})`);
  let dealId = s.scenarioId;
  if (dealQuery !== undefined && dealQuery !== '') {
    const q = String(dealQuery).slice(0, 80);
    if (!s.deals.includes(q)) throw new HttpError(400, `deal: "${q}" is not a deal of this structure (deals: ${s.deals.join(', ')})`);
    dealId = q;
  }
  const exists = await ctx.deals.store.read(dealId);
  if (!exists) throw new HttpError(503, `scenario: ${dealId}.json is not available yet (it is being written); this walkthrough needs the real scenario's numbers`);
  const { loaded, report } = await ctx.deals.schedule(dealId);
  let period = 1;
  if (periodQuery !== undefined && periodQuery !== '') {
    const n = typeof periodQuery === 'string' && /^\d{1,4}$/.test(periodQuery) ? Number(periodQuery) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > report.periods.length) {
      throw new HttpError(400, `period: must be a whole number between 1 and ${report.periods.length}, got ${JSON.stringify(String(periodQuery).slice(0, 20))}`);
    }
    period = n;
  }
  const walk = walkPeriod(s, loaded.deal, report, period, lang);
  const legs = legLessons(loaded.deal, loaded.deal.offshoreLegs?.length ? ctx.costs.dealCost(loaded) : null);
  return { ...walk, legs };
}


/** `when` is a year (YYYY) or a date (YYYY-MM-DD); `calendar` defaults to CN-IB. 400 for anything else. */
export function calendarView(when: string, calendarQuery: unknown) {
  const raw = calendarQuery === undefined ? 'CN-IB' : calendarQuery;
  let view;
  try {
    view = lookUpCalendar(when, checkCalendarId(typeof raw === 'string' ? raw : JSON.stringify(raw)));
  } catch (err) {
    throw new HttpError(400, (err as Error).message);
  }
  if (view) return view;
  throw new HttpError(400, `when: must be a year (YYYY) or a date (YYYY-MM-DD), got ${JSON.stringify(when.slice(0, 40))}`);
}

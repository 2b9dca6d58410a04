// HTML pages. Each renders what it can on the server (escaped by EJS) and its script fetches the
// same JSON API documented in docs/api.md for the rest (charts, validation, runs).
import { Router, type Request } from 'express';
import { dayNameIn } from '../../models/calendar/day-name.js';
import type { AppContext } from '../context.js';
import { handle, HttpError } from '../http-errors.js';
import { glanceOf } from '../present/glance.js';
import { dealDiagramSvg } from '../present/diagram.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { baseCaseWarnings } from '../../models/engine/base-case.js';
import { formatProblemIn, translator } from '../../models/i18n/index.js';
import { pricingText } from '../../models/cost/cost-gap-text.js';
import { formatRate } from '../../models/format.js';
import type { ValidDeal } from '../deals.js';
import { learnStructure, learnStructures } from '../present/learn.js';
import { glossary } from '../present/glossary.js';
import { calendarView, walkthroughFor } from './analysis.js';
import { CALENDAR_IDS, ROLL_CONVENTIONS } from '../../models/calendar/business-days.js';
import { CN_DATA_YEARS } from '../../models/calendar/holidays-cn.js';
import { langOf } from '../language.js';
import { RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { CURRENCIES, FREQUENCIES, MARKETS } from '../../models/deal-format/schema.js';
import { DAY_COUNTS } from '../../models/calendar/day-count.js';
import type { Lang, Translate } from '../../models/i18n/index.js';
import { DOMESTIC_GRADES } from '../../models/ratings/domestic-scale.js';
import { DEFAULT_DESIGN_PATHS } from './design.js';
import type { Chosen } from '../library/library.js';

/** Paths per trial the Size page starts with: enough that the shipped deals' answers are usable (the page warns when the range is still wide). */
export const DEFAULT_SIZING_PATHS = 20_000;

const idParam = (req: Request): string => String((req.params as Record<string, string | undefined>).id ?? '');

/** A deal's name in the page's language: its Chinese name on Chinese pages when it has one. */
const choiceName = (c: Chosen, lang: Lang): string => (lang === 'zh' && c.nameZh ? c.nameZh : c.name);

export function pages(ctx: AppContext): Router {
  const r = Router();
  const { deals } = ctx;

  r.get('/', (_req, res) => {
    res.render('library', { title: res.locals.t('library.title'), nav: 'library' });
  });

  r.get('/deals/:id', handle(async (req, res) => {
    const d = await deals.load(idParam(req));
    if (!d.deal) {
      res.status(200).render('deal-invalid', { title: d.stored.id, nav: 'library', id: d.stored.id, source: d.stored.source, problems: d.problems.map((p) => formatProblemIn(langOf(res), p)) });
      return;
    }
    const { report } = await deals.schedule(d.stored.id);
    const lang = langOf(res);
    const glance = glanceOf(d.deal, lang);
    const t = translator(lang);
    const cost = ctx.costs.summary(d as ValidDeal);
    res.render('deal', {
      title: lang === 'zh' && d.deal.meta.nameZh ? d.deal.meta.nameZh : d.deal.meta.name, nav: 'library', id: d.stored.id, source: d.stored.source, version: d.stored.version,
      glance, deal: d.deal, svg: dealDiagramSvg(d.deal, lang, glance), report, table: scheduleRows(report, lang),
      warnings: baseCaseWarnings(report.baseCase, lang),
      pricingText: pricingText(report.pricing, t),
      firmsCost: cost.ok ? t('pricing.deal.firmsCost', { before: formatRate(cost.cost.allInCostRate), after: formatRate(cost.cost.subsidyAdjustedCostRate), baseline: formatRate(cost.cost.baselineCostRate) }) : null,
    });
  }));

  r.get('/deals/:id/edit', handle(async (req, res) => {
    const d = await deals.load(idParam(req));
    res.render('editor', {
      title: res.locals.t('editor.pageTitle', { id: d.stored.id }), nav: 'library', id: d.stored.id, source: d.stored.source, version: d.stored.version,
      text: d.raw === null ? d.stored.text : JSON.stringify(d.raw, null, 2),
      options: { market: MARKETS, currency: CURRENCIES, paymentFrequency: FREQUENCIES, dayCount: DAY_COUNTS, calendar: CALENDAR_IDS, roll: ROLL_CONVENTIONS },
    });
  }));

  r.get('/runs', handle(async (req, res) => {
    const lang = langOf(res);
    const choices = (await ctx.library.choices()).map((c) => ({ id: c.id, name: choiceName(c, lang), stresses: c.choice.stresses }));
    const q = typeof req.query.deal === 'string' ? req.query.deal : '';
    const runQ = typeof req.query.run === 'string' ? req.query.run : '';
    res.render('run', {
      title: res.locals.t('run.title'), nav: 'run', choices, selected: choices.some((c) => c.id === q) ? q : choices[0]?.id ?? '',
      runId: /^run-[a-z0-9-]{1,40}$/.test(runQ) ? runQ : '',
      limits: ctx.config.limits,
      keptRuns: ctx.config.keptRuns, keptRunDays: ctx.config.keptRunDays,
    });
  }));

  r.get('/compare', handle(async (req, res) => {
    const lang = langOf(res);
    const choices = (await ctx.library.choices()).map((c) => ({ id: c.id, name: choiceName(c, lang) }));
    const q = typeof req.query.ids === 'string' ? req.query.ids.split(',').filter(Boolean) : [];
    const selected = q.length ? q : choices.filter((c) => c.id !== '').slice(0, 3).map((c) => c.id);
    res.render('compare', { title: res.locals.t('compare.title'), nav: 'compare', choices, selected, limits: ctx.config.limits });
  }));

  r.get('/size', handle(async (req, res) => {
    const lang = langOf(res);
    const t = res.locals.t as Translate;
    const choices = (await ctx.library.choices()).map((c) => ({
      id: c.id,
      name: choiceName(c, lang),
      stresses: c.choice.stresses,
      sizable: c.choice.sizable.map((x) => ({
        id: x.id,
        label: x.what === 'enhancement' ? `${x.name} (${lang === 'zh' ? x.kindZh : x.kind})`
          : x.what === 'reserve' ? t('size.sizable.reserve', { name: x.name })
            : t('size.sizable.tranche', { name: (lang === 'zh' && x.nameZh) || x.name, cls: t(`class.${x.class}`) }),
      })),
    })).filter((c) => c.sizable.length > 0);
    const q = typeof req.query.deal === 'string' ? req.query.deal : '';
    const runQ = typeof req.query.run === 'string' && /^run-[a-z0-9-]{1,40}$/.test(req.query.run) ? req.query.run : '';
    res.render('size', {
      title: t('size.title'), nav: 'size',
      choices, selected: choices.some((c) => c.id === q) ? q : choices[0]?.id ?? '', runId: runQ,
      ratings: RATING_ORDER, limits: ctx.config.limits, defaultPaths: Math.min(DEFAULT_SIZING_PATHS, ctx.config.limits.maxSizingPaths),
    });
  }));

  r.get('/design', handle(async (req, res) => {
    const lang = langOf(res);
    const t = res.locals.t as Translate;
    const choices = (await ctx.library.choices()).map((c) => ({ id: c.id, name: choiceName(c, lang) }));
    const q = typeof req.query.deal === 'string' ? req.query.deal : '';
    const runQ = typeof req.query.run === 'string' && /^run-[a-z0-9-]{1,40}$/.test(req.query.run) ? req.query.run : '';
    const L = ctx.config.limits;
    res.render('design', {
      title: t('design.title'), nav: 'design',
      choices, selected: choices.some((c) => c.id === q) ? q : choices.find((c) => c.id.startsWith('futian'))?.id ?? choices[0]?.id ?? '', runId: runQ,
      grades: DOMESTIC_GRADES, ratings: RATING_ORDER, limits: { minPaths: L.minPaths, maxPaths: L.maxSizingPaths },
      defaultPaths: Math.min(DEFAULT_DESIGN_PATHS, L.maxSizingPaths),
    });
  }));

  r.get('/learn', (_req, res) => {
    res.render('learn-index', { title: res.locals.t('learn.index.title'), nav: 'learn', structures: learnStructures(langOf(res)) });
  });

  r.get('/learn/glossary', (_req, res) => {
    res.render('glossary', { title: res.locals.t('glossary.title'), nav: 'learn', glossary: glossary(langOf(res)) });
  });

  r.get('/learn/calendar', handle((req, res) => {
    // This year by default, kept inside the years the holiday data covers.
    const thisYear = Math.min(Math.max(new Date().getFullYear(), CN_DATA_YEARS[0]!), CN_DATA_YEARS[CN_DATA_YEARS.length - 1]!);
    const year = typeof req.query.year === 'string' && req.query.year !== '' ? req.query.year : String(thisYear);
    const view = calendarView(year, req.query.calendar === '' ? undefined : req.query.calendar);
    if (!('businessDays' in view)) throw new HttpError(400, `year: must be a year (YYYY), got ${JSON.stringify(year.slice(0, 40))}`);
    // Holiday names in the page's language (the Chinese alone on a Chinese page).
    const named = { ...view, exceptions: view.exceptions.map((d) => ({ ...d, name: dayNameIn(d, res.locals.t) })) };
    res.render('calendar', { title: res.locals.t('calendar.title'), nav: 'learn', view: named, years: CN_DATA_YEARS, calendars: CALENDAR_IDS });
  }));

  r.get('/learn/:structure', handle(async (req, res) => {
    const slug = String(req.params.structure ?? '');
    try {
      const walk = await walkthroughFor(ctx, slug, req.query.period, langOf(res), req.query.deal);
      res.render('learn', { title: walk.structure.title, nav: 'learn', walk, missing: null, structure: walk.structure });
    } catch (err) {
      if (err instanceof HttpError && err.status === 503) {
        const s = learnStructure(slug, langOf(res));
        res.status(503).render('learn', { title: s?.title ?? res.locals.t('learn.crumb'), nav: 'learn', walk: null, missing: err.message, structure: s });
        return;
      }
      throw err;
    }
  }));

  return r;
}

// HTML pages. Each renders what it can on the server (escaped by EJS) and its script fetches the
// same JSON API documented in docs/api.md for the rest (charts, validation, runs).
import { Router, type Request } from 'express';
import type { AppContext } from '../app.js';
import { handle, HttpError } from '../http-errors.js';
import { glanceOf } from '../present/glance.js';
import { dealDiagramSvg } from '../present/diagram.js';
import { scheduleRows } from '../../models/engine/schedule-table.js';
import { formatProblem } from '../../models/deal/validate.js';
import { inLanguage, LEARN_STRUCTURES } from '../present/learn.js';
import type { Lang } from '../../models/i18n/index.js';
import { GLOSSARY } from '../present/glossary.js';
import { calendarView, walkthroughFor } from './analysis.js';
import { CALENDAR_IDS } from '../../models/calendar/business-days.js';
import { CN_DATA_YEARS } from '../../models/calendar/holidays-cn.js';
import { RATING_ORDER } from '../../models/ratings/idealized-loss.js';
import { CALENDARS, CURRENCIES, DAY_COUNTS, FREQUENCIES, MARKETS, ROLLS } from '../../models/deal/schema.js';

const idParam = (req: Request): string => String((req.params as Record<string, string | undefined>).id ?? '');

export function pages(ctx: AppContext): Router {
  const r = Router();
  const { deals, engines } = ctx;

  r.get('/', (_req, res) => {
    res.render('library', { title: 'Deal library', nav: 'library' });
  });

  r.get('/deals/:id', handle(async (req, res) => {
    const d = await deals.load(idParam(req));
    if (!d.deal) {
      res.status(200).render('deal-invalid', { title: d.stored.id, nav: 'library', id: d.stored.id, source: d.stored.source, problems: d.problems.map(formatProblem) });
      return;
    }
    const { report } = await deals.schedule(d.stored.id);
    res.render('deal', {
      title: d.deal.meta.name, nav: 'library', id: d.stored.id, source: d.stored.source, version: d.stored.version,
      glance: glanceOf(d.deal), deal: d.deal, svg: dealDiagramSvg(d.deal), report, table: scheduleRows(report),
    });
  }));

  r.get('/deals/:id/edit', handle(async (req, res) => {
    const d = await deals.load(idParam(req));
    res.render('editor', {
      title: `Edit ${d.stored.id}`, nav: 'library', id: d.stored.id, source: d.stored.source, version: d.stored.version,
      text: d.raw === null ? d.stored.text : JSON.stringify(d.raw, null, 2),
      options: { market: MARKETS, currency: CURRENCIES, paymentFrequency: FREQUENCIES, dayCount: DAY_COUNTS, calendar: CALENDARS, roll: ROLLS },
    });
  }));

  r.get('/runs', handle(async (req, res) => {
    const all = await deals.loadAll();
    const choices = all.filter((d) => d.deal).map((d) => ({ id: d.stored.id, name: d.deal?.meta.name ?? d.stored.id, stresses: (d.deal?.stresses ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })) }));
    const q = typeof req.query.deal === 'string' ? req.query.deal : '';
    const runQ = typeof req.query.run === 'string' ? req.query.run : '';
    const problem = await engines.problem('montecarlo');
    res.render('run', {
      title: 'Monte Carlo run', nav: 'run', choices, selected: choices.some((c) => c.id === q) ? q : choices[0]?.id ?? '',
      runId: /^run-[a-z0-9-]{1,40}$/.test(runQ) ? runQ : '',
      available: problem === null, unavailable: problem ?? '', limits: ctx.config.limits,
      keptRuns: ctx.config.keptRuns, keptRunDays: ctx.config.keptRunDays,
    });
  }));

  r.get('/compare', handle(async (req, res) => {
    const all = await deals.loadAll();
    const choices = all.filter((d) => d.deal).map((d) => ({ id: d.stored.id, name: d.deal?.meta.name ?? d.stored.id }));
    const q = typeof req.query.ids === 'string' ? req.query.ids.split(',').filter(Boolean) : [];
    const selected = q.length ? q : choices.filter((c) => c.id !== '').slice(0, 3).map((c) => c.id);
    res.render('compare', { title: 'Compare deals', nav: 'compare', choices, selected, costAvailable: engines.available('cost'), limits: ctx.config.limits });
  }));

  r.get('/size', handle(async (req, res) => {
    const all = await deals.loadAll();
    const choices = all.flatMap((d) => (d.deal ? [d.deal] : [])).map((deal) => ({
      id: deal.meta.id,
      name: deal.meta.name,
      stresses: (deal.stresses ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
      sizable: [
        ...deal.enhancements.map((e) => ({ id: e.id, label: `${e.name ?? e.id} (${e.kind})` })),
        ...deal.accounts.map((a) => ({ id: a.id, label: `${a.name ?? a.id} (reserve account)` })),
        ...deal.liabilities.tranches.filter((t) => t.class !== 'senior').map((t) => ({ id: t.id, label: `${t.name ?? t.id} (${t.class} tranche: subordination)` })),
      ],
    })).filter((c) => c.sizable.length > 0);
    const q = typeof req.query.deal === 'string' ? req.query.deal : '';
    const runQ = typeof req.query.run === 'string' && /^run-[a-z0-9-]{1,40}$/.test(req.query.run) ? req.query.run : '';
    const problem = await engines.problem('sizing');
    res.render('size', {
      title: 'Size enhancement', nav: 'size', available: problem === null, unavailable: problem ?? '',
      choices, selected: choices.some((c) => c.id === q) ? q : choices[0]?.id ?? '', runId: runQ,
      ratings: RATING_ORDER, limits: ctx.config.limits,
    });
  }));

  r.get('/learn', (_req, res) => {
    res.render('learn-index', { title: 'Learn', nav: 'learn', structures: LEARN_STRUCTURES.map((s) => inLanguage(s, res.locals.lang as Lang)) });
  });

  r.get('/learn/glossary', (_req, res) => {
    res.render('glossary', { title: 'Glossary 术语', nav: 'learn', glossary: GLOSSARY });
  });

  r.get('/learn/calendar', handle((req, res) => {
    // This year by default, kept inside the years the holiday data covers.
    const thisYear = Math.min(Math.max(new Date().getFullYear(), CN_DATA_YEARS[0]!), CN_DATA_YEARS[CN_DATA_YEARS.length - 1]!);
    const year = typeof req.query.year === 'string' && req.query.year !== '' ? req.query.year : String(thisYear);
    const view = calendarView(year, req.query.calendar === '' ? undefined : req.query.calendar);
    if (!('businessDays' in view)) throw new HttpError(400, `year: must be a year (YYYY), got ${JSON.stringify(year.slice(0, 40))}`);
    res.render('calendar', { title: 'Business-day calendar 节假日', nav: 'learn', view, years: CN_DATA_YEARS, calendars: CALENDAR_IDS });
  }));

  r.get('/learn/:structure', handle(async (req, res) => {
    const slug = String(req.params.structure ?? '');
    try {
      const walk = await walkthroughFor(ctx, slug, req.query.period, req.query.deal, res.locals.lang as Lang);
      res.render('learn', { title: walk.structure.title, nav: 'learn', walk, missing: null, structure: walk.structure });
    } catch (err) {
      if (err instanceof HttpError && err.status === 503) {
        const found = LEARN_STRUCTURES.find((x) => x.slug === slug);
        const s = found ? inLanguage(found, res.locals.lang as Lang) : undefined;
        res.status(503).render('learn', { title: s?.title ?? 'Learn', nav: 'learn', walk: null, missing: err.message, structure: s });
        return;
      }
      throw err;
    }
  }));

  return r;
}

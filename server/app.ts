// The web app: Express 5 + EJS pages and the JSON API they use. It only adapts the models/
// library to HTTP: every number comes from the engines, every check from the deal validator.
import express, { type Express } from 'express';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { defaultConfig, projectRoot, type ConfigOverrides } from './config.js';
import { DealStore } from '../models/store/deal-store.js';
import { DealService } from './deals.js';
import { Library } from './library/library.js';
import { RunManager, type RunInfo, type StoredJob } from './runs/manager.js';
import { RunStore } from './runs/run-store.js';
import { Costs } from './costs.js';
import { Ratings } from './rating.js';
import { errorHandler, HttpError, refuseDeclaredOversize } from './http-errors.js';
import { dealApi } from './routes/deals.js';
import { runApi } from './routes/runs.js';
import { analysisApi } from './routes/analysis.js';
import { sizeApi } from './routes/size.js';
import { designApi } from './routes/design.js';
import { sensitivityApi } from './routes/sensitivity.js';
import { ratingApi, ratingPages } from './routes/rating.js';
import { isPoolTapeUpload, poolTapeApi } from './routes/pool-tape.js';
import { reportApi, reportPages } from './routes/report.js';
import { PdfPrinter } from './browser/pdf.js';
import { pages } from './routes/pages.js';
import { viewHelpers } from './present/view-helpers.js';
import { language } from './language.js';
import { Auth } from './auth/auth.js';
import { authApi, authPages } from './auth/routes.js';
import { clip } from '../models/format.js';
import type { AppContext } from './context.js';

export interface IpabsApp {
  app: Express;
  ctx: AppContext;
  /** Stop workers and end open event streams (call before closing the HTTP server). */
  close(): Promise<void>;
}

export function createApp(overrides: ConfigOverrides = {}, log: (msg: string) => void = (m) => console.error(m)): IpabsApp {
  const config = defaultConfig(overrides);
  const store = new DealStore({ scenariosDir: config.scenariosDir, dataDir: config.dataDir });
  const runs = new RunManager({
    maxConcurrent: config.maxConcurrentRuns, maxQueued: config.maxQueuedRuns, keep: config.keptRuns, log,
    maxActivePerUser: config.userLimits.activeRuns,
    preload: [config.simulateModule, config.sizingModule, config.sensitivityModule],
    ...(config.persistRuns ? { store: new RunStore<RunInfo, StoredJob>({ dir: resolve(config.dataDir, 'runs'), keep: config.keptRuns, keepDays: config.keptRunDays }) } : {}),
  });
  const ctx: AppContext = {
    config,
    deals: new DealService(store),
    library: new Library(store, log),
    runs,
    costs: new Costs(),
    pdf: new PdfPrinter(),
    ratings: new Ratings(runs),
    auth: new Auth({ team: config.team, dataDir: config.dataDir, sessionHours: config.sessionHours, userLimits: config.userLimits }),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('views', resolve(projectRoot, 'views'));
  app.set('view engine', 'ejs');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);
  Object.assign(app.locals, viewHelpers);

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    next();
  });
  app.use(language);
  app.use(refuseDeclaredOversize(config.limits.bodyBytes, isPoolTapeUpload));

  const chartDist = dirname(createRequire(import.meta.url).resolve('chart.js/auto'));
  app.use('/vendor/chart.js', express.static(resolve(chartDist, '..', 'dist'), { maxAge: '1h' }));
  app.get('/favicon.ico', (_req, res) => { res.status(204).end(); });
  app.use('/static', express.static(resolve(projectRoot, 'public'), { maxAge: 0 }));

  app.use(ctx.auth.middleware());
  app.use('/api', express.json({ limit: config.limits.bodyBytes, strict: true }));
  app.use('/api', authApi(ctx));
  app.use('/api', dealApi(ctx));
  app.use('/api', runApi(ctx));
  app.use('/api', sizeApi(ctx));
  app.use('/api', designApi(ctx));
  app.use('/api', sensitivityApi(ctx));
  app.use('/api', ratingApi(ctx));
  app.use('/api', poolTapeApi(ctx));
  app.use('/api', reportApi(ctx));
  app.use('/api', analysisApi(ctx));
  app.use('/api', (req, _res, next) => next(new HttpError(404, `route: no API route ${req.method} ${clip(req.path)} (see docs/api.md)`)));
  app.use(authPages(ctx));
  app.use(reportPages(ctx));
  app.use(ratingPages(ctx));
  app.use(pages(ctx));
  app.use((req, _res, next) => next(new HttpError(404, `page: nothing at ${clip(req.path)}`)));
  app.use(errorHandler(config.limits.bodyBytes, log));

  return { app, ctx, close: async () => { await Promise.all([ctx.runs.close().then(() => ctx.runs.flush()), ctx.library.close(), ctx.pdf.close()]); } };
}

// What every route and page is handed: the app's services. Its own file so that the routes need
// not import the app that mounts them (app.ts imports the routes).
import type { ServerConfig } from './config.js';
import type { DealService } from './deals.js';
import type { Library } from './library/library.js';
import type { RunManager } from './runs/manager.js';
import type { Costs } from './costs.js';
import type { PdfPrinter } from './browser/pdf.js';
import type { Ratings } from './rating.js';
import type { Auth } from './auth/auth.js';

export interface AppContext {
  config: ServerConfig;
  deals: DealService;
  /** The deal index: what the library and the deal choosers list, without reading any deal. */
  library: Library;
  runs: RunManager;
  costs: Costs;
  /** Prints reports to PDF in the headless Chromium (started on first use). */
  pdf: PdfPrinter;
  ratings: Ratings;
  /** Local or team mode: who is asking and what they may do (server/auth/). */
  auth: Auth;
}

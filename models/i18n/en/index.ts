// The English catalogue: every namespace, one line each (add a namespace here and in zh/index.ts).
import { common } from './common.js';
import { auth } from './auth.js';
import { assets } from './assets.js';
import { reports } from './reports.js';
import { rating } from './rating.js';

export const en = {
  ...common,
  ...auth,
  ...assets,
  ...reports,
  ...rating,
} as const;

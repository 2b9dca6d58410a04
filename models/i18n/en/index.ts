// The English catalogue: every namespace, one line each (add a namespace here and in zh/index.ts).
import { common } from './common.js';
import { reports } from './reports.js';

export const en = {
  ...common,
  ...reports,
} as const;

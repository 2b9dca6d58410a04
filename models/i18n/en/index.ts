// The English catalogue: every namespace, one line each (add a namespace here and in zh/index.ts).
import { common } from './common.js';
import { rating } from './rating.js';

export const en = {
  ...common,
  ...rating,
} as const;

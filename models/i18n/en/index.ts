// The English catalogue: every namespace, one line each (add a namespace here and in zh/index.ts).
import { common } from './common.js';
import { pricing } from './pricing.js';

export const en = {
  ...common,
  ...pricing,
} as const;

// The English catalogue: every namespace, one line each (add a namespace here and in zh/index.ts).
import { common } from './common.js';
import { auth } from './auth.js';

export const en = {
  ...common,
  ...auth,
} as const;

// 中文消息目录：每个命名空间一行（与 en/index.ts 一一对应）。
import { common } from './common.js';
import { auth } from './auth.js';
import { assets } from './assets.js';
import { reports } from './reports.js';
import { rating } from './rating.js';

export const zh = {
  ...common,
  ...auth,
  ...assets,
  ...reports,
  ...rating,
};

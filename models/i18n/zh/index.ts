// 中文消息目录：每个命名空间一行（与 en/index.ts 一一对应）。
import { common } from './common.js';
import { problems } from './problems.js';
import { cli } from './cli.js';
import { learn } from './learn.js';
import { editor } from './editor.js';
import { size } from './size.js';
import { compare } from './compare.js';
import { run } from './run.js';
import { schedule } from './schedule.js';
import { deal } from './deal.js';
import { diagram } from './diagram.js';
import { library } from './library.js';
import { terms } from './terms.js';
import { auth } from './auth.js';
import { assets } from './assets.js';
import { reports } from './reports.js';
import { pricing } from './pricing.js';
import { rating } from './rating.js';
import { cost } from './cost.js';
import { words } from './words.js';
import { design } from './design.js';
import { api } from './api.js';

export const zh = {
  ...common,
  ...problems,
  ...cli,
  ...learn,
  ...editor,
  ...size,
  ...compare,
  ...run,
  ...schedule,
  ...deal,
  ...diagram,
  ...library,
  ...terms,
  ...auth,
  ...assets,
  ...reports,
  ...pricing,
  ...rating,
  ...cost,
  ...words,
  ...design,
  ...api,
};

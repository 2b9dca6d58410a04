// 中文：境内评级（目标违约率/临界违约率）的文字：压力情景、评级表与图、命令行 rate 与 breakeven、学习页。
import type { rating as en } from '../en/rating.js';
import type { Translation } from '../types.js';

export const rating: Translation<typeof en> = {
  'rating.stress.base': '交易自身假设，违约均匀分布',
  'rating.stress.join': ' + ',
  'rating.stress.timing.even': '违约均匀分布',
  'rating.stress.timing.front': '{share}的违约提前至第一期',
  'rating.stress.timing.back': '{share}的违约推后至最后一期',
  'rating.stress.timing.vector': '各期违约分布 {shares}',
  'rating.stress.recovery.haircut': '回收率下调{share}',
  'rating.stress.recovery.zero': '零回收',
  'rating.stress.recovery.delay': '{share}的回收款推迟{months}个月',
  'rating.stress.prepayment.up': '早偿率上升{share}',
  'rating.stress.prepayment.down': '早偿率下降{share}',
  'rating.stress.prepayment.rate': '年早偿率{rate}',
  'rating.stress.spread': '资产收益率下降{bp}个基点',
  'rating.stress.rate-rise': '基准利率上升{bp}个基点',
  'rating.stress.revolving': '循环购买率下降{share}',
  'rating.inert.no-prepayment': '对本交易无影响：没有资产按不同的早偿率提前还款',
  'rating.inert.no-benchmark': '对本交易无影响：没有挂钩基准利率的票息或资产',
  'rating.inert.no-recovery': '对本交易无影响：违约后无回收',
  'rating.inert.not-revolving': '对本交易无影响：静态资产池（无循环购买）',
};

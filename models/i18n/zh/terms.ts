// 中文：交易格式中各取值的名称（档次、还本方式、市场、付息频率），采用市场通用术语。
import type { terms as en } from '../en/terms.js';
import type { Translation } from '../types.js';

export const terms: Translation<typeof en> = {
  'class.senior': '优先级',
  'class.mezzanine': '中间级',
  'class.subordinated': '次级',
  'classTitle.senior': '优先级',
  'classTitle.mezzanine': '中间级',
  'classTitle.subordinated': '次级',
  'principal.bullet': '到期一次还本',
  'principal.pass-through': '过手摊还',
  'principal.scheduled': '按计划摊还',
  'market.interbank-abn': '银行间资产支持票据',
  'market.exchange-abs': '交易所资产支持证券',
  'market.offshore-private': '境外私募',
  'frequency.monthly': '按月',
  'frequency.quarterly': '按季',
  'frequency.semiannual': '按半年',
  'frequency.annual': '按年',
  'frequency.bullet': '到期一次',
  'roll.following': '顺延至下一营业日',
  'roll.modified-following': '经调整的顺延',
  'roll.preceding': '提前至上一营业日',
  'roll.modified-preceding': '经调整的提前',
  'roll.unadjusted': '不调整',
  'coupon.residual': '剩余收益（无票面利率）',
  'coupon.residualShort': '剩余收益',
  'coupon.atIssue': '{base}（发行时 {rate}）',
  'amount.inCurrency': '{amount} {currency}',
};

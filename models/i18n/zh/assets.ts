// 中文：基础资产模式、循环购买与交易状态、储架发行，以及交易库按资产模式分组。
import type { assets as en } from '../en/assets.js';
import type { Translation } from '../types.js';

export const assets: Translation<typeof en> = {
  'assets.kind.licence-royalty': '许可使用费应收账款',
  'assets.kind.loan': '知识产权质押贷款',
  'assets.kind.finance-lease': '知识产权融资租赁',
  'assets.kind.entrusted-loan': '委托贷款 / 信托贷款',
  'assets.kind.factoring': '保理应收账款',
  'assets.model.licence': '专利许可模式',
  'assets.model.pledged-loan': '知识产权质押小额贷款模式',
  'assets.model.finance-lease': '融资租赁模式',
  'assets.model.entrusted-loan': '委托贷款 / 信托贷款模式',
  'assets.model.factoring': '保理 / 供应链应收账款模式',
  'assets.model.mixed': '混合资产池',
  'assets.agent.heldCash': '受托人 {id}：违约时所持回收款的预期损失 {loss} 元，概率 {p}',
  'assets.agent.row': '{id}：贷款受托人所持回收款',
} as const;

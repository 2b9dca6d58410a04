// 企业融资成本（第 10 号议题）：基准情景是否自平衡、资产的成本加成定价、贴息前后成本的标注。
import type { pricing as en } from '../en/pricing.js';
import type { Translation } from '../types.js';

export const pricing: Translation<typeof en> = {
  'pricing.list.separator': '；',
  'pricing.baseCase.reliesOnEnhancement': '基准情景（无违约）依赖增信：共动用 {total}（{periods}）；企业的还款不足以支付票据本息和费用——请提高资产利率或许可费、降低票面利率，或将资产池定价设为 "cost-plus"（成本加成）',
  'pricing.baseCase.drawPeriod': '第{n}期 {date}：{from}',
  'pricing.baseCase.lateInterest': '基准情景下票据利息延期支付：兑付日后最多拖欠 {total}（{periods}）',
  'pricing.baseCase.latePeriod': '第{n}期 {date}：{amount}',
  'pricing.baseCase.unpaid': '基准情景下最后兑付日后仍有 {total} 未付（本金 {principal}，利息 {interest}，费用 {fees}）',
  'pricing.badge.reconciled': '现金分配逐分勾稽',
  'pricing.badge.notReconciled': '现金分配未能勾稽',
  'pricing.badge.selfFunding': '基准情景自平衡（无需增信）',
  'pricing.badge.reliesOnEnhancement': '基准情景依赖增信：{total}',
  'pricing.badge.unpaid': '基准情景仍有 {total} 未付',
  'pricing.badge.explain': '“现金勾稽”指每一分钱都有去处；“自平衡”指在无人违约时，企业的还款本身即可支付全部费用、利息和本金（不动用增信，无未付款项）。',
  'pricing.schedule.reconciled': '每期现金逐分勾稽：{yes}',
  'pricing.schedule.selfFunding': '基准情景自平衡（不动用增信、无未付款项）：{yes}',
  'pricing.cli.yes': '是',
  'pricing.cli.no': '否',
  'pricing.cli.valid': '{file}：有效（{id}）',
  'pricing.cli.validWithWarnings': '{file}：有效（{id}），{n} 条警告',
  'pricing.cli.warning': '警告：{message}',
  'pricing.editor.warnings': '{n} 条警告',
  'pricing.editor.validWithWarnings': '有效 ✓，{n} 条警告',
};

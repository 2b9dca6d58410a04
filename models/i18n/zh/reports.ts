// 中文：报告相关文字（模拟页的自定义压力情景与敏感性分析、保存的模拟、资产池明细表导入、下载与交易报告）。
import type { reports as en } from '../en/reports.js';
import type { Translation } from '../types.js';

export const reports: Translation<typeof en> = {
  'runx.stress.custom': '自定义…',
  'runx.stress.customLabel': '自定义压力情景',
  'runx.stress.customHint': '写法与命令行相同：pd=2x,recovery=0.5x,rho=+0.1（违约概率倍数、回收率倍数、相关系数增减）。',
  'runx.kept': '已完成的模拟保留 {days} 天（最多保留最近的 {n} 次），服务器重启后仍在。',
  'sens.title': '敏感性分析',
  'sens.lead': '某一档证券的预期损失随违约概率倍数与资产相关系数的变化，与命令行 ipabs sensitivity 的算法相同。各格使用同一随机种子，格与格之间的差异来自假设，而非抽样误差。',
  'sens.pd': '违约概率倍数',
  'sens.rho': '资产相关系数 ρ',
  'sens.tranche': '证券档次',
  'sens.paths': '每格路径数',
  'sens.seed': '随机种子',
  'sens.start': '开始计算',
  'sens.cancel': '取消',
  'sens.caption': '{tranche} 档预期损失（± 95%），每格 {paths} 条路径，随机种子 {seed}',
  'sens.poolCaption': '资产池预期损失（± 95%）',
  'sens.rowHead': '违约概率 ×{pd}',
  'sens.colHead': 'ρ = {rho}',
  'sens.corner': '违约概率倍数 \\ 相关系数',
  'sens.base': '本交易自身的 ρ 为 {rho}',
  'sens.download': '下载结果 JSON',
  'sens.lost': '与计算任务的连接已断开',
};

// 中文：各页面与命令行共用的文字（导航、页脚、语言切换、单位）。
import type { common as en } from '../en/common.js';
import type { Translation } from '../types.js';

export const common: Translation<typeof en> = {
  'app.name': 'ipabs',
  'app.tagline': '知识产权证券化模拟器',
  'nav.label': '主导航',
  'nav.deals': '交易',
  'nav.run': '模拟',
  'nav.compare': '比较',
  'nav.size': '增信测算',
  'nav.learn': '学习',
  'lang.switch': '语言',
  'lang.en': 'English',
  'lang.zh': '中文',
  'footer.text': 'ipabs — 知识产权证券化模拟器。数据来自内置情景，出处见各交易的来源说明。',
  'footer.api': 'API 参考',
  'unit.yuan': '元',
  'unit.wan': '万',
  'unit.yi': '亿',
  'unit.bp': '个基点',
  'common.loading': '加载中…',
  'common.none': '—',
  'common.yes': '是',
  'common.no': '否',
};

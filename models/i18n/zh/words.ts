// 模型以数据给出、页面/下载/命令行显示的词：增信方式（与 models/enhancements 注册表的中文名一致）、低于理想化损失表最低级别。
import type { Translation } from '../types.js';
import type { words as en } from '../en/words.js';

export const words: Translation<typeof en> = {
  'words.kind.shortfall-undertaking': '差额支付承诺',
  'words.kind.guarantee': '担保',
  'words.kind.risk-compensation-fund': '风险补偿基金',
  'words.kind.guarantee-insurance': '保证保险',
  'words.kind.over-collateralization': '超额覆盖',
  'words.kind.excess-spread': '超额利差',
  'words.kind.subordination': '优先/次级分层',
  'words.belowLowest': 'Caa 及以下',
  'words.festival.new-year': '元旦',
  'words.festival.spring-festival': '春节',
  'words.festival.qingming': '清明节',
  'words.festival.labour-day': '劳动节',
  'words.festival.dragon-boat': '端午节',
  'words.festival.mid-autumn': '中秋节',
  'words.festival.national-day': '国庆节',
  'words.festival.mid-autumn-national-day': '国庆节、中秋节',
  'words.makeupOf': '调休上班日（{festival}）',
};

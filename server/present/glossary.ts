// The glossary of the project brief (DOMAIN.md): the English and Chinese term side by side, and
// what it means here in the page's language (the catalogue's glossary.note.* keys).
import { translate, type Lang, type MessageKey } from '../../models/i18n/index.js';

export interface GlossaryEntry { en: string; zh: string; note: string }

const TERMS: ReadonlyArray<{ key: string; en: string; zh: string }> = [
  { key: 'abn', en: 'asset-backed note (interbank market, NAFMII)', zh: '资产支持票据 (ABN)' },
  { key: 'abs', en: 'asset-backed securities / special plan (exchange)', zh: '资产支持证券 / 资产支持专项计划 (ABS)' },
  { key: 'shelf', en: 'shelf issuance', zh: '储架发行' },
  { key: 'exclusive-licence', en: 'exclusive licence', zh: '独占许可' },
  { key: 'shortfall-undertaking', en: 'shortfall-payment undertaking', zh: '差额支付承诺' },
  { key: 'credit-enhancement', en: 'credit enhancement', zh: '信用增级 / 增信' },
  { key: 'senior-subordinated', en: 'senior / subordinated tranche', zh: '优先级 / 次级' },
  { key: 'guarantee', en: 'guarantee, counter-guarantee', zh: '担保, 反担保' },
  { key: 'risk-compensation-fund', en: 'risk-compensation fund', zh: '风险补偿基金' },
  { key: 'coupon', en: 'coupon rate', zh: '票面利率' },
  { key: 'lpr', en: 'loan prime rate', zh: '贷款市场报价利率 (LPR)' },
  { key: 'foreign-debt', en: 'foreign debt, quota', zh: '外债, 外债额度' },
  { key: 'e-cny', en: 'digital RMB', zh: '数字人民币 (e-CNY)' },
  { key: 'micro-loans', en: 'micro-loan receivables', zh: '小额贷款债权' },
  { key: 'ip-pledge', en: 'IP pledge', zh: '知识产权质押' },
  { key: 'appraisal', en: 'appraisal', zh: '价值评估' },
  { key: 'lead-underwriter', en: 'lead underwriter', zh: '主承销商' },
  { key: 'interest-subsidy', en: 'interest subsidy', zh: '贴息' },
];

/** The glossary with its explanations in `lang`. */
export function glossary(lang: Lang = 'en'): GlossaryEntry[] {
  return TERMS.map((x) => ({ en: x.en, zh: x.zh, note: translate(lang, `glossary.note.${x.key}` as MessageKey) }));
}

/** The glossary in English (the API's default). */
export const GLOSSARY: readonly GlossaryEntry[] = glossary('en');

// The glossary of the project brief (DOMAIN.md), English beside Chinese, for the learn pages.
export interface GlossaryEntry { en: string; zh: string; note: string }

export const GLOSSARY: readonly GlossaryEntry[] = [
  { en: 'asset-backed note (interbank market, NAFMII)', zh: '资产支持票据 (ABN)', note: 'Notes issued through a trust in the interbank bond market, registered with NAFMII; the Yuhang deal is one.' },
  { en: 'asset-backed securities / special plan (exchange)', zh: '资产支持证券 / 资产支持专项计划 (ABS)', note: 'The exchange-market form (Shanghai or Shenzhen Stock Exchange), issued by a special plan run by a securities firm or fund subsidiary.' },
  { en: 'shelf issuance', zh: '储架发行', note: 'One registration of a total capacity (e.g. 1.0 bn CNY) drawn on in several issues.' },
  { en: 'exclusive licence', zh: '独占许可', note: 'The firm licenses its patents exclusively; the licence fees it owes become the receivables the trust buys.' },
  { en: 'shortfall-payment undertaking', zh: '差额支付承诺', note: 'A promise to pay whatever the trust lacks to meet fees, note interest and principal on a payment date.' },
  { en: 'credit enhancement', zh: '信用增级 / 增信', note: 'Anything that makes the notes safer than the pool: subordination, over-collateralization, reserves, guarantees, undertakings.' },
  { en: 'senior / subordinated tranche', zh: '优先级 / 次级', note: 'Senior notes are paid first; subordinated notes absorb losses first.' },
  { en: 'guarantee, counter-guarantee', zh: '担保, 反担保', note: 'A guarantor pays if the obligor cannot; a counter-guarantee protects the guarantor in turn (the N+1 deal uses a cross-border one).' },
  { en: 'risk-compensation fund', zh: '风险补偿基金', note: 'A government fund that pays part of a lender\'s loss on IP-pledged loans (e.g. 55% in Shanghai, 80% under 苏知贷).' },
  { en: 'coupon rate', zh: '票面利率', note: 'The annual interest rate a note pays on its balance (2.7% for the Yuhang senior notes).' },
  { en: 'loan prime rate', zh: '贷款市场报价利率 (LPR)', note: 'The benchmark for bank loans, fixed monthly; 1-year LPR was 3.65% in January 2023.' },
  { en: 'foreign debt, quota', zh: '外债, 外债额度', note: 'Borrowing from abroad, within a quota set by net assets under the macro-prudential rule.' },
  { en: 'digital RMB', zh: '数字人民币 (e-CNY)', note: 'The central bank\'s digital currency; the Ningbo deal was issued and paid in it.' },
  { en: 'micro-loan receivables', zh: '小额贷款债权', note: 'Loans made by a micro-lender (e.g. Shenzhen HTI\'s), here secured by IP pledges, sold into an ABS.' },
  { en: 'IP pledge', zh: '知识产权质押', note: 'Patents, trademarks or copyrights pledged as collateral for a loan.' },
  { en: 'appraisal', zh: '价值评估', note: 'An independent valuation of the IP (the Yuhang patents were appraised at 174 M CNY).' },
  { en: 'lead underwriter', zh: '主承销商', note: 'The bank or securities firm that arranges and sells the issue (Bank of Hangzhou for Yuhang).' },
  { en: 'interest subsidy', zh: '贴息', note: 'Government refund of part of the interest (Futian: 70% of interest and fees, capped at 3 M CNY).' },
];

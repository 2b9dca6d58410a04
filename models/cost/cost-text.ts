// The bank-loan baseline and the notes under a cost comparison, in the reader's language. The
// model keeps what they say as data (BaselineTerms, CostNoteKind) and its English text beside them,
// so the CLI, the API and the report can say the same in Chinese.
import type { Translate } from '../i18n/index.js';
import { formatRate } from '../format.js';
import { LPR_FIRST_FIXING } from '../market/lpr.js';

/** What the bank-loan baseline (知识产权质押贷款对照) is, as numbers. */
export interface BaselineTerms {
  /** LPR tenor, "1Y" or "5Y". */
  tenor: string;
  /** Every firm started before the LPR reform: the PBOC benchmark lending rate instead of the LPR. */
  preReform: boolean;
  /** The benchmark at the firms' start dates (lowest and highest). */
  rateAtStart: [number, number];
  spreadBp: number;
  paymentMonths: number;
  appraisalFeeRate: number;
  guaranteeFeeRate: number;
  subsidised: boolean;
}

/** The notes a cost comparison can carry. */
export type CostNoteKind = 'rail' | 'assumed-baseline' | 'pre-lpr' | 'lpr-flat';

const pct = (x: number) => formatRate(x, 2);

/** "IP-pledge bank loan at the 1Y LPR on each firm's start (3.45%) + 150 bp, …". */
export function baselineText(b: BaselineTerms, t: Translate): string {
  const [lo, hi] = b.rateAtStart;
  return t('cost.baseline', {
    tenor: b.tenor, benchmark: t(b.preReform ? 'cost.baseline.preReform' : 'cost.baseline.lpr'),
    lpr: lo === hi ? pct(lo) : `${pct(lo)}-${pct(hi)}`, spread: b.spreadBp, months: b.paymentMonths,
    appraisal: pct(b.appraisalFeeRate), guarantee: pct(b.guaranteeFeeRate),
    subsidy: t(b.subsidised ? 'cost.baseline.withSubsidy' : 'cost.baseline.noSubsidy'),
  });
}

export function costNoteText(kind: CostNoteKind, t: Translate): string {
  return t(`cost.note.${kind}`, { date: LPR_FIRST_FIXING });
}

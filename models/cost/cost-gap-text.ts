// The cost comparison said in words, in the reader's language: how the assets are priced, and the
// one line that says what separates the cost to the firms from the cost to the issuer.
import type { Translate } from '../i18n/index.js';
import { formatBp, formatMoney, formatRate } from '../format.js';
import type { CostGap, DealCost } from './compare.js';

const rate = (x: number) => formatRate(x, 2);

/** "fixed: …" or "cost-plus: 4.21% a year, the notes' break-even 2.76% + 145 bp margin". */
export function pricingText(p: DealCost['pricing'], t: Translate): string {
  if (p.rule === 'fixed') return t('pricing.rule.fixed');
  const spreads = p.obligors.filter((o) => o.spreadBp > 0).length;
  const base = p.margin.type === 'bp'
    ? t('pricing.rule.costPlus', { rate: formatRate(p.rate, 4), breakEven: formatRate(p.breakEvenRate, 4), margin: p.margin.bp })
    : t('pricing.rule.costPlusResidual', { rate: formatRate(p.rate, 4), breakEven: formatRate(p.breakEvenRate, 4), residual: formatMoney(Number(p.margin.amount)) });
  return spreads > 0 ? `${base}${t('pricing.rule.spreads', { n: spreads })}` : base;
}

/** Below half a hundredth of a basis point an effect is rounding, not worth a clause. */
const matters = (x: number) => x >= 5e-7;

/** What separates the firms' all-in cost from the notes' cost to the issuer, as one line (clauses for the effects there are). */
export function costGapText(gap: CostGap, pricing: DealCost['pricing'], t: Translate): string {
  const clauses = [t('pricing.gap.pays', { pricing: pricingText(pricing, t) })];
  if (matters(gap.excessSpread) && gap.residualTo) {
    clauses.push(t('pricing.gap.spread', { spread: formatBp(gap.excessSpread), to: t(gap.residualTo === 'originator' ? 'pricing.gap.to.originator' : 'pricing.gap.to.subordinated') }));
  }
  const outside = [
    ...(matters(gap.outsideFees) ? [t('pricing.gap.outside.fees')] : []),
    ...(matters(gap.rail) ? [t('pricing.gap.outside.rail')] : []),
  ];
  if (outside.length) clauses.push(t('pricing.gap.outside', { amount: formatBp(gap.outsideFees + gap.rail), what: outside.join(t('pricing.gap.and')) }));
  clauses.push(`${t('pricing.gap.issuer')}${matters(gap.enhancementFees) ? t('pricing.gap.enhancement', { enhancement: formatBp(gap.enhancementFees) }) : ''}`);
  if (matters(gap.subsidy)) clauses.push(t('pricing.gap.subsidy', { subsidy: formatBp(gap.subsidy) }));
  return `${clauses.join(t('pricing.list.separator'))}${t('pricing.gap.end')}`;
}

/** The side-by-side rows: [label, before subsidy, after subsidy] for the firms, the issuer and the bank-loan baseline. */
export function costRows(d: Pick<DealCost, 'costGap' | 'baselineCostRate' | 'baselineSubsidyAdjustedCostRate' | 'baseline' | 'savingVsBaseline' | 'savingBeforeSubsidy'>, t: Translate): string[][] {
  return [
    [t('pricing.label.firms'), rate(d.costGap.firmsBeforeSubsidy), rate(d.costGap.firmsAfterSubsidy)],
    [t('pricing.label.issuer'), rate(d.costGap.issuer), t('pricing.label.notSubsidised')],
    [t('pricing.label.baseline'), rate(d.baselineCostRate), d.baseline.spec.subsidised ? rate(d.baselineSubsidyAdjustedCostRate) : `${rate(d.baselineSubsidyAdjustedCostRate)} (${t('pricing.label.notSubsidised')})`],
    [t('pricing.label.saving'), formatRate(d.savingBeforeSubsidy, 1), formatRate(d.savingVsBaseline, 1)],
  ];
}

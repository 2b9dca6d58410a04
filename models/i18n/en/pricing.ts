// English messages of the firms' cost (issue 10): base-case self-funding, pass-through pricing of
// the assets, and the labels of costs before and after subsidy.
export const pricing = {
  'pricing.list.separator': '; ',
  'pricing.baseCase.reliesOnEnhancement': 'relies on enhancement in the base case: {total} drawn with no defaults ({periods}); the firms\' payments do not cover the notes and fees — raise the assets\' rate or fees, lower the coupons, or price the pool "cost-plus"',
  'pricing.baseCase.drawPeriod': 'period {n} {date}: {from}',
  'pricing.baseCase.unpaid': 'leaves {total} unpaid after the final payment date in the base case (principal {principal}, interest {interest}, fees {fees})',
  'pricing.badge.reconciled': 'cash reconciled to the fen',
  'pricing.badge.notReconciled': 'cash does NOT reconcile',
  'pricing.badge.selfFunding': 'self-funding in the base case',
  'pricing.badge.reliesOnEnhancement': 'relies on enhancement in the base case: {total}',
  'pricing.badge.unpaid': 'leaves {total} unpaid in the base case',
  'pricing.badge.explain': '"Cash reconciled" means every fen is accounted for; "self-funding" means the firms\' payments alone pay every fee, coupon and the principal when nobody defaults (no enhancement drawn, nothing unpaid).',
  'pricing.schedule.reconciled': 'Cash reconciled to the fen in every period: {yes}',
  'pricing.schedule.selfFunding': 'Self-funding in the base case (no enhancement drawn, nothing unpaid): {yes}',
  'pricing.cli.yes': 'yes',
  'pricing.cli.no': 'NO',
  'pricing.cli.valid': '{file}: valid ({id})',
  'pricing.cli.validWithWarnings': '{file}: valid ({id}), {n} warning(s)',
  'pricing.cli.warning': 'warning: {message}',
  'pricing.editor.warnings': '{n} warning(s)',
  'pricing.editor.validWithWarnings': 'Valid ✓ with {n} warning(s)',
} as const;

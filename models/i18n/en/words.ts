// English words the model gives as data and pages, downloads and the CLI show: an enhancement's
// kind (as its id, as the English output always said it) and the grade below the idealized table.
export const words = {
  'words.kind.shortfall-undertaking': 'shortfall-undertaking',
  'words.kind.guarantee': 'guarantee',
  'words.kind.risk-compensation-fund': 'risk-compensation-fund',
  'words.kind.guarantee-insurance': 'guarantee-insurance',
  'words.kind.over-collateralization': 'over-collateralization',
  'words.kind.excess-spread': 'excess-spread',
  'words.kind.subordination': 'subordination',
  'words.belowLowest': 'Caa or below',
} as const;

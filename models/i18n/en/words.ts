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
  'words.festival.new-year': '元旦 New Year\'s Day',
  'words.festival.spring-festival': '春节 Spring Festival',
  'words.festival.qingming': '清明节 Qingming Festival',
  'words.festival.labour-day': '劳动节 Labour Day',
  'words.festival.dragon-boat': '端午节 Dragon Boat Festival',
  'words.festival.mid-autumn': '中秋节 Mid-Autumn Festival',
  'words.festival.national-day': '国庆节 National Day',
  'words.festival.mid-autumn-national-day': '国庆节、中秋节 National Day and Mid-Autumn Festival',
  'words.makeupOf': '调休上班日 make-up working day ({festival})',
} as const;

// English messages of the asset models: asset kinds, revolving pools and deal status, shelf
// programmes, and the library's grouping by asset model.
export const assets = {
  'assets.kind.licence-royalty': 'Licence-fee receivables',
  'assets.kind.loan': 'IP-pledged loans',
  'assets.kind.finance-lease': 'IP finance lease',
  'assets.kind.entrusted-loan': 'Entrusted / trust loans',
  'assets.kind.factoring': 'Factored receivables',
  'assets.model.licence': 'Licence fees',
  'assets.model.pledged-loan': 'Pledged-IP micro-loans',
  'assets.model.finance-lease': 'IP finance leases',
  'assets.model.entrusted-loan': 'Entrusted and trust loans',
  'assets.model.factoring': 'Factoring and supply-chain receivables',
  'assets.model.mixed': 'Mixed pools',
  'assets.agent.heldCash': 'Agent {id}: expected loss of the collections it held {loss} CNY, probability {p}',
  'assets.agent.row': '{id}: collections held by the loan agent',
} as const;

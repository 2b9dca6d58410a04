// The contractual cash flows of each pool asset, exact to the fen: what the trust is owed if
// nobody defaults. Each kind computes its own (models/pool/<kind>.ts); the engines map them onto
// the deal's payment periods.
import type { Decimal } from 'decimal.js';
import type { AssetDealView, AssetFlow } from './asset-kind.js';
import { assetKindOf, type AssetEntry as Asset } from './asset-registry.js';

export type { AssetFlow } from './asset-kind.js';
export { royaltyFlows } from './licence-royalty.js';
export { loanFlows, loanRateOn } from './loan.js';

export function assetFlows(asset: Asset): AssetFlow[] {
  return assetKindOf(asset).flows(asset);
}

/** What the trust pays for one obligor's asset: the firm's funding. */
export function assetPurchasePrice(asset: Asset): Decimal {
  return assetKindOf(asset).purchasePrice(asset);
}

/** Flows still owed to the trust at issue: loans bought seasoned skip what was paid before. */
export function flowsAfterIssue(deal: AssetDealView, asset: Asset): AssetFlow[] {
  return assetFlows(asset).filter((f) => f.date > deal.meta.issueDate);
}

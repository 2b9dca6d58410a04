// Every pool asset kind the deal format knows. Adding a kind: one new file, one line here.
import type { z } from 'zod';
import type { AssetKind } from './asset-kind.js';
import { licenceRoyalty } from './licence-royalty.js';
import { loan } from './loan.js';
import { financeLease } from './finance-lease.js';
import { entrustedLoan } from './entrusted-loan.js';
import { factoring } from './factoring.js';

export const assetKinds = [
  licenceRoyalty,
  loan,
  financeLease,
  entrustedLoan,
  factoring,
] as const;

export const assetSchemas = assetKinds.map((k) => k.schema) as unknown as [
  (typeof assetKinds)[number]['schema'],
  ...(typeof assetKinds)[number]['schema'][],
];

export type AssetEntry = z.output<(typeof assetKinds)[number]['schema']>;

export function assetKind(kind: string): AssetKind {
  const k = assetKinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown asset kind "${kind}" (allowed: ${assetKinds.map((x) => x.kind).join(', ')})`);
  return k as unknown as AssetKind;
}

/** The kind of one asset, to ask it about that asset: `assetKindOf(a).flows(a)`. */
export function assetKindOf(asset: { kind: string }): AssetKind {
  return assetKind(asset.kind);
}

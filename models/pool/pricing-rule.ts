// How the pool's assets are priced (资产定价规则), in the deal format as `pool.pricing`:
// - "fixed" (the default): the asset cash flows are as the deal file gives them;
// - "cost-plus" (成本加成): the firms pay what the notes cost. Each asset's rate (a loan) or fee
//   schedule (licence fees) is solved from the liabilities — every coupon, every running fee and
//   the principal in the base case — plus a margin in basis points a year or a target residual,
//   on the asset's own payment dates and day count (models/engine/pricing.ts solves it; each asset
//   kind says how its terms are set at a rate: AssetKind.costPlus).
import { z } from 'zod';
import { identifier, listOf, money, oneOf, strictObject, tagged } from '../deal/schema-helpers.js';
import { assetKindOf } from './asset-registry.js';

/** Basis points a year, never negative (a firm paying below the notes' cost is not cost-plus). */
function basisPoints(max: number) {
  const msg = (input: unknown) => (typeof input === 'number' && input < 0
    ? `must not be negative: a cost-plus margin is what the firms pay above the notes' cost, in basis points a year from 0 to ${max}, got ${input}`
    : `must be basis points a year from 0 to ${max}, got ${JSON.stringify(input)}`);
  return z.number({ error: (iss) => msg(iss.input) }).min(0, { error: (iss) => msg(iss.input) }).max(max, { error: (iss) => msg(iss.input) });
}

export const LICENCE_PRINCIPAL = ['bullet', 'equal'] as const;

export const pricingRuleSchema = tagged('rule', [
  strictObject({ rule: z.literal('fixed') }),
  strictObject({
    rule: z.literal('cost-plus'),
    /**
     * What the firms pay above the notes' cost: `bp` basis points a year over the break-even rate
     * (the lowest at which the base case pays everything with no enhancement drawn), or the lowest
     * rate that leaves at least `amount` yuan of residual (剩余收益) to the originator or the
     * subordinated holder in the base case.
     */
    margin: tagged('type', [
      strictObject({ type: z.literal('bp'), bp: basisPoints(2000) }),
      strictObject({ type: z.literal('residual'), amount: money() }),
    ] as const),
    /** Firms that pay more than the pool rate (risk-based pricing), in basis points a year. */
    spreads: listOf(strictObject({ obligor: identifier(), bp: basisPoints(2000) }), 0, 100_000).optional(),
    /** Licence fees: the price is repaid with the last fee ("bullet", the default) or in equal parts with every fee. */
    licencePrincipal: oneOf(LICENCE_PRINCIPAL).optional(),
  }),
] as const);
export type PricingRule = z.output<typeof pricingRuleSchema>;
export type CostPlusRule = Extract<PricingRule, { rule: 'cost-plus' }>;

/** The deal's cost-plus rule, or null when its assets are priced as given. */
export function costPlusRule(pool: { pricing?: PricingRule | undefined }): CostPlusRule | null {
  return pool.pricing?.rule === 'cost-plus' ? pool.pricing : null;
}

/** Checks of a pricing rule against the pool, as [path, message]: kinds that cannot be priced, unknown firms. */
export function pricingRuleProblems(pool: { pricing?: PricingRule | undefined; obligors: ReadonlyArray<{ id: string; asset: { kind: string } }> }): Array<[string, string]> {
  const rule = costPlusRule(pool);
  if (!rule) return [];
  const out: Array<[string, string]> = [];
  pool.obligors.forEach((o, i) => {
    const kind = assetKindOf(o.asset);
    if (!kind.costPlus) {
      out.push([`pool.obligors[${i}].asset.kind`, `the "${o.asset.kind}" asset kind does not support pool.pricing "cost-plus" (its terms cannot be solved from the notes); price the pool "fixed" or use a kind that does`]);
      return;
    }
    for (const [p, m] of kind.costPlus.problems(o.asset)) out.push([`pool.obligors[${i}].asset.${p}`, m]);
  });
  const ids = new Map(pool.obligors.map((o, i) => [o.id, i]));
  const seen = new Set<string>();
  (rule.spreads ?? []).forEach((s, k) => {
    if (!ids.has(s.obligor)) out.push([`pool.pricing.spreads[${k}].obligor`, `must be the id of a firm in pool.obligors, got "${s.obligor}"`]);
    else if (seen.has(s.obligor)) out.push([`pool.pricing.spreads[${k}].obligor`, `"${s.obligor}" already has a spread; give each firm at most one`]);
    seen.add(s.obligor);
  });
  return out;
}

// 优先/次级 subordination: the tranches junior to the protected one absorb losses first. Not a
// counterparty and not drawn: a view over the deal's tranche balances, so the compare page and
// the sizing solver can speak of "subordination" beside guarantees and funds.
import { z } from 'zod';
import { identifier, strictObject, text } from '../deal/schema-helpers.js';
import type { DealView, EnhancementKind, Protection } from './common.js';

const schema = strictObject({
  id: identifier(),
  name: text(200).optional(),
  nameZh: text(200).optional(),
  kind: z.literal('subordination'),
  /** The tranche the subordination protects (usually the senior class). */
  protects: identifier(),
});
export type Subordination = z.output<typeof schema>;

type TrancheView = DealView['liabilities']['tranches'][number];

/**
 * Share of all notes that is junior to (a larger seniority number than) the protected tranche:
 * the pool can lose this share of the notes' principal before the protected tranche loses any.
 */
export function subordinationShare(tranches: ReadonlyArray<TrancheView>, protectedId: string): number {
  const t = tranches.find((x) => x.id === protectedId);
  if (!t) throw new Error(`protects: unknown tranche "${protectedId}" (tranches: ${tranches.map((x) => `"${x.id}"`).join(', ') || 'none'})`);
  let total = 0;
  let junior = 0;
  for (const x of tranches) {
    const b = Number(x.balance);
    total += b;
    if (x.seniority > t.seniority) junior += b;
  }
  return total > 0 ? junior / total : 0;
}

export const subordination: EnhancementKind<typeof schema> = {
  kind: 'subordination',
  label: 'Subordination',
  labelZh: '优先/次级分层',
  schema,
  parties: () => [],
  protects: (e) => e.protects,
  protection: (e, deal): Protection => ({
    share: subordinationShare(deal.liabilities.tranches, e.protects),
    basis: `tranches junior to "${e.protects}" / all notes`,
  }),
  checkInDeal: (e, deal) => {
    const ts = deal.liabilities.tranches;
    const t = ts.find((x) => x.id === e.protects);
    if (!t) return [['protects', `unknown tranche "${e.protects}" (tranches: ${ts.map((x) => `"${x.id}"`).join(', ')})`]];
    if (!ts.some((x) => x.seniority > t.seniority)) return [['protects', `no tranche is junior to "${e.protects}" (seniority ${t.seniority}), so it has no subordination`]];
    return [];
  },
};

// 担保 guarantee: one or several guarantors share each call in fixed ratios, each up to its own cap
// (e.g. the Yuhang deal's municipal and district guarantors, 市级 + 区级).
import { z } from 'zod';
import { fraction, identifier, listOf, strictObject, text } from '../deal/schema-helpers.js';
import { capacity, capacityOrNull, enhancementBase, issuerGrade, type EnhancementKind } from './common.js';

const guarantorSchema = strictObject({
  id: identifier(),
  name: text(200),
  nameZh: text(200).optional(),
  /** Share of each call this guarantor pays; the shares add to 1. */
  share: fraction(),
  capacity: capacity(),
  annualDefaultProbability: fraction(),
  sector: text(100).optional(),
  /** Its own domestic rating (credit substitution in the domestic rating). */
  domesticRating: issuerGrade().optional(),
});

const schema = strictObject({
  ...enhancementBase,
  kind: z.literal('guarantee'),
  guarantors: listOf(guarantorSchema, 1, 10),
});

export const guarantee: EnhancementKind<typeof schema> = {
  kind: 'guarantee',
  label: 'Guarantee',
  labelZh: '担保',
  schema,
  parties: (e) => e.guarantors.map((g) => ({
    id: g.id,
    name: g.name,
    share: g.share,
    capacity: capacityOrNull(g.capacity),
    annualDefaultProbability: g.annualDefaultProbability,
    sector: g.sector,
    domesticRating: g.domesticRating,
  })),
  capacityLever: {
    what: 'guarantee-cap',
    label: 'guarantee cap',
    withCaps: (e, caps) => ({ ...e, guarantors: e.guarantors.map((g, i) => ({ ...g, capacity: caps[i]! })) }),
  },
  partyRole: 'guarantor',
  check: (e) => {
    const total = e.guarantors.reduce((s, g) => s + g.share, 0);
    return Math.abs(total - 1) > 1e-9
      ? [['guarantors', `shares must add to 1 (100%), got ${+total.toFixed(10)}`]]
      : [];
  },
};

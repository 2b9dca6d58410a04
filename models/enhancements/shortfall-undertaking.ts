// 差额支付承诺 shortfall-payment undertaking: the undertaker pays whatever the trust lacks to meet
// the covered fees, note interest and principal on a payment date, up to its capacity.
import { z } from 'zod';
import { strictObject } from '../deal/schema-helpers.js';
import { capacity, capacityOrNull, enhancementBase, providerSchema, type EnhancementKind } from './common.js';

const schema = strictObject({
  ...enhancementBase,
  kind: z.literal('shortfall-undertaking'),
  provider: providerSchema,
  capacity: capacity(),
});

export const shortfallUndertaking: EnhancementKind<typeof schema> = {
  kind: 'shortfall-undertaking',
  label: 'Shortfall-payment undertaking',
  labelZh: '差额支付承诺',
  schema,
  parties: (e) => [{
    id: e.provider.id,
    name: e.provider.name,
    share: 1,
    capacity: capacityOrNull(e.capacity),
    annualDefaultProbability: e.provider.annualDefaultProbability,
    sector: e.provider.sector,
    domesticRating: e.provider.domesticRating,
  }],
  capacityLever: {
    what: 'undertaking-capacity',
    label: 'shortfall-undertaking capacity',
    withCaps: (e, caps) => ({ ...e, capacity: caps[0]! }),
  },
  partyRole: 'undertaker',
};

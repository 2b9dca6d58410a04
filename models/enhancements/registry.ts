// Every enhancement kind the deal format knows. Adding a kind: one new file, one line here.
import type { z } from 'zod';
import type { EnhancementKind } from './common.js';
import { shortfallUndertaking } from './shortfall-undertaking.js';
import { guarantee } from './guarantee.js';
import { riskCompensationFund } from './risk-compensation-fund.js';
import { guaranteeInsurance } from './guarantee-insurance.js';
import { overCollateralization } from './over-collateralization.js';
import { excessSpread } from './excess-spread.js';
import { subordination } from './subordination.js';

export const enhancementKinds = [
  shortfallUndertaking,
  guarantee,
  riskCompensationFund,
  guaranteeInsurance,
  overCollateralization,
  excessSpread,
  subordination,
] as const;

export const enhancementSchemas = enhancementKinds.map((k) => k.schema) as unknown as [
  (typeof enhancementKinds)[number]['schema'],
  ...(typeof enhancementKinds)[number]['schema'][],
];

export type EnhancementEntry = z.output<(typeof enhancementKinds)[number]['schema']>;

export function enhancementKind(kind: string): EnhancementKind {
  const k = enhancementKinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown enhancement kind "${kind}" (allowed: ${enhancementKinds.map((x) => x.kind).join(', ')})`);
  return k as unknown as EnhancementKind;
}

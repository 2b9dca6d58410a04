// Every stress-scenario kind the catalogue knows. Adding a kind: one new file, one line here.
import type { z } from 'zod';
import type { StressKind } from './common.js';
import { defaultTiming } from './default-timing.js';
import { recoveryHaircut } from './recovery-haircut.js';
import { recoveryDelay } from './recovery-delay.js';
import { prepayment } from './prepayment.js';
import { spreadCompression } from './spread-compression.js';
import { rateRise } from './rate-rise.js';
import { revolvingPurchaseCut } from './revolving-purchase-cut.js';

export const stressKinds = [
  defaultTiming,
  recoveryHaircut,
  recoveryDelay,
  prepayment,
  spreadCompression,
  rateRise,
  revolvingPurchaseCut,
] as const;

export const stressSchemas = stressKinds.map((k) => k.schema) as unknown as [
  (typeof stressKinds)[number]['schema'],
  ...(typeof stressKinds)[number]['schema'][],
];

export type StressEntry = z.output<(typeof stressKinds)[number]['schema']>;

export function stressKind(kind: string): StressKind {
  const k = stressKinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown stress kind "${kind}" (allowed: ${stressKinds.map((x) => x.kind).join(', ')})`);
  return k as unknown as StressKind;
}

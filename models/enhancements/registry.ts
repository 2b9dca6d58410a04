// Every enhancement kind the deal format knows. Adding a kind: one new file, one line here.
import type { z } from 'zod';
import type { EnhancementKind } from './common.js';
import { shortfallUndertaking } from './shortfall-undertaking.js';
import { guarantee } from './guarantee.js';

export const enhancementKinds = [
  shortfallUndertaking,
  guarantee,
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

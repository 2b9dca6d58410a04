// The deal format as JSON Schema (docs/deal.schema.json, `ipabs schema`, GET /api/schema),
// generated from the one zod definition in schema.ts.
import { z } from 'zod';
import { dealSchema } from './schema.js';

export function dealJsonSchema(): unknown {
  return z.toJSONSchema(dealSchema, { io: 'input', unrepresentable: 'any' });
}

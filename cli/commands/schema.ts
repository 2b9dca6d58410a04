import { z } from 'zod';
import { dealSchema } from '../../models/deal/schema.js';
import type { Io } from '../io.js';


export function dealJsonSchema(): unknown {
  return z.toJSONSchema(dealSchema, { io: 'input', unrepresentable: 'any' });
}

export function schemaCommand(_argv: string[], io: Io): number {
  io.out(JSON.stringify(dealJsonSchema(), null, 2));
  return 0;
}

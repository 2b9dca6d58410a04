import { dealJsonSchema } from '../../models/deal-format/json-schema.js';
import type { Io } from '../io.js';

export function schemaCommand(_argv: string[], io: Io): number {
  io.out(JSON.stringify(dealJsonSchema(), null, 2));
  return 0;
}

// Reading a JSON request body: every API route that takes one starts here.
import type { Request } from 'express';
import { HttpError } from './http-errors.js';
import { listEchoed } from '../models/deal/schema-helpers.js';

/** The body must be a JSON object (express.json only parses application/json). */
export function jsonBody(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  if (b === undefined) throw new HttpError(415, 'body: send JSON with Content-Type: application/json');
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new HttpError(400, `body: must be a JSON object, got ${Array.isArray(b) ? 'an array' : b === null ? 'null' : typeof b}`);
  return b as Record<string, unknown>;
}

/** Reject fields the route does not know, naming the allowed ones. */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length) throw new HttpError(400, `body: unknown field ${listEchoed(extra)} (allowed: ${allowed.join(', ')})`);
}

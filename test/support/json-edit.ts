// Edit a JSON document by JSON Pointer, for tests that break one field of a valid deal.
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** A deep copy of `doc` with each pointer set to its value (undefined deletes the field). */
export function withChanges(doc: unknown, changes: Record<string, unknown>): JsonValue {
  const copy = structuredClone(doc) as JsonValue;
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = pointer.split('/').slice(1);
    const last = keys.pop();
    let cur: unknown = copy;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object') throw new Error(`withChanges: ${pointer} does not exist`);
      cur = (cur as Record<string, unknown>)[k];
    }
    if (cur === null || typeof cur !== 'object' || last === undefined) throw new Error(`withChanges: ${pointer} does not exist`);
    const obj = cur as Record<string, unknown>;
    if (value === undefined) delete obj[last];
    else obj[last] = value;
  }
  return copy;
}

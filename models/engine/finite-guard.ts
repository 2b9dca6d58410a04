// No NaN or Infinity ever leaves an engine. A number that is not finite in a result is a defect (a
// 0/0 the validator should have refused, an overflow): reporting it would show "NaN" in a table,
// write it to a CSV and let a web run end "done". The guard walks the result once at the engine's
// exit and turns the first such number into a named error, which the CLI prints and a web run
// reports as "failed" with this message.
import { GUARD_TEXT } from '../deal/problem-text.js';

export class NonFiniteResultError extends Error {
  constructor(readonly engine: string, readonly path: string, readonly value: number) {
    super(GUARD_TEXT.notFinite(engine, path, value));
    this.name = 'NonFiniteResultError';
  }
}

/** Where the first NaN or ±Infinity in `value` sits (e.g. `totals.collections`), or null. */
export function firstNonFinite(value: unknown): { path: string; value: number } | null {
  // An explicit stack: a result is never deep, but the guard must not be the thing that overflows.
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { path: path || '(result)', value: v };
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const arr = v as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < arr.length; i++) {
        const x = arr[i];
        if (typeof x === 'number' && !Number.isFinite(x)) return { path: `${path}[${i}]`, value: x };
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push([x, path ? `${path}.${k}` : k]);
      }
    }
  }
  return null;
}

/** `result` itself if every number in it is finite; else a NonFiniteResultError naming the first one. */
export function assertFiniteResult<T>(engine: string, result: T): T {
  const bad = firstNonFinite(result);
  if (bad) throw new NonFiniteResultError(engine, bad.path, bad.value);
  return result;
}

// A small, strict argument parser: unknown flags are errors, never ignored.
import { cpus } from 'node:os';
import { clip, echo } from '../models/format.js';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], known: Record<string, 'bool' | 'value'>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option --${clip(name)} (allowed: ${Object.keys(known).map((k) => `--${k}`).join(', ') || 'none'})`);
    if (kind === 'bool') { flags.set(name, true); continue; }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`option --${clip(name)} needs a value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Most threads `--threads` may ask for (the engine's MAX_THREADS; not imported, so the parser loads no engine). */
export const MAX_THREADS_FLAG = 64;

/** `--threads all`: a thread per core. */
export const allCores = (): number => Math.max(1, cpus().length);

/** `--threads N` (1 … MAX_THREADS_FLAG) or `--threads all`; 1 when left out. */
export function threadsFrom(args: ParsedArgs): number {
  return flagString(args, 'threads') === 'all' ? allCores() : flagInt(args, 'threads', 1, 1, MAX_THREADS_FLAG);
}

/** A whole-number flag within [lo, hi]; a clear message otherwise. */
export function flagInt(args: ParsedArgs, name: string, dflt: number, lo: number, hi: number): number {
  const v = flagString(args, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < lo || n > hi) {
    throw new UsageError(`--${name}: must be a whole number between ${lo} and ${hi}, got ${echo(v)}`);
  }
  return n;
}

// Read a deal file from disk and validate it.
import { readFileSync } from 'node:fs';
import { validateDealText, type Problem, type ValidationResult } from './validate.js';
import { printable } from '../format.js';

/** The text of a deal (or programme) file, or a problem naming the file when it cannot be read. */
export function readDealText(path: string): { ok: true; text: string } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [{ path: '', message: code === 'ENOENT' ? `no such file: ${printable(path)}` : `cannot read ${printable(path)}: ${(err as Error).message}` }] };
  }
}

export function loadDealFile(path: string): ValidationResult {
  const r = readDealText(path);
  return r.ok ? validateDealText(r.text) : r;
}

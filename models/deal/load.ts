// Read a deal file from disk and validate it.
import { readFileSync } from 'node:fs';
import { validateDealText, type ValidationResult } from './validate.js';
import { printable } from '../format.js';

export function loadDealFile(path: string): ValidationResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problems: [{ path: '', message: code === 'ENOENT' ? `no such file: ${printable(path)}` : `cannot read ${printable(path)}: ${(err as Error).message}` }] };
  }
  return validateDealText(text);
}

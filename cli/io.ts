// Where the CLI writes: injectable so tests can capture output.
import { renameSync, writeFileSync } from 'node:fs';
import type { Lang } from '../models/i18n/index.js';
import { printable } from '../models/format.js';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  writeFile(path: string, data: string): void;
  /** Binary files (an Excel workbook), written the same way. */
  writeBytes(path: string, data: Uint8Array): void;
  /** The language of the words printed (main sets it from --lang or LANG). */
  lang?: Lang;
}

// `ipabs … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

function writeAtomically(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export const processIo: Io = {
  // A deal or file name with ANSI escapes or other control characters must not act on the
  // terminal: they are printed escaped (line feeds and tabs the commands laid out pass through).
  out: (s) => process.stdout.write(`${printable(s, true)}\n`),
  err: (s) => process.stderr.write(`${printable(s, true)}\n`),
  // Write beside the target, then rename: an interrupted run never leaves half a file in its place.
  writeFile: (path, data) => writeAtomically(path, data),
  writeBytes: (path, data) => writeAtomically(path, data),
};

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
  /** A secret typed without echo on a terminal, else the next line of standard input. */
  readSecret?(prompt: string): Promise<string>;
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
  readSecret,
};

let pipedLines: Promise<string[]> | null = null;

/** Ask on the terminal with echo off; from a pipe, take the next line. */
function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    pipedLines ??= (async () => {
      let text = '';
      for await (const chunk of stdin) text += String(chunk);
      return text.split(/\r?\n/);
    })();
    return pipedLines.then((lines) => lines.shift() ?? '');
  }
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') { process.stderr.write('\n'); process.exit(130); }
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

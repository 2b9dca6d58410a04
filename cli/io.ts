// Where the CLI writes: injectable so tests can capture output.
import { writeFileSync } from 'node:fs';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  writeFile(path: string, data: string): void;
}

export const processIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  writeFile: (path, data) => writeFileSync(path, data),
};

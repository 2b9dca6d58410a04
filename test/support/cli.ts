// Run the ipabs command line in-process and capture what it prints and the files it would write.
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';

export interface CliRun { code: number; out: string; err: string; files: Record<string, string>; bytes: Record<string, Uint8Array> }

export async function ipabs(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const files: Record<string, string> = {};
  const bytes: Record<string, Uint8Array> = {};
  const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), writeFile: (p, d) => { files[p] = d; }, writeBytes: (p, d) => { bytes[p] = d; } };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), files, bytes };
}

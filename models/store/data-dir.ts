// Where saved deals, the deal index and the accounts live: IPABS_DATA_DIR, else ./data in the
// project. One definition for the server and the CLI (`ipabs user` edits the server's accounts).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.IPABS_DATA_DIR ? resolve(env.IPABS_DATA_DIR) : fileURLToPath(new URL('../../data', import.meta.url));
}

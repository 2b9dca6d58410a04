// Where saved deals, the deal index and the accounts live: IPABS_DATA_DIR, else data/ in the
// project (the folder with package.json, whether the code runs from source or from dist/). One
// definition for the server and the CLI (`ipabs user` edits the server's accounts).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IPABS_DATA_DIR) return resolve(env.IPABS_DATA_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, 'data');
}

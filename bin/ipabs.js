#!/usr/bin/env node
// Entry point for `npx ipabs`: runs the compiled CLI in dist/ (built by `npm install` through the
// package's `prepare` script, or by `npm run build`), so no TypeScript is compiled at start-up.
let cli;
try {
  cli = await import('../dist/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli/main.js')) throw err;
  console.error('ipabs: the compiled command line (dist/cli/main.js) is missing; run `npm run build` (`npm install` builds it)');
  process.exit(2);
}
process.exitCode = await cli.main(process.argv.slice(2));

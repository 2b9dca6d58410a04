// `npm start`: serve the web app on PORT (default 3000) with the shipped scenarios and the
// user deals under IPABS_DATA_DIR (default ./data). On 127.0.0.1 only, unless IPABS_HOST opens it
// to the network — and then in team mode, where everyone signs in (docs/security.md).
import { createServer } from 'node:http';
import { configFromEnv } from './config.js';
import { createApp } from './app.js';

let config;
try {
  config = configFromEnv();
} catch (err) {
  console.error(`ipabs server: ${(err as Error).message}`);
  process.exit(2);
}
const { app, ctx, close } = createApp(config);
if (config.team) {
  // A shared server nobody can sign in to would be no use: say how to make the first account.
  const accounts = await ctx.auth.accounts.all().catch((err: unknown) => {
    console.error(`ipabs server: ${(err as Error).message}`);
    process.exit(2);
  });
  if (accounts.length === 0) {
    console.error(`ipabs server: IPABS_HOST is set, so everyone must sign in, but ${config.dataDir} has no account yet.\nCreate one first:  npx ipabs user add NAME --role admin --data-dir ${config.dataDir}`);
    process.exit(2);
  }
}
// A worker thread with the engines loaded waits for the first run (it starts in well under a second).
ctx.runs.warmUp();
// The library's index is read and the shipped scenarios summarized before the first visitor.
void ctx.library.index.warm().catch(() => undefined);
const server = createServer(app);
server.listen(config.port, config.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const where = config.team ? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/ — team mode: sign-in required` : `http://localhost:${port}/ (local mode: 127.0.0.1 only, no sign-in; set IPABS_HOST to share it)`;
  console.log(`ipabs web app on ${where} (deals: ${config.scenariosDir}, saved deals: ${config.dataDir})`);
});
server.on('error', (err) => {
  console.error(`ipabs server: cannot listen on ${config.host} port ${config.port}: ${err.message}`);
  process.exit(1);
});

// Keep serving other requests if one handler fails outside Express's reach.
process.on('uncaughtException', (err) => console.error('uncaught exception (server keeps running):', err));
process.on('unhandledRejection', (err) => console.error('unhandled rejection (server keeps running):', err));

const shutdown = () => {
  void close().finally(() => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// `npm start`: serve the web app on PORT (default 3000) with the shipped scenarios and the
// user deals under IPABS_DATA_DIR (default ./data).
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
// A worker thread with the engines loaded waits for the first run (it starts in well under a second).
ctx.runs.warmUp();
const server = createServer(app);
server.listen(config.port, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  console.log(`ipabs web app on http://localhost:${port}/ (deals: ${config.scenariosDir}, saved deals: ${config.dataDir})`);
});
server.on('error', (err) => {
  console.error(`ipabs server: cannot listen on port ${config.port}: ${err.message}`);
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

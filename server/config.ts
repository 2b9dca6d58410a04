// Server settings: from the environment for `npm start`, from an object in tests.
import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultUserLimits, type UserLimits } from './auth/limits.js';
import { defaultDataDir } from '../models/store/data-dir.js';

export interface Limits {
  /** Largest request body express.json accepts (a deal with many obligors is a few MB). */
  bodyBytes: number;
  /** Monte Carlo paths per run. */
  minPaths: number;
  maxPaths: number;
  /** Obligors in a deal's pool for a Monte Carlo run (pool size). */
  maxPoolSize: number;
  /** Paths per trial of a sizing search (each search runs some tens of trials). */
  maxSizingPaths: number;
  /** Deals on the compare page. */
  minCompare: number;
  maxCompare: number;
}

export interface ServerConfig {
  port: number;
  /** Interface to listen on: 127.0.0.1 unless IPABS_HOST opens it (docs/security.md). */
  host: string;
  /** Team mode: accounts, login, roles and per-user limits (on whenever IPABS_HOST is set). */
  team: boolean;
  /** Express "trust proxy" (IPABS_TRUST_PROXY): behind a TLS reverse proxy, so Secure cookies and client addresses are right. */
  trustProxy: boolean | string;
  /** How long a sign-in lasts. */
  sessionHours: number;
  /** Per-account limits of the team mode. */
  userLimits: UserLimits;
  /** Where user-saved deals live (`IPABS_DATA_DIR`, default ./data). */
  dataDir: string;
  /** The shipped deals (read-only). */
  scenariosDir: string;
  /** Runs executing at once; more wait in a queue. */
  maxConcurrentRuns: number;
  /** Runs allowed to wait; beyond that a new run is refused with 429. */
  maxQueuedRuns: number;
  /**
   * Finished runs kept (in `<dataDir>/runs/`, so they survive a restart) for their results:
   * at most this many, the oldest deleted first (`IPABS_KEEP_RUNS`)…
   */
  keptRuns: number;
  /** …and none older than this many days since it finished (`IPABS_KEEP_RUN_DAYS`). */
  keptRunDays: number;
  /** Keep runs on disk across restarts (tests of the queue alone may turn it off). */
  persistRuns: boolean;
  /** Threads each run may use inside its worker (the Monte Carlo engine's own option). */
  threadsPerRun: number;
  limits: Limits;
  /**
   * The engine modules a run's worker thread imports (by file: a worker cannot be handed a
   * function): simulate(), sizeEnhancement(), sensitivityGrid() and optimizeDesign() of the library. Tests point one
   * at a stand-in with the same export to exercise the run queue.
   */
  simulateModule: string;
  sizingModule: string;
  sensitivityModule: string;
  designModule: string;
}

const thisFile = fileURLToPath(import.meta.url);

/**
 * Where the running code lives: the project root when it runs from source under tsx (tests,
 * `npm run dev`), or dist/ when it runs from the build (`npm start`, `ipabs`). Modules the server
 * loads by path (engines, worker threads) are found here, with the running code's extension.
 */
export const codeRoot = resolve(dirname(thisFile), '..');
export const codeExtension = extname(thisFile);

/** A module of the running code by its source path from the project root ('models/x/y.ts'). */
export function codeModule(sourcePath: string): string {
  return resolve(codeRoot, sourcePath.replace(/\.ts$/, codeExtension));
}

/** The folder with package.json: views/, public/, scenarios/ and data/ are found from here, whether the code runs from source or from dist/. */
export const projectRoot = findProjectRoot(codeRoot);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const defaultLimits: Limits = {
  bodyBytes: 2 * 1024 * 1024,
  minPaths: 100,
  maxPaths: 200_000,
  maxPoolSize: 5_000,
  maxSizingPaths: 50_000,
  minCompare: 2,
  maxCompare: 4,
};

/** Settings to change from the defaults; limits may be given in part. */
export type ConfigOverrides = Partial<Omit<ServerConfig, 'limits'>> & { limits?: Partial<Limits> };

export function defaultConfig(overrides: ConfigOverrides = {}): ServerConfig {
  return {
    port: 3000,
    host: '127.0.0.1',
    team: false,
    trustProxy: false,
    sessionHours: 12,
    userLimits: defaultUserLimits,
    dataDir: defaultDataDir({}),
    scenariosDir: resolve(projectRoot, 'scenarios'),
    maxConcurrentRuns: 2,
    maxQueuedRuns: 20,
    keptRuns: 200,
    keptRunDays: 30,
    persistRuns: true,
    threadsPerRun: 1,
    simulateModule: codeModule('models/montecarlo/simulate.ts'),
    sizingModule: codeModule('models/sizing/solve.ts'),
    sensitivityModule: codeModule('models/montecarlo/sensitivity.ts'),
    designModule: codeModule('models/design/optimize.ts'),
    ...overrides,
    limits: { ...defaultLimits, ...overrides.limits },
  };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, lo: number, hi: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < lo || n > hi) {
    throw new Error(`${name}: must be a whole number between ${lo} and ${hi}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * Settings for `npm start`: PORT, IPABS_DATA_DIR, IPABS_MAX_RUNS, IPABS_MAX_QUEUE, IPABS_MAX_PATHS,
 * IPABS_RUN_THREADS, IPABS_KEEP_RUNS, IPABS_KEEP_RUN_DAYS; sharing (docs/security.md): IPABS_HOST,
 * IPABS_TRUST_PROXY, IPABS_SESSION_HOURS, IPABS_USER_SAVES_PER_MINUTE, IPABS_USER_STORAGE_MB,
 * IPABS_USER_RUNS.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const base = defaultConfig();
  const host = (env.IPABS_HOST ?? '').trim();
  if (host !== '' && !/^[A-Za-z0-9.:[\]%-]{1,255}$/.test(host)) {
    throw new Error(`IPABS_HOST: must be an address or host name to listen on (e.g. 0.0.0.0, 192.168.1.20, ::), got ${JSON.stringify(host.slice(0, 80))}`);
  }
  const proxy = (env.IPABS_TRUST_PROXY ?? '').trim();
  return defaultConfig({
    port: intFromEnv(env, 'PORT', 0, 65535, 3000),
    host: host || base.host,
    team: host !== '',
    trustProxy: proxy === '' || proxy === 'false' || proxy === '0' ? false : proxy === 'true' || proxy === '1' ? true : proxy,
    sessionHours: intFromEnv(env, 'IPABS_SESSION_HOURS', 1, 24 * 30, base.sessionHours),
    userLimits: {
      savesPerMinute: intFromEnv(env, 'IPABS_USER_SAVES_PER_MINUTE', 1, 10_000, base.userLimits.savesPerMinute),
      storageBytes: intFromEnv(env, 'IPABS_USER_STORAGE_MB', 1, 1_000_000, base.userLimits.storageBytes / (1024 * 1024)) * 1024 * 1024,
      activeRuns: intFromEnv(env, 'IPABS_USER_RUNS', 1, 1_000, base.userLimits.activeRuns),
    },
    dataDir: defaultDataDir(env),
    maxConcurrentRuns: intFromEnv(env, 'IPABS_MAX_RUNS', 1, 64, base.maxConcurrentRuns),
    maxQueuedRuns: intFromEnv(env, 'IPABS_MAX_QUEUE', 0, 10_000, base.maxQueuedRuns),
    threadsPerRun: intFromEnv(env, 'IPABS_RUN_THREADS', 1, 64, base.threadsPerRun),
    keptRuns: intFromEnv(env, 'IPABS_KEEP_RUNS', 1, 100_000, base.keptRuns),
    keptRunDays: intFromEnv(env, 'IPABS_KEEP_RUN_DAYS', 1, 3650, base.keptRunDays),
    limits: { ...defaultLimits, maxPaths: intFromEnv(env, 'IPABS_MAX_PATHS', 1000, 10_000_000, defaultLimits.maxPaths) },
  });
}

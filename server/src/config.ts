// Typed settings from the environment. Every setting is listed here with its default and documented in the
// README; a bad value stops start-up with one line naming the variable.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Config {
  mode: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  dbPoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  seedDemo: boolean;
  workerInProcess: boolean;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  metricsToken: string | undefined;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}="${raw}" không hợp lệ: cần một số nguyên từ ${min} đến ${max}.`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name}="${raw}" không hợp lệ: cần true hoặc false.`);
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}="${raw}" không hợp lệ: cần một trong ${values.join(', ')}.`);
  }
  return raw as T;
}

function url(env: Env, name: string, fallback: string | undefined, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} không phải là một địa chỉ URL hợp lệ.`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} phải dùng giao thức ${protocols.join(' hoặc ')}.`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf(env, 'CONGSO_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = mode === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    mode,
    host,
    port,
    publicUrl: url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) as string,
    databaseUrl: url(env, 'DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    dataDir: env.DATA_DIR || `${REPO_ROOT}data`,
    filesDir: env.FILES_DIR || `${env.DATA_DIR || `${REPO_ROOT}data`}/files`,
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    seedDemo: flag(env, 'SEED_DEMO', !production),
    workerInProcess: flag(env, 'WORKER_IN_PROCESS', true),
    cookieSecure: flag(env, 'COOKIE_SECURE', production),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 20, 1, 100_000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    metricsToken: env.METRICS_TOKEN || undefined,
  };
  if (production) refuseInsecureProduction(config);
  return config;
}

// Production refuses what is only acceptable on a developer's machine. Demo passwords are checked against the
// database at start-up (see main.ts), since only the database knows them.
function refuseInsecureProduction(config: Config): void {
  if (config.seedDemo) throw new ConfigError('SEED_DEMO=true bị từ chối khi CONGSO_ENV=production.');
  if (!config.cookieSecure) throw new ConfigError('COOKIE_SECURE=false bị từ chối khi CONGSO_ENV=production.');
  if (!config.publicUrl.startsWith('https://')) {
    throw new ConfigError('PUBLIC_URL phải dùng https khi CONGSO_ENV=production.');
  }
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL là bắt buộc khi CONGSO_ENV=production (PGlite chỉ dành cho thử nghiệm).');
  }
}

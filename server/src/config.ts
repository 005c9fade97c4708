// Typed settings from the environment. Every setting is listed here with its default and documented in the
// README; a bad value stops start-up with one line naming the variable.
import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { DEFAULT_CODE_PATTERN, parseCodePattern } from './modules/dossiers/code.ts';

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
  /** With the demo province, a few hundred dossiers driven through the service (about a minute, once). */
  seedDemoDossiers: boolean;
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
  /** The default of the operational setting `dossier.codePattern`: read it through modules/settings. */
  dossierCodePattern: string;
  /** The default of the operational setting `dossier.dueSoonHours`: read it through modules/settings. */
  dossierDueSoonHours: number;
  dossierDeadlineScanSeconds: number;
  signingMasterKey: Secret;
  /** DER certificates that verification trusts (TRUST_ANCHORS_DIR). */
  trustAnchors: readonly Uint8Array[];
  tsaUrl: string | undefined;
  verifyMaxBytes: number;
  verifyRatePerMinute: number;
  /** Public dossier tracking look-ups per minute and address (TRACKING_RATE_PER_MINUTE). */
  trackingRatePerMinute: number;
  remoteSigningTimeoutMs: number;
  /** SMTP_URL; unset, mail is logged instead of sent (refused in production). It may hold a password. */
  smtpUrl: Secret | undefined;
  mailFrom: string;
  /** The national identity provider (VNeID / national portal SSO); unset, its sign-in routes answer 503. */
  oidc: OidcSettings | undefined;
  /** An S3-compatible object store for files instead of FILES_DIR; all of FILES_S3_* or none. */
  filesS3: S3Settings | undefined;
  /** The names of the variables the environment gave a value (the settings page says which were set). */
  setVariables: ReadonlySet<string>;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: Secret;
  redirectUri: string;
  /** The claim that carries the personal identity number (the provider's name for it is not published (?)). */
  identityClaim: string;
}

export interface S3Settings {
  /** Path-style: objects are at `endpoint/bucket/key`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: Secret;
}

/** Key material that must never reach a log: printed as JSON, as a string or with util.inspect, it shows nothing. */
export class Secret {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  reveal(): Buffer {
    return this.#bytes;
  }
  toJSON(): string {
    return '[ẩn]';
  }
  toString(): string {
    return '[ẩn]';
  }
  [inspect.custom](): string {
    return '[ẩn]';
  }
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

function secretUrl(env: Env, name: string, protocols: string[]): Secret | undefined {
  const raw = url(env, name, undefined, protocols);
  return raw === undefined ? undefined : new Secret(Buffer.from(raw));
}

function codePattern(env: Env, name: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return DEFAULT_CODE_PATTERN;
  const pattern = parseCodePattern(raw);
  if (typeof pattern === 'string') throw new ConfigError(`${name}="${raw}" không hợp lệ: ${pattern}`);
  return raw;
}

function mailFrom(env: Env, publicUrl: string): string {
  const raw = env.MAIL_FROM;
  if (raw === undefined || raw === '') return `Cổng dịch vụ công <no-reply@${new URL(publicUrl).hostname}>`;
  if (!/^(?:[^<>@]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw)) {
    throw new ConfigError(`MAIL_FROM="${raw}" không hợp lệ: cần dạng "Tên <dia.chi@mien>" hoặc "dia.chi@mien".`);
  }
  return raw;
}

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/** All four settings or none: half a configuration would only fail later, at a citizen's sign-in. */
function oidcSettings(env: Env): OidcSettings | undefined {
  const missing = OIDC_VARIABLES.filter((name) => !env[name]);
  if (missing.length === OIDC_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(`${missing.join(', ')} còn thiếu: đăng nhập qua VNeID cần đủ ${OIDC_VARIABLES.join(', ')}.`);
  }
  return {
    issuer: url(env, 'OIDC_ISSUER', undefined, ['http:', 'https:']) as string,
    clientId: env.OIDC_CLIENT_ID as string,
    clientSecret: new Secret(Buffer.from(env.OIDC_CLIENT_SECRET as string)),
    redirectUri: url(env, 'OIDC_REDIRECT_URI', undefined, ['http:', 'https:']) as string,
    identityClaim: env.OIDC_IDENTITY_CLAIM || 'identity_number',
  };
}

const S3_VARIABLES = [
  'FILES_S3_ENDPOINT',
  'FILES_S3_BUCKET',
  'FILES_S3_ACCESS_KEY_ID',
  'FILES_S3_SECRET_ACCESS_KEY',
] as const;

function s3Settings(env: Env): S3Settings | undefined {
  const missing = S3_VARIABLES.filter((name) => !env[name]);
  if (missing.length === S3_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(`${missing.join(', ')} còn thiếu: lưu tệp trên S3 cần đủ ${S3_VARIABLES.join(', ')}.`);
  }
  const bucket = env.FILES_S3_BUCKET as string;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(
      `FILES_S3_BUCKET="${bucket}" không hợp lệ: tên bucket S3 gồm 3–63 chữ thường, số, dấu chấm, gạch nối.`,
    );
  }
  return {
    endpoint: url(env, 'FILES_S3_ENDPOINT', undefined, ['http:', 'https:']) as string,
    bucket,
    region: env.FILES_S3_REGION || 'us-east-1',
    accessKeyId: env.FILES_S3_ACCESS_KEY_ID as string,
    secretAccessKey: new Secret(Buffer.from(env.FILES_S3_SECRET_ACCESS_KEY as string)),
  };
}

/** 32 bytes as 64 hex digits or base64; outside production a fixed development key stands in. */
function masterKey(env: Env, production: boolean): Secret {
  const raw = env.SIGNING_MASTER_KEY;
  if (!raw) {
    if (production) throw new ConfigError('SIGNING_MASTER_KEY là bắt buộc khi CONGSO_ENV=production.');
    return new Secret(createHash('sha256').update('congso development signing master key').digest());
  }
  const bytes = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(raw) && !/^[A-Za-z0-9+/]{43}=?$/.test(raw))) {
    throw new ConfigError('SIGNING_MASTER_KEY không hợp lệ: cần đúng 32 byte, viết bằng 64 chữ số hex hoặc base64.');
  }
  return new Secret(bytes);
}

/** Every certificate in the .pem, .crt, .cer and .der files of the directory. */
function trustAnchors(dir: string | undefined): Uint8Array[] {
  if (!dir) return [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.(pem|crt|cer|der)$/i.test(f));
  } catch {
    throw new ConfigError(`TRUST_ANCHORS_DIR="${dir}" không hợp lệ: không đọc được thư mục này.`);
  }
  return files.flatMap((file) => {
    const content = readFileSync(join(dir, file));
    const text = content.toString('latin1');
    const blocks = text.includes('-----BEGIN CERTIFICATE-----')
      ? (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
      : [content];
    try {
      return blocks.map((b) => new Uint8Array(new X509Certificate(b).raw));
    } catch {
      throw new ConfigError(`TRUST_ANCHORS_DIR: tệp "${file}" không phải là chứng thư số X.509 (PEM hoặc DER).`);
    }
  });
}

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf(env, 'CONGSO_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = mode === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) as string;
  const config: Config = {
    mode,
    host,
    port,
    publicUrl,
    databaseUrl: url(env, 'DATABASE_URL', undefined, ['postgres:', 'postgresql:']),
    dataDir: env.DATA_DIR || `${REPO_ROOT}data`,
    filesDir: env.FILES_DIR || `${env.DATA_DIR || `${REPO_ROOT}data`}/files`,
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    seedDemo: flag(env, 'SEED_DEMO', !production),
    seedDemoDossiers: flag(env, 'SEED_DEMO_DOSSIERS', true),
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
    dossierCodePattern: codePattern(env, 'DOSSIER_CODE_PATTERN'),
    dossierDueSoonHours: integer(env, 'DOSSIER_DUE_SOON_HOURS', 8, 1, 400),
    dossierDeadlineScanSeconds: integer(env, 'DOSSIER_DEADLINE_SCAN_SECONDS', 300, 5, 86_400),
    signingMasterKey: masterKey(env, production),
    trustAnchors: trustAnchors(env.TRUST_ANCHORS_DIR || undefined),
    tsaUrl: url(env, 'TSA_URL', undefined, ['http:', 'https:']),
    verifyMaxBytes: integer(env, 'VERIFY_MAX_BYTES', 20 * 1_048_576, 1024, 500 * 1_048_576),
    verifyRatePerMinute: integer(env, 'VERIFY_RATE_PER_MINUTE', 30, 1, 100_000),
    trackingRatePerMinute: integer(env, 'TRACKING_RATE_PER_MINUTE', 30, 1, 1_000_000),
    remoteSigningTimeoutMs: integer(env, 'REMOTE_SIGNING_TIMEOUT_MS', 15_000, 100, 300_000),
    smtpUrl: secretUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: mailFrom(env, publicUrl),
    oidc: oidcSettings(env),
    filesS3: s3Settings(env),
    setVariables: new Set(Object.keys(env).filter((name) => env[name])),
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
  if (!config.smtpUrl) {
    throw new ConfigError(
      'SMTP_URL là bắt buộc khi CONGSO_ENV=production (không có nó, mã xác minh không đến người dân).',
    );
  }
  if (config.oidc && ![config.oidc.issuer, config.oidc.redirectUri].every((u) => u.startsWith('https://'))) {
    throw new ConfigError('OIDC_ISSUER và OIDC_REDIRECT_URI phải dùng https khi CONGSO_ENV=production.');
  }
}

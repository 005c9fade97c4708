// The process configuration as administrators may see it: each environment variable the server reads (README.md,
// "Configuration"), its effective value and whether it was set. A secret's value never leaves the server, and an
// address that may carry credentials is shown without them. Pure.
import type { Config, Secret } from '../../config.ts';
import type { SettingKey } from './registry.ts';

export interface ProcessVariable {
  name: string;
  /** Null: no value (the feature is off). */
  value: string | null;
  set: boolean;
  secret: boolean;
  /** The operational setting this variable gives the default of. */
  defaultOf: SettingKey | null;
}

/** A secret's value is only looked at for whether it is there. */
type Shown = string | number | boolean | Secret | null | undefined;

interface Variable {
  name: string;
  value(config: Config): Shown;
  secret?: true;
  defaultOf?: SettingKey;
}

export const MASKED = '••••••';

/** Scheme, host, port and path: the user, password and query (libpq's `?password=`) stay on the server. */
export function withoutCredentials(address: string | undefined): string | null {
  if (!address) return null;
  const url = new URL(address);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

const VARIABLES: readonly Variable[] = [
  { name: 'CONGSO_ENV', value: (c) => c.mode },
  { name: 'PORT', value: (c) => c.port },
  { name: 'HOST', value: (c) => c.host },
  { name: 'PUBLIC_URL', value: (c) => c.publicUrl },
  { name: 'DATABASE_URL', value: (c) => withoutCredentials(c.databaseUrl) },
  { name: 'DATA_DIR', value: (c) => c.dataDir },
  { name: 'FILES_DIR', value: (c) => c.filesDir },
  { name: 'FILES_S3_ENDPOINT', value: (c) => withoutCredentials(c.filesS3?.endpoint) },
  { name: 'FILES_S3_BUCKET', value: (c) => c.filesS3?.bucket },
  { name: 'FILES_S3_REGION', value: (c) => c.filesS3?.region },
  { name: 'FILES_S3_ACCESS_KEY_ID', value: (c) => c.filesS3?.accessKeyId },
  { name: 'FILES_S3_SECRET_ACCESS_KEY', value: (c) => c.filesS3?.secretAccessKey, secret: true },
  { name: 'DB_POOL_SIZE', value: (c) => c.dbPoolSize },
  { name: 'LOG_LEVEL', value: (c) => c.logLevel },
  { name: 'SEED_DEMO', value: (c) => c.seedDemo },
  { name: 'SEED_DEMO_DOSSIERS', value: (c) => c.seedDemoDossiers },
  { name: 'WORKER_IN_PROCESS', value: (c) => c.workerInProcess },
  { name: 'COOKIE_SECURE', value: (c) => c.cookieSecure },
  { name: 'SESSION_IDLE_MINUTES', value: (c) => c.sessionIdleMinutes },
  { name: 'SESSION_ABSOLUTE_HOURS', value: (c) => c.sessionAbsoluteHours },
  { name: 'LOGIN_MAX_FAILURES', value: (c) => c.loginMaxFailures },
  { name: 'LOGIN_LOCK_MINUTES', value: (c) => c.loginLockMinutes },
  { name: 'LOGIN_RATE_PER_MINUTE', value: (c) => c.loginRatePerMinute },
  { name: 'BODY_LIMIT_BYTES', value: (c) => c.bodyLimitBytes },
  { name: 'TRUST_PROXY', value: (c) => c.trustProxy },
  { name: 'METRICS_TOKEN', value: (c) => c.metricsToken, secret: true },
  { name: 'DOSSIER_CODE_PATTERN', value: (c) => c.dossierCodePattern, defaultOf: 'dossier.codePattern' },
  { name: 'DOSSIER_DUE_SOON_HOURS', value: (c) => c.dossierDueSoonHours, defaultOf: 'dossier.dueSoonHours' },
  { name: 'DOSSIER_DEADLINE_SCAN_SECONDS', value: (c) => c.dossierDeadlineScanSeconds },
  { name: 'SIGNING_MASTER_KEY', value: () => MASKED, secret: true },
  { name: 'TRUST_ANCHORS_DIR', value: (c) => `${c.trustAnchors.length} chứng thư / certificates` },
  { name: 'TSA_URL', value: (c) => withoutCredentials(c.tsaUrl) },
  { name: 'VERIFY_MAX_BYTES', value: (c) => c.verifyMaxBytes },
  { name: 'VERIFY_RATE_PER_MINUTE', value: (c) => c.verifyRatePerMinute },
  { name: 'TRACKING_RATE_PER_MINUTE', value: (c) => c.trackingRatePerMinute },
  { name: 'REMOTE_SIGNING_TIMEOUT_MS', value: (c) => c.remoteSigningTimeoutMs },
  { name: 'SMTP_URL', value: (c) => c.smtpUrl, secret: true },
  { name: 'MAIL_FROM', value: (c) => c.mailFrom },
  { name: 'OIDC_ISSUER', value: (c) => c.oidc?.issuer },
  { name: 'OIDC_CLIENT_ID', value: (c) => c.oidc?.clientId },
  { name: 'OIDC_CLIENT_SECRET', value: (c) => c.oidc?.clientSecret, secret: true },
  { name: 'OIDC_REDIRECT_URI', value: (c) => c.oidc?.redirectUri },
  { name: 'OIDC_IDENTITY_CLAIM', value: (c) => c.oidc?.identityClaim },
];

export const VARIABLE_NAMES = VARIABLES.map((v) => v.name);

/** Every variable, in the README's order; `setVariables` names those the environment gave a value. */
export function processConfiguration(config: Config, setVariables: ReadonlySet<string>): ProcessVariable[] {
  return VARIABLES.map((variable) => {
    const shown = variable.value(config);
    const present = shown !== null && shown !== undefined;
    return {
      name: variable.name,
      // A secret is only ever said to be there: its value, even a Secret's mask, is not computed into the answer.
      value: variable.secret ? (present ? MASKED : null) : present ? String(shown) : null,
      set: setVariables.has(variable.name),
      secret: variable.secret ?? false,
      defaultOf: variable.defaultOf ?? null,
    };
  });
}

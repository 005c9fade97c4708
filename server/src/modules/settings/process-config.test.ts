import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../../config.ts';
import { MASKED, processConfiguration, VARIABLE_NAMES, withoutCredentials } from './process-config.ts';

const SECRETS = {
  SIGNING_MASTER_KEY: 'ab'.repeat(32),
  METRICS_TOKEN: 'metrics-token-123',
  SMTP_URL: 'smtp://mailer:mail-password@mail.example:587',
  OIDC_ISSUER: 'https://sso.example',
  OIDC_CLIENT_ID: 'congso',
  OIDC_CLIENT_SECRET: 'oidc-secret-456',
  OIDC_REDIRECT_URI: 'https://portal.example/api/v1/applicant/oidc/callback',
  DATABASE_URL: 'postgres://congso:db-password@db.example:5432/congso?password=other-password',
};

describe('the process configuration as shown to administrators', () => {
  it('lists every variable of the README, in its order', () => {
    const readme = readFileSync(`${REPO_ROOT}README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('| `CONGSO_ENV`'));
    const documented = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(VARIABLE_NAMES).toEqual(documented);
  });

  it('never shows a secret, nor the credentials in an address', () => {
    const config = loadConfig(SECRETS);
    const shown = processConfiguration(config, config.setVariables);
    const text = JSON.stringify(shown);
    for (const secret of ['ab'.repeat(32), 'metrics-token-123', 'mail-password', 'oidc-secret-456', 'db-password']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('other-password');
    const byName = new Map(shown.map((v) => [v.name, v]));
    expect(byName.get('SMTP_URL')).toMatchObject({ value: MASKED, set: true, secret: true });
    expect(byName.get('OIDC_CLIENT_SECRET')).toMatchObject({ value: MASKED, set: true, secret: true });
    expect(byName.get('DATABASE_URL')).toMatchObject({ value: 'postgres://db.example:5432/congso', set: true });
    expect(byName.get('OIDC_CLIENT_ID')).toMatchObject({ value: 'congso', set: true, secret: false });
  });

  it('says which variables were set, and shows the defaults of the others', () => {
    const config = loadConfig({ PORT: '8080' });
    const byName = new Map(processConfiguration(config, config.setVariables).map((v) => [v.name, v]));
    expect(byName.get('PORT')).toMatchObject({ value: '8080', set: true });
    expect(byName.get('LOG_LEVEL')).toMatchObject({ value: 'info', set: false });
    expect(byName.get('METRICS_TOKEN')).toMatchObject({ value: null, set: false, secret: true });
    expect(byName.get('DOSSIER_DUE_SOON_HOURS')).toMatchObject({ value: '8', defaultOf: 'dossier.dueSoonHours' });
  });

  it('drops user, password and query from addresses', () => {
    expect(withoutCredentials('postgres://u:p@h:5432/db?sslmode=require')).toBe('postgres://h:5432/db');
    expect(withoutCredentials(undefined)).toBeNull();
  });
});

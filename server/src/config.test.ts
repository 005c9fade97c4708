import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults for a developer machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'development',
      port: 3000,
      seedDemo: true,
      cookieSecure: false,
      databaseUrl: undefined,
    });
    expect(c.dataDir).toMatch(/data$/);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" không hợp lệ: cần một số nguyên từ 0 đến 65535.'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES="0" không hợp lệ: cần một số nguyên từ 1 đến 1440.'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE="maybe" không hợp lệ: cần true hoặc false.'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL="loud" không hợp lệ: cần một trong fatal, error, warn, info, debug, trace, silent.',
    ],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL phải dùng giao thức postgres: hoặc postgresql:.'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL không phải là một địa chỉ URL hợp lệ.'],
    [
      { SIGNING_MASTER_KEY: 'c2hvcnQ=' },
      'SIGNING_MASTER_KEY không hợp lệ: cần đúng 32 byte, viết bằng 64 chữ số hex hoặc base64.',
    ],
    [
      { TRUST_ANCHORS_DIR: '/nonexistent' },
      'TRUST_ANCHORS_DIR="/nonexistent" không hợp lệ: không đọc được thư mục này.',
    ],
    [{ TSA_URL: 'ftp://tsa' }, 'TSA_URL phải dùng giao thức http: hoặc https:.'],
    [{ VERIFY_MAX_BYTES: '10' }, 'VERIFY_MAX_BYTES="10" không hợp lệ: cần một số nguyên từ 1024 đến 524288000.'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL phải dùng giao thức smtp: hoặc smtps:.'],
    [
      { MAIL_FROM: 'no-reply' },
      'MAIL_FROM="no-reply" không hợp lệ: cần dạng "Tên <dia.chi@mien>" hoặc "dia.chi@mien".',
    ],
    [
      { OIDC_ISSUER: 'https://sso.dichvucong.gov.vn', OIDC_CLIENT_ID: 'congso' },
      'OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI còn thiếu: đăng nhập qua VNeID cần đủ OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI.',
    ],
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  describe('production mode refuses insecure settings', () => {
    const production = {
      CONGSO_ENV: 'production',
      DATABASE_URL: 'postgres://congso@db/congso',
      PUBLIC_URL: 'https://dichvucong.baclieu.gov.vn',
      SIGNING_MASTER_KEY: 'a'.repeat(64),
      SMTP_URL: 'smtp://congso:mat-khau@mail.baclieu.gov.vn:587',
    };
    it('accepts a sound production configuration, with demo data and secure cookies by default', () => {
      expect(loadConfig(production)).toMatchObject({ seedDemo: false, cookieSecure: true });
    });
    it.each([
      [{ SEED_DEMO: 'true' }, /SEED_DEMO/],
      [{ COOKIE_SECURE: 'false' }, /COOKIE_SECURE/],
      [{ PUBLIC_URL: 'http://dichvucong.baclieu.gov.vn' }, /PUBLIC_URL/],
      [{ DATABASE_URL: '' }, /DATABASE_URL/],
      [{ SIGNING_MASTER_KEY: '' }, /SIGNING_MASTER_KEY/],
      [{ SMTP_URL: '' }, /SMTP_URL/],
      [
        {
          OIDC_ISSUER: 'http://sso.dichvucong.gov.vn',
          OIDC_CLIENT_ID: 'congso',
          OIDC_CLIENT_SECRET: 'bi-mat',
          OIDC_REDIRECT_URI: 'https://dichvucong.baclieu.gov.vn/api/v1/applicant/oidc/callback',
        },
        /OIDC_ISSUER và OIDC_REDIRECT_URI phải dùng https/,
      ],
    ])('refuses %o', (override, name) => {
      expect(() => loadConfig({ ...production, ...override })).toThrow(name);
    });
  });

  it('keeps the mail server password and the client secret out of printed settings', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://congso:mat-khau-thu@127.0.0.1:2525',
      OIDC_ISSUER: 'https://sso.dichvucong.gov.vn',
      OIDC_CLIENT_ID: 'congso',
      OIDC_CLIENT_SECRET: 'bi-mat-khach',
      OIDC_REDIRECT_URI: 'https://dichvucong.baclieu.gov.vn/api/v1/applicant/oidc/callback',
    });
    expect(JSON.stringify(c)).not.toMatch(/mat-khau-thu|bi-mat-khach/);
    expect(c.mailFrom).toBe('Cổng dịch vụ công <no-reply@localhost>');
    expect(c.oidc).toMatchObject({ clientId: 'congso', identityClaim: 'identity_number' });
  });
});

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
  ])('stops on %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  describe('production mode refuses insecure settings', () => {
    const production = {
      CONGSO_ENV: 'production',
      DATABASE_URL: 'postgres://congso@db/congso',
      PUBLIC_URL: 'https://dichvucong.baclieu.gov.vn',
      SIGNING_MASTER_KEY: 'a'.repeat(64),
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
    ])('refuses %o', (override, name) => {
      expect(() => loadConfig({ ...production, ...override })).toThrow(name);
    });
  });
});

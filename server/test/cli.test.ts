// The command line as an operator uses it: a bad setting stops with one clear line; `migrate`, `seed` and
// `audit verify` work on a fresh embedded data directory.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneDatabase, isPostgres } from './harness.ts';

const run = promisify(execFile);
let dataDir: string;

function congso(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'congso-cli-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

// Each command starts a process that loads TypeScript and opens the database: minutes on a loaded machine.
describe('congso CLI', { timeout: 180_000 }, () => {
  it('stops on a bad setting with one line naming it', async () => {
    const r = await congso(['migrate'], { PORT: 'abc' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('congso: PORT="abc" không hợp lệ: cần một số nguyên từ 0 đến 65535.');
  });

  // The demo dossiers are left out here (a minute of seeding): dossiers-demo.test.ts seeds them, twice, and verifies
  // the audit chain they leave.
  it('migrates, seeds idempotently and verifies the audit chain', async () => {
    const migrated = await congso(['migrate']);
    expect(migrated.stdout).toMatch(/Đã áp dụng \d+ migration \(0 đã có từ trước\)\./);
    const withoutDossiers = { SEED_DEMO_DOSSIERS: 'false' };
    expect((await congso(['seed'], withoutDossiers)).code).toBe(0);
    expect((await congso(['seed'], withoutDossiers)).code).toBe(0); // a second seed finds the data and changes nothing
    const verify = await congso(['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Chuỗi nhật ký nguyên vẹn: \d+ bản ghi\./);
  });

  it('runs a workflow migration as a dry run by default, and says why it cannot move anything yet', async () => {
    const usage = await congso(['workflow', 'migrate', 'commune-standard']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('workflow migrate C --from N --mapping F.json [--apply]');
    const mapping = join(dataDir, 'mapping.json');
    await writeFile(mapping, JSON.stringify({ reception: 'reception', processing: 'processing' }));
    // The demo data has only version 1 of each workflow: version 2 must be published first.
    const r = await congso(['workflow', 'migrate', 'commune-standard', '--from', '1', '--mapping', mapping]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Phiên bản 2 của quy trình commune-standard chưa được công bố: hãy công bố trước khi chuyển.',
    );
  });
});

// Production needs PostgreSQL, so this runs in the PostgreSQL pass of the suite.
describe.runIf(isPostgres())('congso CLI in production mode', () => {
  it('refuses to serve while demo accounts keep the demo password', async () => {
    const clone = await cloneDatabase();
    await clone.close();
    const r = await congso(['serve'], {
      CONGSO_ENV: 'production',
      DATABASE_URL: clone.url!,
      PUBLIC_URL: 'https://dichvucong.baclieu.gov.vn',
      SIGNING_MASTER_KEY: 'a'.repeat(64),
      SMTP_URL: 'smtp://127.0.0.1:2525',
      PORT: '0',
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^congso: Còn \d+ tài khoản dùng mật khẩu mẫu/);
  });
});

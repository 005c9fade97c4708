// Files in an S3-compatible object store (FILES_S3_*), against a local simulator of the protocol (s3-simulator.ts):
// the same content-addressed behaviour as the disk store, requests signed with AWS Signature Version 4, and a
// dossier's component uploaded and downloaded through the application with nothing written to FILES_DIR.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { S3BlobStore, sha256Of } from '../src/platform/files/blob-store.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';
import { multipart } from './multipart.ts';
import { startS3Simulator } from './s3-simulator.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let s3: Awaited<ReturnType<typeof startS3Simulator>>;
let store: S3BlobStore;

beforeAll(async () => {
  s3 = await startS3Simulator('congso-ho-so');
  store = new S3BlobStore(loadConfig({ CONGSO_ENV: 'test', ...s3.env }).filesS3!);
});
afterAll(() => s3.close());

describe('files in an S3-compatible store', () => {
  it('gives back exactly the bytes it was given, under their SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const { sha256, size } = await store.put(bytes);
        expect([sha256, size]).toEqual([sha256Of(bytes), bytes.length]);
        expect((await store.get(sha256))?.equals(Buffer.from(bytes))).toBe(true);
        expect(await store.has(sha256)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('stores the same content once, under its hash', async () => {
    const bytes = Buffer.from('Giấy chứng sinh — bản chụp');
    const before = s3.objects.size;
    await store.put(bytes);
    await store.put(bytes);
    const sha256 = sha256Of(bytes);
    expect(s3.objects.size).toBe(before + 1);
    expect(s3.objects.has(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`)).toBe(true);
  });

  it('answers null for an unknown hash, and notices an object whose bytes changed', async () => {
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    const { sha256 } = await store.put(Buffer.from('bản gốc'));
    s3.objects.set(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`, Buffer.from('bản đã bị sửa'));
    await expect(store.get(sha256)).rejects.toThrow('corrupt');
  });

  it('fails loudly with a wrong secret, and a half-set configuration stops start-up', async () => {
    const wrong = new S3BlobStore(
      loadConfig({ CONGSO_ENV: 'test', ...s3.env, FILES_S3_SECRET_ACCESS_KEY: 'not-the-secret' }).filesS3!,
    );
    await expect(wrong.put(Buffer.from('x'))).rejects.toThrow(/^S3 HEAD [0-9a-f]{64}: 403/);
    await expect(wrong.get('0'.repeat(64))).rejects.toThrow(/: 403 .*SignatureDoesNotMatch/);
    expect(() => loadConfig({ FILES_S3_ENDPOINT: s3.endpoint, FILES_S3_BUCKET: 'congso-ho-so' })).toThrow(
      'FILES_S3_ACCESS_KEY_ID, FILES_S3_SECRET_ACCESS_KEY còn thiếu',
    );
    expect(() => loadConfig({ ...s3.env, FILES_S3_BUCKET: 'Ho_So' })).toThrow('FILES_S3_BUCKET="Ho_So" không hợp lệ');
  });
});

describe('the application with its files in S3', () => {
  let t: TestApp;
  let filesDir: string;
  beforeAll(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'congso-files-'));
    t = await testApp({
      clock: fixedClock(new Date(vnInstant('2025-03-10', '08:00'))),
      env: { LOGIN_RATE_PER_MINUTE: '100000', FILES_DIR: filesDir, ...s3.env },
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  it("keeps a dossier's component in the bucket and downloads the same bytes", async () => {
    const desk = new Desk(t);
    await desk.procedure('9.950002', [[AGENCY.p1, 'commune-standard']], 3);
    const { id } = await desk.open('motcua.p1', { procedureCode: '9.950002' });
    const body = multipart([
      { name: 'component', value: '1' },
      { name: 'file', file: PDF, filename: 'to-khai.pdf', type: 'application/pdf' },
    ]);
    const headers = (await desk.as('motcua.p1')).headers;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/components`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(s3.objects.get(`${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`)?.equals(PDF)).toBe(true);
    const got = await t.app.inject({ url: `/api/v1/dossiers/${id}/components/files/${res.json().id}`, headers });
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(await readdir(filesDir)).toEqual([]); // nothing on the disk
  });
});

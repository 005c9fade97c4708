import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskBlobStore, sha256Of } from './blob-store.ts';

let root: string;
let store: DiskBlobStore;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'congso-blobs-'));
  store = new DiskBlobStore(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('content-addressed file store', () => {
  it('gives back exactly the bytes it was given, under their SHA-256', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const { sha256, size } = await store.put(bytes);
        expect(sha256).toBe(sha256Of(bytes));
        expect(size).toBe(bytes.length);
        expect((await store.get(sha256))?.equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('stores the same content once, and leaves no partial files', async () => {
    const bytes = Buffer.from('Giấy chứng sinh — bản chụp');
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(a).toEqual(b);
    const dir = join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4));
    expect(await readdir(dir)).toEqual([a.sha256]);
  });

  it('answers null for an unknown hash, and refuses a name that is not a hash', async () => {
    expect(await store.get('0'.repeat(64))).toBeNull();
    await expect(store.get('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });

  it('notices a stored file whose bytes changed', async () => {
    const { sha256 } = await store.put(Buffer.from('bản gốc'));
    await writeFile(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), 'bản đã bị sửa');
    await expect(store.get(sha256)).rejects.toThrow('corrupt');
  });
});

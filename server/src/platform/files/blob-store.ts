// Files stored by the SHA-256 of their content: the same scan uploaded twice is stored once, a file's name in the
// database is its hash (so a record proves which bytes it refers to), and reading checks the bytes still hash to
// their name. On disk by default, or in an S3-compatible object store (FILES_S3_*) behind the same interface.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config, S3Settings } from '../../config.ts';
import { EMPTY_SHA256, signRequest } from './sigv4.ts';

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobStore {
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** The bytes, or null when no file has that hash. Throws when the stored bytes no longer match it. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const HASH = /^[0-9a-f]{64}$/;
export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(join(path, '..'), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file, and two writers of the same bytes agree.
      const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer | null> {
    const bytes = await readFile(this.pathOf(sha256)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (bytes && sha256Of(bytes) !== sha256) throw new Error(`stored file ${sha256} is corrupt`);
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}

/**
 * Objects in a bucket of an S3-compatible store, path-style (`endpoint/bucket/key`), signed with AWS Signature
 * Version 4. The store checks each upload against the SHA-256 sent with it (`x-amz-content-sha256`), so a file
 * damaged on the way is refused, and reading checks the bytes again as the disk store does.
 */
export class S3BlobStore implements BlobStore {
  constructor(private readonly settings: S3Settings) {}

  private keyUrl(sha256: string): URL {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    const base = this.settings.endpoint.replace(/\/+$/, '');
    return new URL(`${base}/${this.settings.bucket}/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`);
  }

  private async send(method: string, url: URL, body?: Uint8Array, payloadSha256 = EMPTY_SHA256) {
    const headers = signRequest(
      {
        method,
        url,
        headers: body ? { 'content-length': String(body.byteLength), 'content-type': 'application/octet-stream' } : {},
        payloadSha256,
        at: new Date(),
      },
      {
        accessKeyId: this.settings.accessKeyId,
        secretAccessKey: this.settings.secretAccessKey.reveal(),
        region: this.settings.region,
        service: 's3',
      },
    );
    const { host: _host, 'content-length': _length, ...sent } = headers;
    return fetch(url, { method, headers: sent, ...(body ? { body } : {}), signal: AbortSignal.timeout(30_000) });
  }

  private static async fail(what: string, res: Response): Promise<never> {
    throw new Error(`S3 ${what}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Of(bytes);
    if (!(await this.has(sha256))) {
      const res = await this.send('PUT', this.keyUrl(sha256), bytes, sha256);
      if (!res.ok) await S3BlobStore.fail(`PUT ${sha256}`, res);
    }
    return { sha256, size: bytes.byteLength };
  }

  async get(sha256: string): Promise<Buffer | null> {
    const res = await this.send('GET', this.keyUrl(sha256));
    if (res.status === 404) return null;
    if (!res.ok) await S3BlobStore.fail(`GET ${sha256}`, res);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (sha256Of(bytes) !== sha256) throw new Error(`stored file ${sha256} is corrupt`);
    return bytes;
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.send('HEAD', this.keyUrl(sha256));
    if (res.status === 404) return false;
    if (!res.ok) await S3BlobStore.fail(`HEAD ${sha256}`, res);
    return true;
  }
}

const stores = new Map<string, BlobStore>();

/** The configured store (S3 when FILES_S3_* are set, else the files directory), one per place for the process. */
export function blobStoreOf(config: Pick<Config, 'filesDir' | 'filesS3'>): BlobStore {
  const place = config.filesS3 ? `s3:${config.filesS3.endpoint}/${config.filesS3.bucket}` : `disk:${config.filesDir}`;
  let store = stores.get(place);
  if (!store) {
    store = config.filesS3 ? new S3BlobStore(config.filesS3) : new DiskBlobStore(config.filesDir);
    stores.set(place, store);
  }
  return store;
}

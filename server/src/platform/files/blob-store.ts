// Files stored by the SHA-256 of their content: the same scan uploaded twice is stored once, a file's name in the
// database is its hash (so a record proves which bytes it refers to), and reading checks the bytes still hash to
// their name. On disk by default; an S3-compatible store can implement the same interface.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

const stores = new Map<string, BlobStore>();

/** The store of a files directory (FILES_DIR), one per directory for the life of the process. */
export function blobStoreAt(dir: string): BlobStore {
  let store = stores.get(dir);
  if (!store) {
    store = new DiskBlobStore(dir);
    stores.set(dir, store);
  }
  return store;
}

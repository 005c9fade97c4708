// The browser's first look at a file before it is sent: its extension among those the component accepts, its size
// under the component's limit, and first bytes that are what the extension says (a photo renamed ".pdf" is caught
// here, on a slow connection, before minutes of upload). The server checks all of it again, more precisely.

export type Refusal = { kind: 'type'; accepted: string } | { kind: 'size'; maxMb: number } | { kind: 'content' };

const MAGIC: Record<string, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpg: [[0xff, 0xd8, 0xff]],
  doc: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  xls: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  docx: [[0x50, 0x4b, 0x03, 0x04]],
  xlsx: [[0x50, 0x4b, 0x03, 0x04]],
};

export function extensionOf(fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

/** The `accept` attribute of a file input for these types. */
export const acceptAttribute = (types: readonly string[]) =>
  types.flatMap((t) => (t === 'jpg' ? ['.jpg', '.jpeg'] : [`.${t}`])).join(',');

/** Why the file cannot go, or null when it may. */
export async function refusalOf(file: File, accepted: readonly string[], maxSizeMb: number): Promise<Refusal | null> {
  const ext = extensionOf(file.name);
  if (!accepted.includes(ext)) return { kind: 'type', accepted: accepted.map((t) => `.${t}`).join(', ') };
  if (file.size > maxSizeMb * 1_048_576) return { kind: 'size', maxMb: maxSizeMb };
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const matches = (MAGIC[ext] ?? []).some((magic) => magic.every((b, i) => head[i] === b));
  return matches ? null : { kind: 'content' };
}

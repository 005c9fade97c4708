// Optimistic concurrency on edits: the client sends back, in If-Match, the version it read (the ETag of the
// GET). An edit against a stale version gets 412, so two editors never silently overwrite each other.
import { Type } from 'typebox';
import { invalidField } from './problem.ts';

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'Phiên bản đã đọc (ETag), ví dụ "3"' })),
});

/** `If-Match: "3"`, `W/"3"` or `3` → 3; anything else is a 400 naming the header. */
export function ifMatchVersion(header: string | undefined): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header ?? '');
  if (!m) throw invalidField('If-Match', 'Cần tiêu đề If-Match với phiên bản đã đọc (ví dụ "3").');
  return Number(m[1]);
}

export const etagOf = (version: number) => `"${version}"`;

// Cursor pagination for every list: the client gets an opaque cursor holding the sort key of the last item and
// asks for the rows after it. Unlike offsets, a page stays correct while rows are added, and costs the same on
// page 1 and page 1,000 (the query seeks in an index).
import { type TSchema, Type } from 'typebox';
import { invalidField } from './problem.ts';

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'Con trỏ nextCursor của trang trước' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export type PageOf<T> = { items: T[]; nextCursor: string | null };

export type CursorKey = (string | number)[];

export function decodeCursor(cursor: string | undefined, arity: number): CursorKey | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity && key.every((v) => ['string', 'number'].includes(typeof v))) {
      return key;
    }
  } catch {
    // fall through to the same answer as a well-formed but wrong cursor
  }
  throw invalidField('cursor', 'Con trỏ phân trang không hợp lệ.');
}

/** `rows` were fetched with `limit + 1`: the extra row only says that there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorKey, map: (row: R) => T): PageOf<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify(keyOf(last)), 'utf8').toString('base64url') : null;
  return { items: items.map(map), nextCursor };
}

export type PageQueryT = { cursor?: string; limit?: number };
export const limitOf = (q: PageQueryT) => q.limit ?? 50;

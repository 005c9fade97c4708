// /api/v1/audit: the audit log, newest first, for system administrators.
import { Type } from 'typebox';
import { chainedEntryOf } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { decodeCursor, limitOf, Page, PageQuery, toPage } from '../../platform/http/paging.ts';
import type { App } from '../../platform/http/server.ts';

const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  summary: Type.Record(Type.String(), Type.Unknown()),
});

export function auditRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán (mới nhất trước)',
        querystring: Type.Object(
          {
            ...PageQuery,
            targetType: Type.Optional(Type.String({ maxLength: 50 })),
            targetId: Type.Optional(Type.String({ maxLength: 100 })),
            actorId: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Entry) },
      },
    },
    async (request) => {
      const q = request.query;
      const limit = limitOf(q);
      const after = decodeCursor(q.cursor, 1) as [number] | null;
      let query = ctx.database.db.selectFrom('audit_entry').selectAll();
      if (q.targetType) query = query.where('target_type', '=', q.targetType);
      if (q.targetId) query = query.where('target_id', '=', q.targetId);
      if (q.actorId) query = query.where('actor_id', '=', q.actorId);
      if (after) query = query.where('seq', '<', after[0]);
      const rows = await query
        .orderBy('seq', 'desc')
        .limit(limit + 1)
        .execute();
      return toPage(
        rows,
        limit,
        (r) => [r.seq],
        (r) => {
          const { prevHash: _prev, hash: _hash, ...entry } = chainedEntryOf(r);
          return { ...entry, at: entry.at.toISOString() };
        },
      );
    },
  );
}

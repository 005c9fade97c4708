// /api/v1/workflows: electronic workflow definitions. Reading is public (a citizen may see how a procedure is
// handled); drafting and publishing need `workflow.manage` for the workflow's owner.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import { Page, PageQuery } from '../../platform/http/paging.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import * as service from './service.ts';

const Code = Type.String({ pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 });
const CodeParams = Type.Object({ code: Code });
const VersionParams = Type.Object({ code: Code, version: Type.Integer({ minimum: 1, maximum: 100_000 }) });
const Definition = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Định nghĩa quy trình (xem docs/workflow.md); được kiểm tra đầy đủ, lỗi nêu đường dẫn trong definition',
});
const Saved = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  revision: Type.Integer(),
});
const Problems = Type.Object({ problems: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })) });

export function workflowRoutes(app: App, ctx: AppContext): void {
  const tags = ['workflow'];
  const who = (request: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(request), requestId: request.id });

  app.get(
    '/api/v1/workflows',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách quy trình điện tử (phiên bản mới nhất của mỗi quy trình)',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: {
          200: Page(
            Type.Object({
              code: Type.String(),
              name: Type.String(),
              latestVersion: Type.Integer(),
              latestStatus: Type.String(),
              ownerAgencyId: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
        },
      },
    },
    async (request) => service.listWorkflows(ctx, request.query),
  );

  app.get(
    '/api/v1/workflows/:code',
    { config: { access: 'public' }, schema: { tags, summary: 'Một quy trình và các phiên bản', params: CodeParams } },
    async (request) => service.getWorkflow(ctx, request.params.code),
  );

  app.get(
    '/api/v1/workflows/:code/versions/:version',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Định nghĩa của một phiên bản', params: VersionParams },
    },
    async (request, reply) => {
      const version = await service.getVersion(ctx, request.params.code, request.params.version);
      reply.header('etag', etagOf(version.revision));
      return version;
    },
  );

  app.get(
    '/api/v1/workflows/:code/versions/:version/diagram.svg',
    { config: { access: 'public' }, schema: { tags, summary: 'Sơ đồ quy trình (SVG)', params: VersionParams } },
    async (request, reply) =>
      reply
        .type('image/svg+xml; charset=utf-8')
        .send(await service.diagram(ctx, request.params.code, request.params.version, 'svg')),
  );

  app.get(
    '/api/v1/workflows/:code/versions/:version/diagram.mmd',
    { config: { access: 'public' }, schema: { tags, summary: 'Sơ đồ quy trình (Mermaid)', params: VersionParams } },
    async (request, reply) =>
      reply
        .type('text/vnd.mermaid; charset=utf-8')
        .send(await service.diagram(ctx, request.params.code, request.params.version, 'mermaid')),
  );

  app.post(
    '/api/v1/workflows/validate',
    {
      config: { access: 'workflow.manage' },
      schema: {
        tags,
        summary: 'Kiểm tra một định nghĩa quy trình mà không lưu',
        body: Type.Object({ definition: Definition }, { additionalProperties: false }),
        response: { 200: Problems },
      },
    },
    async (request) => service.checkDefinition(request.body.definition),
  );

  app.post(
    '/api/v1/workflows',
    {
      config: { access: 'workflow.manage' },
      schema: {
        tags,
        summary: 'Tạo quy trình mới (bản nháp phiên bản 1)',
        body: Type.Object(
          {
            definition: Definition,
            ownerAgencyId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: Saved },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createWorkflow(ctx, who(request), request.body)),
  );

  app.put(
    '/api/v1/workflows/:code/draft',
    {
      config: { access: 'workflow.manage' },
      schema: {
        tags,
        summary: 'Lưu bản nháp (If-Match: revision của bản nháp, hoặc "0" để bắt đầu phiên bản mới)',
        params: CodeParams,
        headers: IfMatchHeaders,
        body: Type.Object({ definition: Definition }, { additionalProperties: false }),
        response: { 200: Saved },
      },
    },
    async (request, reply) => {
      const revision = ifMatchVersion(request.headers['if-match']);
      const saved = await service.saveDraft(ctx, who(request), request.params.code, revision, request.body.definition);
      reply.header('etag', etagOf(saved.revision));
      return saved;
    },
  );

  app.post(
    '/api/v1/workflows/:code/publish',
    {
      config: { access: 'workflow.manage' },
      schema: {
        tags,
        summary: 'Công bố bản nháp (If-Match: revision); phiên bản đang dùng chuyển sang hết hiệu lực',
        params: CodeParams,
        headers: IfMatchHeaders,
        response: { 200: Saved },
      },
    },
    async (request) =>
      service.publish(ctx, who(request), request.params.code, ifMatchVersion(request.headers['if-match'])),
  );
}

// /api/v1/procedures and /api/v1/catalog: the procedure catalogue. Searching and reading published procedures
// and their templates is public (the portal); drafts, publication, templates, import and export need
// catalog.manage within the scope of the agency that manages the procedure.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import { type ExchangeFormat, exportCatalog, importCatalog, XLSX_MIME } from './exchange.ts';
import {
  APPLICANT_TYPES,
  Component,
  LEVELS,
  ONLINE_LEVELS,
  ProcedureContent,
  TemplateRef,
  type Vocabulary,
} from './model.ts';
import * as service from './service.ts';

const tags = ['catalog'];
const Code = Type.String({ pattern: '^\\d\\.\\d{6}$', description: 'Mã thủ tục (d.dddddd)' });
const CodeParams = Type.Object({ code: Code });
const Str = Type.String();
const OrNull = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Enum = <C extends string>(v: Vocabulary<C>) => Type.Enum([...v.codes]);
/** Large enough for a national-scale catalogue or a scanned template. */
const FILE_BODY_LIMIT = 50 * 1_048_576;

const Facet = Type.Array(Type.Object({ value: Str, label: Str, count: Type.Integer() }));
const SearchResult = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Str,
      name: Str,
      field: Type.Object({ code: Str, name: Str }),
      levels: Type.Array(Str),
      applicantTypes: Type.Array(Str),
      onlineLevel: Str,
    }),
  ),
  nextCursor: OrNull(Str),
  total: Type.Integer(),
  facets: Type.Object({ field: Facet, level: Facet, applicant: Facet, onlineLevel: Facet }),
});

const PublicProcedure = Type.Object({
  code: Str,
  version: Type.Integer(),
  versionId: Str,
  validFrom: Str,
  ...ProcedureContent.properties,
  managingAgency: Type.Object({ identifier: Str, name: Str }),
  free: Type.Boolean({ description: 'Không thu phí, lệ phí' }),
  components: Type.Array(
    Type.Object({
      ...Component.properties,
      template: Type.Union([Type.Object({ ...TemplateRef.properties, url: Str }), Type.Null()]),
    }),
  ),
  offerings: Type.Array(
    Type.Object({
      agencyId: Str,
      agency: Str,
      name: Str,
      address: OrNull(Str),
      phone: OrNull(Str),
      workflow: OrNull(Str),
    }),
  ),
  text: Type.Object(
    {
      levels: Str,
      applicantTypes: Str,
      processingTime: Str,
      onlineLevel: Str,
      receiptChannels: Str,
      result: Str,
      fees: Type.Array(Str),
      components: Type.Array(Str),
    },
    { description: 'Các giá trị đã viết thành lời, để hiển thị' },
  ),
});

const AdminView = Type.Object({
  code: Str,
  revision: Type.Integer({ description: 'Gửi lại trong If-Match khi sửa, công bố hoặc huỷ bản nháp' }),
  versions: Type.Array(
    Type.Object({
      id: Str,
      number: Type.Integer(),
      status: Str,
      validFrom: OrNull(Str),
      validTo: OrNull(Str),
      createdAt: Str,
      publishedAt: OrNull(Str),
      content: ProcedureContent,
    }),
  ),
});

const ImportReport = Type.Object({ created: Type.Array(Str), updated: Type.Array(Str), unchanged: Type.Array(Str) });

function sendAdminView(reply: FastifyReply, view: { revision: number }, status = 200) {
  return reply.code(status).header('etag', etagOf(view.revision)).send(view);
}

/** `attachment; filename*=UTF-8''…` so that a Vietnamese file name arrives intact. */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function catalogRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tìm thủ tục hành chính (không phân biệt dấu, chấp nhận gõ sai một vài chữ), kèm số lượng theo nhóm',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            field: Type.Optional(Type.String({ maxLength: 30, description: 'Mã lĩnh vực' })),
            agency: Type.Optional(
              Type.String({ maxLength: 40, description: 'Cơ quan thực hiện: id hoặc mã định danh' }),
            ),
            level: Type.Optional(Enum(LEVELS)),
            onlineLevel: Type.Optional(Enum(ONLINE_LEVELS)),
            applicant: Type.Optional(Enum(APPLICANT_TYPES)),
            cursor: Type.Optional(Type.String({ maxLength: 1000 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SearchResult },
      },
    },
    async (request) => service.searchProcedures(ctx, request.query),
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Phiên bản đang áp dụng của một thủ tục, với mọi thông tin người dân cần để nộp hồ sơ',
        params: CodeParams,
        response: { 200: PublicProcedure },
      },
    },
    async (request) => service.getProcedure(ctx, request.params.code),
  );

  app.post(
    '/api/v1/procedures',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Thêm thủ tục (tạo bản nháp phiên bản 1)',
        body: Type.Object(
          { code: Type.String({ maxLength: 20 }), ...ProcedureContent.properties },
          { additionalProperties: false },
        ),
        response: { 201: AdminView },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      return sendAdminView(reply, await service.createProcedure(ctx, who, request.body), 201);
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Các phiên bản của thủ tục (kể cả bản nháp)',
        params: CodeParams,
        response: { 200: AdminView },
      },
    },
    async (request, reply) =>
      sendAdminView(reply, await service.getAdminView(ctx, actorOf(request), request.params.code)),
  );

  app.put(
    '/api/v1/procedures/:code/draft',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Sửa bản nháp (sửa thủ tục đã công bố sẽ tạo bản nháp mới); cần If-Match',
        params: CodeParams,
        headers: IfMatchHeaders,
        body: ProcedureContent,
        response: { 200: AdminView },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const revision = ifMatchVersion(request.headers['if-match']);
      return sendAdminView(reply, await service.saveDraft(ctx, who, request.params.code, revision, request.body));
    },
  );

  app.delete(
    '/api/v1/procedures/:code/draft',
    {
      config: { access: 'catalog.manage' },
      schema: { tags, summary: 'Huỷ bản nháp; cần If-Match', params: CodeParams, headers: IfMatchHeaders },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      await service.discardDraft(ctx, who, request.params.code, ifMatchVersion(request.headers['if-match']));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/procedures/:code/publish',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Công bố bản nháp: kiểm tra lại, kết thúc hiệu lực phiên bản trước; cần If-Match',
        params: CodeParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          { validFrom: Type.Optional(Type.String({ format: 'date', description: 'Mặc định: hôm nay' })) },
          { additionalProperties: false },
        ),
        response: { 200: AdminView },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const revision = ifMatchVersion(request.headers['if-match']);
      const view = await service.publishDraft(ctx, who, request.params.code, revision, request.body.validFrom);
      return sendAdminView(reply, view);
    },
  );

  app.post(
    '/api/v1/catalog/templates',
    {
      config: { access: 'catalog.manage' },
      bodyLimit: FILE_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Tải lên tệp mẫu (PDF, Word, Excel); nội dung phải đúng loại mà tên tệp cho biết',
        body: Type.Object(
          {
            fileName: Type.String({ minLength: 1, maxLength: 255 }),
            contentBase64: Type.String({ minLength: 1, maxLength: FILE_BODY_LIMIT, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ fileName: Str, sha256: Str, contentType: Str, size: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      return reply.code(201).send(await service.uploadTemplate(ctx, who, request.body));
    },
  );

  app.get(
    '/api/v1/catalog/templates/:sha256',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tải tệp mẫu của thành phần hồ sơ',
        params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
        querystring: Type.Object(
          { name: Type.Optional(Type.String({ maxLength: 255 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const file = await service.readTemplate(ctx, request.params.sha256);
      // Content-addressed: the bytes behind a hash never change.
      return reply
        .type(file.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('content-disposition', attachment(request.query.name ?? request.params.sha256))
        .send(file.content);
    },
  );

  app.get(
    '/api/v1/catalog/export',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Xuất danh mục thủ tục thuộc phạm vi quản lý (JSON đầy đủ, hoặc XLSX)',
        querystring: Type.Object(
          { format: Type.Optional(Type.Enum(['json', 'xlsx'], { default: 'json' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const file = await exportCatalog(ctx, actorOf(request), (request.query.format ?? 'json') as ExchangeFormat);
      return reply.type(file.contentType).header('content-disposition', attachment(file.fileName)).send(file.body);
    },
  );

  // The import takes a JSON catalogue or an XLSX workbook as the raw body; the workbook's content type gets its
  // own parser, inside this plugin only.
  app.register(async (scope) => {
    scope.addContentTypeParser(XLSX_MIME, { parseAs: 'buffer', bodyLimit: FILE_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/v1/catalog/import',
      {
        config: { access: 'catalog.manage' },
        bodyLimit: FILE_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Nhập danh mục (JSON hoặc XLSX): kiểm tra toàn bộ tệp, có lỗi thì không nhập gì; cập nhật theo mã',
          consumes: ['application/json', XLSX_MIME],
          response: { 200: ImportReport },
        },
      },
      async (request) => {
        const who = { actor: actorOf(request), requestId: request.id };
        const input = Buffer.isBuffer(request.body)
          ? { format: 'xlsx' as const, bytes: request.body }
          : { format: 'json' as const, data: request.body };
        return importCatalog(ctx, who, input);
      },
    );
  });
}

// /api/v1/results (templates of result documents), /api/v1/dossiers/{id}/results (a dossier's result documents:
// rendered from a template or uploaded, listed, downloaded, signed) and /api/v1/applicant/dossiers/{id}/results
// (the applicant's signed results once the dossier is returned).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, applicantOf } from '../../platform/http/guard.ts';
import { readForm } from '../../platform/http/multipart.ts';
import { invalidField } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import * as service from './service.ts';
import { TemplateDefinition, VIEW_PATHS } from './template.ts';

const tags = ['results'];
const Id = Type.String({ format: 'uuid' });
const CODE = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
const Code = Type.String({ pattern: CODE, description: 'Mã mẫu kết quả, ví dụ giay-phep-xay-dung' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Ngày (giờ Việt Nam), YYYY-MM-DD' });
const Kind = Type.Enum(['licence', 'certificate', 'decision', 'other'], {
  description: 'Giấy phép, giấy chứng nhận, quyết định, khác',
});

const TemplateContent = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  kind: Kind,
  effectiveFrom: IsoDate,
  procedures: Type.Optional(
    Type.Array(Type.String({ pattern: '^\\d\\.\\d{6}$' }), {
      maxItems: 200,
      uniqueItems: true,
      description: 'Mã các thủ tục dùng mẫu; để trống: mọi thủ tục',
    }),
  ),
  definition: TemplateDefinition,
};
const NewTemplate = Type.Object(
  { code: Code, ownerAgencyId: Type.Optional(Type.Union([Id, Type.Null()])), ...TemplateContent },
  { additionalProperties: false },
);
const TemplateEdit = Type.Object(TemplateContent, { additionalProperties: false });
const VersionParams = Type.Object({ code: Code, version: Type.Integer({ minimum: 1, maximum: 100_000 }) });
const DossierParams = Type.Object({ id: Id });
const ResultParams = Type.Object({ id: Id, resultId: Id });

const SignBody = Type.Object(
  {
    layout: Type.Enum(['signer', 'seal'], {
      description: 'signer: khóa của chính người ký; seal: con dấu của cơ quan ban hành',
    }),
    slot: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Chỗ ký do mẫu để sẵn (từ 1)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    x: Type.Optional(Type.Number({ minimum: 0, maximum: 14_400, description: 'Điểm, từ mép trái trang' })),
    y: Type.Optional(Type.Number({ minimum: 0, maximum: 14_400, description: 'Điểm, từ mép trên trang' })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false },
);

function sendTemplate(reply: FastifyReply, template: { revision: number }, status = 200) {
  return reply.code(status).header('etag', etagOf(template.revision)).send(template);
}

function sendPdf(reply: FastifyReply, file: { bytes: Buffer; fileName: string }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

/** A JSON body `{ "template": "<code>" }`, checked by hand: the same route also takes a multipart upload. */
function templateOf(body: unknown): string {
  const fields = body && typeof body === 'object' ? Object.keys(body) : [];
  const extra = fields.find((f) => f !== 'template');
  if (extra) throw invalidField(extra, `Trường "${extra}" không được dùng ở đây.`);
  const code = (body as { template?: unknown } | undefined)?.template;
  if (typeof code !== 'string' || !new RegExp(CODE).test(code)) {
    throw invalidField('template', 'Cần mã mẫu kết quả (chữ thường, chữ số, dấu gạch nối), hoặc gửi tệp PDF.');
  }
  return code;
}

export function resultRoutes(app: App, ctx: AppContext): void {
  const staff = (request: FastifyRequest) => ({ actor: actorOf(request), requestId: request.id });
  // Reading a dossier needs only the applicant's account; the name is what actions record.
  const applicant = (request: FastifyRequest) => ({
    applicant: { accountId: applicantOf(request).applicantId, name: '' },
    requestId: request.id,
  });

  app.get(
    '/api/v1/results/templates',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Các mẫu văn bản kết quả (giấy phép, giấy chứng nhận, quyết định) và các phiên bản theo ngày hiệu lực',
        querystring: Type.Object(
          {
            procedure: Type.Optional(
              Type.String({ pattern: '^\\d\\.\\d{6}$', description: 'Chỉ các mẫu dùng được cho thủ tục này' }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => service.listTemplates(ctx, request.query.procedure),
  );

  app.get(
    '/api/v1/results/fields',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Các trường của hồ sơ mà mẫu kết quả được dùng, dạng {{đường.dẫn}}' },
    },
    async () => ({
      items: [
        ...Object.entries(VIEW_PATHS).map(([path, description]) => ({ path, description })),
        { path: 'eform.<tên trường>', description: 'Một trường của tờ khai điện tử (mẫu phải chỉ rõ thủ tục áp dụng)' },
      ],
    }),
  );

  app.post(
    '/api/v1/results/templates',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Thêm mẫu kết quả mới, hoặc phiên bản mới (ngày hiệu lực sau các phiên bản trước) của mẫu đã có',
        body: NewTemplate,
      },
    },
    async (request, reply) => sendTemplate(reply, await service.createTemplate(ctx, staff(request), request.body), 201),
  );

  app.get(
    '/api/v1/results/templates/:code/versions/:version',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Một phiên bản của mẫu kết quả, với nội dung mẫu', params: VersionParams },
    },
    async (request, reply) =>
      sendTemplate(reply, await service.getTemplate(ctx, request.params.code, request.params.version)),
  );

  app.put(
    '/api/v1/results/templates/:code/versions/:version',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: 'Sửa một phiên bản chưa được dùng để lập kết quả; cần If-Match',
        params: VersionParams,
        headers: IfMatchHeaders,
        body: TemplateEdit,
      },
    },
    async (request, reply) => {
      const revision = ifMatchVersion(request.headers['if-match']);
      const { code, version } = request.params;
      const updated = await service.updateTemplate(ctx, staff(request), code, version, revision, request.body);
      return sendTemplate(reply, updated);
    },
  );

  app.post(
    '/api/v1/dossiers/:id/results',
    {
      config: { access: 'dossier.act' },
      schema: {
        tags,
        summary:
          'Lập văn bản kết quả của hồ sơ: từ mẫu (JSON {"template": "<mã>"}) điền dữ liệu hồ sơ, hoặc tải lên tệp PDF (multipart: "file", "title")',
        consumes: ['application/json', 'multipart/form-data'],
        params: DossierParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const created = request.isMultipart()
        ? await (async () => {
            const form = await readForm(request, ['file'], ctx.config.verifyMaxBytes);
            const title = form.fields.get('title')?.slice(0, 300);
            const upload = { file: form.files.get('file'), ...(title ? { title } : {}) };
            return service.createFromUpload(ctx, staff(request), id, upload);
          })()
        : await service.createFromTemplate(ctx, staff(request), id, templateOf(request.body));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/dossiers/:id/results',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Các văn bản kết quả của hồ sơ và chữ ký số trên từng văn bản', params: DossierParams },
    },
    async (request) => service.listResults(ctx, staff(request), request.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/results/:resultId/file',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Tệp PDF hiện tại (đã ký đến lần gần nhất) của văn bản kết quả', params: ResultParams },
    },
    async (request, reply) =>
      sendPdf(reply, await service.resultFile(ctx, staff(request), request.params.id, request.params.resultId)),
  );

  app.post(
    '/api/v1/dossiers/:id/results/:resultId/sign',
    {
      config: { access: 'dossier.act' },
      schema: {
        tags,
        summary:
          'Ký số văn bản kết quả (PAdES, cập nhật tăng dần: các chữ ký trước vẫn hợp lệ): bằng khóa của mình hoặc con dấu cơ quan',
        params: ResultParams,
        body: SignBody,
      },
    },
    async (request) =>
      service.signResult(ctx, staff(request), request.params.id, request.params.resultId, request.body),
  );

  app.get(
    '/api/v1/applicant/dossiers/:id/results',
    {
      config: { access: 'applicant' },
      schema: {
        tags,
        summary: 'Kết quả điện tử (đã ký số) của hồ sơ của tôi, khi hồ sơ đã được trả kết quả',
        params: DossierParams,
      },
    },
    async (request) => service.applicantResults(ctx, applicant(request), request.params.id),
  );

  app.get(
    '/api/v1/applicant/dossiers/:id/results/:resultId/file',
    {
      config: { access: 'applicant' },
      schema: { tags, summary: 'Tải tệp PDF đã ký số của một kết quả', params: ResultParams },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await service.applicantResultFile(ctx, applicant(request), request.params.id, request.params.resultId),
      ),
  );
}

// /api/v1/applicant/dossiers and /api/v1/applicant/documents: the portal's dossier API for signed-in citizens and
// businesses (docs/dossiers.md "Applicant API"). Access `applicant`, CSRF on writes as for every applicant route;
// each dossier is looked up among the applicant's own, so anyone else's answers 404.
import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { applicantOf } from '../../platform/http/guard.ts';
import { readForm } from '../../platform/http/multipart.ts';
import { Page, PageQuery } from '../../platform/http/paging.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import { dossierApplicant } from '../citizens/service.ts';
import { MACRO_STATUSES } from '../workflow/definition.ts';
import {
  APPLICANT_ACTIONS,
  type ApplicantRequester,
  applicantAct,
  discardDraft,
  dossierDetail,
  myDossiers,
  openOnline,
  saveDraft,
  timeline,
} from './applicant.ts';
import { attachFile, MAX_COMPONENT_BYTES, readFile, removeFile } from './components.ts';
import { myDocuments, reuseDocument } from './documents.ts';
import { dossierForm } from './paperwork.ts';
import { CRITERIA, SCALE } from './rating.ts';
import { rateDossier } from './ratings.ts';
import { Applicant, IdempotencyKey, send, sendDownload, sendForm } from './routes.ts';

const tags = ['applicant-dossiers'];
const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Str = Type.String();
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Iso = Type.String({ format: 'date-time' });
const Eform = Type.Record(Type.String(), Type.Unknown(), {
  description: 'Dữ liệu tờ khai theo JSON Schema của thủ tục',
});
const Outcome = Nullable(Type.Union([Type.Literal('early'), Type.Literal('on_time'), Type.Literal('late')]));
const DueState = Nullable(Type.Union([Type.Literal('on_time'), Type.Literal('due_soon'), Type.Literal('overdue')]));

// ---------- what the routes answer ----------

const DossierFields = {
  id: Str,
  code: Nullable(Str),
  status: Str,
  statusName: Str,
  stepName: Str,
  procedure: Type.Object({ code: Str, name: Str, versionId: Str }),
  channel: Str,
  receivingUnitId: Str,
  resolvingAgencyId: Str,
  applicant: Type.Record(Type.String(), Type.Unknown()),
  eform: Eform,
  openedAt: Iso,
  receivedAt: Nullable(Iso),
  dueAt: Nullable(Iso),
  originalDueAt: Nullable(Iso),
  extendedDueAt: Nullable(Iso),
  returnedAt: Nullable(Iso),
  outcome: Outcome,
  dueState: DueState,
  hold: Nullable(
    Type.Object({
      kind: Type.Union([Type.Literal('supplement'), Type.Literal('suspension'), Type.Literal('handed_off')]),
      since: Iso,
      reason: Nullable(Str),
    }),
  ),
  version: Type.Integer({ description: 'Phiên bản hồ sơ, gửi lại trong If-Match' }),
  availableActions: Type.Array(
    Type.Object({
      id: Type.Enum([...APPLICANT_ACTIONS]),
      name: Str,
      to: Nullable(Str),
      needs: Type.Array(Str),
    }),
  ),
};
const ApplicantDossier = Type.Object(DossierFields);

const FileView = Type.Object({
  id: Str,
  fileName: Str,
  type: Str,
  mime: Str,
  size: Type.Integer(),
  sha256: Str,
  byApplicant: Type.Boolean(),
  uploadedAt: Iso,
});

const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: Iso,
  action: Str,
  name: Str,
  reason: Nullable(Str),
  newDate: Nullable(Iso),
});

const Level = Type.Integer({ description: SCALE.map((l) => `${l.value} = ${l.name}`).join(', ') });
/** The Decree 61 criteria, each with the schema `schemaOf` gives it (by whether the criterion is optional). */
const Criteria = (schemaOf: (optional: boolean) => TSchema) =>
  Type.Object(Object.fromEntries(CRITERIA.map((c) => [c.id, schemaOf('optional' in c)])), {
    additionalProperties: false,
  });
const Rating = Type.Object({
  criteria: Criteria((optional) => (optional ? Nullable(Level) : Level)),
  comment: Nullable(Str),
  resolvingAgencyId: Str,
  ratedAt: Iso,
});

const Detail = Type.Object({
  ...DossierFields,
  components: Type.Array(
    Type.Object({
      index: Type.Integer(),
      name: Str,
      required: Type.Boolean(),
      acceptedTypes: Type.Array(Str),
      maxSizeMb: Type.Integer(),
      files: Type.Array(FileView),
    }),
  ),
  timeline: Type.Array(TimelineEntry),
  rating: Nullable(Rating),
  ratable: Type.Boolean({ description: 'Người nộp có thể đánh giá lúc này' }),
});

const MineItem = Type.Object({
  id: Str,
  code: Nullable(Str),
  procedure: Type.Object({ code: Str, name: Str }),
  status: Str,
  statusName: Str,
  openedAt: Iso,
  receivedAt: Nullable(Iso),
  dueAt: Type.Union([Iso, Type.Null()], { description: 'Ngày hẹn trả kết quả' }),
  dueState: DueState,
  returnedAt: Nullable(Iso),
  outcome: Outcome,
  ratable: Type.Boolean(),
  updatedAt: Iso,
});

const DocumentItem = Type.Object({
  id: Str,
  kind: Type.Union([Type.Literal('upload'), Type.Literal('result')], {
    description: 'Tệp đã nộp, hoặc kết quả điện tử đã được trả',
  }),
  fileName: Str,
  title: Nullable(Str),
  type: Str,
  mime: Str,
  size: Type.Integer(),
  sha256: Str,
  componentName: Nullable(Str),
  dossier: Type.Object({ id: Str, code: Nullable(Str) }),
  uploadedAt: Type.String({ format: 'date-time', description: 'Ngày tải lên, hoặc ngày ký của kết quả' }),
});

// ---------- what the routes take ----------

const OnlineOpening = Type.Object(
  {
    procedureCode: Type.String({ pattern: '^\\d\\.\\d{6}$', description: 'Mã thủ tục' }),
    receivingUnitId: Type.String({ format: 'uuid', description: 'Nơi nộp hồ sơ (cơ quan cung cấp thủ tục)' }),
    resolvingAgencyId: Type.Optional(Id),
    applicant: Type.Optional(Type.Partial(Applicant, { description: 'Thiếu mục nào thì lấy từ tài khoản' })),
    eform: Type.Optional(Eform),
    draft: Type.Optional(Type.Boolean({ description: 'Giữ là bản nháp, chưa nộp' })),
  },
  { additionalProperties: false },
);

const DraftPatch = Type.Object(
  { eform: Type.Optional(Eform), applicant: Type.Optional(Applicant) },
  { additionalProperties: false, minProperties: 1 },
);

const ActionHeaders = Type.Object({
  'idempotency-key': IdempotencyKey,
  'if-match': Type.Optional(Type.String({ description: 'Phiên bản hồ sơ đã đọc (ETag)' })),
});
const ActionBody = Type.Object(
  {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: 'Lý do (bắt buộc khi rút)' })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const RatingBody = Type.Object(
  {
    // All optional here: the service names each criterion left out or out of range, in Vietnamese.
    criteria: Criteria(() => Type.Optional(Nullable(Level))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export function applicantDossierRoutes(app: App, ctx: AppContext): void {
  /** The signed-in applicant as the dossier service knows them, with what their account says about them. */
  async function asApplicant(request: FastifyRequest) {
    const { applicantId } = applicantOf(request);
    const profile = await dossierApplicant(ctx, applicantId);
    const who: ApplicantRequester = {
      applicant: { accountId: applicantId, name: profile.name ?? 'Người nộp hồ sơ' },
      requestId: request.id,
    };
    return { who, profile };
  }
  const who = async (request: FastifyRequest) => (await asApplicant(request)).who;
  const applicant = { access: 'applicant' as const };

  app.post(
    '/api/v1/applicant/dossiers',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Nộp hồ sơ trực tuyến (hoặc lưu bản nháp); thông tin người nộp lấy từ tài khoản nếu không gửi',
        headers: Type.Object({ 'idempotency-key': IdempotencyKey }),
        body: OnlineOpening,
        response: { 201: ApplicantDossier },
      },
    },
    async (request, reply) => {
      const { who: requester, profile } = await asApplicant(request);
      const key = request.headers['idempotency-key'];
      return send(reply, await openOnline(ctx, requester, profile, request.body, key));
    },
  );

  app.get(
    '/api/v1/applicant/dossiers',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Hồ sơ của tôi, mới nhất trước',
        querystring: Type.Object(
          { status: Type.Optional(Type.Union(MACRO_STATUSES.map((s) => Type.Literal(s)))), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: Page(MineItem) },
      },
    },
    async (request) => myDossiers(ctx, await who(request), request.query),
  );

  app.get(
    '/api/v1/applicant/dossiers/:id',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Hồ sơ của tôi: tình trạng, thành phần và tệp, tiến trình, thao tác được làm, đánh giá',
        params: IdParams,
        response: { 200: Detail },
      },
    },
    async (request, reply) => {
      const detail = await dossierDetail(ctx, await who(request), request.params.id);
      reply.header('etag', etagOf(detail.version));
      return detail;
    },
  );

  app.patch(
    '/api/v1/applicant/dossiers/:id',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Lưu bản nháp: tờ khai (và thông tin người nộp); cần If-Match, 412 nếu bản nháp đã đổi',
        params: IdParams,
        headers: IfMatchHeaders,
        body: DraftPatch,
        response: { 200: ApplicantDossier },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const saved = await saveDraft(ctx, await who(request), request.params.id, version, request.body);
      reply.header('etag', etagOf(saved.version));
      return saved;
    },
  );

  app.delete(
    '/api/v1/applicant/dossiers/:id',
    {
      config: applicant,
      schema: { tags, summary: 'Hủy bản nháp (cần If-Match)', params: IdParams, headers: IfMatchHeaders },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      await discardDraft(ctx, await who(request), request.params.id, version);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/applicant/dossiers/:id/history',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Tiến trình xử lý hồ sơ: việc đã làm, khi nào, và lý do được thông báo cho người nộp',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(TimelineEntry) }) },
      },
    },
    async (request) => timeline(ctx, await who(request), request.params.id),
  );

  app.post(
    '/api/v1/applicant/dossiers/:id/components',
    {
      config: applicant,
      schema: {
        tags,
        summary:
          'Đính kèm tệp cho thành phần hồ sơ (trường "component": số thứ tự; trường "file"); gửi lại đúng tệp đó trả về tệp đã lưu',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: FileView, 201: FileView },
      },
    },
    async (request, reply) => {
      const form = await readForm(request, ['file'], MAX_COMPONENT_BYTES);
      const upload = { component: form.fields.get('component'), file: form.files.get('file') };
      const { created, file } = await attachFile(ctx, await who(request), request.params.id, upload);
      return reply.code(created ? 201 : 200).send(file);
    },
  );

  app.post(
    '/api/v1/applicant/dossiers/:id/components/reuse',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Dùng lại một tài liệu trong kho của tôi cho thành phần hồ sơ, không cần tải lên lại',
        params: IdParams,
        body: Type.Object(
          {
            component: Type.Integer({ minimum: 1, description: 'Số thứ tự thành phần hồ sơ' }),
            documentId: Type.String({
              format: 'uuid',
              description: 'Mã tài liệu trong kho (GET /applicant/documents)',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: FileView, 201: FileView },
      },
    },
    async (request, reply) => {
      const { created, file } = await reuseDocument(ctx, await who(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(file);
    },
  );

  app.delete(
    '/api/v1/applicant/dossiers/:id/components/files/:fileId',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Xóa tệp đã đính kèm (khi còn là bản nháp, hoặc tệp bổ sung khi được yêu cầu bổ sung)',
        params: Type.Object({ id: Id, fileId: Id }),
      },
    },
    async (request, reply) => {
      await removeFile(ctx, await who(request), request.params.id, request.params.fileId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/applicant/dossiers/:id/components/files/:fileId',
    {
      config: applicant,
      schema: { tags, summary: 'Tải tệp của thành phần hồ sơ', params: Type.Object({ id: Id, fileId: Id }) },
    },
    async (request, reply) =>
      sendDownload(reply, await readFile(ctx, await who(request), request.params.id, request.params.fileId)),
  );

  app.post(
    '/api/v1/applicant/dossiers/:id/actions/:action',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Nộp bản nháp (submit), bổ sung hồ sơ khi được yêu cầu (supplement), rút hồ sơ (withdraw, cần lý do)',
        params: Type.Object({ id: Id, action: Type.Enum([...APPLICANT_ACTIONS]) }),
        headers: ActionHeaders,
        body: ActionBody,
        response: { 200: ApplicantDossier },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const answer = await applicantAct(
        ctx,
        await who(request),
        request.params.id,
        request.params.action,
        request.body,
        request.headers['idempotency-key'],
        ifMatch === undefined ? undefined : ifMatchVersion(ifMatch),
      );
      return send(reply, answer);
    },
  );

  app.get(
    '/api/v1/applicant/dossiers/:id/forms/01.pdf',
    {
      config: applicant,
      schema: { tags, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01), PDF', params: IdParams },
    },
    async (request, reply) => sendForm(reply, await dossierForm(ctx, await who(request), request.params.id, '01')),
  );

  app.put(
    '/api/v1/applicant/dossiers/:id/rating',
    {
      config: applicant,
      schema: {
        tags,
        summary: 'Đánh giá việc giải quyết hồ sơ theo các tiêu chí của Nghị định 61 (một lần, sau khi trả kết quả)',
        params: IdParams,
        body: RatingBody,
        response: { 201: Rating },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await rateDossier(ctx, await who(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/applicant/documents',
    {
      config: applicant,
      schema: {
        tags,
        summary:
          'Kho tài liệu của tôi: các tệp đã nộp trong hồ sơ của tôi (mỗi nội dung một lần) và kết quả điện tử đã nhận, mới nhất trước',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(DocumentItem) },
      },
    },
    async (request) => myDocuments(ctx, await who(request), request.query),
  );
}

// /api/v1/dossiers: opening a dossier at the desk or by post, its workflow actions, reading it with its history.
// Citizens' online dossiers come through the portal's own routes (later), which call the same service.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import { readForm } from '../../platform/http/multipart.ts';
import { PageQuery } from '../../platform/http/paging.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, ifMatchVersion } from '../../platform/http/versioning.ts';
import { DELIVERIES } from '../workflow/effects.ts';
import { attachFile, listComponents, MAX_COMPONENT_BYTES, readFile } from './components.ts';
import { dashboard } from './dashboard.ts';
import { listDossiers, QUEUE_IDS, queueCounts } from './list.ts';
import { logbookJson, logbookPdf, logbookXlsx } from './logbook.ts';
import { type MigrationReport, migrateDossiers } from './migration.ts';
import { controlSheet, dossierForm, FORMS } from './paperwork.ts';
import { publicTracking } from './public.ts';
import * as service from './service.ts';

const tags = ['dossiers'];
const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Optional = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
export const IdempotencyKey = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,128}$',
  description: 'Khóa chống lặp, ví dụ một UUID mới cho mỗi thao tác; gửi lại đúng khóa khi thử lại',
});

export const Applicant = Type.Object(
  {
    name: Text(200),
    identityNumber: Optional(Type.String({ pattern: '^[0-9A-Za-z]{6,20}$' })),
    phone: Optional(Type.String({ pattern: '^[0-9+ .()-]{6,20}$' })),
    email: Optional(Type.String({ format: 'email', maxLength: 254 })),
    address: Optional(Text(500)),
  },
  { additionalProperties: false },
);

const Opening = Type.Object(
  {
    procedureCode: Type.String({ pattern: '^\\d\\.\\d{6}$', description: 'Mã thủ tục' }),
    channel: Type.Union([Type.Literal('desk'), Type.Literal('post')], { description: 'Trực tiếp hoặc bưu chính' }),
    receivingUnitId: Type.Optional(Id),
    resolvingAgencyId: Type.Optional(Id),
    applicant: Applicant,
    eform: Type.Record(Type.String(), Type.Unknown(), { description: 'Dữ liệu tờ khai theo JSON Schema của thủ tục' }),
    draft: Type.Optional(Type.Boolean({ description: 'Giữ là hồ sơ nháp, chưa nộp' })),
  },
  { additionalProperties: false },
);

const ActionBody = Type.Object(
  {
    note: Type.Optional(Text(4000)),
    reason: Type.Optional(Text(4000)),
    opinion: Type.Optional(Text(4000)),
    documents: Type.Optional(Type.Array(Text(200), { maxItems: 50, uniqueItems: true })),
    signedDocumentId: Type.Optional(Text(200)),
    paymentRef: Type.Optional(Text(200)),
    delivery: Type.Optional(Type.Union(DELIVERIES.map((d) => Type.Literal(d)))),
    assignee: Type.Optional(Id),
    agencyId: Type.Optional(Id),
    newDate: Type.Optional(Type.String({ maxLength: 40, description: 'Ngày hẹn mới (Mẫu 04), ISO 8601 có múi giờ' })),
  },
  { additionalProperties: false },
);

const OUTCOMES = ['early', 'on_time', 'late'] as const;
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Ngày (giờ Việt Nam), YYYY-MM-DD' });
const ListQuery = Type.Object(
  {
    queue: Type.Optional(
      Type.Union(
        QUEUE_IDS.map((q) => Type.Literal(q)),
        { description: 'Hàng đợi công việc' },
      ),
    ),
    procedure: Type.Optional(Type.String({ pattern: '^\\d\\.\\d{6}$', description: 'Mã thủ tục' })),
    status: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$', description: 'Trạng thái hồ sơ' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Mã hồ sơ, tên người nộp, số điện thoại hoặc số định danh',
      }),
    ),
    sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('received')], { default: 'due' })),
    agency: Type.Optional(
      Type.String({ format: 'uuid', description: 'Cơ quan giải quyết này và các cơ quan trực thuộc' }),
    ),
    resolvingAgency: Type.Optional(Type.String({ format: 'uuid', description: 'Đúng cơ quan giải quyết này' })),
    department: Type.Optional(
      Type.Union([Type.String({ format: 'uuid' }), Type.Literal('none')], {
        description: 'Phòng thụ lý hồ sơ; none: không xác định được phòng thụ lý',
      }),
    ),
    returnedFrom: Type.Optional({ ...IsoDate, description: 'Trả kết quả từ ngày (giờ Việt Nam), YYYY-MM-DD' }),
    returnedTo: Type.Optional({ ...IsoDate, description: 'Trả kết quả đến hết ngày (giờ Việt Nam), YYYY-MM-DD' }),
    outcome: Type.Optional(
      Type.Union(
        OUTCOMES.map((o) => Type.Literal(o)),
        { description: 'Trả trước, đúng hoặc quá hạn' },
      ),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Migration = Type.Object(
  {
    fromVersion: Type.Integer({ minimum: 1, description: 'Phiên bản hồ sơ đang theo; chuyển sang phiên bản kế tiếp' }),
    mapping: Type.Record(Type.String({ maxLength: 64 }), Type.String({ minLength: 1, maxLength: 64 }), {
      description: 'Bước cũ → bước mới; bước không có trong bảng thì hồ sơ ở bước đó không chuyển',
    }),
    apply: Type.Optional(Type.Boolean({ default: false, description: 'false: chạy thử, chưa chuyển hồ sơ nào' })),
  },
  { additionalProperties: false },
);

/** A migration report for the console: totals and the first rows of each list. */
function migrationView({ plan, moved, changed }: MigrationReport) {
  const first = <T>(items: T[]) => items.slice(0, 200);
  return {
    from: plan.from,
    to: plan.to,
    problems: plan.problems,
    totals: { moves: plan.moves.length, blocked: plan.blocked.length, skipped: plan.skipped.length },
    moves: first(plan.moves.map(({ dossierId, fromStep, toStep }) => ({ dossierId, fromStep, toStep }))),
    blocked: first(plan.blocked),
    skipped: first(plan.skipped),
    moved: moved.length,
    changed: first(changed),
  };
}

const ActionParams = Type.Object({ id: Id, action: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 }) });

/** An action's or opening's answer: its status, ETag from the version, and whether it is a replay. */
export function send(reply: FastifyReply, answer: service.Answer) {
  const body = answer.body as { version?: number };
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  if (typeof body.version === 'number') reply.header('etag', etagOf(body.version));
  return reply.code(answer.status).send(answer.body);
}

/** A component file as a download: its own name, and never sniffed into something the browser would run. */
export function sendDownload(reply: FastifyReply, file: { bytes: Buffer; mime: string; fileName: string }) {
  return reply
    .type(file.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}

/** A form of the dossier (Forms 01–05), shown in the browser and never cached: it may carry the tracking secret. */
export function sendForm(reply: FastifyReply, form: { pdf: Buffer; filename: string }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${form.filename}"`)
    .header('cache-control', 'no-store')
    .send(form.pdf);
}

export function dossierRoutes(app: App, ctx: AppContext): void {
  const tracking = publicTracking(ctx);
  app.addHook('onReady', tracking.start);
  app.addHook('onClose', tracking.stop);
  const who = (request: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(request), requestId: request.id });

  app.post(
    '/api/v1/dossiers',
    {
      config: { access: 'dossier.receive' },
      schema: {
        tags,
        summary: 'Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính (nộp ngay, hoặc giữ là hồ sơ nháp)',
        headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
        body: Opening,
      },
    },
    async (request, reply) =>
      send(reply, await service.openDossierFor(ctx, who(request), request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { access: 'dossier.read' },
      schema: {
        tags,
        summary: 'Danh sách hồ sơ và hàng đợi công việc (chờ tiếp nhận, thụ lý, phê duyệt, ký, trả kết quả, quá hạn)',
        querystring: ListQuery,
      },
    },
    async (request) => listDossiers(ctx.database.db, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/dossiers/queues',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Số hồ sơ đang chờ bạn trong từng hàng đợi công việc' },
    },
    async (request) => queueCounts(ctx.database.db, actorOf(request)),
  );

  const Count = Type.Integer({ minimum: 0 });
  const Outcomes = {
    early: Count,
    onTime: Count,
    late: Count,
    rate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Tỷ lệ trả trước và đúng hạn (0–1); null khi chưa trả hồ sơ nào',
    }),
  };
  const Periods = Type.Array(
    Type.Object({
      period: Type.String({ description: 'Ngày đầu tuần (thứ Hai) hoặc đầu tháng' }),
      from: Type.String({ description: 'Ngày đầu của kỳ nằm trong khoảng xem' }),
      to: Type.String({ description: 'Ngày cuối của kỳ nằm trong khoảng xem' }),
      ...Outcomes,
    }),
  );
  const Granularity = Type.Union([Type.Literal('week'), Type.Literal('month')]);
  app.get(
    '/api/v1/dossiers/dashboard',
    {
      config: { access: 'dossier.read' },
      schema: {
        tags,
        summary:
          'Bảng theo dõi của lãnh đạo: hồ sơ tiếp nhận trong kỳ theo trạng thái, hồ sơ quá hạn, tỷ lệ trả đúng hạn theo cơ quan, phòng thụ lý và tuần (tháng)',
        querystring: Type.Object(
          {
            from: IsoDate,
            to: IsoDate,
            agency: Type.Optional(
              Type.String({ format: 'uuid', description: 'Chỉ cơ quan này và các cơ quan trực thuộc' }),
            ),
            granularity: Type.Optional({
              ...Granularity,
              description: 'Theo tuần hoặc tháng; mặc định theo tuần khi xem tối đa 92 ngày',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            granularity: Granularity,
            byStatus: Type.Array(Type.Object({ status: Type.String(), name: Type.String(), count: Count })),
            overdue: Type.Object({
              more: Type.Boolean({ description: 'Còn hồ sơ quá hạn ngoài danh sách này' }),
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  code: Type.Union([Type.String(), Type.Null()]),
                  procedureName: Type.String(),
                  applicantName: Type.String(),
                  agencyName: Type.String({ description: 'Cơ quan hồ sơ đang ở' }),
                  status: Type.String(),
                  dueAt: Type.String(),
                }),
              ),
            }),
            onTime: Type.Array(
              Type.Object({
                agencyId: Type.String(),
                agencyName: Type.String(),
                total: Type.Object(Outcomes),
                periods: Periods,
              }),
            ),
            byDepartment: Type.Array(
              Type.Object(
                {
                  agencyId: Type.String(),
                  agencyName: Type.String(),
                  departments: Type.Array(
                    Type.Object({
                      departmentId: Type.Union([Type.String(), Type.Null()], {
                        description: 'null: không xác định được phòng thụ lý',
                      }),
                      departmentName: Type.String(),
                      total: Type.Object(Outcomes),
                      periods: Periods,
                    }),
                  ),
                },
                { description: 'Chỉ các cơ quan giải quyết trong phạm vi được xem' },
              ),
            ),
          }),
        },
      },
    },
    async (request) => dashboard(ctx.database.db, actorOf(request), request.query),
  );

  const LogbookQuery = Type.Object(
    { unit: Id, from: IsoDate, to: IsoDate },
    { additionalProperties: false, description: 'Nơi tiếp nhận và kỳ (giờ Việt Nam)' },
  );
  const logbook = { tags, querystring: LogbookQuery };
  app.get(
    '/api/v1/dossiers/logbook',
    {
      config: { access: 'dossier.read' },
      schema: { ...logbook, summary: 'Sổ theo dõi hồ sơ (Mẫu 06) của nơi tiếp nhận trong một kỳ' },
    },
    async (request) => logbookJson(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/dossiers/logbook.pdf',
    { config: { access: 'dossier.read' }, schema: { ...logbook, summary: 'Sổ theo dõi hồ sơ (Mẫu 06), PDF khổ A4' } },
    async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="so-theo-doi-ho-so.pdf"')
        .send(await logbookPdf(ctx, actorOf(request), request.query)),
  );
  app.get(
    '/api/v1/dossiers/logbook.xlsx',
    { config: { access: 'dossier.read' }, schema: { ...logbook, summary: 'Sổ theo dõi hồ sơ (Mẫu 06), tệp Excel' } },
    async (request, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="so-theo-doi-ho-so.xlsx"')
        .send(await logbookXlsx(ctx, actorOf(request), request.query)),
  );

  app.get(
    '/api/v1/public/dossiers/:code',
    {
      // 30 a minute per address by default, so that secrets cannot be guessed.
      config: { access: 'public', rateLimit: { max: ctx.config.trackingRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu in trên giấy tiếp nhận (Mẫu 01)',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ secret: Type.String({ minLength: 1, maxLength: 32, description: 'Mã tra cứu' }) }),
      },
    },
    async (request) => tracking.track(request.params.code, request.query.secret),
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Hồ sơ, các thao tác bạn được thực hiện lúc này và lịch sử xử lý', params: IdParams },
    },
    async (request, reply) => {
      const dossier = await service.getDossier(ctx, who(request), request.params.id);
      reply.header('etag', etagOf(dossier.version));
      return dossier;
    },
  );

  app.get(
    '/api/v1/dossiers/:id/history',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Lịch sử xử lý hồ sơ theo thứ tự', params: IdParams },
    },
    async (request) => service.getHistory(ctx, who(request), request.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/forms/:form.pdf',
    {
      config: { access: 'dossier.read' },
      schema: {
        tags,
        summary: 'In mẫu phiếu của hồ sơ (Mẫu 01–05, Thông tư 01/2018/TT-VPCP) dạng PDF',
        params: Type.Object({ id: Id, form: Type.Union(FORMS.map((f) => Type.Literal(f))) }),
        querystring: Type.Object({
          secret: Type.Optional(
            Type.String({ minLength: 1, maxLength: 32, description: 'Mẫu 01: mã tra cứu vừa cấp, để in lên giấy' }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const { id, form } = request.params;
      return sendForm(reply, await dossierForm(ctx, who(request), id, form, request.query.secret));
    },
  );

  app.get(
    '/api/v1/dossiers/:id/control-sheet',
    {
      config: { access: 'dossier.read' },
      schema: {
        tags,
        summary: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05): các lần giao nhận, trước hạn/đúng hạn/quá hạn',
        params: IdParams,
      },
    },
    async (request) => controlSheet(ctx, who(request), request.params.id),
  );

  app.post(
    '/api/v1/dossiers/:id/components',
    {
      config: { access: 'dossier.act' },
      schema: {
        tags,
        summary: 'Đính kèm tệp của một thành phần hồ sơ (trường "component": số thứ tự hoặc tên; trường "file")',
        consumes: ['multipart/form-data'],
        params: IdParams,
      },
    },
    async (request, reply) => {
      const form = await readForm(request, ['file'], MAX_COMPONENT_BYTES);
      const upload = { component: form.fields.get('component'), file: form.files.get('file') };
      const { created, file } = await attachFile(ctx, who(request), request.params.id, upload);
      return reply.code(created ? 201 : 200).send(file);
    },
  );

  app.get(
    '/api/v1/dossiers/:id/components',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Các thành phần hồ sơ và tệp đã đính kèm', params: IdParams },
    },
    async (request) => listComponents(ctx, who(request), request.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/components/files/:fileId',
    {
      config: { access: 'dossier.read' },
      schema: { tags, summary: 'Tải tệp của thành phần hồ sơ', params: Type.Object({ id: Id, fileId: Id }) },
    },
    async (request, reply) =>
      sendDownload(reply, await readFile(ctx, who(request), request.params.id, request.params.fileId)),
  );

  app.post(
    '/api/v1/workflows/:code/migrations',
    {
      config: { access: 'workflow.manage' },
      schema: {
        tags: ['Quy trình điện tử'],
        summary:
          'Chuyển hồ sơ đang giải quyết sang phiên bản kế tiếp của quy trình theo bảng ánh xạ bước (apply: false là chạy thử)',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Migration,
      },
    },
    async (request) =>
      migrationView(
        await migrateDossiers(ctx, who(request), {
          code: request.params.code,
          fromVersion: request.body.fromVersion,
          mapping: request.body.mapping,
          apply: request.body.apply ?? false,
        }),
      ),
  );

  app.post(
    '/api/v1/dossiers/:id/tracking-secret',
    {
      config: { access: 'dossier.receive' },
      schema: {
        tags,
        summary: 'Cấp lại mã tra cứu cho hồ sơ đã tiếp nhận (người nộp làm mất giấy tiếp nhận); mã cũ hết hiệu lực',
        params: IdParams,
        headers: Type.Object({ 'idempotency-key': IdempotencyKey }),
      },
    },
    async (request, reply) =>
      send(
        reply,
        await service.reissueTrackingSecret(ctx, who(request), request.params.id, request.headers['idempotency-key']),
      ),
  );

  app.post(
    '/api/v1/dossiers/:id/actions/:action',
    {
      config: { access: 'dossier.act' },
      schema: {
        tags,
        summary: 'Thực hiện một thao tác của quy trình trên hồ sơ (tiếp nhận, chuyển bước, trả kết quả…)',
        params: ActionParams,
        headers: Type.Object({
          'idempotency-key': IdempotencyKey,
          'if-match': Type.Optional(Type.String({ description: 'Phiên bản hồ sơ đã đọc (ETag)' })),
        }),
        body: ActionBody,
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const answer = await service.act(
        ctx,
        who(request),
        request.params.id,
        request.params.action,
        request.body,
        request.headers['idempotency-key'],
        ifMatch === undefined ? undefined : ifMatchVersion(ifMatch),
      );
      return send(reply, answer);
    },
  );
}

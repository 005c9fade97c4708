// /api/v1/dossiers: opening a dossier at the desk or by post, its workflow actions, reading it with its history.
// Citizens' online dossiers come through the portal's own routes (later), which call the same service.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, ifMatchVersion } from '../../platform/http/versioning.ts';
import { DELIVERIES } from '../workflow/effects.ts';
import * as service from './service.ts';

const tags = ['dossiers'];
const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Optional = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const IdempotencyKey = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,128}$',
  description: 'Khóa chống lặp, ví dụ một UUID mới cho mỗi thao tác; gửi lại đúng khóa khi thử lại',
});

const Applicant = Type.Object(
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

const ActionParams = Type.Object({ id: Id, action: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 }) });

function send(reply: FastifyReply, answer: service.Answer) {
  const body = answer.body as { version?: number };
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  if (typeof body.version === 'number') reply.header('etag', etagOf(body.version));
  return reply.code(answer.status).send(answer.body);
}

export function dossierRoutes(app: App, ctx: AppContext): void {
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

// /api/v1/signing and /api/v1/signatures: signing keys (signing.manage), signing a PDF (any signed-in staff
// member with their own key, or with the agency's seal under signing.seal), and public verification, plus the
// public /verify page that a signed document's QR code opens. Uploads are multipart/form-data; files are
// recognised by their bytes, not by the content type the client claims.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import { type Form, readForm } from '../../platform/http/multipart.ts';
import { invalidField, Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import type { Layout } from './appearance.ts';
import { verificationPage } from './page.ts';
import { looksLikePdf } from './pdf-file.ts';
import * as service from './service.ts';

const tags = ['signing'];
const Str = Type.String();
const OrNull = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const KeyView = Type.Object({
  id: Str,
  owner: Type.Object({ kind: Type.Enum(['staff', 'agency']), staffId: Type.Optional(Str) }),
  agencyId: Str,
  backend: Type.Enum(['software', 'remote']),
  remote: Type.Union([Type.Object({ url: Str, keyId: Str }), Type.Null()]),
  certificate: Type.Object({ subject: Str, issuer: Str, serial: Str, notBefore: Str, notAfter: Str }),
  hasImage: Type.Boolean(),
  status: Type.Enum(['active', 'retired']),
  createdAt: Str,
  retiredAt: OrNull(Str),
});

const Verification = Type.Object({
  signatures: Type.Array(
    Type.Object({
      signer: OrNull(Str),
      issuer: OrNull(Str),
      signedAt: OrNull(Str),
      intact: Type.Boolean(),
      modifiedAfter: Type.Boolean(),
      trusted: Type.Boolean(),
      notes: Type.Array(Str),
    }),
  ),
});

function pdfFrom(form: Form): Buffer {
  const file = form.files.get('file')?.bytes;
  if (!file || file.length === 0) throw invalidField('file', 'Cần gửi tệp PDF trong trường "file".');
  if (!looksLikePdf(file)) throw new Problem(415, 'not-pdf', 'Tệp gửi lên không phải là tệp PDF.');
  return file;
}

function numberField(form: Form, field: string, min: number, max: number): number | undefined {
  const raw = form.fields.get(field);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw invalidField(field, `Trường "${field}" phải là một số từ ${min} đến ${max}.`);
  }
  return value;
}

function oneOf<T extends string>(form: Form, field: string, values: readonly T[], fallback?: T): T {
  const raw = form.fields.get(field) ?? fallback;
  if (!raw || !(values as readonly string[]).includes(raw)) {
    throw invalidField(field, `Trường "${field}" phải là một trong: ${values.join(', ')}.`);
  }
  return raw as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidField(form: Form, field: string): string | undefined {
  const raw = form.fields.get(field);
  if (raw === undefined || raw === '') return undefined;
  if (!UUID.test(raw)) throw invalidField(field, `Trường "${field}" phải là một mã định danh (UUID).`);
  return raw;
}

function keyInput(form: Form): service.KeyInput {
  const ownerKind = oneOf(form, 'owner', ['staff', 'agency'] as const);
  const ownerId = uuidField(form, ownerKind === 'staff' ? 'staffId' : 'agencyId');
  if (!ownerId) throw invalidField(ownerKind === 'staff' ? 'staffId' : 'agencyId', 'Cần chỉ rõ chủ sở hữu của khóa.');
  const owner: service.KeyInput['owner'] =
    ownerKind === 'staff' ? { kind: 'staff', staffId: ownerId } : { kind: 'agency', agencyId: ownerId };
  const image = form.files.get('image')?.bytes ?? null;
  if (oneOf(form, 'backend', ['software', 'remote'] as const) === 'software') {
    const pkcs12 = form.files.get('pkcs12')?.bytes;
    if (!pkcs12) throw invalidField('pkcs12', 'Cần tệp khóa PKCS#12 (.p12, .pfx) trong trường "pkcs12".');
    return { owner, image, backend: { kind: 'software', pkcs12, password: form.fields.get('password') ?? '' } };
  }
  const url = form.fields.get('remoteUrl') ?? '';
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw invalidField('remoteUrl', 'Địa chỉ dịch vụ ký số từ xa phải là URL http(s).');
  const keyId = form.fields.get('remoteKeyId') ?? '';
  if (!keyId) throw invalidField('remoteKeyId', 'Cần mã khóa (keyId) tại dịch vụ ký số từ xa.');
  const certificatePem = form.files.get('certificate')?.bytes.toString('latin1') ?? '';
  return { owner, image, backend: { kind: 'remote', url, keyId, certificatePem } };
}

export function signingRoutes(app: App, ctx: AppContext): void {
  const verifyLimit = { max: ctx.config.verifyRatePerMinute, timeWindow: '1 minute' };

  app.get(
    '/api/v1/signing/keys',
    {
      config: { access: 'signing.manage' },
      schema: {
        tags,
        summary: 'Danh sách khóa ký số trong phạm vi quản lý',
        response: { 200: Type.Object({ items: Type.Array(KeyView) }) },
      },
    },
    async (request) => service.listKeys(ctx, actorOf(request)),
  );

  app.post(
    '/api/v1/signing/keys',
    {
      config: { access: 'signing.manage' },
      schema: {
        tags,
        summary:
          'Đăng ký khóa ký số cho cán bộ hoặc cơ quan (PKCS#12 hoặc dịch vụ ký từ xa); khóa đang dùng của cùng chủ sở hữu được thay thế',
        consumes: ['multipart/form-data'],
        response: { 201: KeyView },
      },
    },
    async (request, reply) => {
      const form = await readForm(request, ['pkcs12', 'certificate', 'image']);
      const who = { actor: actorOf(request), requestId: request.id };
      return reply.code(201).send(await service.registerKey(ctx, who, keyInput(form)));
    },
  );

  app.post(
    '/api/v1/signing/keys/:id/retire',
    {
      config: { access: 'signing.manage' },
      schema: {
        tags,
        summary: 'Thu hồi (ngừng dùng) một khóa ký số',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: KeyView },
      },
    },
    async (request) => service.retireKey(ctx, { actor: actorOf(request), requestId: request.id }, request.params.id),
  );

  app.post(
    '/api/v1/signing/sign',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Ký số tệp PDF (PAdES): bằng khóa của chính mình (signer) hoặc con dấu cơ quan (seal, attachment); trả về tệp đã ký',
        consumes: ['multipart/form-data'],
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const form = await readForm(request, ['file']);
      const layout = oneOf<Layout>(form, 'layout', ['signer', 'seal', 'attachment'], 'signer');
      const pdf = pdfFrom(form);
      const agencyId = uuidField(form, 'agencyId');
      const numberSymbol = form.fields.get('numberSymbol');
      const reason = form.fields.get('reason');
      const result = await service.signDocument(
        ctx,
        { actor: actorOf(request), requestId: request.id },
        {
          pdf,
          layout,
          placement: {
            page: numberField(form, 'page', 1, 100_000),
            x: numberField(form, 'x', 0, 14_400),
            y: numberField(form, 'y', 0, 14_400),
          },
          ...(agencyId ? { agencyId } : {}),
          ...(numberSymbol ? { numberSymbol: numberSymbol.slice(0, 100) } : {}),
          ...(reason ? { reason: reason.slice(0, 500) } : {}),
        },
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="da-ky.pdf"')
        .header('x-signature-id', result.signatureId)
        .send(result.pdf);
    },
  );

  app.post(
    '/api/v1/signatures/verify',
    {
      config: { access: 'public', rateLimit: verifyLimit },
      schema: {
        tags,
        summary: 'Kiểm tra chữ ký số trong tệp PDF (trường "file"): nguyên vẹn, bị sửa sau khi ký, được tin cậy',
        consumes: ['multipart/form-data'],
        response: { 200: Verification },
      },
    },
    async (request) => service.verifyDocument(ctx, pdfFrom(await readForm(request, ['file']))),
  );

  // The page a signed document's QR code opens: the record of that signature, and a form to check a file.
  app.get(
    '/verify',
    {
      config: { access: 'public' },
      schema: { hide: true, querystring: Type.Object({ id: Type.Optional(Type.String({ maxLength: 64 })) }) },
    },
    async (request, reply) => {
      const record = request.query.id ? await service.signatureRecord(ctx, request.query.id) : null;
      return reply.type('text/html; charset=utf-8').send(verificationPage({ record }));
    },
  );

  app.post(
    '/verify',
    { config: { access: 'public', rateLimit: verifyLimit }, schema: { hide: true } },
    async (request, reply) => {
      const html = await (async () => {
        try {
          const result = await service.verifyDocument(ctx, pdfFrom(await readForm(request, ['file'])));
          return verificationPage({ record: null, result: result.signatures });
        } catch (err) {
          if (!(err instanceof Problem) || err.status >= 500) throw err;
          reply.code(err.status);
          return verificationPage({ record: null, error: err.title });
        }
      })();
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );
}

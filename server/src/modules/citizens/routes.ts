// /api/v1/applicant/*: accounts of citizens and businesses, for the portal (docs/citizens.md).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { APPLICANT_COOKIE, applicantOf } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import { MAX_PASSWORD_LENGTH } from '../access/password.ts';
import { MAX_EMAIL_LENGTH } from './login-name.ts';
import { finishSignIn, OIDC_COOKIE, OIDC_COOKIE_PATH, OIDC_LOGIN_MINUTES, startSignIn } from './oidc.ts';
import * as service from './service.ts';

const tags = ['citizens'];
const Nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Login = Type.String({
  minLength: 1,
  maxLength: MAX_EMAIL_LENGTH,
  description: 'Email hoặc số điện thoại di động (0912345678, +84912345678)',
});
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const Session = Type.Object({
  csrfToken: Type.String({ description: 'Gửi lại trong tiêu đề X-CSRF-Token với mọi yêu cầu ghi.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
const Accepted = Type.Object({ message: Type.String() });
const Profile = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('business')]),
  email: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Boolean(),
  phone: Type.Union([Type.String(), Type.Null()]),
  phoneVerified: Type.Boolean(),
  fullName: Type.Union([Type.String(), Type.Null()]),
  identityNumber: Type.Union([Type.String(), Type.Null()]),
  identityVerified: Type.Boolean({ description: 'Số định danh do hệ thống định danh điện tử (VNeID) xác nhận.' }),
  taxCode: Type.Union([Type.String(), Type.Null()]),
  businessName: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([
    Type.Object({
      line: Type.String(),
      adminUnit: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() }),
    }),
    Type.Null(),
  ]),
  hasPassword: Type.Boolean(),
  version: Type.Integer(),
  csrfToken: Type.String(),
});

const clientOf = (request: FastifyRequest): service.Client => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

export function citizenRoutes(app: App, ctx: AppContext): void {
  // Lax, not Strict: the return from the identity provider is a cross-site navigation that must carry it. Writes
  // stay safe through the CSRF token the guard asks for.
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.cookieSecure };
  const rateLimit = { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' };
  const signedIn = (reply: FastifyReply, session: service.SessionStart) => {
    reply.setCookie(APPLICANT_COOKIE, session.token, { ...sessionCookie, expires: session.expiresAt });
    return { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  };

  app.post(
    '/api/v1/applicant/signup',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Người dân, doanh nghiệp đăng ký tài khoản (mã xác minh được gửi tới email hoặc số điện thoại)',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('citizen'), Type.Literal('business')]),
            login: Login,
            password: Password,
            fullName: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      const login = await service.signUp(ctx, request.body, clientOf(request));
      const where = login.channel === 'email' ? 'email' : 'số điện thoại';
      return reply.code(202).send({ message: `Mã xác minh đang được gửi tới ${where} đã đăng ký.` });
    },
  );

  app.post(
    '/api/v1/applicant/verify',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Nhập mã xác minh: tài khoản được xác minh và đăng nhập',
        body: Type.Object(
          { login: Login, code: Type.String({ minLength: 1, maxLength: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: Session },
      },
    },
    async (request, reply) => signedIn(reply, await service.verifyCode(ctx, request.body, clientOf(request))),
  );

  app.post(
    '/api/v1/applicant/verify/resend',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Gửi lại mã xác minh (nhiều nhất một lần mỗi phút)',
        body: Type.Object({ login: Login }, { additionalProperties: false }),
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      await service.resendCode(ctx, request.body, clientOf(request));
      return reply.code(202).send({ message: 'Nếu tài khoản đang chờ xác minh, mã mới sẽ được gửi trong giây lát.' });
    },
  );

  app.post(
    '/api/v1/applicant/login',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Người dân, doanh nghiệp đăng nhập bằng email hoặc số điện thoại và mật khẩu',
        body: Type.Object({ login: Login, password: Password }, { additionalProperties: false }),
        response: { 200: Session },
      },
    },
    async (request, reply) => signedIn(reply, await service.signIn(ctx, request.body, clientOf(request))),
  );

  app.post(
    '/api/v1/applicant/logout',
    { config: { access: 'applicant' }, schema: { tags, summary: 'Người dân, doanh nghiệp đăng xuất' } },
    async (request, reply) => {
      await service.signOut(ctx, applicantOf(request), request.id);
      reply.clearCookie(APPLICANT_COOKIE, sessionCookie);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/applicant/me',
    {
      config: { access: 'applicant' },
      schema: { tags, summary: 'Hồ sơ tài khoản người dân, doanh nghiệp đang đăng nhập', response: { 200: Profile } },
    },
    async (request, reply) => {
      const me = await service.profile(ctx, applicantOf(request));
      reply.header('etag', etagOf(me.version));
      return me;
    },
  );

  app.patch(
    '/api/v1/applicant/me',
    {
      config: { access: 'applicant' },
      schema: {
        tags,
        summary: 'Sửa hồ sơ: họ tên, số định danh cá nhân, mã số thuế, địa chỉ (cần If-Match với phiên bản đã đọc)',
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            fullName: Nullable(Type.String({ maxLength: 200 })),
            identityNumber: Nullable(Type.String({ maxLength: 30, description: '12 chữ số, hoặc 9 chữ số (CMND cũ)' })),
            taxCode: Nullable(Type.String({ maxLength: 30, description: '10 chữ số, NNNNNNNNNN-NNN hoặc 12 chữ số' })),
            businessName: Nullable(Type.String({ maxLength: 300 })),
            address: Nullable(
              Type.Object(
                {
                  line: Type.String({ minLength: 1, maxLength: 300, description: 'Số nhà, đường, ấp/khóm' }),
                  adminUnitId: Type.String({
                    format: 'uuid',
                    description: 'Đơn vị hành chính cấp xã đang có hiệu lực',
                  }),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Profile },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const me = await service.updateProfile(ctx, applicantOf(request), request.id, version, request.body);
      reply.header('etag', etagOf(me.version));
      return me;
    },
  );

  app.post(
    '/api/v1/applicant/me/password',
    {
      config: { access: 'applicant', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Đổi mật khẩu (các phiên đăng nhập khác bị đăng xuất)',
        body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await service.changePassword(ctx, applicantOf(request), request.id, request.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/applicant/oidc/start',
    {
      config: { access: 'public', rateLimit },
      schema: {
        tags,
        summary: 'Đăng nhập bằng tài khoản định danh điện tử (VNeID): chuyển tới nhà cung cấp định danh',
        querystring: Type.Object({
          returnTo: Type.Optional(Type.String({ maxLength: 500, description: 'Đường dẫn của cổng để quay lại' })),
        }),
      },
    },
    async (request, reply) => {
      const { redirect, browserToken } = await startSignIn(ctx, request.query.returnTo);
      reply.setCookie(OIDC_COOKIE, browserToken, {
        ...sessionCookie,
        path: OIDC_COOKIE_PATH,
        maxAge: OIDC_LOGIN_MINUTES * 60,
      });
      return reply.redirect(redirect, 302);
    },
  );

  app.get(
    '/api/v1/applicant/oidc/callback',
    {
      config: { access: 'public', rateLimit },
      schema: { tags, summary: 'Nhà cung cấp định danh trả về: mở phiên đăng nhập và quay lại cổng' },
    },
    async (request, reply) => {
      const search = request.url.split('?')[1] ?? '';
      const session = await finishSignIn(ctx, request.cookies[OIDC_COOKIE], search, clientOf(request));
      reply.clearCookie(OIDC_COOKIE, { ...sessionCookie, path: OIDC_COOKIE_PATH });
      signedIn(reply, session);
      return reply.redirect(new URL(session.returnTo, ctx.config.publicUrl).href, 302);
    },
  );
}

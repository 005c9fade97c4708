// /api/v1/auth/* and /api/v1/me: staff sign-in, sign-out, profile and password change.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, SESSION_COOKIE } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';
import * as service from './service.ts';

const AgencyRef = Type.Object({ id: Type.String(), identifier: Type.String(), name: Type.String() });
const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  position: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean({
    description: 'Còn dùng mật khẩu mẫu hoặc mật khẩu tạm: phải đổi trước khi làm việc thật.',
  }),
  passwordChangeRequired: Type.Boolean({
    description: 'Đăng nhập bằng mật khẩu tạm do quản trị cấp: mọi chức năng khác bị từ chối (403) cho đến khi đổi.',
  }),
  agency: AgencyRef,
  roles: Type.Array(
    Type.Object({
      agency: AgencyRef,
      roles: Type.Array(Type.Object({ role: Type.String(), name: Type.String() })),
    }),
  ),
  csrfToken: Type.String({ description: 'Gửi lại trong tiêu đề X-CSRF-Token với mọi yêu cầu ghi.' }),
});

export function accessRoutes(app: App, ctx: AppContext): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.cookieSecure,
  };

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Cán bộ đăng nhập',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            csrfToken: Type.String(),
            expiresAt: Type.String({ format: 'date-time' }),
            passwordChangeRequired: Type.Boolean({
              description: 'Mật khẩu tạm: phải đổi (POST /api/v1/me/password) trước khi làm việc.',
            }),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await service.login(ctx, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: result.expiresAt });
      return {
        csrfToken: result.csrfToken,
        expiresAt: result.expiresAt.toISOString(),
        passwordChangeRequired: result.passwordChangeRequired,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'signed-in', allowsTemporaryPassword: true },
      schema: { tags: ['access'], summary: 'Đăng xuất' },
    },
    async (request, reply) => {
      await service.logout(ctx, { actor: actorOf(request), requestId: request.id }, request.session!.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed-in', allowsTemporaryPassword: true },
      schema: {
        tags: ['access'],
        summary: 'Thông tin người đang đăng nhập và vai trò theo cơ quan',
        response: { 200: Me },
      },
    },
    async (request) => service.profile(ctx, request.session!),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: 'signed-in', allowsTemporaryPassword: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['access'],
        summary: 'Đổi mật khẩu (các phiên đăng nhập khác bị đăng xuất)',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
            newPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await service.changePassword(ctx, { actor, requestId: request.id }, request.session!.sessionId, request.body);
      return reply.code(204).send();
    },
  );
}

// /api/v1/settings: the province's operational settings (settings.manage: system administrators), the process
// configuration read-only with its secrets masked, and the public portal notice.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import * as service from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Wording = Type.Object({ vi: Type.String(), en: Type.String() });
const KeyParams = Type.Object({ key: Type.String({ maxLength: 100 }) });

const Setting = Type.Object({
  key: Type.String(),
  label: Wording,
  help: Wording,
  schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema của giá trị' }),
  value: Type.Unknown({ description: 'Giá trị đang áp dụng' }),
  default: Type.Unknown({ description: 'Giá trị mặc định, lấy từ cấu hình tiến trình' }),
  source: Type.Union([Type.Literal('default'), Type.Literal('database')]),
  variable: Nullable(Type.String({ description: 'Biến môi trường cho giá trị mặc định' })),
  public: Type.Boolean(),
  version: Type.Integer({ description: 'Phiên bản (If-Match); 0 khi chưa từng thay đổi' }),
  updatedBy: Nullable(Type.String()),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
});

const ProcessVariable = Type.Object({
  name: Type.String(),
  value: Nullable(Type.String()),
  set: Type.Boolean(),
  secret: Type.Boolean(),
  defaultOf: Nullable(Type.String()),
});

export function settingRoutes(app: App, ctx: AppContext): void {
  const tags = ['settings'];
  const who = (request: Parameters<typeof actorOf>[0]) => ({ actor: actorOf(request), requestId: request.id });

  app.get(
    '/api/v1/settings',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Các cài đặt vận hành với giá trị đang áp dụng, mặc định và nguồn',
        response: { 200: Type.Object({ refreshSeconds: Type.Number(), items: Type.Array(Setting) }) },
      },
    },
    async () => service.listSettings(ctx),
  );

  app.put(
    '/api/v1/settings/:key',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Thay đổi một cài đặt (cần If-Match với phiên bản đã đọc)',
        params: KeyParams,
        headers: IfMatchHeaders,
        body: Type.Object({ value: Type.Unknown() }, { additionalProperties: false }),
        response: { 200: Setting },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const { key } = request.params;
      const setting = await service.changeSetting(ctx, who(request), key, version, request.body.value);
      reply.header('etag', etagOf(setting.version));
      return setting;
    },
  );

  app.delete(
    '/api/v1/settings/:key',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Đưa một cài đặt về giá trị mặc định (cần If-Match)',
        params: KeyParams,
        headers: IfMatchHeaders,
        response: { 200: Setting },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const setting = await service.resetSetting(ctx, who(request), request.params.key, version);
      reply.header('etag', etagOf(setting.version));
      return setting;
    },
  );

  app.get(
    '/api/v1/settings/process',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Cấu hình tiến trình (biến môi trường), chỉ đọc; giá trị bí mật được che',
        response: { 200: Type.Array(ProcessVariable) },
      },
    },
    async () => service.processVariables(ctx),
  );

  app.get(
    '/api/v1/portal/notice',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Thông báo trên trang chủ cổng dịch vụ công (null khi không có)',
        response: { 200: Type.Object({ text: Nullable(Type.String()) }) },
      },
    },
    async () => service.portalNotice(ctx),
  );
}

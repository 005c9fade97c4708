// /api/v1/calendar: the public working calendar (a year's days off, deadlines) for the portal and other systems;
// /api/v1/calendars/{owner}: the province's calendar and agencies' overrides, edited by administrators.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import * as service from './service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Year = Type.Integer({ minimum: 1900, maximum: 2199, description: 'Năm dương lịch (1900–2199)' });
const Owner = Type.Union([Type.Literal('province'), Type.String({ format: 'uuid' })], {
  description: '"province" (lịch chung của tỉnh) hoặc mã UUID của cơ quan (lịch riêng của cơ quan)',
});
const AgencyRef = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'Mã UUID hoặc mã định danh QCVN 102 (ví dụ 000.00.03.H05) của cơ quan; bỏ trống: lịch chung của tỉnh',
});
const Kind = Type.Union([
  Type.Literal('holiday'),
  Type.Literal('substitute'),
  Type.Literal('swap'),
  Type.Literal('make_up'),
]);
const Hhmm = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', description: 'HH:MM' });
const PeriodT = Type.Object({ start: Hhmm, end: Hhmm }, { additionalProperties: false });
const Periods = Type.Array(PeriodT, { maxItems: 6 });
const Hours = Type.Object(
  {
    weekly: Type.Array(Periods, { minItems: 7, maxItems: 7, description: 'Chủ nhật, thứ Hai … thứ Bảy' }),
    makeUpDay: Periods,
    paperCutOff: Nullable(Hhmm),
  },
  { additionalProperties: false },
);

const YearView = Type.Object({
  year: Type.Integer(),
  agencyId: Nullable(Type.String()),
  status: Type.String(),
  provisional: Type.Boolean(),
  confirmedAt: Nullable(Type.String()),
  confirmedBy: Nullable(Type.String()),
  entries: Type.Array(
    Type.Object({
      date: Type.String(),
      weekday: Type.Integer({ description: '0 = Chủ nhật … 6 = thứ Bảy' }),
      kind: Type.String(),
      dayOff: Type.Boolean(),
      name: Type.String(),
      legalNote: Type.String(),
      provisional: Type.Boolean(),
      source: Type.String({ description: 'province: lịch chung của tỉnh; agency: lịch riêng của một cơ quan' }),
      sourceAgencyId: Type.String(),
    }),
  ),
  statutoryHolidays: Type.Array(
    Type.Object({
      key: Type.String(),
      date: Type.String(),
      weekday: Type.Integer(),
      name: Type.String(),
      legalNote: Type.String(),
    }),
  ),
});

const Settings = Type.Object({
  agencyId: Type.String(),
  calendarId: Nullable(Type.String()),
  isProvince: Type.Boolean(),
  name: Nullable(Type.String()),
  version: Type.Integer({ description: '0: cơ quan chưa có lịch riêng' }),
  ownHours: Type.Boolean(),
  hours: Hours,
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      status: Type.String(),
      confirmedAt: Nullable(Type.String()),
      confirmedBy: Nullable(Type.String()),
    }),
  ),
});

export function calendarRoutes(app: App, ctx: AppContext): void {
  const tags = ['calendar'];
  // Calendar chains are kept in memory while the app hears of their changes (service.ts).
  const chains = service.calendarChains(ctx).listener(ctx.database);
  app.addHook('onReady', chains.start);
  app.addHook('onClose', chains.stop);

  app.get(
    '/api/v1/calendar/deadline',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Tính hạn xử lý theo ngày hoặc giờ làm việc (giờ Việt Nam)',
        querystring: Type.Object(
          {
            start: Type.String({ maxLength: 40, description: 'Thời điểm tiếp nhận, ISO 8601 có múi giờ' }),
            days: Type.Optional(Type.Number({ minimum: 0, maximum: 2600, description: 'Số ngày làm việc' })),
            hours: Type.Optional(Type.Number({ minimum: 0, maximum: 20_800, description: 'Số giờ làm việc' })),
            channel: Type.Union([Type.Literal('online'), Type.Literal('desk'), Type.Literal('post')], {
              description: 'online: trực tuyến; desk: tại bộ phận một cửa; post: qua bưu chính',
            }),
            agency: Type.Optional(AgencyRef),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            due: Type.String({ description: 'ISO 8601, +07:00' }),
            countingStart: Type.String(),
            provisional: Type.Boolean({ description: 'Có năm dùng lịch nghỉ tạm tính, chưa được xác nhận' }),
            agencyId: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request) => service.deadlineView(ctx, request.query),
  );

  app.get(
    '/api/v1/calendar/:year',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Ngày nghỉ, ngày làm bù và ngày lễ theo luật của một năm',
        params: Type.Object({ year: Year }),
        querystring: Type.Object({ agency: Type.Optional(AgencyRef) }, { additionalProperties: false }),
        response: { 200: YearView },
      },
    },
    async (request) => service.yearView(ctx, request.params.year, request.query.agency),
  );

  app.get(
    '/api/v1/calendars/:owner',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Cấu hình lịch làm việc: giờ làm việc, giờ chốt hồ sơ giấy, trạng thái các năm, phiên bản',
        params: Type.Object({ owner: Owner }),
        response: { 200: Settings },
      },
    },
    async (request, reply) => {
      const settings = await service.settingsView(ctx, request.params.owner);
      reply.header('etag', etagOf(settings.version));
      return settings;
    },
  );

  app.put(
    '/api/v1/calendars/:owner/hours',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: 'Sửa giờ làm việc và giờ chốt hồ sơ giấy (cần If-Match)',
        params: Type.Object({ owner: Owner }),
        headers: IfMatchHeaders,
        body: Hours,
        response: { 200: Settings },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const version = ifMatchVersion(request.headers['if-match']);
      const settings = await service.replaceHours(ctx, who, request.params.owner, version, request.body);
      reply.header('etag', etagOf(settings.version));
      return settings;
    },
  );

  app.put(
    '/api/v1/calendars/:owner/years/:year/entries',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: 'Thay các ngày nghỉ và ngày làm bù của một năm (cần If-Match)',
        params: Type.Object({ owner: Owner, year: Year }),
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            entries: Type.Array(
              Type.Object(
                {
                  date: Type.String({ format: 'date' }),
                  kind: Kind,
                  name: Type.String({ minLength: 1, maxLength: 200 }),
                  legalNote: Type.String({ maxLength: 1000 }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 366 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Settings },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const version = ifMatchVersion(request.headers['if-match']);
      const { owner, year } = request.params;
      const settings = await service.replaceYearEntries(ctx, who, owner, year, version, request.body.entries);
      reply.header('etag', etagOf(settings.version));
      return settings;
    },
  );

  app.post(
    '/api/v1/calendars/:owner/years/:year/confirm',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: 'Xác nhận lịch nghỉ tạm tính của một năm (lịch chung của tỉnh; cần If-Match)',
        params: Type.Object({ owner: Owner, year: Year }),
        headers: IfMatchHeaders,
        response: { 200: Settings },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const version = ifMatchVersion(request.headers['if-match']);
      const settings = await service.confirmYear(ctx, who, request.params.owner, request.params.year, version);
      reply.header('etag', etagOf(settings.version));
      return settings;
    },
  );
}

// /api/v1/admin-units, /agencies, /staff: the organisation registry. Reading units and agencies is public (the
// portal shows them); changing them, and anything about staff, needs a permission within the agency's scope.
import { Type } from 'typebox';
import { ROLES } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/guard.ts';
import { Page, PageQuery } from '../../platform/http/paging.ts';
import type { App } from '../../platform/http/server.ts';
import { etagOf, IfMatchHeaders, ifMatchVersion } from '../../platform/http/versioning.ts';
import * as service from './service.ts';
import * as staff from './staff.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Text = (max = 300) => Type.String({ minLength: 1, maxLength: max });
const Email = Type.String({ format: 'email', maxLength: 200 });
const Phone = Type.String({ pattern: '^[0-9 +().-]{6,20}$' });
const DateOnly = Type.String({ format: 'date' });
const Level = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]);

const AdminUnit = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  kind: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

const AgencyFields = {
  name: Text(),
  shortName: Nullable(Text(100)),
  kind: Text(50),
  address: Nullable(Text(500)),
  phone: Nullable(Phone),
  email: Nullable(Email),
};

const Agency = Type.Object({
  id: Type.String(),
  identifier: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  adminUnitId: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

const Department = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  code: Type.String(),
  name: Type.String(),
});
const Grant = Type.Object({ id: Type.String(), role: Type.String(), agencyId: Type.String() });
const Staff = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  position: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  agencyId: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  temporaryPasswordUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Còn dùng mật khẩu tạm (chưa tự đặt mật khẩu): mật khẩu tạm hết hiệu lực lúc này.',
  }),
  version: Type.Integer(),
  grants: Type.Array(Grant),
});
const TemporaryPassword = {
  temporaryPassword: Type.String({
    description: 'Mật khẩu tạm, chỉ trả về một lần: trao cho cán bộ, cán bộ phải đổi ở lần đăng nhập đầu.',
  }),
  temporaryPasswordUntil: Type.String({ format: 'date-time' }),
};
const RoleName = Type.Union(ROLES.map((r) => Type.Literal(r)));
const StaffFields = {
  fullName: Text(200),
  email: Nullable(Email),
  phone: Nullable(Phone),
  position: Nullable(Text(200)),
  departmentId: Type.Optional(Type.Union([Id, Type.Null()])),
};

export function orgRoutes(app: App, ctx: AppContext): void {
  const tags = ['org'];

  app.get(
    '/api/v1/admin-units',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách đơn vị hành chính (lọc theo cấp, đơn vị cấp trên, ngày hiệu lực)',
        querystring: Type.Object(
          { ...PageQuery, level: Type.Optional(Level), parent: Type.Optional(Id), at: Type.Optional(DateOnly) },
          { additionalProperties: false },
        ),
        response: { 200: Page(AdminUnit) },
      },
    },
    async (request) => service.listAdminUnits(ctx, request.query),
  );

  app.post(
    '/api/v1/admin-units',
    {
      config: { access: 'admin_unit.manage' },
      schema: {
        tags,
        summary: 'Thêm đơn vị hành chính',
        body: Type.Object(
          {
            code: Type.String({ pattern: '^\\d{2,5}$' }),
            name: Text(),
            level: Level,
            kind: Text(50),
            parentId: Type.Optional(Type.Union([Id, Type.Null()])),
            validFrom: DateOnly,
            validTo: Type.Optional(Type.Union([DateOnly, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: AdminUnit },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createAdminUnit(ctx, { actor: actorOf(request), requestId: request.id }, request.body)),
  );

  app.get(
    '/api/v1/agencies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh sách cơ quan',
        querystring: Type.Object(
          {
            ...PageQuery,
            q: Type.Optional(Type.String({ maxLength: 100 })),
            parent: Type.Optional(Id),
            kind: Type.Optional(Type.String({ maxLength: 50 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Agency) },
      },
    },
    async (request) => service.listAgencies(ctx, request.query),
  );

  app.get(
    '/api/v1/agencies/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Một cơ quan', params: IdParams, response: { 200: Agency } },
    },
    async (request, reply) => {
      const agency = await service.getAgency(ctx, request.params.id);
      reply.header('etag', etagOf(agency.version));
      return agency;
    },
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Thêm cơ quan (trong phạm vi cơ quan cấp trên được quản trị)',
        body: Type.Object(
          {
            identifier: Type.String({ maxLength: 13, description: 'Mã định danh QCVN 102:2016, dạng LLL.KK.JJ.XNN' }),
            ...AgencyFields,
            parentId: Type.Optional(Type.Union([Id, Type.Null()])),
            adminUnitId: Type.Optional(Type.Union([Id, Type.Null()])),
            validFrom: DateOnly,
          },
          { additionalProperties: false },
        ),
        response: { 201: Agency },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createAgency(ctx, { actor: actorOf(request), requestId: request.id }, request.body)),
  );

  app.patch(
    '/api/v1/agencies/:id',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Sửa thông tin cơ quan (cần If-Match với phiên bản đã đọc)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            name: Type.Optional(AgencyFields.name),
            shortName: AgencyFields.shortName,
            kind: Type.Optional(AgencyFields.kind),
            address: AgencyFields.address,
            phone: AgencyFields.phone,
            email: AgencyFields.email,
            validTo: Type.Optional(Type.Union([DateOnly, Type.Null()])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Agency },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const who = { actor: actorOf(request), requestId: request.id };
      const agency = await service.updateAgency(ctx, who, request.params.id, version, request.body);
      reply.header('etag', etagOf(agency.version));
      return agency;
    },
  );

  app.get(
    '/api/v1/agencies/:id/departments',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Phòng ban của cơ quan', params: IdParams, response: { 200: Type.Array(Department) } },
    },
    async (request) => service.listDepartments(ctx, request.params.id),
  );

  app.post(
    '/api/v1/agencies/:id/departments',
    {
      config: { access: 'org.manage' },
      schema: {
        tags,
        summary: 'Thêm phòng ban',
        params: IdParams,
        body: Type.Object(
          { code: Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }), name: Text() },
          { additionalProperties: false },
        ),
        response: { 201: Department },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      return reply.code(201).send(await service.createDepartment(ctx, who, request.params.id, request.body));
    },
  );

  app.get(
    '/api/v1/staff',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'Danh sách cán bộ trong phạm vi được phân quyền',
        querystring: Type.Object(
          { ...PageQuery, agency: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Staff) },
      },
    },
    async (request) => staff.listStaff(ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/staff/:id',
    {
      config: { access: 'staff.read' },
      schema: {
        tags,
        summary: 'Một cán bộ (trong phạm vi được phân quyền)',
        params: IdParams,
        response: { 200: Staff },
      },
    },
    async (request, reply) => {
      const member = await staff.getStaff(ctx, actorOf(request), request.params.id);
      reply.header('etag', etagOf(member.version));
      return member;
    },
  );

  app.post(
    '/api/v1/staff',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Thêm cán bộ, cấp vai trò tại cơ quan của họ; trả về mật khẩu tạm một lần',
        body: Type.Object(
          {
            username: Type.String({ pattern: '^[A-Za-z0-9._-]{3,50}$' }),
            ...StaffFields,
            agencyId: Id,
            roles: Type.Optional(Type.Array(RoleName, { maxItems: ROLES.length, uniqueItems: true })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ ...Staff.properties, ...TemporaryPassword }) },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      const created = await staff.createStaff(ctx, who, request.body);
      return reply.code(201).header('cache-control', 'no-store').header('etag', etagOf(created.version)).send(created);
    },
  );

  app.patch(
    '/api/v1/staff/:id',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary:
          'Sửa thông tin cán bộ, khoá hoặc mở khoá tài khoản (cần If-Match; khoá thì mọi phiên đăng nhập kết thúc)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            ...StaffFields,
            fullName: Type.Optional(StaffFields.fullName),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Staff },
      },
    },
    async (request, reply) => {
      const version = ifMatchVersion(request.headers['if-match']);
      const who = { actor: actorOf(request), requestId: request.id };
      const member = await staff.updateStaff(ctx, who, request.params.id, version, request.body);
      reply.header('etag', etagOf(member.version));
      return member;
    },
  );

  app.post(
    '/api/v1/staff/:id/password-reset',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Cấp mật khẩu tạm mới (trả về một lần); mật khẩu cũ và mọi phiên đăng nhập của cán bộ hết hiệu lực',
        params: IdParams,
        response: { 200: Type.Object(TemporaryPassword) },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      reply.header('cache-control', 'no-store');
      return staff.resetPassword(ctx, who, request.params.id);
    },
  );

  app.post(
    '/api/v1/staff/:id/grants',
    {
      config: { access: 'staff.manage' },
      schema: {
        tags,
        summary: 'Cấp vai trò cho cán bộ tại một cơ quan',
        params: IdParams,
        body: Type.Object({ role: RoleName, agencyId: Id }, { additionalProperties: false }),
        response: { 201: Grant },
      },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      return reply.code(201).send(await staff.grantRole(ctx, who, request.params.id, request.body));
    },
  );

  app.delete(
    '/api/v1/staff/:id/grants/:grantId',
    {
      config: { access: 'staff.manage' },
      schema: { tags, summary: 'Thu hồi vai trò', params: Type.Object({ id: Id, grantId: Id }) },
    },
    async (request, reply) => {
      const who = { actor: actorOf(request), requestId: request.id };
      await staff.revokeRole(ctx, who, request.params.id, request.params.grantId);
      return reply.code(204).send();
    },
  );
}

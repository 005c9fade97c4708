// Catalogue administration (module catalog): creating procedures, drafts, publication, versions pinned by
// dossiers, templates, agency scope, and bad input that must be refused with nothing stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROCEDURES, minimalPdf } from '../src/modules/catalog/demo.ts';
import type { ProcedureContentT } from '../src/modules/catalog/model.ts';
import { getVersion, versionForReceipt } from '../src/modules/catalog/service.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let stp: Session;
let tpbl: Session;
beforeAll(async () => {
  t = await testApp();
  stp = await t.login('quantri.stp');
  tpbl = await t.login('quantri.tpbl');
});
afterAll(() => t.close());

/** A valid procedure managed by Sở Tư pháp: the demo's birth registration under another code and name. */
function content(overrides: Partial<ProcedureContentT> = {}): ProcedureContentT {
  const { code: _c, validFrom: _v, ...base } = structuredClone(DEMO_PROCEDURES[0]!);
  return { ...base, name: 'Đăng ký khai sinh cho trẻ em bị bỏ rơi', ...overrides };
}

const call = (
  session: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  ifMatch?: number,
) =>
  t.app.inject({
    method,
    url,
    headers: { ...(session?.headers ?? {}), ...(ifMatch !== undefined ? { 'if-match': `"${ifMatch}"` } : {}) },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

const counts = async () => {
  const r = await sql<{ p: number; v: number; a: number; t: number }>`SELECT
      (SELECT count(*) FROM procedure)::int AS p, (SELECT count(*) FROM procedure_version)::int AS v,
      (SELECT count(*) FROM audit_entry)::int AS a, (SELECT count(*) FROM catalog_template)::int AS t`.execute(
    t.ctx.database.db,
  );
  return r.rows[0]!;
};

describe('the life of a procedure: draft, publication, new version', () => {
  const code = '9.100001';

  it('creates a draft that the public does not see', async () => {
    const res = await call(stp, 'POST', '/api/v1/procedures', { code, ...content() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code, versions: [{ number: 1, status: 'draft', validFrom: null }] });
    expect(res.headers.etag).toBe('"1"');
    expect((await call(null, 'GET', `/api/v1/procedures/${code}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/api/v1/procedures?q=tre em bi bo roi')).json().total).toBe(0);
  });

  it('publishes the draft with If-Match; then everyone finds it', async () => {
    expect((await call(stp, 'POST', `/api/v1/procedures/${code}/publish`, {})).statusCode).toBe(400);
    expect((await call(stp, 'POST', `/api/v1/procedures/${code}/publish`, {}, 7)).statusCode).toBe(412);
    const res = await call(stp, 'POST', `/api/v1/procedures/${code}/publish`, { validFrom: '2025-01-01' }, 1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().versions[0]).toMatchObject({ number: 1, status: 'published', validFrom: '2025-01-01' });
    const found = await call(null, 'GET', '/api/v1/procedures?q=dang ky khai sinh cho tre em bi bo roi');
    expect(found.json().items[0].code).toBe(code);
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('action', 'like', 'catalog.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['catalog.procedure_created', 'catalog.version_published']),
    );
  });

  it('edits a published procedure by making a draft; the published version stays until the draft is published', async () => {
    const receivedUnder = await versionForReceipt(
      t.ctx,
      code,
      (
        await t.ctx.database.db
          .selectFrom('agency')
          .select('id')
          .where('identifier', '=', '000.02.11.H05')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const etag = Number(
      (await call(stp, 'GET', `/api/v1/procedures/${code}/versions`)).headers.etag?.replace(/"/g, ''),
    );
    const edited = content({ processingTimes: [{ channel: 'any', value: 2, unit: 'working_days' }] });
    const draft = await call(stp, 'PUT', `/api/v1/procedures/${code}/draft`, edited, etag);
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json().versions.map((v: { status: string }) => v.status)).toEqual(['draft', 'published']);
    expect((await call(null, 'GET', `/api/v1/procedures/${code}`)).json().text.processingTime).toBe('1 ngày làm việc');

    const published = await call(
      stp,
      'POST',
      `/api/v1/procedures/${code}/publish`,
      { validFrom: '2025-06-01' },
      etag + 1,
    );
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().versions).toMatchObject([
      { number: 2, status: 'published', validFrom: '2025-06-01', validTo: null },
      { number: 1, status: 'retired', validFrom: '2025-01-01', validTo: '2025-06-01' },
    ]);
    const current = (await call(null, 'GET', `/api/v1/procedures/${code}`)).json();
    expect(current).toMatchObject({ version: 2, text: { processingTime: '2 ngày làm việc' } });

    // A dossier received under version 1 still reads version 1.
    const pinned = await getVersion(t.ctx, receivedUnder.versionId);
    expect(pinned).toMatchObject({ number: 1, status: 'retired' });
    expect(pinned.content.processingTimes[0]!.value).toBe(1);
  });

  it('never lets a published or retired version change, even through SQL', async () => {
    await expect(
      sql`UPDATE procedure_version SET content = '{}' WHERE status <> 'draft'`.execute(t.ctx.database.db),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('refuses a publication dated before the current version', async () => {
    const etag = Number(
      (await call(stp, 'GET', `/api/v1/procedures/${code}/versions`)).headers.etag?.replace(/"/g, ''),
    );
    await call(stp, 'PUT', `/api/v1/procedures/${code}/draft`, content(), etag);
    const res = await call(stp, 'POST', `/api/v1/procedures/${code}/publish`, { validFrom: '2025-03-01' }, etag + 1);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('validFrom');
    const discarded = await call(stp, 'DELETE', `/api/v1/procedures/${code}/draft`, undefined, etag + 1);
    expect(discarded.statusCode).toBe(204);
  });
});

describe('agency scope', () => {
  it('keeps other agencies’ administrators away from a procedure', async () => {
    expect((await call(tpbl, 'GET', '/api/v1/procedures/9.000001/versions')).statusCode).toBe(403);
    expect((await call(tpbl, 'PUT', '/api/v1/procedures/9.000001/draft', content(), 1)).statusCode).toBe(403);
    const created = await call(tpbl, 'POST', '/api/v1/procedures', { code: '9.100002', ...content() });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([
      { field: 'managingAgency', message: expect.stringContaining('ngoài phạm vi được phân quyền') },
    ]);
  });

  it('lets a city administrator manage a procedure of the city', async () => {
    const res = await call(tpbl, 'POST', '/api/v1/procedures', {
      code: '9.100003',
      ...content({ name: 'Cấp phép tổ chức lễ hội cấp thành phố', managingAgency: '000.00.11.H05' }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('lets the system administrator manage every procedure', async () => {
    const admin = await t.login('admin');
    expect((await call(admin, 'GET', '/api/v1/procedures/9.000001/versions')).statusCode).toBe(200);
  });
});

describe('bad input is refused, naming the field, and nothing is stored', () => {
  const refuse = async (body: unknown, field: string, message?: RegExp, status = 400) => {
    const before = await counts();
    const res = await call(stp, 'POST', '/api/v1/procedures', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const errors = res.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field)).toContain(field);
    if (message) expect(errors.find((e) => e.field === field)?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  it('an e-form that is not a valid JSON Schema', async () => {
    const eform = { schema: { type: 'object', properties: { hoTen: { type: 'chuỗi' } } }, ui: {} };
    await refuse({ code: '9.100010', ...content({ eform }) }, 'eform.schema', /JSON Schema hợp lệ/);
    const uiInSchema = {
      schema: { type: 'object', properties: { a: { type: 'string', 'ui:widget': 'textarea' } } },
      ui: {},
    };
    await refuse({ code: '9.100010', ...content({ eform: uiInSchema }) }, 'eform.schema');
  });

  it('a malformed code', async () => {
    await refuse({ code: '9.1000', ...content() }, 'code', /d\.dddddd/);
  });

  it('a negative fee', async () => {
    const fees = [{ kind: 'charge' as const, name: 'Lệ phí', amount: -5000, condition: null }];
    await refuse({ code: '9.100011', ...content({ fees }) }, 'fees.0.amount', /lớn hơn hoặc bằng 0/);
  });

  it('an offering naming a workflow that is not published', async () => {
    const base = content();
    const offerings = base.offerings.map((o) => ({ ...o, workflow: 'khong-co-quy-trinh' }));
    await refuse({ code: '9.100012', ...content({ offerings }) }, 'offerings.0.workflow', /Không có quy trình điện tử/);
  });

  it('a duplicate code', async () => {
    await refuse({ code: '9.000001', ...content() }, 'code', /đã có trong danh mục/, 409);
  });

  it('inconsistent components and levels', async () => {
    const c = content();
    await refuse(
      { code: '9.100012', ...content({ components: [c.components[0]!, c.components[0]!] }) },
      'components.1.name',
    );
    await refuse({ code: '9.100012', ...content({ legacyLevel: 3 }) }, 'legacyLevel');
    await refuse({ code: '9.100012', ...content({ offerings: [] }) }, 'offerings');
    await refuse(
      { code: '9.100012', ...content({ offerings: [{ agency: '000.00.99.H05', workflow: null }] }) },
      'offerings.0.agency',
    );
  });

  it('a template file whose content is not what its name says', async () => {
    const before = await counts();
    const res = await call(stp, 'POST', '/api/v1/catalog/templates', {
      fileName: 'to-khai.docx',
      contentBase64: minimalPdf('To khai').toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'contentBase64', message: expect.stringContaining('to-khai.docx') });
    expect(await counts()).toEqual(before);
  });

  it('a component naming an uploaded template under another type', async () => {
    const up = await call(stp, 'POST', '/api/v1/catalog/templates', {
      fileName: 'to-khai-moi.pdf',
      contentBase64: minimalPdf('To khai moi').toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(201);
    const { sha256 } = up.json();
    const c = content();
    const wrong = { ...c.components[0]!, template: { fileName: 'to-khai-moi.docx', sha256 } };
    await refuse({ code: '9.100013', ...content({ components: [wrong] }) }, 'components.0.template.fileName');
    const right = { ...c.components[0]!, template: { fileName: 'to-khai-moi.pdf', sha256 } };
    const ok = await call(stp, 'POST', '/api/v1/procedures', {
      code: '9.100013',
      ...content({ name: 'Thủ tục có tệp mẫu mới', components: [right] }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

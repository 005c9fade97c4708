// Import and export of the catalogue (module catalog): lossless JSON, XLSX that round-trips to the same bytes,
// all-or-nothing imports that name every bad row and column, re-import by code, agency scope.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogFileT } from '../src/modules/catalog/model.ts';
import { SHEETS } from '../src/modules/catalog/xlsx.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

const exportAs = async (format: 'json' | 'xlsx', session = admin) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/catalog/export?format=${format}`,
    headers: session.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
};

const importFile = (body: Buffer | object, session = admin) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/catalog/import',
    headers: { ...session.headers, 'content-type': Buffer.isBuffer(body) ? XLSX : 'application/json' },
    payload: Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

const versionCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM procedure_version`.execute(t.ctx.database.db)).rows[0]!.n;

/** Empties the catalogue of this test's database (templates stay: an XLSX file does not carry them). */
async function emptyCatalogue() {
  await sql`UPDATE procedure SET current_version_id = NULL, name = NULL`.execute(t.ctx.database.db);
  await sql`DELETE FROM procedure_offering`.execute(t.ctx.database.db);
  await sql`DELETE FROM procedure_version`.execute(t.ctx.database.db);
  await sql`DELETE FROM procedure`.execute(t.ctx.database.db);
}

async function editWorkbook(bytes: Buffer, edit: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('export → import → export', () => {
  it('JSON: importing an export changes nothing, and the second export is identical', async () => {
    const first = await exportAs('json');
    const file = JSON.parse(first.toString('utf8')) as CatalogFileT;
    expect(file.procedures.length).toBeGreaterThanOrEqual(40);
    expect(file.templates.length).toBeGreaterThan(0);
    const res = await importFile(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: [], updated: [] });
    expect((await exportAs('json')).equals(first)).toBe(true);
  });

  it('XLSX: the same workbook, byte for byte, after importing it', async () => {
    const first = await exportAs('xlsx');
    const res = await importFile(first);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unchanged.length).toBeGreaterThanOrEqual(40);
    expect((await exportAs('xlsx')).equals(first)).toBe(true);
  });

  it('into an empty catalogue: both formats rebuild it exactly', async () => {
    const json = await exportAs('json');
    const xlsx = await exportAs('xlsx');
    await emptyCatalogue();
    const fromXlsx = await importFile(xlsx);
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    expect(fromXlsx.json().created.length).toBeGreaterThanOrEqual(40);
    expect((await exportAs('xlsx')).equals(xlsx)).toBe(true);
    // The workbook holds everything the JSON holds except the template files themselves.
    expect((await exportAs('json')).equals(json)).toBe(true);
    await emptyCatalogue();
    expect((await importFile(JSON.parse(json.toString('utf8')))).statusCode).toBe(200);
    expect((await exportAs('json')).equals(json)).toBe(true);
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/procedures?q=dang ky khai sinh' });
    expect(search.json().items[0].name).toBe('Đăng ký khai sinh');
  });
});

describe('a file with a bad row imports nothing and names the row', () => {
  it('XLSX: a negative fee, an unknown level and a malformed code, each by sheet, row and column', async () => {
    const before = await versionCount();
    const bad = await editWorkbook(await exportAs('xlsx'), (wb) => {
      wb.getWorksheet(SHEETS.fees)!.getCell('E3').value = -1000;
      wb.getWorksheet(SHEETS.procedures)!.getCell('F4').value = 'Trung ương';
      wb.getWorksheet(SHEETS.procedures)!.getCell('B5').value = 'Tên đã sửa: không được nhập vì tệp có lỗi';
      wb.getWorksheet(SHEETS.procedures)!.getCell('A6').value = '9.12';
    });
    const res = await importFile(bad);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.title).toMatch(/chưa nhập thủ tục nào/);
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([`${SHEETS.fees}!E3`, `${SHEETS.procedures}!F4`, `${SHEETS.procedures}!A6`]),
    );
    const fee = body.errors.find((e: { field: string }) => e.field === `${SHEETS.fees}!E3`);
    expect(fee.message).toMatch(/^Sheet "Phí, lệ phí", dòng 3, cột E \(Mức thu \(đồng\)\): .*lớn hơn hoặc bằng 0/);
    expect(await versionCount()).toBe(before);
    const renamed = await t.app.inject({ method: 'GET', url: '/api/v1/procedures?q=ten da sua' });
    expect(renamed.json().total).toBe(0);
  });

  it('XLSX: a missing sheet or column is reported on row 1', async () => {
    const bad = await editWorkbook(await exportAs('xlsx'), (wb) => {
      wb.removeWorksheet(wb.getWorksheet(SHEETS.fees)!.id);
      wb.getWorksheet(SHEETS.components)!.getCell('C1').value = 'Tên';
    });
    const res = await importFile(bad);
    expect(res.statusCode).toBe(400);
    const messages = res
      .json()
      .errors.map((e: { message: string }) => e.message)
      .join('\n');
    expect(messages).toContain('Tệp thiếu sheet "Phí, lệ phí"');
    expect(messages).toContain('Thiếu cột "Tên thành phần"');
  });

  it('JSON: one bad record among many, named by its index and field; nothing imported', async () => {
    const before = await versionCount();
    const file = JSON.parse((await exportAs('json')).toString('utf8')) as CatalogFileT;
    file.procedures[0]!.name = 'Tên mới của thủ tục số một';
    file.procedures[3]!.fees = [{ kind: 'fee', name: 'Phí', amount: -1, condition: null }];
    file.procedures[5]!.code = file.procedures[4]!.code;
    const res = await importFile(file);
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(['procedures.3.fees.0.amount', 'procedures.5.code']);
    expect(await versionCount()).toBe(before);
  });

  it('JSON: a template whose bytes are not what it says', async () => {
    const file = JSON.parse((await exportAs('json')).toString('utf8')) as CatalogFileT;
    file.templates[0]!.contentBase64 = Buffer.from('MZ not a pdf').toString('base64');
    const res = await importFile(file);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['templates.0.sha256', 'templates.0.contentType']),
    );
  });
});

describe('re-import updates by code', () => {
  it('publishes a changed record as a new version and leaves the others alone', async () => {
    const file = JSON.parse((await exportAs('json')).toString('utf8')) as CatalogFileT;
    const target = file.procedures.find((p) => p.code === '9.000005')!;
    target.processingTimes = [{ channel: 'any', value: 2, unit: 'working_days' }];
    target.validFrom = '2025-09-01';
    const res = await importFile(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toEqual(['9.000005']);
    const versions = await t.app.inject({
      method: 'GET',
      url: '/api/v1/procedures/9.000005/versions',
      headers: admin.headers,
    });
    expect(versions.json().versions).toMatchObject([
      { number: 2, status: 'published', validFrom: '2025-09-01' },
      { number: 1, status: 'retired', validTo: '2025-09-01' },
    ]);
  });
});

describe('agency scope of import and export', () => {
  it('exports only the procedures an agency manages, and refuses to import others', async () => {
    const stp = await t.login('quantri.stp');
    const own = JSON.parse((await exportAs('json', stp)).toString('utf8')) as CatalogFileT;
    expect(own.procedures.length).toBeGreaterThan(10);
    expect(own.procedures.every((p) => p.managingAgency === '000.00.03.H05')).toBe(true);
    expect((await importFile(own, stp)).statusCode).toBe(200);
    const every = JSON.parse((await exportAs('json')).toString('utf8')) as CatalogFileT;
    const res = await importFile(every, stp);
    expect(res.statusCode).toBe(400);
    const building = every.procedures.findIndex((p) => p.managingAgency === '000.00.04.H05');
    expect(res.json().errors).toContainEqual({
      field: `procedures.${building}.managingAgency`,
      message: expect.stringContaining('ngoài phạm vi'),
    });
  });

  it('refuses to import over a pending draft', async () => {
    const stp = await t.login('quantri.stp');
    const file = JSON.parse((await exportAs('json', stp)).toString('utf8')) as CatalogFileT;
    const { code: _c, validFrom: _v, ...content } = file.procedures[0]!;
    const etag = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/procedures/${file.procedures[0]!.code}/versions`,
        headers: stp.headers,
      })
    ).headers.etag;
    const draft = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${file.procedures[0]!.code}/draft`,
      headers: { ...stp.headers, 'if-match': String(etag) },
      payload: { ...content, name: `${content.name} (sửa)` },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const res = await importFile(file, stp);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      field: 'procedures.0.code',
      message: expect.stringContaining('bản nháp'),
    });
  });
});

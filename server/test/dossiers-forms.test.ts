// The forms of a dossier (Mẫu 01–05) as PDF, each only once its history has what it needs, checked with pdftotext;
// Form 05 as JSON with each hand-over's timeliness.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';
import { makePki } from './signing-fixtures.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;
const dir = mkdtempSync(join(tmpdir(), 'congso-forms-'));

async function form(username: string, id: string, name: string, query = '') {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers/${id}/forms/${name}.pdf${query}`,
    headers: (await desk.as(username)).headers,
  });
}

function textOf(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

async function pdfText(username: string, id: string, name: string, query = '') {
  const res = await form(username, id, name, query);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return textOf(res.rawPayload, `${name}-${id}`);
}

let id: string;
let code: string;
let secret: string;

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.940001', [[AGENCY.p1, 'commune-standard']], 3);
  // The chairman signs the result with a key of the test PKI, valid since before the test's clock.
  await desk.signingKeys(await makePki(new Date('2024-01-01')), ['lanhdao.p1']);
  id = (await desk.open('motcua.p1', { procedureCode: '9.940001' })).id;
  const accepted = await desk.act('motcua.p1', id, 'accept');
  code = accepted.code;
  secret = accepted.trackingSecret;
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('forms', () => {
  it('prints Form 01 with the code, the appointment and the secret given at acceptance', async () => {
    const text = await pdfText('motcua.p1', id, '01', `?secret=${secret}`);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(code);
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain(secret);
    expect(text).toContain('Tô Thị Thanh Thúy');
    expect(text).toContain('/tra-cuu');
    const wrong = await form('motcua.p1', id, '01', '?secret=AAA-AAA-AAA');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('secret');
    // Without the secret the form is reprinted without it (only its hash is kept).
    expect(await pdfText('motcua.p1', id, '01')).not.toContain(secret);
  });

  it('has no Form 02, 03 or 04 before the history holds a supplement request, a refusal or an extension', async () => {
    for (const name of ['02', '03', '04']) expect((await form('motcua.p1', id, name)).statusCode).toBe(409);
    expect((await form('motcua.p1', id, '07')).statusCode).toBe(400);
    expect((await form('chuyenvien.stp', id, '01')).statusCode).toBe(403);
  });

  it('prints Form 02 after a supplement request and Form 04 after an extension', async () => {
    clock.set(new Date(vnInstant('2025-03-10', '10:00')));
    desk.forgetSessions();
    await desk.act('chuyenvien.p1', id, 'request_supplement', { reason: 'Bổ sung bản chính giấy chứng sinh' });
    expect(await pdfText('motcua.p1', id, '02')).toContain('Bổ sung bản chính giấy chứng sinh');
    await desk.act('motcua.p1', id, 'supplement', { note: 'Đã bổ sung.' });
    await desk.act('lanhdao.p1', id, 'extend', {
      reason: 'Cần xác minh nơi sinh.',
      newDate: '2025-03-20T16:00:00+07:00',
    });
    const text = await pdfText('lanhdao.p1', id, '04');
    expect(text).toContain('Cần xác minh nơi sinh.');
    expect(text).toContain(code);
  });

  it('prints Form 03 for a refused dossier', async () => {
    const refused = (await desk.open('motcua.p1', { procedureCode: '9.940001' })).id;
    await desk.act('motcua.p1', refused, 'refuse', { reason: 'Thủ tục thuộc thẩm quyền cấp huyện.' });
    expect(await pdfText('motcua.p1', refused, '03')).toContain('Thủ tục thuộc thẩm quyền cấp huyện.');
    expect((await form('motcua.p1', refused, '05')).statusCode).toBe(409);
  });

  it('gives Form 05 as JSON and PDF: every hand-over with its giver, receiver and timeliness', async () => {
    clock.set(new Date(vnInstant('2025-03-11', '09:00')));
    desk.forgetSessions();
    const result = await desk.result('chuyenvien.p1', id);
    await desk.act('chuyenvien.p1', id, 'propose', { opinion: 'Đề nghị cấp.', documents: [result] });
    await desk.sign('lanhdao.p1', id, result);
    await desk.act('lanhdao.p1', id, 'sign', { signedDocumentId: result });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/control-sheet`,
      headers: (await desk.as('motcua.p1')).headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const sheet = res.json();
    expect(sheet.dossierCode).toBe(code);
    expect(sheet.handOvers.length).toBeGreaterThanOrEqual(3);
    expect(sheet.handOvers[0]).toMatchObject({ giver: 'Tô Thị Thanh Thúy', receiver: 'Dương Văn Thắng' });
    const text = await pdfText('motcua.p1', id, '05');
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Dương Văn Thắng');
  });
});

describe('log book (Form 06)', () => {
  const url = async (ext: string, from = '2025-03-10', to = '2025-03-11') =>
    `/api/v1/dossiers/logbook${ext}?unit=${await desk.agencyId(AGENCY.p1)}&from=${from}&to=${to}`;
  const get = async (username: string, path: string) =>
    t.app.inject({ method: 'GET', url: path, headers: (await desk.as(username)).headers });

  it('lists the desk’s received dossiers of a period as JSON, PDF and a deterministic workbook', async () => {
    const res = await get('motcua.p1', await url(''));
    expect(res.statusCode, res.body).toBe(200);
    const book = res.json();
    expect(book.period).toBe('Từ ngày 10/03/2025 đến ngày 11/03/2025');
    expect(book.items.map((r: { dossierCode: string }) => r.dossierCode)).toContain(code);
    const row = book.items.find((r: { dossierCode: string }) => r.dossierCode === code);
    expect(row.transferredAt).not.toBeNull();
    expect(row.resultReceivedAt).not.toBeNull();
    const pdf = await get('motcua.p1', await url('.pdf'));
    expect(pdf.statusCode).toBe(200);
    const text = textOf(pdf.rawPayload, 'logbook');
    expect(text).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(text).toContain(code.slice(0, -5)); // the code wraps in its narrow column after the date
    const xlsx1 = await get('motcua.p1', await url('.xlsx'));
    const xlsx2 = await get('motcua.p1', await url('.xlsx'));
    expect(xlsx1.statusCode).toBe(200);
    expect(xlsx1.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx1.rawPayload.equals(xlsx2.rawPayload)).toBe(true);
    expect((await get('motcua.p1', await url('.pdf'))).rawPayload.equals(pdf.rawPayload)).toBe(true);
  });

  it('refuses a unit outside the reader’s scope and a reversed period naming the field', async () => {
    expect((await get('chuyenvien.stp', await url(''))).statusCode).toBe(403);
    const reversed = await get('motcua.p1', await url('', '2025-03-11', '2025-03-10'));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('to');
  });
});

// The applicant dossier API end to end through HTTP: a citizen drafts an online dossier, saves it as they type,
// uploads and reuses files, submits it once however often they click, follows it while the desk (the staff API)
// receives it and asks for a supplement, downloads Form 01, supplies what was asked and rates the service once the
// result is returned. Also: withdrawing and discarding, the bad input of issue #7, and another applicant who can
// neither see nor touch any of it.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { seedDemoSigningKeys } from '../src/modules/signing/demo.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { newApplicant } from './citizens-helpers.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type Session, type TestApp, testApp } from './harness.ts';
import { decisionPdf } from './signing-fixtures.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
const PROCEDURE = '9.960001';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1]);
const EFORM = { hoTen: 'Trần Văn Nam', soDinhDanh: '095190000321' };
const RATING = { totalTime: 2, agencyTime: 2, agenciesContacted: 1, contacts: 1, attitude: 2 };

let t: TestApp;
let desk: Desk;
let unitId: string;
let nam: Portal;
let other: Portal;

type Body = Record<string, unknown>;

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----congso-portal';
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, type: `multipart/form-data; boundary=${boundary}` };
}

/** The desk's signed electronic result: a decision uploaded by the specialist, signed by the commune's chairman. */
async function signedResult(id: string): Promise<string> {
  const { payload, type } = multipart(
    { title: 'Giấy khai sinh' },
    { name: 'giay-khai-sinh.pdf', bytes: await decisionPdf() },
  );
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/results`,
    headers: { ...(await desk.as('chuyenvien.p1')).headers, 'content-type': type },
    payload,
  });
  expect(created.statusCode, created.body).toBe(201);
  const resultId = created.json().id;
  const signed = await t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/results/${resultId}/sign`,
    headers: (await desk.as('lanhdao.p1')).headers,
    payload: { layout: 'signer' },
  });
  expect(signed.statusCode, signed.body).toBe(200);
  return resultId;
}

/** One applicant's browser: their session cookie and CSRF token on every request. */
class Portal {
  constructor(readonly session: Session) {}

  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: Body, headers: Body = {}) {
    return t.app.inject({
      method,
      url: `/api/v1/applicant${url}`,
      headers: { ...this.session.headers, ...headers } as Record<string, string>,
      ...(payload ? { payload } : {}),
    });
  }

  async open(payload: Body, key = randomUUID()) {
    const body = { procedureCode: PROCEDURE, receivingUnitId: unitId, draft: true, ...payload };
    return this.request('POST', '/dossiers', body, { 'idempotency-key': key });
  }

  async detail(id: string) {
    const res = await this.request('GET', `/dossiers/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  act(id: string, action: string, payload: Body = {}, key = randomUUID(), headers: Body = {}) {
    return this.request('POST', `/dossiers/${id}/actions/${action}`, payload, { 'idempotency-key': key, ...headers });
  }

  upload(id: string, component: string, file: { name: string; bytes: Buffer }) {
    const { payload, type } = multipart({ component }, file);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/applicant/dossiers/${id}/components`,
      headers: { ...this.session.headers, 'content-type': type },
      payload,
    });
  }

  /** A draft with the e-form filled and both required components attached, submitted: waiting for the desk. */
  async submitted(): Promise<string> {
    const opened = await this.open({ eform: EFORM });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    expect((await this.upload(id, '1', { name: 'to-khai.pdf', bytes: PDF })).statusCode).toBe(201);
    expect((await this.upload(id, '2', { name: 'giay-chung-sinh.png', bytes: PNG })).statusCode).toBe(201);
    const submitted = await this.act(id, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    return id;
  }
}

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure(PROCEDURE, [[AGENCY.p1, 'commune-standard']], 3);
  // The demo's keys: the commune chairman signs the result (signing module, as the demo seeds them).
  await seedDemoSigningKeys(t.ctx);
  unitId = await desk.agencyId(AGENCY.p1);
  nam = new Portal((await newApplicant(t)).session);
  other = new Portal((await newApplicant(t)).session);
  const me = await nam.request('GET', '/me');
  const named = await nam.request(
    'PATCH',
    '/me',
    { fullName: 'Trần Văn Nam', identityNumber: '095190000321' },
    {
      'if-match': me.headers.etag,
    },
  );
  expect(named.statusCode, named.body).toBe(200);
});
afterAll(() => t.close());

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const actions = (dossier: { availableActions: { id: string }[] }) => dossier.availableActions.map((a) => a.id);

describe('the applicant flow', () => {
  let id: string;

  it('opens a draft filled from the account, with the e-form as far as it is typed', async () => {
    const res = await nam.open({ eform: { hoTen: 'Trần Văn Nam' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const draft = res.json();
    expect(draft).toMatchObject({ status: 'draft', channel: 'online', code: null, version: 1 });
    expect(draft.applicant).toMatchObject({ name: 'Trần Văn Nam', identityNumber: '095190000321' });
    expect(actions(draft)).toEqual(['submit']);
    expect(draft).not.toHaveProperty('history');
    id = draft.id;

    const wrong = await nam.open({ eform: { soDinhDanh: '12345' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'eform.soDinhDanh', message: expect.stringContaining('(Số định danh cá nhân)') },
    ]);
  });

  it('saves the draft with If-Match; a stale version is a 412 that says what was typed is kept', async () => {
    const saved = await nam.request('PATCH', `/dossiers/${id}`, { eform: EFORM }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.json()).toMatchObject({ eform: EFORM, version: 2 });

    const stale = await nam.request('PATCH', `/dossiers/${id}`, { eform: { hoTen: 'Nam' } }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().title).toMatch(/chưa được lưu và vẫn còn trên màn hình/);
    expect(stale.json().detail).toBe('Phiên bản hiện tại là 2, không phải 1.');
    const bad = await nam.request('PATCH', `/dossiers/${id}`, { eform: { soDinhDanh: 'abc' } }, { 'if-match': '"2"' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('eform.soDinhDanh');
    expect((await nam.detail(id)).eform).toEqual(EFORM);
  });

  it('refuses to submit until every required component has a file, naming each', async () => {
    const res = await nam.act(id, 'submit');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['components.1', 'components.2']);
    expect(res.json().errors[0].message).toBe('Cần đính kèm thành phần hồ sơ "Tờ khai đăng ký khai sinh".');
  });

  it('keeps an upload once however often the same bytes are sent, and reuses it from the document store', async () => {
    const first = await nam.upload(id, '1', { name: 'to-khai.pdf', bytes: PDF });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ fileName: 'to-khai.pdf', type: 'pdf', byApplicant: true });
    // The connection dropped before the answer came: the portal sends the same file again.
    const retry = await nam.upload(id, '1', { name: 'to-khai.pdf', bytes: PDF });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);

    const store = await nam.request('GET', '/documents');
    expect(store.statusCode, store.body).toBe(200);
    expect(store.json().items).toEqual([
      expect.objectContaining({ id: first.json().id, kind: 'upload', sha256: first.json().sha256 }),
    ]);
    const reused = await nam.request('POST', `/dossiers/${id}/components/reuse`, {
      component: 2,
      documentId: first.json().id,
    });
    expect(reused.statusCode, reused.body).toBe(201);
    expect(reused.json()).toMatchObject({ fileName: 'to-khai.pdf', sha256: first.json().sha256 });
    // The same content in two components is one document in the store.
    expect((await nam.request('GET', '/documents')).json().items).toHaveLength(1);
    const unknown = await nam.request('POST', `/dossiers/${id}/components/reuse`, {
      component: 2,
      documentId: randomUUID(),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('submits once on a double click: the replay gets the first answer, another click a 409', async () => {
    const key = randomUUID();
    const [a, b] = [await nam.act(id, 'submit', {}, key), await nam.act(id, 'submit', {}, key)];
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'waiting_receipt', version: 3 });
    expect(b.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json()).toEqual(a.json());
    const again = await nam.act(id, 'submit');
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/action-not-allowed/);
    // A submitted dossier is no longer a draft: its files and e-form stay as sent.
    expect((await nam.upload(id, '3', { name: 'cccd.png', bytes: PNG })).statusCode).toBe(409);
    const patch = await nam.request('PATCH', `/dossiers/${id}`, { eform: EFORM }, { 'if-match': '"3"' });
    expect(patch.statusCode).toBe(409);
  });

  it('is received by the desk through the staff API, then shows its code, appointment and timeline', async () => {
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?queue=receive',
      headers: (await desk.as('motcua.p1')).headers,
    });
    expect(ids(queue.json().items)).toContain(id);
    const accepted = await desk.act('motcua.p1', id, 'accept');

    const seen = await nam.detail(id);
    expect(seen).toMatchObject({ status: 'processing', statusName: expect.any(String), code: accepted.code });
    expect(seen.dueAt).toBe(accepted.dueAt);
    expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept']);
    expect(seen.components.map((c: { files: unknown[] }) => c.files.length)).toEqual([1, 1, 0]);
    expect(seen.ratable).toBe(false);
    const history = await nam.request('GET', `/dossiers/${id}/history`);
    expect(history.json().items.map((e: { name: string }) => e.name)).toEqual([
      'Nộp hồ sơ',
      'Tiếp nhận hồ sơ (Mẫu 01)',
    ]);
    const mine = await nam.request('GET', '/dossiers');
    expect(mine.json().items.find((d: { id: string }) => d.id === id)).toMatchObject({
      code: accepted.code,
      status: 'processing',
      dueAt: accepted.dueAt,
    });
  });

  it('downloads the receipt (Form 01) with the dossier code on it', async () => {
    const res = await nam.request('GET', `/dossiers/${id}/forms/01.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'form01-'));
    writeFileSync(join(dir, 'f.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain((await nam.detail(id)).code);
    expect(text).toMatch(/GIẤY TIẾP NHẬN HỒ SƠ/i);
  });

  it('supplies what the desk asked for: new files only, then the supplement action', async () => {
    const reason = 'Bổ sung bản sao giấy tờ tùy thân.';
    clock.advance(300_000);
    await desk.act('chuyenvien.p1', id, 'request_supplement', { reason });
    const asked = await nam.detail(id);
    expect(asked).toMatchObject({ status: 'supplement_requested', hold: { kind: 'supplement', reason } });
    expect(actions(asked)).toEqual(expect.arrayContaining(['supplement', 'withdraw']));
    expect(asked.timeline.at(-1)).toMatchObject({ action: 'request_supplement', reason });

    clock.advance(300_000);
    const added = await nam.upload(id, '3', { name: 'cccd.png', bytes: PNG });
    expect(added.statusCode, added.body).toBe(201);
    // What the desk already received stays; what was just added may be taken back.
    const received = asked.components[0].files[0].id;
    const keep = await nam.request('DELETE', `/dossiers/${id}/components/files/${received}`);
    expect(keep.statusCode).toBe(409);
    const removed = await nam.request('DELETE', `/dossiers/${id}/components/files/${added.json().id}`);
    expect(removed.statusCode).toBe(204);
    expect((await nam.upload(id, '3', { name: 'cccd.png', bytes: PNG })).statusCode).toBe(201);

    const supplied = await nam.act(id, 'supplement', { note: 'Đã bổ sung.' });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({ status: 'processing', hold: null });
    expect(await desk.audits(id)).toEqual(expect.arrayContaining(['dossier.component_removed', 'dossier.supplement']));
  });

  it('is rated once, after the result is returned, each criterion on the Decree 61 scale', async () => {
    const early = await nam.request('PUT', `/dossiers/${id}/rating`, { criteria: RATING });
    expect(early.statusCode).toBe(409);

    const resultId = await signedResult(id);
    await desk.act('chuyenvien.p1', id, 'propose', { opinion: 'Đề nghị cấp.', documents: [resultId] });
    await desk.act('lanhdao.p1', id, 'sign', { signedDocumentId: resultId });
    await desk.act('motcua.p1', id, 'return_result', { delivery: 'electronic' });
    const returned = await nam.detail(id);
    expect(returned).toMatchObject({ status: 'returned', ratable: true, rating: null, availableActions: [] });
    // The office's internal steps and opinions are not on the applicant's timeline.
    expect(returned.timeline.map((e: { action: string }) => e.action)).not.toContain('add_opinion');
    expect(JSON.stringify(returned.timeline)).not.toContain('Đề nghị cấp.');

    const wrong = await nam.request('PUT', `/dossiers/${id}/rating`, {
      criteria: { ...RATING, totalTime: undefined, attitude: 5 },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'criteria.totalTime',
      'criteria.attitude',
    ]);

    const rated = await nam.request('PUT', `/dossiers/${id}/rating`, { criteria: RATING, comment: 'Nhanh, chu đáo.' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({
      criteria: { ...RATING, feedback: null },
      comment: 'Nhanh, chu đáo.',
      resolvingAgencyId: unitId,
    });
    const twice = await nam.request('PUT', `/dossiers/${id}/rating`, { criteria: RATING });
    expect(twice.statusCode).toBe(409);

    const row = await t.ctx.database.db
      .selectFrom('dossier_rating')
      .selectAll()
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ resolving_agency_id: unitId, attitude: 2, contacts: 1, feedback: null });
    expect(await desk.audits(id)).toContain('dossier.rated');
    expect(await desk.topics(id)).toContain('dossier.rated');
    expect((await nam.detail(id)).ratable).toBe(false);
  });

  it('keeps the returned electronic result in the document store, to reuse in a new dossier', async () => {
    const documents = (await nam.request('GET', '/documents')).json().items;
    const result = documents.find((d: { kind: string }) => d.kind === 'result');
    expect(result).toMatchObject({ title: 'Giấy khai sinh', type: 'pdf', dossier: { id } });
    const draft = (await nam.open({ eform: EFORM })).json().id;
    const reused = await nam.request('POST', `/dossiers/${draft}/components/reuse`, {
      component: 3,
      documentId: result.id,
    });
    expect(reused.statusCode, reused.body).toBe(201);
    expect(reused.json()).toMatchObject({ fileName: 'Giấy khai sinh.pdf', sha256: result.sha256 });
  });
});

describe('withdrawing and discarding', () => {
  it('withdraws a submitted dossier with a reason; a closed one answers the engine’s reason', async () => {
    const id = await nam.submitted();
    const noReason = await nam.act(id, 'withdraw');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const withdrawn = await nam.act(id, 'withdraw', { reason: 'Nộp nhầm thủ tục.' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', availableActions: [] });
    const again = await nam.act(id, 'withdraw', { reason: 'Nộp nhầm thủ tục.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toMatch(/Hồ sơ đã kết thúc/);
    // Withdrawn is not returned: nothing to rate.
    expect((await nam.request('PUT', `/dossiers/${id}/rating`, { criteria: RATING })).statusCode).toBe(409);
  });

  it('cannot withdraw a draft (the engine’s reason), and discards it instead', async () => {
    const draft = (await nam.open({})).json();
    const refused = await nam.act(draft.id, 'withdraw', { reason: 'Không cần nữa.' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toMatch(/không rút được/);

    const stale = await nam.request('DELETE', `/dossiers/${draft.id}`, undefined, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    const gone = await nam.request('DELETE', `/dossiers/${draft.id}`, undefined, { 'if-match': '"1"' });
    expect(gone.statusCode, gone.body).toBe(204);
    const retried = await nam.request('DELETE', `/dossiers/${draft.id}`, undefined, { 'if-match': '"1"' });
    expect(retried.statusCode).toBe(204);
    const list = (await nam.request('GET', '/dossiers?limit=200')).json();
    expect(ids(list.items)).not.toContain(draft.id);
  });

  it('cannot discard a submitted dossier', async () => {
    const id = await nam.submitted();
    const version = (await nam.detail(id)).version;
    const res = await nam.request('DELETE', `/dossiers/${id}`, undefined, { 'if-match': `"${version}"` });
    expect(res.statusCode).toBe(409);
  });
});

describe('bad input (issue #7)', () => {
  let id: string;
  beforeAll(async () => {
    id = (await nam.open({ eform: EFORM })).json().id;
  });

  it('refuses a file whose content is not its type, naming the field', async () => {
    const res = await nam.upload(id, '1', { name: 'to-khai.pdf', bytes: PNG });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'file' }] });
    expect(res.json().title).toMatch(/không phải là tệp PDF/);
    const exe = await nam.upload(id, '1', { name: 'virus.exe', bytes: Buffer.from('MZ\x90\x00') });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().title).toMatch(/phải có phần mở rộng \.pdf, \.doc, \.docx/);
  });

  it('refuses a file over the component’s limit with a 413 naming the field and the component', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1_048_576)]);
    const res = await nam.upload(id, '1', { name: 'to-khai.pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().title).toBe('Tệp "to-khai.pdf" vượt quá 10 MB cho phép.');
    expect(res.json().errors).toEqual([
      { field: 'file', message: 'Thành phần "Tờ khai đăng ký khai sinh" nhận tệp tối đa 10 MB.' },
    ]);
  });

  it('opens one dossier on a double-clicked "Nộp hồ sơ", however often the same key comes', async () => {
    const key = randomUUID();
    const first = await nam.open({ eform: EFORM }, key);
    const second = await nam.open({ eform: EFORM }, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const reused = await nam.open({ eform: { hoTen: 'Khác' } }, key);
    expect(reused.statusCode).toBe(422);
    const missingKey = await nam.request('POST', '/dossiers', { procedureCode: PROCEDURE, receivingUnitId: unitId });
    expect(missingKey.statusCode).toBe(400);
  });

  it('does not submit at once a procedure that needs files, and names the missing place to submit', async () => {
    const atOnce = await nam.open({ eform: EFORM, draft: false });
    expect(atOnce.statusCode).toBe(400);
    expect(atOnce.json().errors.map((e: { field: string }) => e.field)).toEqual(['components.1', 'components.2']);
    const nowhere = await nam.request(
      'POST',
      '/dossiers',
      { procedureCode: PROCEDURE, receivingUnitId: await desk.agencyId(AGENCY.stp), draft: true },
      { 'idempotency-key': randomUUID() },
    );
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors[0].field).toBe('procedureCode');
  });
});

describe('another applicant', () => {
  let id: string;
  let fileId: string;
  beforeAll(async () => {
    id = (await nam.open({ eform: EFORM })).json().id;
    fileId = (await nam.upload(id, '1', { name: 'to-khai.pdf', bytes: PDF })).json().id;
  });

  it('cannot see, change or act on the dossier: each answer is 404, as for a dossier that does not exist', async () => {
    const answers = [
      await other.request('GET', `/dossiers/${id}`),
      await other.request('GET', `/dossiers/${id}/history`),
      await other.request('PATCH', `/dossiers/${id}`, { eform: EFORM }, { 'if-match': '"1"' }),
      await other.request('DELETE', `/dossiers/${id}`, undefined, { 'if-match': '"1"' }),
      await other.request('GET', `/dossiers/${id}/components/files/${fileId}`),
      await other.request('DELETE', `/dossiers/${id}/components/files/${fileId}`),
      await other.upload(id, '1', { name: 'to-khai.pdf', bytes: PDF }),
      await other.act(id, 'submit'),
      await other.request('GET', `/dossiers/${id}/forms/01.pdf`),
      await other.request('PUT', `/dossiers/${id}/rating`, { criteria: RATING }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual(answers.map(() => 404));
    expect(answers[0]!.json().title).toBe('Không tìm thấy hồ sơ.');
  });

  it('cannot reuse the first applicant’s document in their own dossier, nor list it', async () => {
    const opened = await other.open({ eform: EFORM, applicant: { name: 'Lê Thị Hoa' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const own = opened.json().id;
    const res = await other.request('POST', `/dossiers/${own}/components/reuse`, { component: 1, documentId: fileId });
    expect(res.statusCode).toBe(404);
    expect((await other.request('GET', '/documents')).json().items).toEqual([]);
    expect(ids((await other.request('GET', '/dossiers')).json().items)).toEqual([own]);
  });

  it('pages their own list newest first with a cursor', async () => {
    const page1 = (await nam.request('GET', '/dossiers?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await nam.request('GET', `/dossiers?limit=200&cursor=${page1.nextCursor}`)).json();
    const all = (await nam.request('GET', '/dossiers?limit=200')).json();
    expect([...ids(page1.items), ...ids(page2.items)]).toEqual(ids(all.items));
    const opened = all.items.map((d: { openedAt: string }) => d.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
    const drafts = (await nam.request('GET', '/dossiers?status=draft&limit=200')).json();
    expect(drafts.items.every((d: { status: string }) => d.status === 'draft')).toBe(true);
  });
});

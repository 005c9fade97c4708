// Result documents through HTTP: a department's administrator adds a licence template (unknown placeholders
// refused, versions by effective date, edits with If-Match until a result uses a version); the licence rendered for
// a real dossier reads back as its Vietnamese text; the specialist, the director and the clerk with the seal sign it
// in turn (pdfsig: three valid signatures; the API: intact and trusted; a changed byte: not intact); the workflow
// takes only results of the dossier, and for a signature only a validly signed one; the applicant sees the signed
// results of their own dossier once it is returned, and nothing before.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDossierFor } from '../src/modules/dossiers/service.ts';
import { writtenDate } from '../src/modules/paperwork/wording.ts';
import { applicantResultDocuments } from '../src/modules/results/service.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { blobStoreOf } from '../src/platform/files/blob-store.ts';
import { newApplicant } from './citizens-helpers.ts';
import { AGENCY, APPLICANT, Desk, EFORM } from './dossiers-helpers.ts';
import { type Session, type TestApp, testApp } from './harness.ts';
import { multipart, type Part } from './multipart.ts';
import { pdfText } from './pdf-images.ts';
import { decisionPdf, makePki, sealImage, type TestPki } from './signing-fixtures.ts';

const DAY = 86_400_000;
const PROCEDURE = '9.910001';
const clock = fixedClock(new Date());
let t: TestApp;
let pki: TestPki;
let desk: Desk;
let stp: string;

beforeAll(async () => {
  pki = await makePki();
  t = await testApp({
    clock,
    env: { TRUST_ANCHORS_DIR: pki.anchorsDir, LOGIN_RATE_PER_MINUTE: '100000', VERIFY_RATE_PER_MINUTE: '100000' },
  });
  desk = new Desk(t);
  stp = await desk.agencyId(AGENCY.stp);
  await desk.procedure(PROCEDURE, [[AGENCY.stp, 'department-standard']]);
  await desk.grant('motcua.tinh', 'one_stop_officer', AGENCY.stp);
  await desk.signingKeys(pki, ['chuyenvien.stp'], pki.specialist);
  await desk.signingKeys(pki, ['giamdoc.stp'], pki.leader);
  const seal = multipart([
    { name: 'owner', value: 'agency' },
    { name: 'agencyId', value: stp },
    { name: 'backend', value: 'software' },
    { name: 'password', value: 'khoa-thu' },
    { name: 'pkcs12', file: pki.pkcs12(pki.agency, 'khoa-thu'), filename: 'dau.p12' },
    { name: 'image', file: sealImage(), filename: 'dau.png', type: 'image/png' },
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/signing/keys',
    headers: { ...(await desk.as('quantri.stp')).headers, ...seal.headers },
    payload: seal.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
}, 180_000);
afterAll(() => t?.close());

async function call(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = {}) {
  const session = await desk.as(username);
  return t.app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });
}

async function upload(username: string, id: string, parts: Part[]) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/results`,
    headers: { ...(await desk.as(username)).headers, ...body.headers },
    payload: body.payload,
  });
}

const verify = async (pdf: Buffer) => {
  const body = multipart([{ name: 'file', file: pdf, filename: 'kq.pdf', type: 'application/pdf' }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/signatures/verify', ...body });
  return res.json().signatures as { signer: string; intact: boolean; modifiedAfter: boolean; trusted: boolean }[];
};

const fileOf = async (username: string, id: string, resultId: string) => {
  const res = await call(username, 'GET', `/api/v1/dossiers/${id}/results/${resultId}/file`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
};

/** A licence of Sở Tư pháp for the test procedure: two signers (the specialist who checks, the director). */
const licence = (
  title: string,
  effectiveFrom: string,
  text = 'Cấp cho ông/bà {{applicant.name}} ({{eform.hoTen}}).',
) => ({
  code: 'giay-phep-thu',
  ownerAgencyId: stp,
  name: 'Giấy phép thử nghiệm',
  kind: 'licence',
  effectiveFrom,
  procedures: [PROCEDURE],
  definition: {
    paper: 'A4',
    symbol: 'GP-STP',
    blocks: [
      { type: 'heading' },
      { type: 'title', text: title, lines: ['Theo hồ sơ {{dossier.code}}'] },
      { type: 'paragraph', text },
      { type: 'field', label: 'Số định danh cá nhân', value: '{{eform.soDinhDanh}}' },
      { type: 'field', label: 'Thủ tục', value: '{{procedure.name}}' },
      { type: 'signature', signers: [{ authority: 'Người thẩm định' }, {}] },
    ],
  },
});

const dayOf = (at: number) => new Date(at + 7 * 3_600_000).toISOString().slice(0, 10);

/** A dossier received at Sở Tư pháp and proposed by the specialist with `resultId` as its result. */
async function receivedDossier() {
  const { id } = await desk.open('motcua.tinh', { procedureCode: PROCEDURE, receivingUnitId: stp });
  await desk.act('motcua.tinh', id, 'accept');
  return id as string;
}

describe('result templates', () => {
  it('refuses a placeholder that names nothing, with the path that holds it', async () => {
    const bad = licence('GIẤY PHÉP', '2024-01-01', 'Cấp cho {{applicant.ten}}.');
    const res = await call('quantri.stp', 'POST', '/api/v1/results/templates', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'definition.blocks[2].text',
        message: 'Không có trường {{applicant.ten}} trong dữ liệu hồ sơ dùng cho mẫu.',
      },
    ]);
    expect(res.json().title).toBe(
      'Mẫu kết quả chưa hợp lệ ở definition.blocks[2].text: Không có trường {{applicant.ten}} trong dữ liệu hồ sơ dùng cho mẫu.',
    );
    const unknownField = licence('GIẤY PHÉP', '2024-01-01', '{{eform.soNha}}');
    const field = await call('quantri.stp', 'POST', '/api/v1/results/templates', unknownField);
    expect(field.json().errors[0]).toEqual({
      field: 'definition.blocks[2].text',
      message: 'Tờ khai của thủ tục áp dụng không có trường {{eform.soNha}}.',
    });
  });

  it("adds the department's own licence, usable for its procedure; another agency's administrator may not", async () => {
    const created = await call('quantri.stp', 'POST', '/api/v1/results/templates', licence('GIẤY PHÉP', '2024-01-01'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({ code: 'giay-phep-thu', version: 1, inForce: true, used: false });
    const list = await call('chuyenvien.stp', 'GET', `/api/v1/results/templates?procedure=${PROCEDURE}`);
    const codes = list.json().items.map((i: { code: string }) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['giay-phep-thu', 'quyet-dinh']));
    expect(codes).not.toContain('giay-khai-sinh');
    const other = await call('quantri.tpbl', 'POST', '/api/v1/results/templates', licence('X', '2030-01-01'));
    expect(other.statusCode).toBe(403);
    const { ownerAgencyId: _owner, ...provinceWide } = licence('X', '2030-01-01');
    const shared = await call('quantri.stp', 'POST', '/api/v1/results/templates', { ...provinceWide, code: 'chung' });
    expect(shared.statusCode).toBe(403);
  });
});

describe('a licence for a real dossier, signed by the specialist, the director and the seal', () => {
  let id: string;
  let resultId: string;
  let signed: Buffer;

  beforeAll(async () => {
    id = await receivedDossier();
    const res = await call('chuyenvien.stp', 'POST', `/api/v1/dossiers/${id}/results`, { template: 'giay-phep-thu' });
    expect(res.statusCode, res.body).toBe(201);
    resultId = res.json().id;
  }, 60_000);

  it('renders the template version in force today, numbered, with the dossier in its text', async () => {
    const results = await call('chuyenvien.stp', 'GET', `/api/v1/dossiers/${id}/results`);
    const [result] = results.json().items;
    expect(result).toMatchObject({
      id: resultId,
      title: 'Giấy phép thử nghiệm',
      templateCode: 'giay-phep-thu',
      templateVersion: 1,
      numberSymbol: '01/GP-STP',
      revision: 1,
      signatures: [],
      signatureSlots: 2,
    });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    const dossier = await desk.get('chuyenvien.stp', id);
    const text = await pdfText(await fileOf('chuyenvien.stp', id, resultId));
    for (const expected of [
      'ỦY BAN NHÂN DÂN TỈNH BẠC LIÊU',
      'SỞ TƯ PHÁP TỈNH BẠC LIÊU',
      'Số: 01/GP-STP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      `Bạc Liêu, ${writtenDate(clock.now().getTime())}`,
      'GIẤY PHÉP',
      `Theo hồ sơ ${dossier.code}`,
      `Cấp cho ông/bà ${APPLICANT.name} (${EFORM.hoTen}).`,
      `Số định danh cá nhân: ${EFORM.soDinhDanh}`,
      `Thủ tục: ${dossier.procedure.name}`,
      'NGƯỜI THẨM ĐỊNH',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('{{');
  });

  it('takes in the workflow only results of this dossier, and for a signature only a signed one', async () => {
    const elsewhere = await receivedDossier();
    const foreign = await desk.result('chuyenvien.stp', elsewhere);
    const madeUp = await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ.', documents: ['du-thao'] }, 400);
    expect(madeUp.errors).toEqual([
      { field: 'documents', message: '"du-thao" không phải là văn bản kết quả của hồ sơ này.' },
    ]);
    await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ.', documents: [foreign] }, 400);
    await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ điều kiện cấp.', documents: [resultId] });
    await desk.act('truongphong.stp', id, 'approve', { opinion: 'Trình Giám đốc ký.' });
    const unsigned = await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: resultId }, 400);
    expect(unsigned.errors).toEqual([
      { field: 'signedDocumentId', message: 'Văn bản kết quả "Giấy phép thử nghiệm" chưa được ký số.' },
    ]);
  });

  it('signs in turn: each signature a new revision in its slot, the earlier ones kept', async () => {
    const first = await desk.sign('chuyenvien.stp', id, resultId);
    expect(first).toMatchObject({ revision: 2, signatures: [{ layout: 'signer', signer: 'Đặng Thị Kim Loan' }] });
    const second = await desk.sign('giamdoc.stp', id, resultId, { layout: 'signer', reason: 'Phê duyệt' });
    expect(second.revision).toBe(3);
    // The director signs the dossier's step with the result the specialist and the director have signed.
    await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: resultId });
    const third = await desk.sign('vanthu.stp', id, resultId, { layout: 'seal' });
    expect(third.signatures.map((s: { layout: string; signer: string }) => [s.layout, s.signer])).toEqual([
      ['signer', 'Đặng Thị Kim Loan'],
      ['signer', 'Lý Thị Phương'],
      ['seal', 'Sở Tư pháp tỉnh Bạc Liêu'],
    ]);
    expect(new Set([first.sha256, second.sha256, third.sha256]).size).toBe(3);
    await desk.act('vanthu.stp', id, 'issue', { documents: [resultId] });
    signed = await fileOf('vanthu.stp', id, resultId);
    expect(signed.length).toBe(third.size);
    // Incremental updates: each earlier revision is still in the blob store, and the start of the final file.
    for (const earlier of [first, second]) {
      const bytes = await blobStoreOf(t.ctx.config).get(earlier.sha256);
      expect(bytes && signed.subarray(0, bytes.length).equals(bytes)).toBe(true);
    }
    writeFileSync(join(pki.dir, 'result-signed.pdf'), signed);
  });

  it('verifies: pdfsig finds three valid signatures; the API says intact and trusted', async () => {
    const out = execFileSync('pdfsig', [join(pki.dir, 'result-signed.pdf')]).toString();
    expect(out.match(/Signature is Valid\./g)).toHaveLength(3);
    expect((await verify(signed)).map((s) => [s.signer, s.intact, s.modifiedAfter, s.trusted])).toEqual([
      ['Trần Thị Chuyên Viên', true, true, true],
      ['Nguyễn Văn Giám Đốc', true, true, true],
      ['Sở Tư pháp tỉnh Bạc Liêu', true, false, true],
    ]);
  });

  it('a tampered copy is not intact, for the API and for pdfsig', async () => {
    const tampered = Buffer.from(signed);
    tampered[2000] = tampered[2000]! ^ 0xff;
    expect((await verify(tampered)).map((s) => s.intact || s.trusted)).toEqual([false, false, false]);
    writeFileSync(join(pki.dir, 'result-tampered.pdf'), tampered);
    expect(spawnSync('pdfsig', [join(pki.dir, 'result-tampered.pdf')]).stdout.toString()).not.toContain(
      'Signature is Valid',
    );
  });

  it('refuses a slot that does not exist or is taken, and signing once the dossier is closed', async () => {
    const other = await receivedDossier();
    const draft = await desk.result('chuyenvien.stp', other, 'giay-phep-thu');
    const sign = (body: object) =>
      call('chuyenvien.stp', 'POST', `/api/v1/dossiers/${other}/results/${draft}/sign`, body);
    expect((await sign({ layout: 'signer', slot: 3 })).json().errors[0].field).toBe('slot');
    expect((await sign({ layout: 'signer', slot: 1 })).statusCode).toBe(200);
    expect((await sign({ layout: 'signer', slot: 1 })).statusCode).toBe(409);
    await desk.act('quantri.stp', other, 'cancel', { reason: 'Nhập nhầm.' });
    expect((await sign({ layout: 'signer', slot: 2 })).statusCode).toBe(409);
  });
});

describe('what a signature requirement takes from an uploaded file', () => {
  let id: string;

  beforeAll(async () => {
    id = await receivedDossier();
    await desk.act('chuyenvien.stp', id, 'propose', {
      opinion: 'Đủ.',
      documents: [await desk.result('chuyenvien.stp', id)],
    });
    await desk.act('truongphong.stp', id, 'approve', { opinion: 'Trình ký.' });
  }, 60_000);

  const signedElsewhere = async (username: string) => {
    const body = multipart([
      { name: 'layout', value: 'signer' },
      { name: 'file', file: await decisionPdf(), filename: 'qd.pdf', type: 'application/pdf' },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signing/sign',
      headers: { ...(await desk.as(username)).headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.rawPayload;
  };
  const uploaded = async (pdf: Buffer) => {
    const res = await upload('chuyenvien.stp', id, [
      { name: 'title', value: 'Quyết định đã ký' },
      { name: 'file', file: pdf, filename: 'qd.pdf', type: 'application/pdf' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'upload', title: 'Quyết định đã ký', numberSymbol: null });
    return res.json().id as string;
  };

  it('refuses a file changed after its signature, and a signature that reaches no trust anchor', async () => {
    const pdf = await signedElsewhere('giamdoc.stp');
    const changed = Buffer.concat([pdf, Buffer.from('\n% thêm sau khi ký\n')]);
    const refused = await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: await uploaded(changed) }, 400);
    expect(refused.errors[0].message).toBe(
      'Văn bản kết quả "Quyết định đã ký" đã bị thay đổi sau chữ ký số cuối cùng.',
    );
    await desk.signingKeys(pki, ['truongphong.stp'], pki.stranger);
    const stranger = await uploaded(await signedElsewhere('truongphong.stp'));
    const untrusted = await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: stranger }, 400);
    expect(untrusted.errors[0].message).toContain('không được tin cậy');
    await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: await uploaded(pdf) });
  });

  it('takes only PDFs that can be signed', async () => {
    const notPdf = await upload('chuyenvien.stp', id, [
      { name: 'file', file: Buffer.from('GIF89a'), filename: 'a.pdf' },
    ]);
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().errors[0].field).toBe('file');
    const broken = Buffer.from(
      (await decisionPdf()).toString('latin1').replace(/startxref\s+\d+/, 'startxref\n9'),
      'latin1',
    );
    const unreadable = await upload('chuyenvien.stp', id, [{ name: 'file', file: broken, filename: 'b.pdf' }]);
    expect(unreadable.statusCode).toBe(422);
    const unknown = await call('chuyenvien.stp', 'POST', `/api/v1/dossiers/${id}/results`, { template: 'khong-co' });
    expect(unknown.json().errors).toEqual([{ field: 'template', message: 'Không có mẫu kết quả "khong-co".' }]);
    const wrong = await call('chuyenvien.stp', 'POST', `/api/v1/dossiers/${id}/results`, {
      template: 'giay-khai-sinh',
    });
    expect(wrong.json().errors[0].field).toBe('template');
  });
});

describe('template versions by effective date', () => {
  it('renders with the version in force on the result date; edits a version until a result uses it', async () => {
    const tomorrow = dayOf(clock.now().getTime() + DAY);
    const added = await call('quantri.stp', 'POST', '/api/v1/results/templates', licence('GIẤY PHÉP MỚI', tomorrow));
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ version: 2, inForce: false, future: true });
    const early = await call('quantri.stp', 'POST', '/api/v1/results/templates', licence('X', '2024-06-01'));
    expect(early.json().errors[0].field).toBe('effectiveFrom');

    const id = await receivedDossier();
    const today = await desk.result('chuyenvien.stp', id, 'giay-phep-thu');
    expect(await pdfText(await fileOf('chuyenvien.stp', id, today))).toContain('GIẤY PHÉP Theo hồ sơ');

    const { code: _code, ownerAgencyId: _owner, ...edit } = licence('GIẤY PHÉP SỬA', tomorrow);
    const url = (version: number) => `/api/v1/results/templates/giay-phep-thu/versions/${version}`;
    const updated = await call('quantri.stp', 'PUT', url(2), edit, { 'if-match': '"1"' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect((await call('quantri.stp', 'PUT', url(2), edit, { 'if-match': '"1"' })).statusCode).toBe(412);
    const used = await call(
      'quantri.stp',
      'PUT',
      url(1),
      { ...edit, effectiveFrom: '2024-01-01' },
      { 'if-match': '"1"' },
    );
    expect(used.statusCode).toBe(409);

    clock.advance(DAY);
    desk.forgetSessions();
    const later = await desk.result('chuyenvien.stp', id, 'giay-phep-thu');
    const items = (await call('chuyenvien.stp', 'GET', `/api/v1/dossiers/${id}/results`)).json().items;
    expect(items.map((r: { id: string; templateVersion: number }) => [r.id, r.templateVersion])).toEqual([
      [today, 1],
      [later, 2],
    ]);
    expect(await pdfText(await fileOf('chuyenvien.stp', id, later))).toContain('GIẤY PHÉP SỬA');
  });
});

describe('the applicant', () => {
  it('sees the signed results of their own dossier once it is returned, and nothing before', async () => {
    const owner = await newApplicant(t);
    const stranger = await newApplicant(t);
    const account = await t.ctx.database.db
      .selectFrom('applicant')
      .select('id')
      .where('email', '=', owner.login)
      .executeTakeFirstOrThrow();
    const opened = await openDossierFor(
      t.ctx,
      { applicant: { accountId: account.id, name: APPLICANT.name }, requestId: null },
      {
        procedureCode: PROCEDURE,
        channel: 'online',
        receivingUnitId: await desk.agencyId(AGENCY.stp),
        applicant: APPLICANT,
        eform: EFORM,
      },
    );
    const id = (opened.body as { id: string }).id;
    await desk.act('motcua.tinh', id, 'accept');
    const draft = await desk.result('chuyenvien.stp', id);
    const result = await desk.signedResult('chuyenvien.stp', 'giamdoc.stp', id);
    await desk.act('chuyenvien.stp', id, 'propose', { opinion: 'Đủ.', documents: [result] });
    await desk.act('truongphong.stp', id, 'approve', { opinion: 'Trình ký.' });
    await desk.act('giamdoc.stp', id, 'sign', { signedDocumentId: result });
    await desk.act('vanthu.stp', id, 'issue', { documents: [result] });

    const mine = (session: Session, path = '') =>
      t.app.inject({ method: 'GET', url: `/api/v1/applicant/dossiers/${id}/results${path}`, headers: session.headers });
    expect((await mine(owner.session)).json()).toEqual({ items: [] });
    expect((await mine(owner.session, `/${result}/file`)).statusCode).toBe(404);

    await desk.act('motcua.tinh', id, 'return_result', { delivery: 'electronic' });
    const items = (await mine(owner.session)).json().items;
    expect(items.map((r: { id: string }) => r.id)).toEqual([result]);
    expect(items.map((r: { id: string }) => r.id)).not.toContain(draft);
    const file = await mine(owner.session, `/${result}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(await fileOf('chuyenvien.stp', id, result))).toBe(true);
    expect((await mine(owner.session, `/${draft}/file`)).statusCode).toBe(404);
    // The applicant's document store takes its electronic results from here.
    const store = await applicantResultDocuments(t.ctx, account.id);
    expect(store.map((r) => [r.id, r.dossierCode])).toEqual([[result, (await desk.get('motcua.tinh', id)).code]]);

    expect((await mine(stranger.session)).statusCode).toBe(404);
    expect((await mine(stranger.session, `/${result}/file`)).statusCode).toBe(404);
  });
});

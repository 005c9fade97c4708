// The signing module through HTTP: keys registered and rotated by an agency administrator (secrets never
// returned or logged), a decision signed in turn by a specialist, the leader and the clerk with the seal,
// verified by the public API, the public page and pdfsig; an attachment signed through a remote signing service;
// and bad input answered with clear 4xx problems.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, testApp } from './harness.ts';
import { multipart, type Part } from './multipart.ts';
import {
  decisionPdf,
  type Issued,
  listen,
  makePki,
  remoteSigningSimulator,
  sealImage,
  signatureImage,
  type TestPki,
} from './signing-fixtures.ts';

let t: TestApp;
let pki: TestPki;
let admin: Session;
let remote: Awaited<ReturnType<typeof remoteSigningSimulator>>;
const PASSWORD = 'mật-khẩu-p12';

async function post(url: string, parts: Part[], session?: Session) {
  const body = multipart(parts);
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...session?.headers },
  });
}

const idOf = async (username: string) =>
  (await t.ctx.database.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
const agencyOf = async (username: string) =>
  (
    await t.ctx.database.db
      .selectFrom('staff')
      .select('agency_id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).agency_id;

function softwareKey(owner: Part[], leaf: Issued, image: Buffer | null, password = PASSWORD): Part[] {
  return [
    ...owner,
    { name: 'backend', value: 'software' },
    { name: 'password', value: password },
    { name: 'pkcs12', file: pki.pkcs12(leaf, PASSWORD), filename: 'khoa.p12' },
    ...(image ? [{ name: 'image', file: image, filename: 'anh.png', type: 'image/png' }] : []),
  ];
}

const staffOwner = async (username: string): Promise<Part[]> => [
  { name: 'owner', value: 'staff' },
  { name: 'staffId', value: await idOf(username) },
];
const agencyOwner = async (username: string): Promise<Part[]> => [
  { name: 'owner', value: 'agency' },
  { name: 'agencyId', value: await agencyOf(username) },
];

async function sign(username: string, pdf: Buffer, fields: Record<string, string>) {
  const parts: Part[] = [
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', file: pdf, filename: 'van-ban.pdf', type: 'application/pdf' },
  ];
  return post('/api/v1/signing/sign', parts, await t.login(username));
}

const verify = (pdf: Buffer) =>
  post('/api/v1/signatures/verify', [{ name: 'file', file: pdf, filename: 'x.pdf', type: 'application/pdf' }]);

beforeAll(async () => {
  pki = await makePki();
  remote = await remoteSigningSimulator({ 'seal-stp': pki.agency }, pki.chainOf);
  t = await testApp({
    env: {
      TRUST_ANCHORS_DIR: pki.anchorsDir,
      VERIFY_MAX_BYTES: String(2 * 1_048_576),
      REMOTE_SIGNING_TIMEOUT_MS: '1000',
      LOGIN_RATE_PER_MINUTE: '10000',
      VERIFY_RATE_PER_MINUTE: '10000',
    },
  });
  admin = await t.login('quantri.stp');
}, 120_000);
afterAll(async () => {
  await remote?.close();
  await t?.close();
});

describe('signing keys', () => {
  it('registers keys for staff and the agency seal, returning and logging no secret', async () => {
    for (const [username, leaf] of [
      ['chuyenvien.stp', pki.specialist],
      ['giamdoc.stp', pki.leader],
    ] as const) {
      const res = await post(
        '/api/v1/signing/keys',
        softwareKey(await staffOwner(username), leaf, signatureImage()),
        admin,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ backend: 'software', status: 'active', hasImage: true });
    }
    const seal = await post(
      '/api/v1/signing/keys',
      softwareKey(await agencyOwner('vanthu.stp'), pki.agency, sealImage()),
      admin,
    );
    expect(seal.statusCode, seal.body).toBe(201);
    expect(seal.json().certificate).toMatchObject({
      subject: 'Sở Tư pháp tỉnh Bạc Liêu',
      issuer: 'Congso Test Government CA',
    });

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/signing/keys', headers: admin.headers });
    expect(list.json().items).toHaveLength(3);
    const audit = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select('summary')
      .where('action', 'like', 'signing.%')
      .execute();
    const everything = `${list.body} ${JSON.stringify(audit)}`;
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toMatch(/pkcs12|password/i);
    const stored = await t.ctx.database.db.selectFrom('signing_key').select('password_sealed').execute();
    expect(stored.every((k) => !Buffer.from(k.password_sealed!).toString('utf8').includes(PASSWORD))).toBe(true);
  });

  it('rotates: a new key for the same owner retires the old one, with an audit entry', async () => {
    const owner = await staffOwner('truongphong.stp');
    const first = await post('/api/v1/signing/keys', softwareKey(owner, pki.specialist, null), admin);
    const second = await post('/api/v1/signing/keys', softwareKey(owner, pki.leader, null), admin);
    expect(second.statusCode).toBe(201);
    const keys = (await t.app.inject({ method: 'GET', url: '/api/v1/signing/keys', headers: admin.headers })).json()
      .items;
    expect(keys.find((k: { id: string }) => k.id === first.json().id).status).toBe('retired');
    const actions = await t.ctx.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', second.json().id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['signing.key.rotate']);
    const retired = await t.app.inject({
      method: 'POST',
      url: `/api/v1/signing/keys/${second.json().id}/retire`,
      headers: admin.headers,
    });
    expect(retired.json().status).toBe('retired');
  });

  it.each([
    ['an expired certificate', () => pki.expired, PASSWORD, 'đã hết hạn'],
    ['a certificate without the signing usage', () => pki.noSigningUsage, PASSWORD, 'không có mục đích sử dụng ký số'],
    ['a wrong password', () => pki.specialist, 'sai', 'mật khẩu không đúng'],
  ])('refuses %s with a clear 400 naming the field', async (_, leaf, password, message) => {
    const res = await post(
      '/api/v1/signing/keys',
      softwareKey(await staffOwner('motcua.tinh'), leaf(), null, password),
      await t.login('admin'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('pkcs12');
    expect(res.json().title).toContain(message);
  });

  it('refuses an image that is not a PNG, and keys outside the administrator scope', async () => {
    const notPng = await post(
      '/api/v1/signing/keys',
      softwareKey(await staffOwner('chuyenvien.stp'), pki.specialist, Buffer.from('GIF89a')),
      admin,
    );
    expect(notPng.statusCode).toBe(400);
    expect(notPng.json().errors[0].field).toBe('image');
    const outside = await post(
      '/api/v1/signing/keys',
      softwareKey(await staffOwner('motcua.tinh'), pki.specialist, null),
      admin,
    );
    expect(outside.statusCode).toBe(403);
  });
});

describe('a decision signed by the specialist, the leader and the organisation', () => {
  let signed: Buffer;
  let sealId: string;

  beforeAll(async () => {
    const first = await sign('chuyenvien.stp', await decisionPdf(), { layout: 'signer', x: '85', y: '560' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await sign('giamdoc.stp', first.rawPayload, { layout: 'signer', reason: 'Phê duyệt' });
    expect(second.statusCode, second.body).toBe(200);
    const third = await sign('vanthu.stp', second.rawPayload, { layout: 'seal' });
    expect(third.statusCode, third.body).toBe(200);
    expect(third.headers['content-type']).toBe('application/pdf');
    signed = third.rawPayload;
    sealId = String(third.headers['x-signature-id']);
    writeFileSync(join(pki.dir, 'http-signed.pdf'), signed);
  }, 60_000);

  it('verifies through the public API: three intact, trusted signatures', async () => {
    const res = await verify(signed);
    expect(res.statusCode).toBe(200);
    expect(
      res.json().signatures.map((s: Record<string, unknown>) => [s.signer, s.intact, s.modifiedAfter, s.trusted]),
    ).toEqual([
      ['Trần Thị Chuyên Viên', true, true, true],
      ['Nguyễn Văn Giám Đốc', true, true, true],
      ['Sở Tư pháp tỉnh Bạc Liêu', true, false, true],
    ]);
    expect(res.json().signatures[2].signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
  });

  it('pdfsig reports the three signatures valid', () => {
    const out = execFileSync('pdfsig', [join(pki.dir, 'http-signed.pdf')]).toString();
    expect(out.match(/Signature is Valid\./g)).toHaveLength(3);
  });

  it('a tampered copy does not verify', async () => {
    const tampered = Buffer.from(signed);
    tampered[3000] = tampered[3000]! ^ 0xff;
    const res = await verify(tampered);
    expect(res.json().signatures.map((s: { intact: boolean; trusted: boolean }) => s.intact || s.trusted)).toEqual([
      false,
      false,
      false,
    ]);
    writeFileSync(join(pki.dir, 'http-tampered.pdf'), tampered);
    expect(spawnSync('pdfsig', [join(pki.dir, 'http-tampered.pdf')]).stdout.toString()).not.toContain(
      'Signature is Valid',
    );
  });

  it('the QR code leads to the public page with the record, and the page checks an uploaded file', async () => {
    expect(signed.toString('latin1')).toContain(`/verify?id=${sealId}`);
    const page = await t.app.inject({ method: 'GET', url: `/verify?id=${sealId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sở Tư pháp tỉnh Bạc Liêu');
    const result = await post('/verify', [{ name: 'file', file: signed, filename: 'x.pdf' }]);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Trần Thị Chuyên Viên');
    expect(result.body.match(/class="ok">Có</g)).toHaveLength(6);
  });

  it('is not trusted by a verifier without anchors, however the embedded chain looks', async () => {
    const bare = await testApp({});
    try {
      const body = multipart([{ name: 'file', file: signed, filename: 'x.pdf' }]);
      const res = await bare.app.inject({ method: 'POST', url: '/api/v1/signatures/verify', ...body });
      expect(res.json().signatures.every((s: { intact: boolean; trusted: boolean }) => s.intact && !s.trusted)).toBe(
        true,
      );
    } finally {
      await bare.close();
    }
  });
});

describe('who may sign with what', () => {
  it('refuses the seal to a specialist, and to a leader for another agency', async () => {
    const pdf = await decisionPdf();
    expect((await sign('chuyenvien.stp', pdf, { layout: 'seal' })).statusCode).toBe(403);
    const elsewhere = await sign('giamdoc.stp', pdf, { layout: 'seal', agencyId: await agencyOf('motcua.tinh') });
    expect(elsewhere.statusCode).toBe(403);
  });

  it('answers 422 to a staff member without a key, and to a seal with no signer signature yet', async () => {
    const noKey = await sign('motcua.tinh', await decisionPdf(), { layout: 'signer' });
    expect(noKey.statusCode).toBe(422);
    expect(noKey.json().title).toBe('Bạn chưa có khóa ký số đang hiệu lực.');
    const early = await sign('vanthu.stp', await decisionPdf(), { layout: 'seal' });
    expect(early.statusCode).toBe(422);
    expect(early.json().title).toContain('chưa có chữ ký của người có thẩm quyền');
  });
});

describe('a remote signing service', () => {
  async function useRemote(url: string) {
    const parts: Part[] = [
      ...(await agencyOwner('vanthu.stp')),
      { name: 'backend', value: 'remote' },
      { name: 'remoteUrl', value: url },
      { name: 'remoteKeyId', value: 'seal-stp' },
      { name: 'certificate', file: Buffer.from(pki.agency.pem + pki.intermediate.pem), filename: 'seal.pem' },
    ];
    const res = await post('/api/v1/signing/keys', parts, admin);
    expect(res.statusCode, res.body).toBe(201);
  }

  it('signs an attachment at the top right of page 1, verified as trusted', async () => {
    await useRemote(remote.url);
    const res = await sign('vanthu.stp', await decisionPdf(), { layout: 'attachment', numberSymbol: '05/QĐ-STP' });
    expect(res.statusCode, res.body).toBe(200);
    const [signature] = (await verify(res.rawPayload)).json().signatures;
    expect(signature).toMatchObject({ signer: 'Sở Tư pháp tỉnh Bạc Liêu', intact: true, trusted: true });
  });

  it('answers 502 quickly when the service is down or does not answer', async () => {
    const silent = await listen(async () => 'hang');
    try {
      for (const url of ['http://127.0.0.1:9', silent.url]) {
        await useRemote(url);
        const started = Date.now();
        const res = await sign('vanthu.stp', await decisionPdf(), { layout: 'attachment', numberSymbol: '05/QĐ-STP' });
        expect(res.statusCode).toBe(502);
        expect(res.json().title).toContain('Dịch vụ ký số từ xa');
        expect(Date.now() - started).toBeLessThan(5000);
      }
    } finally {
      await silent.close();
    }
  });
});

function pdfkitDocument(
  options: ConstructorParameters<typeof PDFDocument>[0],
  extra?: (doc: PDFKit.PDFDocument) => void,
) {
  return new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Hello');
    extra?.(doc);
    doc.end();
  });
}

describe('bad input', () => {
  it.each([
    ['not a PDF', () => Buffer.from('PK\x03\x04 a zip file'), 415],
    ['an empty file', () => Buffer.alloc(0), 400],
    ['a huge file', () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3 * 1_048_576)]), 413],
  ])('verification answers %s with a clear 4xx', async (_, bytes, status) => {
    const res = await verify(bytes());
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('verification of a JSON body or a form without the file field is a 4xx', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/signatures/verify', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    const noFile = await post('/api/v1/signatures/verify', [{ name: 'other', value: 'x' }]);
    expect(noFile.statusCode).toBe(400);
  });

  it('a broken cross-reference table: 422 to sign and to verify an unsigned copy', async () => {
    const pdf = await decisionPdf();
    const broken = Buffer.from(pdf.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n999999999'), 'latin1');
    const signing = await sign('chuyenvien.stp', broken, { layout: 'signer' });
    expect(signing.statusCode).toBe(422);
    expect(signing.json().title).toContain('bảng tham chiếu chéo');
    expect((await verify(broken)).statusCode).toBe(422);
  });

  it('an encrypted PDF and a PDF with JavaScript are refused for signing with a clear reason', async () => {
    const encrypted = await pdfkitDocument({ userPassword: 'a', ownerPassword: 'b' });
    const res = await sign('chuyenvien.stp', encrypted, { layout: 'signer' });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toContain('mã hóa');
    const scripted = await pdfkitDocument({ compress: false }, (doc) => {
      const js = doc.ref({ S: 'JavaScript', JS: new String('app.alert(1)') });
      js.end('');
      (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OpenAction = js;
    });
    const refused = await sign('chuyenvien.stp', scripted, { layout: 'signer' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().title).toContain('JavaScript');
    const note = (await verify(scripted)).json();
    expect(note.signatures).toEqual([]);
  });

  it('an attachment needs its number and symbol; page numbers are checked', async () => {
    const pdf = await decisionPdf();
    expect((await sign('vanthu.stp', pdf, { layout: 'attachment' })).json().errors[0].field).toBe('numberSymbol');
    const page = await sign('chuyenvien.stp', pdf, { layout: 'signer', page: '9' });
    expect(page.statusCode).toBe(422);
    expect(page.json().title).toBe('Trang 9 không có trong văn bản (có 2 trang).');
  });
});

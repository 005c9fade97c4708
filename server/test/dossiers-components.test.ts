// Component files: uploads checked by content against the component's accepted types and size, stored by SHA-256
// in the blob store, listed and downloaded within scope, audited.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../src/modules/calendar/vn-time.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { AGENCY, Desk } from './dossiers-helpers.ts';
import { type TestApp, testApp } from './harness.ts';

const clock = fixedClock(new Date(vnInstant('2025-03-10', '08:00')));
let t: TestApp;
let desk: Desk;
let id: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----congso-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(username: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const { payload, type } = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/components`,
    headers: { ...(await desk.as(username)).headers, 'content-type': type },
    payload,
  });
}

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_RATE_PER_MINUTE: '100000' } });
  desk = new Desk(t);
  await desk.procedure('9.950001', [[AGENCY.p1, 'commune-standard']], 3);
  id = (await desk.open('motcua.p1', { procedureCode: '9.950001' })).id;
});
afterAll(() => t.close());

describe('component files', () => {
  it('stores a file whose content matches its type, lists it and downloads the same bytes', async () => {
    const res = await upload('motcua.p1', { component: '1' }, { name: 'to-khai.pdf', bytes: PDF });
    expect(res.statusCode, res.body).toBe(201);
    const stored = res.json();
    expect(stored).toMatchObject({ fileName: 'to-khai.pdf', type: 'pdf', size: PDF.length });
    expect(stored.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/components`,
      headers: (await desk.as('motcua.p1')).headers,
    });
    expect(list.json().items[0].files.map((f: { id: string }) => f.id)).toEqual([stored.id]);
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/components/files/${stored.id}`,
      headers: (await desk.as('motcua.p1')).headers,
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(await desk.audits(id)).toContain('dossier.component_attached');
    const outsider = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/components/files/${stored.id}`,
      headers: (await desk.as('chuyenvien.stp')).headers,
    });
    expect(outsider.statusCode).toBe(403);
  });

  it('refuses a file whose content is not what its name says, naming the field', async () => {
    const res = await upload('motcua.p1', { component: '1' }, { name: 'to-khai.pdf', bytes: PNG });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('file');
    expect(res.json().title).toMatch(/không phải là tệp PDF/);
  });

  it('refuses an unknown component or a missing file, naming the field', async () => {
    const unknown = await upload('motcua.p1', { component: '99' }, { name: 'a.pdf', bytes: PDF });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('component');
    const missing = await upload('motcua.p1', { component: '1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('file');
  });

  it('refuses an upload by staff of another agency', async () => {
    expect((await upload('chuyenvien.stp', { component: '1' }, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(403);
  });
});

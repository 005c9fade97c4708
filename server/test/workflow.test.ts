// Stored workflows through the API: the six seeded ones, drafts with If-Match, validation naming the path of each
// problem, publication retiring the previous version, ownership, and diagrams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNE_STANDARD } from '../src/modules/workflow/seeds.ts';
import { type Session, type TestApp, testApp } from './harness.ts';

let t: TestApp;
let admin: Session;
let stpAdmin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin');
  stpAdmin = await t.login('quantri.stp');
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PUT', url: string, s: Session, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload ? { payload } : {}) });

describe('seeded workflows', () => {
  it('lists the six published workflows of DOMAIN.md §4 / the issue (a)–(f)', async () => {
    const res = await t.app.inject({ url: '/api/v1/workflows' });
    expect(
      res
        .json()
        .items.map((w: { code: string }) => w.code)
        .sort(),
    ).toEqual([
      'commune-on-the-spot',
      'commune-standard',
      'commune-to-district',
      'department-standard',
      'service-centre',
      'with-fee',
    ]);
    expect(res.json().items.every((w: { latestStatus: string }) => w.latestStatus === 'published')).toBe(true);
  });

  it('draws a published version as SVG with Vietnamese step names, and as Mermaid', async () => {
    const svg = await t.app.inject({ url: '/api/v1/workflows/department-standard/versions/1/diagram.svg' });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/<svg[\s\S]*<\/svg>\s*$/);
    expect(svg.body).toContain('Lãnh đạo phòng');
    const mmd = await t.app.inject({ url: '/api/v1/workflows/commune-standard/versions/1/diagram.mmd' });
    expect(mmd.body).toMatch(/^stateDiagram-v2/);
  });
});

describe('drafting and publishing', () => {
  const definition = { ...COMMUNE_STANDARD, code: 'stp-chung-thuc', name: 'Chứng thực tại Sở Tư pháp' };

  it('names the path of every problem of a broken definition', async () => {
    const broken = {
      ...definition,
      steps: definition.steps.map((s, i) => (i === 1 ? { ...s, actions: [{ ...s.actions[0]!, to: 'khong_co' }] } : s)),
    };
    const res = await send('POST', '/api/v1/workflows/validate', stpAdmin, { definition: broken });
    expect(res.statusCode).toBe(200);
    expect(res.json().problems[0].field).toMatch(/^definition\.steps\[1\]\.actions\[0\]\.to$/);
    const refused = await send('POST', '/api/v1/workflows', admin, { definition: broken });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().title).toBe('Quy trình chưa hợp lệ.');
  });

  it('lets an agency administrator own a workflow of their agency, not a province-wide one', async () => {
    const agencies = await t.app.inject({ url: '/api/v1/agencies?q=000.00.03.H05' });
    const stp = agencies.json().items[0].id;
    const provinceWide = await send('POST', '/api/v1/workflows', stpAdmin, { definition });
    expect(provinceWide.statusCode).toBe(403);
    const own = await send('POST', '/api/v1/workflows', stpAdmin, { definition, ownerAgencyId: stp });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toEqual({ code: 'stp-chung-thuc', version: 1, status: 'draft', revision: 1 });
  });

  it('saves drafts with If-Match, publishes, and retires the previous version on the next publication', async () => {
    const first = await send('POST', '/api/v1/workflows/stp-chung-thuc/publish', stpAdmin, undefined, {
      'if-match': '"1"',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, status: 'published' });

    const renamed = { ...definition, name: 'Chứng thực tại Sở Tư pháp (sửa đổi)' };
    const stale = await send(
      'PUT',
      '/api/v1/workflows/stp-chung-thuc/draft',
      stpAdmin,
      { definition: renamed },
      { 'if-match': '"3"' },
    );
    expect(stale.statusCode).toBe(412);
    const v2 = await send(
      'PUT',
      '/api/v1/workflows/stp-chung-thuc/draft',
      stpAdmin,
      { definition: renamed },
      { 'if-match': '"0"' },
    );
    expect(v2.json()).toEqual({ code: 'stp-chung-thuc', version: 2, status: 'draft', revision: 1 });
    const again = await send(
      'PUT',
      '/api/v1/workflows/stp-chung-thuc/draft',
      stpAdmin,
      { definition: renamed },
      { 'if-match': '"1"' },
    );
    expect(again.json().revision).toBe(2);
    const wrongCode = await send(
      'PUT',
      '/api/v1/workflows/stp-chung-thuc/draft',
      stpAdmin,
      { definition: COMMUNE_STANDARD },
      { 'if-match': '"2"' },
    );
    expect(wrongCode.json().errors[0].field).toBe('definition.code');

    const second = await send('POST', '/api/v1/workflows/stp-chung-thuc/publish', stpAdmin, undefined, {
      'if-match': '"2"',
    });
    expect(second.json()).toMatchObject({ version: 2, status: 'published' });
    const versions = (await t.app.inject({ url: '/api/v1/workflows/stp-chung-thuc' })).json().versions;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    // The retired version stays readable: dossiers received under it keep it.
    const v1 = await t.app.inject({ url: '/api/v1/workflows/stp-chung-thuc/versions/1' });
    expect(v1.json().definition.name).toBe('Chứng thực tại Sở Tư pháp');
  });

  it('refuses a province-wide edit to an agency administrator and accepts it from the system administrator', async () => {
    const draft = { ...COMMUNE_STANDARD, name: 'Cấp xã: một cửa → chuyên viên → chủ tịch ký → trả kết quả' };
    const refused = await send(
      'PUT',
      '/api/v1/workflows/commune-standard/draft',
      stpAdmin,
      { definition: draft },
      { 'if-match': '"0"' },
    );
    expect(refused.statusCode).toBe(403);
    const accepted = await send(
      'PUT',
      '/api/v1/workflows/commune-standard/draft',
      admin,
      { definition: draft },
      { 'if-match': '"0"' },
    );
    expect(accepted.json()).toMatchObject({ version: 2, status: 'draft' });
  });
});

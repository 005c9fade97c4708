// Public search and reading of the procedure catalogue (module catalog) over the demo catalogue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVietnamese } from '../src/modules/catalog/sort-key.ts';
import { type TestApp, testApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

interface Item {
  code: string;
  name: string;
  onlineLevel: string;
  levels: string[];
  applicantTypes: string[];
  field: { code: string; name: string };
}
interface Result {
  items: Item[];
  nextCursor: string | null;
  total: number;
  facets: Record<'field' | 'level' | 'applicant' | 'onlineLevel', { value: string; label: string; count: number }[]>;
}

const search = async (query: string): Promise<Result> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/procedures?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every item of a search, following the cursor page by page. */
async function all(query: string, limit: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: Result = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('GET /api/v1/procedures: ranking', () => {
  it('finds "Đăng ký khai sinh" first for "dang ky khai sinh", without diacritics', async () => {
    const page = await search('q=dang ky khai sinh');
    expect(page.items[0]?.name).toBe('Đăng ký khai sinh');
    expect(page.items.map((i) => i.name)).toContain('Đăng ký khai sinh có yếu tố nước ngoài');
    expect(page.items.map((i) => i.name)).not.toContain('Đăng ký kết hôn');
  });

  it.each(['dang ky khai sihn', 'dang ki khai sinh', 'đăng ký khai xinh', 'DANG KY KHAI SINH', 'dang  ky, khai sinh'])(
    'still finds it first with a one-letter typo, another case or punctuation: %s',
    async (q) => {
      const page = await search(`q=${encodeURIComponent(q)}`);
      expect(page.items[0]?.name).toBe('Đăng ký khai sinh');
    },
  );

  it('puts the exact code first', async () => {
    const page = await search('q=9.000019');
    expect(page.items[0]?.code).toBe('9.000019');
  });

  it('puts names that start with the query before names that only contain it', async () => {
    const page = await search(`q=${encodeURIComponent('dang ky')}&limit=100`);
    const names = page.items.map((i) => i.name);
    const firstOther = names.findIndex((n) => !n.startsWith('Đăng ký'));
    expect(firstOther).toBeGreaterThan(0);
    expect(names.slice(firstOther).every((n) => !n.startsWith('Đăng ký'))).toBe(true);
    expect(names.slice(firstOther)).toContain('Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất');
  });

  it('finds names holding every word in any order', async () => {
    const page = await search(`q=${encodeURIComponent('giay phep xay dung nha o')}`);
    expect(page.items.map((i) => i.name)).toContain('Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ');
  });

  it('finds nothing for a query that resembles no name', async () => {
    const page = await search('q=zzzzqqqq');
    expect(page).toMatchObject({ items: [], total: 0, nextCursor: null });
  });
});

describe('GET /api/v1/procedures: filters, facets, order and pages', () => {
  it('lists the whole catalogue in Vietnamese order, page by page, without repeats', async () => {
    const first = await search('limit=100');
    const items = await all('', 7);
    expect(items.length).toBe(first.total);
    expect(first.total).toBeGreaterThanOrEqual(40);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    const names = items.map((i) => i.name);
    expect(names).toEqual([...names].sort(compareVietnamese));
    // Đ sorts after every D, and "Đăng ký khai sinh" before its longer variants
    expect(names.indexOf('Đăng ký khai sinh')).toBeLessThan(names.indexOf('Đăng ký khai sinh lưu động'));
  });

  it('keeps the ranking across pages of a search', async () => {
    const paged = await all(`q=${encodeURIComponent('dang ky')}`, 3);
    const whole = await search(`q=${encodeURIComponent('dang ky')}&limit=100`);
    expect(paged.map((i) => i.code)).toEqual(whole.items.map((i) => i.code));
  });

  it('counts facets over the matches, and each facet count is what its filter finds', async () => {
    const page = await search('limit=1');
    const fields = page.facets.field;
    expect(fields.reduce((n, f) => n + f.count, 0)).toBe(page.total);
    expect(fields.find((f) => f.value === 'HT')?.label).toBe('Hộ tịch');
    const full = page.facets.onlineLevel.find((f) => f.value === 'full')!;
    expect(full.label).toBe('Toàn trình');
    expect((await search('onlineLevel=full')).total).toBe(full.count);
    const province = page.facets.level.find((f) => f.value === 'province')!;
    expect(province.label).toBe('Tỉnh');
    expect((await search('level=province')).total).toBe(province.count);
    const enterprise = page.facets.applicant.find((f) => f.value === 'enterprise')!;
    expect((await search('applicant=enterprise')).total).toBe(enterprise.count);
  });

  it('filters by field, level, online level, applicant and agency, together with a query', async () => {
    const civil = await search('field=HT&limit=100');
    expect(civil.items.every((i) => i.field.code === 'HT')).toBe(true);
    const both = await search('q=dang ky&level=commune&onlineLevel=full&limit=100');
    expect(both.items.length).toBeGreaterThan(0);
    expect(both.items.every((i) => i.levels.includes('commune') && i.onlineLevel === 'full')).toBe(true);
    expect(both.facets.onlineLevel).toEqual([{ value: 'full', label: 'Toàn trình', count: both.total }]);
    // Phường 1 offers commune procedures, not the Sở's
    const ward = await search('agency=000.02.11.H05&limit=100');
    expect(ward.items.map((i) => i.name)).toContain('Đăng ký khai sinh');
    expect(ward.items.map((i) => i.name)).not.toContain('Cấp giấy phép hoạt động in');
    const agency = await t.ctx.database.db
      .selectFrom('agency')
      .select('id')
      .where('identifier', '=', '000.02.11.H05')
      .executeTakeFirstOrThrow();
    expect((await search(`agency=${agency.id}`)).total).toBe(ward.total);
    expect((await search('agency=000.00.99.H05')).total).toBe(0);
  });

  it.each([
    ['level=country', 'level'],
    ['cursor=not-a-cursor', 'cursor'],
    ['limit=0', 'limit'],
    ['colour=red', 'colour'],
  ])('refuses %s, naming the parameter', async (query, field) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/procedures?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe(field);
  });
});

describe('GET /api/v1/procedures/{code}', () => {
  it('returns the current published version with everything a citizen needs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/procedures/9.000001' });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      code: '9.000001',
      name: 'Đăng ký khai sinh',
      version: 1,
      field: { code: 'HT', name: 'Hộ tịch' },
      managingAgency: { identifier: '000.00.03.H05', name: 'Sở Tư pháp tỉnh Bạc Liêu' },
      onlineLevel: 'full',
      legacyLevel: 4,
      free: true,
      result: { kind: 'certificate', electronic: true },
      text: { processingTime: '1 ngày làm việc', onlineLevel: 'Toàn trình' },
    });
    expect(p.offerings.map((o: { agency: string }) => o.agency)).toContain('000.02.11.H05');
    expect(p.offerings[0].name).toMatch(/^Ủy ban nhân dân/);
    expect(p.eform.schema.type).toBe('object');
    expect(Object.keys(p.eform.schema.properties).slice(0, 2)).toEqual(['hoTen', 'soDinhDanh']);
    expect(p.legalBasis[0]).toContain('Luật Hộ tịch');
    const withTemplate = p.components.find((c: { template: unknown }) => c.template);
    const file = await t.app.inject({ method: 'GET', url: withTemplate.template.url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('to-khai-dang-ky-khai-sinh.pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/procedures/8.123456' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/procedures/1.23' })).statusCode).toBe(400);
  });
});

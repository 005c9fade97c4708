// The citizen portal as a person uses it: find a procedure while typing, read it, reach "Nộp hồ sơ trực tuyến",
// browse the catalogue by field, do it all with the keyboard alone, on a phone and in English. axe-core checks
// every page; screenshots at 360 px and 1280 px go to docs/screenshots/portal-*.png for a person to look at.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, seriousViolations } from './browser.ts';

const baseUrl = inject('baseUrl');
const SHOTS = new URL('../docs/screenshots/', import.meta.url).pathname;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
  await mkdir(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

async function open(path: string, viewport = DESKTOP): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${baseUrl}${path}`);
  return page;
}

/** Waits for the page's one heading of level 1 to read `text` (pages are fetched as their links are followed). */
const heading = (page: Page, text: string) =>
  page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 15_000 });
/** Waits for the live result count to match. */
const resultCount = (page: Page, pattern: RegExp) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.querySelector('.result-count')?.textContent ?? ''),
    pattern.source,
  );
const resultLink = (page: Page, name: string) =>
  page.locator('.procedure-list').getByRole('link', { name, exact: true });

/** The page as it stands passes axe (no serious or critical violation) and fits the width of its viewport. */
async function checkPage(page: Page, shot?: string) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
  if (shot) await page.screenshot({ path: `${SHOTS}portal-${shot}.png`, fullPage: true });
}

describe('finding a procedure', () => {
  it('answers while typing on the home page, without diacritics', async () => {
    const page = await open('/');
    await heading(page, 'Bạn cần làm thủ tục gì?');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const searches: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/procedures' && url.searchParams.has('q'))
        searches.push(url.searchParams.get('q') ?? '');
    });
    await page.getByLabel('Tìm thủ tục theo tên hoặc mã').pressSequentially('dang ky khai sinh', { delay: 40 });
    await resultLink(page, 'Đăng ký khai sinh').waitFor();
    // A search leaves after each pause in typing, not after each letter, and the last one is for the whole text.
    // (A stall of the loaded machine may make one extra pause: not one search per letter all the same.)
    expect(searches.length).toBeLessThanOrEqual(3);
    expect(searches.at(-1)).toBe('dang ky khai sinh');
    expect(new URL(page.url()).pathname).toBe('/'); // found while typing, nothing submitted
    await resultCount(page, /^Tìm thấy \d+ thủ tục\.$/);
    await checkPage(page, 'home-desktop');

    await resultLink(page, 'Đăng ký khai sinh').click();
    await heading(page, 'Đăng ký khai sinh');
    const facts = page.locator('.key-facts');
    await expect(facts.textContent()).resolves.toContain('Thời hạn giải quyết1 ngày làm việc');
    await expect(facts.textContent()).resolves.toContain('Lệ phí đăng ký khai sinh: Miễn');
    const components = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await expect(components.textContent()).resolves.toContain('Tờ khai đăng ký khai sinh');
    const template = components.getByRole('link', { name: /Tải mẫu: to-khai-dang-ky-khai-sinh\.pdf/ });
    const download = await page.request.get(new URL((await template.getAttribute('href')) ?? '', baseUrl).href);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(await page.getByRole('region', { name: 'Nơi tiếp nhận hồ sơ' }).textContent()).toContain(
      'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu',
    );
    await checkPage(page, 'procedure-desktop');

    // Applying needs an account: the visitor is sent to sign in, and will be brought back (journey.e2e.ts).
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await heading(page, 'Đăng nhập');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/nop-ho-so/9.000001');
    await checkPage(page);
    await page.close();
  });

  it('filters the catalogue by field and loads more results', async () => {
    const page = await open('/thu-tuc');
    await heading(page, 'Danh mục thủ tục hành chính');
    await resultCount(page, /^Đang hiển thị 20 trên \d+ thủ tục\.$/);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.procedure-card').length > 20);

    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Hộ tịch' });
    await page.waitForURL(/field=HT/);
    await page.waitForFunction(() =>
      /trên 14 thủ tục/.test(document.querySelector('.result-count')?.textContent ?? ''),
    );
    const fields = await page.locator('.procedure-card__meta span[lang="vi"]').allTextContents();
    expect(new Set(fields)).toEqual(new Set(['Hộ tịch']));
    await checkPage(page, 'catalogue-desktop');
    await page.close();
  });

  it('opens a field from the home page', async () => {
    const page = await open('/');
    await page.locator('.field-card', { hasText: 'Chứng thực' }).click();
    await page.waitForURL(/\/thu-tuc\?field=CT$/);
    await resultLink(page, 'Chứng thực chữ ký trong các giấy tờ, văn bản').waitFor();
    await page.close();
  });

  it('works with the keyboard alone', async () => {
    const page = await open('/');
    await heading(page, 'Bạn cần làm thủ tục gì?');
    // Start from the top of the document, as a person arriving on the page does, whatever has focus now.
    await page.evaluate(() => {
      const top = document.createElement('span');
      top.tabIndex = -1;
      document.body.prepend(top);
      top.focus();
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('khai tu');
    await resultLink(page, 'Đăng ký khai tử').waitFor();
    let presses = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Đăng ký khai tử' && presses++ < 10) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await heading(page, 'Đăng ký khai tử');
    // After navigating, focus starts at the main region, so the next Tab stays in the page's content.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});

describe('on a 360 px phone', () => {
  it('shows home, catalogue and procedure without horizontal scrolling', async () => {
    const page = await open('/', PHONE);
    await page.locator('.field-card').first().waitFor();
    await checkPage(page, 'home-phone');
    await page.goto(`${baseUrl}/thu-tuc?field=HT`);
    await resultLink(page, 'Đăng ký khai sinh').waitFor();
    await page.locator('summary', { hasText: 'Bộ lọc (1)' }).click();
    await checkPage(page, 'catalogue-phone');
    await page.goto(`${baseUrl}/thu-tuc/9.000020`);
    await heading(page, 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ');
    await checkPage(page, 'procedure-phone');
    await page.close();
  });
});

describe('English, 404 and errors', () => {
  it('switches to English and remembers it', async () => {
    const page = await open('/', PHONE);
    await page.getByRole('button', { name: 'English' }).click();
    await heading(page, 'What do you need to do?');
    await page.goto(`${baseUrl}/thu-tuc/9.000001`);
    await page.getByRole('link', { name: 'Apply online' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('h1', 'lang')).toBe('vi'); // the procedure's name stays Vietnamese
    await checkPage(page, 'procedure-phone-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.close();
  });

  it('says in a sentence when sign-in with VNeID is not configured', async () => {
    const page = await open('/dang-nhap');
    await heading(page, 'Đăng nhập');
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Đăng nhập bằng tài khoản định danh điện tử (VNeID) chưa được cấu hình trên hệ thống này.',
    );
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await checkPage(page);
    await page.close();
  });

  it('says when a page or a procedure does not exist', async () => {
    const page = await open('/khong-co-trang-nay');
    await heading(page, 'Không tìm thấy trang');
    await checkPage(page);
    await page.goto(`${baseUrl}/thu-tuc/9.999999`);
    await expect(page.getByRole('alert').textContent({ timeout: 15_000 })).resolves.toContain(
      'Không tìm thấy thủ tục 9.999999.',
    );
    await checkPage(page);
    await page.close();
  });
});

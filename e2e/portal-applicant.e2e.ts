// What goes wrong on the way, handled so that nothing is lost and every message is clear Vietnamese: a wrong
// identity number in the profile, a session that expires while the applicant types, a connection that drops
// during an upload, a file over the limit; then a supplement asked for by the desk, a withdrawal, and the pages in
// English. Real server, real browser, axe on every page at both widths.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, DESKTOP, heading as headingOf, look, STEP_MS, signUp } from './applicant.ts';
import { launch } from './browser.ts';
import { smallPdf } from './console.ts';
import { Staff } from './staff-api.ts';

const PASSWORD = 'mat-khau-cua-anh-minh';
const login = `le.van.minh.${Date.now()}@example.vn`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let dossierId = '';

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  await page.goto(`${baseUrl}/dang-ky?${new URLSearchParams({ next: '/tai-khoan' })}`);
  await signUp(page, login, 'Lê Văn Minh', PASSWORD);
}, STEP_MS);
afterAll(() => browser?.close());

const heading = (text: string | RegExp) => headingOf(page, text);
const field = (label: string) => page.getByLabel(label, { exact: true });

describe('the profile', () => {
  it(
    'names a wrong identity number under its field, and keeps the address with its commune',
    async () => {
      await heading('Tài khoản của tôi');
      const identity = page.getByLabel('Số định danh cá nhân (số căn cước)');
      // Twelve digits, but no province has the code 003 (DOMAIN.md §2): only the server knows, and says so.
      await identity.fill('003187000123');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      const message = page.locator('.ant-form-item-explain-error').first();
      await message.waitFor();
      expect(await message.textContent()).toContain(
        'bắt đầu bằng 003, không phải mã tỉnh nơi đăng ký khai sinh trong danh mục của Bộ Công an.',
      );
      await look(page, 'profile-error');

      await identity.fill('095187000456');
      await page.getByLabel('Số nhà, đường, ấp/khóm').fill('Số 5 đường Trần Phú, khóm 2');
      await page.getByLabel('Tỉnh, thành phố').selectOption({ index: 1 });
      const commune = page.getByLabel(/^Xã, phường/);
      await expect.poll(() => commune.locator('option').count()).toBeGreaterThan(1);
      await commune.selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await page.getByText('Đã lưu thông tin.').waitFor();
      await look(page, 'profile');
    },
    STEP_MS,
  );
});

describe('applying when things go wrong', () => {
  it(
    'keeps what was typed when the session expires mid-form, and returns to it after signing in',
    async () => {
      await page.goto(`${baseUrl}/nop-ho-so/9.000001`);
      await page.getByRole('radio', { name: 'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu' }).check();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.waitForURL(/buoc=to-khai/);
      dossierId = new URL(page.url()).searchParams.get('ho-so') ?? '';
      await field('Nơi sinh').fill('Trạm y tế Phường 1');
      await page.getByText(/^Đã lưu bản nháp lúc/).waitFor();

      // The session ends (signed out elsewhere, or expired) while the applicant goes on typing.
      await context.clearCookies();
      await field('Dân tộc').fill('Kinh');
      await page.waitForURL(/\/dang-nhap\?/);
      await page.getByText('Phiên đăng nhập đã hết hạn.', { exact: false }).waitFor();
      await look(page, 'session-expired');
      await page.getByLabel('Email hoặc số điện thoại').fill(login);
      await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

      await page.waitForURL(/buoc=to-khai/);
      expect(new URL(page.url()).searchParams.get('ho-so')).toBe(dossierId);
      await field('Dân tộc').waitFor();
      expect(await field('Nơi sinh').inputValue()).toBe('Trạm y tế Phường 1');
      expect(await field('Dân tộc').inputValue()).toBe('Kinh');
    },
    STEP_MS,
  );

  it(
    'sends a file again by itself after the connection drops, and refuses one over the limit',
    async () => {
      const fields: [string, string][] = [
        ['Số định danh cá nhân', '095187000456'],
        ['Nơi cư trú', 'Số 5 đường Trần Phú, khóm 2, Phường 1'],
        ['Số điện thoại', '0987654321'],
        ['Họ, chữ đệm và tên người được khai sinh', 'Lê Gia Bảo'],
        ['Ngày, tháng, năm sinh', '2026-11-01'],
        ['Quốc tịch', 'Việt Nam'],
      ];
      for (const [label, value] of fields) await field(label).fill(value);
      await field('Quan hệ với người được khai sinh').selectOption({ label: 'Cha' });
      await field('Giới tính').selectOption({ label: 'Nam' });
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.waitForURL(/buoc=thanh-phan/);

      // The first attempt of each upload is cut off, as a phone losing its signal does.
      let dropped = 0;
      await page.route('**/components', async (route) => {
        if (route.request().method() === 'POST' && dropped++ === 0) return route.abort('connectionreset');
        return route.continue();
      });
      const drop = (component: string) =>
        page.getByRole('region', { name: new RegExp(`^${component}`) }).locator('input[type=file]');
      await drop('1. Tờ khai').setInputFiles({
        name: 'to-khai.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('TO KHAI'),
      });
      await page.getByText(/Mất kết nối, đang thử lại/).waitFor();
      await page.getByRole('link', { name: 'to-khai.pdf' }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole('link', { name: 'to-khai.pdf' }).count()).toBe(1);
      await page.unroute('**/components');

      const big = Buffer.concat([smallPdf('GIAY CHUNG SINH'), Buffer.alloc(11 * 1_048_576)]);
      await drop('2. Giấy chứng sinh').setInputFiles({
        name: 'giay-chung-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: big,
      });
      await page.getByText('Tệp "giay-chung-sinh.pdf" quá lớn: tối đa 10 MB.').waitFor();
      await drop('2. Giấy chứng sinh').setInputFiles({
        name: 'giay-chung-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: smallPdf('GIAY CHUNG SINH'),
      });
      await page.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor();
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
      await page.waitForURL(/buoc=xem-lai/);
      await page.getByRole('checkbox', { name: /Tôi xin cam đoan/ }).check();
      await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
      await page.waitForURL(new RegExp(`/ho-so-cua-toi/${dossierId}`));
      await page.getByText('Đã nộp hồ sơ.').waitFor();
    },
    STEP_MS,
  );
});

describe('following the dossier', () => {
  it(
    'supplements when the desk asks, with a new file and the "Bổ sung" button',
    async () => {
      const officer = await Staff.signIn('motcua.p1');
      await officer.act(dossierId, 'request_supplement', {
        reason: 'Giấy chứng sinh chụp bị mờ, đề nghị nộp bản rõ hơn.',
      });

      await page.reload();
      await heading('Đăng ký khai sinh');
      await page.getByText('Giấy chứng sinh chụp bị mờ, đề nghị nộp bản rõ hơn.').first().waitFor();
      const supplement = page.getByRole('region', { name: 'Bổ sung hồ sơ' });
      await supplement
        .getByRole('region', { name: /^2\. Giấy chứng sinh/ })
        .locator('input[type=file]')
        .setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: smallPdf('BAN RO') });
      await supplement.getByRole('link', { name: 'giay-chung-sinh-ro.pdf' }).waitFor();
      await look(page, 'supplement');
      await supplement.getByRole('button', { name: 'Bổ sung' }).click();
      await page.locator('.status-tag', { hasText: 'Chờ tiếp nhận' }).waitFor();
      expect(await page.locator('.timeline').textContent()).toContain('Bổ sung hồ sơ');
    },
    STEP_MS,
  );

  it(
    'withdraws after confirming, with a reason',
    async () => {
      // The same dossier in a new tab of the same session. In two CI runs out of about ten, the tab that had just sent
      // the supplement stopped painting: its script still ran and its text was right (failure-evidence.ts), but no
      // frame came, so no click could land. Not reproduced alone; a new tab starts with a new compositor.
      const fresh = await context.newPage();
      await fresh.goto(page.url());
      await page.close();
      page = fresh;
      await heading('Đăng ký khai sinh');
      await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rút hồ sơ?' });
      await dialog.getByRole('button', { name: 'Rút hồ sơ' }).click();
      await dialog.getByText('Hãy cho biết lý do rút hồ sơ.').waitFor();
      await dialog.getByLabel('Lý do rút hồ sơ').fill('Gia đình đã đăng ký khai sinh tại nơi khác.');
      await look(page, 'withdraw');
      await dialog.getByRole('button', { name: 'Rút hồ sơ' }).click();
      await page.locator('.status-tag', { hasText: 'Đã rút' }).waitFor();
      expect(await page.getByRole('button', { name: 'Rút hồ sơ' }).count()).toBe(0);
    },
    STEP_MS,
  );

  it(
    'reads the same pages in English',
    async () => {
      await page.getByRole('button', { name: 'English' }).click();
      await heading('Đăng ký khai sinh'); // the procedure's name stays Vietnamese
      await page.locator('.status-tag', { hasText: 'Withdrawn' }).waitFor();
      await page.getByRole('link', { name: 'My dossiers' }).first().click();
      await heading('My dossiers');
      await page.locator('.dossier-card', { hasText: 'Withdrawn' }).waitFor();
      await look(page, 'my-dossiers-en');
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await heading('Hồ sơ của tôi');
    },
    STEP_MS,
  );
});
